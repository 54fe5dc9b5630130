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
    private static final int MAX_LENGTH_VARINT = 5;

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

    /**
     * A delimited MetricFamily starts with its length, then the tag of field 1 (name), the name's length and the
     * name; the name must fit in the message, the message in the body, and the name's bytes must be printable.
     */
    private static boolean looksLikeDelimitedProtobuf(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        final int lengthSize = varintSize(buffer, offset, end);
        if (lengthSize <= 0)
        {
            return false;
        }
        final long messageLength = varintValue(buffer, offset, lengthSize);
        final int tagAt = offset + lengthSize;
        if (messageLength <= 0 || messageLength > end - tagAt || buffer.getByte(tagAt) != NAME_FIELD_TAG)
        {
            return false;
        }
        final int nameSize = varintSize(buffer, tagAt + 1, end);
        if (nameSize <= 0)
        {
            return false;
        }
        final long nameLength = varintValue(buffer, tagAt + 1, nameSize);
        final int nameAt = tagAt + 1 + nameSize;
        if (nameLength <= 0 || nameAt + nameLength > tagAt + messageLength)
        {
            return false;
        }
        for (int i = nameAt; i < nameAt + nameLength; i++)
        {
            final int b = buffer.getByte(i) & 0xFF;
            if (b <= ' ' || b == 0x7F)
            {
                return false;
            }
        }
        return true;
    }

    /** Bytes of the varint at {@code at} (at most 5, enough for any length), or -1 when there is none. */
    private static int varintSize(final DirectBuffer buffer, final int at, final int end)
    {
        for (int i = at; i < end && i - at < MAX_LENGTH_VARINT; i++)
        {
            if ((buffer.getByte(i) & 0x80) == 0)
            {
                return i - at + 1;
            }
        }
        return -1;
    }

    private static long varintValue(final DirectBuffer buffer, final int at, final int size)
    {
        long value = 0;
        for (int k = 0; k < size; k++)
        {
            value |= (long)(buffer.getByte(at + k) & 0x7F) << (7 * k);
        }
        return value;
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
