package dev.sluice.pipeline.forward.influx;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Escapes UTF-8 text for the places of a line-protocol line that hold names and tag values, as InfluxDB reads
 * them back: a backslash before each comma and space, and before each equals sign except in the measurement.
 * Other backslashes are written as they are, because InfluxDB keeps {@code \\} as two characters.
 *
 * <p>What InfluxDB cannot read back is refused with {@link #UNREPRESENTABLE}: empty text, text ending in a backslash
 * (InfluxDB would take the separator after it as escaped), and in a field key a backslash right before a character
 * that is escaped or a double quote (InfluxDB's field scanner treats it as an escape of its own). A newline cannot
 * be escaped at all and is written as the two characters {@code \n}.
 */
final class LineProtocolText
{
    /** Returned instead of a position when the text cannot be written. */
    static final int UNREPRESENTABLE = -1;

    private static final byte BACKSLASH = '\\';

    /** Where in a line the text goes; each place escapes its own set of characters. */
    enum Part
    {
        /** The measurement: commas and spaces escaped. */
        MEASUREMENT,
        /** A tag key or value: commas, equals signs and spaces escaped. */
        TAG,
        /** A field key: escaped like a tag, and stricter about backslashes. */
        FIELD_KEY
    }

    private LineProtocolText()
    {
    }

    /**
     * Writes text escaped for its place.
     *
     * @param part      where the text goes.
     * @param src       the UTF-8 text.
     * @param offset    index of its first byte.
     * @param length    its length in bytes.
     * @param dst       where to write; must grow as written (an expandable buffer) or have room for twice the
     *                  length.
     * @param dstOffset index of the first byte to write.
     * @return the index after the last byte written, or {@link #UNREPRESENTABLE} (some bytes may have been written).
     */
    static int write(
        final Part part,
        final DirectBuffer src,
        final int offset,
        final int length,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        final int end = offset + length;
        if (length == 0 || src.getByte(end - 1) == BACKSLASH)
        {
            return UNREPRESENTABLE;
        }
        int position = dstOffset;
        int runStart = offset;
        for (int i = offset; i < end; i++)
        {
            final byte b = src.getByte(i);
            final boolean escaped = b == ',' || b == ' ' || b == '\n' || (b == '=' && part != Part.MEASUREMENT);
            if (part == Part.FIELD_KEY && (escaped || b == '"') && i > offset && src.getByte(i - 1) == BACKSLASH)
            {
                return UNREPRESENTABLE;
            }
            if (escaped)
            {
                dst.putBytes(position, src, runStart, i - runStart);
                position += i - runStart;
                dst.putByte(position++, BACKSLASH);
                dst.putByte(position++, b == '\n' ? (byte)'n' : b);
                runStart = i + 1;
            }
        }
        dst.putBytes(position, src, runStart, end - runStart);
        return position + end - runStart;
    }
}
