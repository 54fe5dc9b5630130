package dev.sluice.parser;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * UTF-8 decoding and encoding over buffer ranges without allocation, with the acceptance rules of Go's
 * {@code unicode/utf8}, so that Sluice judges names and texts as Prometheus does: shortest form only, no surrogates,
 * nothing above U+10FFFF. A byte that does not start a well-formed sequence counts, as in Go, as one character U+FFFD
 * one byte wide.
 */
public final class Utf8
{
    /** The code point Go substitutes for each byte of malformed input. */
    public static final int REPLACEMENT_CHARACTER = 0xFFFD;

    private static final int MAX_CODE_POINT = 0x10FFFF;
    private static final int MIN_SURROGATE = 0xD800;
    private static final int MAX_SURROGATE = 0xDFFF;
    /** The high bit of each byte of a word, clear in every byte of an ASCII word whatever the byte order. */
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private Utf8()
    {
    }

    /**
     * Length of the well-formed sequence that starts at {@code index}.
     *
     * @param buffer the bytes.
     * @param index  where the sequence starts, below {@code end}.
     * @param end    index one past the last byte that may be read.
     * @return 1 to 4, or 0 when the bytes at {@code index} are not well-formed UTF-8.
     */
    public static int sequenceLength(final DirectBuffer buffer, final int index, final int end)
    {
        final int lead = buffer.getByte(index) & 0xFF;
        if (lead < 0x80)
        {
            return 1;
        }
        if (lead < 0xC2)
        {
            return 0;
        }
        if (lead < 0xE0)
        {
            return isByteIn(buffer, index + 1, end, 0x80, 0xBF) ? 2 : 0;
        }
        if (lead < 0xF0)
        {
            // E0 needs A0.. to stay shortest-form; ED stops at 9F to exclude the surrogates.
            final int low = lead == 0xE0 ? 0xA0 : 0x80;
            final int high = lead == 0xED ? 0x9F : 0xBF;
            return isByteIn(buffer, index + 1, end, low, high) && isByteIn(buffer, index + 2, end, 0x80, 0xBF) ? 3 : 0;
        }
        if (lead < 0xF5)
        {
            // F0 needs 90.. to stay shortest-form; F4 stops at 8F to stay at or below U+10FFFF.
            final int low = lead == 0xF0 ? 0x90 : 0x80;
            final int high = lead == 0xF4 ? 0x8F : 0xBF;
            return isByteIn(buffer, index + 1, end, low, high) && isByteIn(buffer, index + 2, end, 0x80, 0xBF) &&
                isByteIn(buffer, index + 3, end, 0x80, 0xBF) ? 4 : 0;
        }
        return 0;
    }

    /**
     * Whether a whole range is well-formed UTF-8.
     *
     * @param buffer the bytes.
     * @param offset first byte.
     * @param length number of bytes.
     * @return true when every byte belongs to a well-formed sequence.
     */
    public static boolean isWellFormed(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int i = offset;
        while (i < end)
        {
            // Names and help texts are mostly ASCII: eight bytes without a high bit are eight sequences at once.
            if (end - i >= Long.BYTES && (buffer.getLong(i) & HIGH_BITS) == 0)
            {
                i += Long.BYTES;
                continue;
            }
            final int width = sequenceLength(buffer, i, end);
            if (width == 0)
            {
                return false;
            }
            i += width;
        }
        return true;
    }

    /**
     * Whether a Java string encodes to well-formed UTF-8, that is, has no unpaired surrogate.
     *
     * @param text the string.
     * @return true when every surrogate is part of a pair.
     */
    public static boolean isWellFormed(final CharSequence text)
    {
        final int n = text.length();
        for (int i = 0; i < n; i++)
        {
            final char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                i++;
            }
            else if (Character.isSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes a sequence already measured by {@link #sequenceLength}.
     *
     * @param buffer the bytes.
     * @param index  where the sequence starts.
     * @param width  its length, 1 to 4.
     * @return the code point.
     */
    public static int codePoint(final DirectBuffer buffer, final int index, final int width)
    {
        final int lead = buffer.getByte(index) & 0xFF;
        if (width == 1)
        {
            return lead;
        }
        int codePoint = lead & (0x7F >> width);
        for (int i = 1; i < width; i++)
        {
            codePoint = (codePoint << 6) | (buffer.getByte(index + i) & 0x3F);
        }
        return codePoint;
    }

    /**
     * Whether a code point may be encoded: at most U+10FFFF and not a surrogate (Go's {@code utf8.ValidRune}).
     *
     * @param codePoint the candidate.
     * @return true when it is a Unicode scalar value.
     */
    public static boolean isScalarValue(final int codePoint)
    {
        return codePoint >= 0 && codePoint <= MAX_CODE_POINT &&
            (codePoint < MIN_SURROGATE || codePoint > MAX_SURROGATE);
    }

    /**
     * Writes the UTF-8 encoding of a scalar value.
     *
     * @param codePoint a value for which {@link #isScalarValue} holds.
     * @param dst       destination with room for 4 bytes at {@code index}.
     * @param index     where to write.
     * @return the number of bytes written.
     */
    public static int encode(final int codePoint, final MutableDirectBuffer dst, final int index)
    {
        if (codePoint < 0x80)
        {
            dst.putByte(index, (byte)codePoint);
            return 1;
        }
        if (codePoint < 0x800)
        {
            dst.putByte(index, (byte)(0xC0 | (codePoint >> 6)));
            dst.putByte(index + 1, (byte)(0x80 | (codePoint & 0x3F)));
            return 2;
        }
        if (codePoint < 0x10000)
        {
            dst.putByte(index, (byte)(0xE0 | (codePoint >> 12)));
            dst.putByte(index + 1, (byte)(0x80 | ((codePoint >> 6) & 0x3F)));
            dst.putByte(index + 2, (byte)(0x80 | (codePoint & 0x3F)));
            return 3;
        }
        dst.putByte(index, (byte)(0xF0 | (codePoint >> 18)));
        dst.putByte(index + 1, (byte)(0x80 | ((codePoint >> 12) & 0x3F)));
        dst.putByte(index + 2, (byte)(0x80 | ((codePoint >> 6) & 0x3F)));
        dst.putByte(index + 3, (byte)(0x80 | (codePoint & 0x3F)));
        return 4;
    }

    private static boolean isByteIn(
        final DirectBuffer buffer, final int index, final int end, final int low, final int high)
    {
        if (index >= end)
        {
            return false;
        }
        final int b = buffer.getByte(index) & 0xFF;
        return b >= low && b <= high;
    }
}
