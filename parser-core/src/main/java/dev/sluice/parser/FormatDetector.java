package dev.sluice.parser;

import org.agrona.DirectBuffer;

/**
 * Guesses the format of a body from its content, for files and pipes that come without a Content-Type.
 * Protobuf is recognised by its first bytes (a varint length followed by the tag of {@code MetricFamily.name});
 * OpenMetrics by a body that ends with the {@code # EOF} line and parses as OpenMetrics (Prometheus text
 * files often end with {@code # EOF} too, as a plain comment); anything else is Prometheus text. The
 * OpenMetrics check parses the whole body once: this is for tools, not for the scrape path, where the
 * Content-Type decides.
 */
public final class FormatDetector
{
    private static final int NAME_FIELD_TAG = 0x0A;

    private FormatDetector()
    {
    }

    /**
     * Detects the format of a body.
     *
     * @param buffer the body.
     * @param offset first byte.
     * @param length number of bytes.
     * @return the most likely format.
     */
    public static ExpositionFormat detect(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0)
        {
            return ExpositionFormat.PROMETHEUS_TEXT;
        }
        if (looksLikeDelimitedProtobuf(buffer, offset, length))
        {
            return ExpositionFormat.PROTOBUF;
        }
        return endsWithEof(buffer, offset, length) && parsesAsOpenMetrics(buffer, offset, length)
            ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT;
    }

    private static boolean parsesAsOpenMetrics(final DirectBuffer buffer, final int offset, final int length)
    {
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.OPENMETRICS).reset(buffer, offset, length);
        try
        {
            while (cursor.next() != EntryKind.END)
            {
                continue;
            }
            return true;
        }
        catch (final ParseException ex)
        {
            return false;
        }
    }

    private static boolean looksLikeDelimitedProtobuf(final DirectBuffer buffer, final int offset, final int length)
    {
        long messageLength = 0;
        int shift = 0;
        int i = offset;
        final int end = offset + length;
        while (i < end && shift < 35)
        {
            final int b = buffer.getByte(i++) & 0xFF;
            messageLength |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return messageLength > 0 && messageLength <= end - i && i < end
                    && buffer.getByte(i) == NAME_FIELD_TAG && firstByteIsNotText(buffer.getByte(offset));
            }
            shift += 7;
        }
        return false;
    }

    private static boolean firstByteIsNotText(final byte first)
    {
        return first != '#' && first != '\n' && first != ' ' && !Character.isLetter(first) && first != '_'
            && first != '{';
    }

    private static boolean endsWithEof(final DirectBuffer buffer, final int offset, final int length)
    {
        int e = offset + length;
        if (buffer.getByte(e - 1) == '\n')
        {
            e--;
        }
        final int start = e - 5;
        if (start < offset || (start > offset && buffer.getByte(start - 1) != '\n'))
        {
            return false;
        }
        return buffer.getByte(start) == '#' && buffer.getByte(start + 1) == ' ' && buffer.getByte(start + 2) == 'E'
            && buffer.getByte(start + 3) == 'O' && buffer.getByte(start + 4) == 'F';
    }
}
