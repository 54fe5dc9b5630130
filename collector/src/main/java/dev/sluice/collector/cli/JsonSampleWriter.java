package dev.sluice.collector.cli;

import java.io.IOException;
import java.io.OutputStream;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;
import dev.sluice.parser.Utf8;
import dev.sluice.parser.number.FloatFormatter;

/**
 * Writes the samples of a {@link MetricCursor} as JSON Lines: one compact object per sample,
 * {@code {"name":S,"labels":{S:S,...},"value":N,"timestamp_ms":INT|null}}, plus
 * {@code "exemplar":{"labels":{...},"value":N,"timestamp_ms":INT|null}} when the sample has one.
 *
 * <p>Names and label values are written unescaped, labels in input order, with JSON string escaping per RFC 8259:
 * {@code "} and {@code \} escaped with a backslash, control characters as <code>&#92;u00XX</code>, malformed UTF-8
 * replaced by <code>&#92;ufffd</code> as Go's encoding/json does. Values are Go's shortest {@code 'g'} form, which
 * reads back as the same double; NaN and the infinities, which JSON numbers cannot hold, are the strings
 * {@code "NaN"}, {@code "+Inf"} and {@code "-Inf"}.
 *
 * <p>Output collects in one reused buffer that is written to the stream in blocks of about 64 KiB.
 */
final class JsonSampleWriter
{
    private static final int FLUSH_THRESHOLD = 64 * 1024;
    private static final int INITIAL_CAPACITY = FLUSH_THRESHOLD + 4096;
    private static final byte[] HEX_DIGITS = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e',
        'f'};

    private final OutputStream out;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(INITIAL_CAPACITY);
    private final ExpandableArrayBuffer unescaped = new ExpandableArrayBuffer(256);
    private final TextView view = new TextView();
    private final NativeHistogramView histogram = new NativeHistogramView();
    private int position;

    /**
     * Creates a writer.
     *
     * @param out where the lines go; written in large blocks, flushed by {@link #flush()}.
     */
    JsonSampleWriter(final OutputStream out)
    {
        this.out = out;
    }

    /**
     * Appends the line of the cursor's current sample or native histogram.
     *
     * @param cursor a cursor standing on a {@link EntryKind#SAMPLE} or {@link EntryKind#HISTOGRAM}.
     * @param kind   which of the two.
     * @throws IOException when a full block cannot be written out.
     */
    void write(final MetricCursor cursor, final EntryKind kind) throws IOException
    {
        putAscii("{\"name\":");
        putString(cursor.name(view));
        putAscii(",\"labels\":");
        putLabels(cursor, false);
        if (kind == EntryKind.HISTOGRAM)
        {
            putAscii(",\"histogram\":");
            putHistogram(cursor.histogram(histogram));
        }
        else
        {
            putAscii(",\"value\":");
            putValue(cursor.value());
        }
        putAscii(",\"timestamp_ms\":");
        putTimestamp(cursor.hasTimestamp(), cursor.timestampMs());
        if (cursor.hasExemplar())
        {
            putAscii(",\"exemplar\":{\"labels\":");
            putLabels(cursor, true);
            putAscii(",\"value\":");
            putValue(cursor.exemplarValue());
            putAscii(",\"timestamp_ms\":");
            putTimestamp(cursor.exemplarHasTimestamp(), cursor.exemplarTimestampMs());
            putByte('}');
        }
        putAscii("}\n");
        if (position >= FLUSH_THRESHOLD)
        {
            flush();
        }
    }

    /**
     * Writes out everything appended so far and flushes the stream.
     *
     * @throws IOException when the stream fails.
     */
    void flush() throws IOException
    {
        out.write(buffer.byteArray(), 0, position);
        position = 0;
        out.flush();
    }

    private void putLabels(final MetricCursor cursor, final boolean exemplar)
    {
        final int count = exemplar ? cursor.exemplarLabelCount() : cursor.labelCount();
        putByte('{');
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                putByte(',');
            }
            putString(exemplar ? cursor.exemplarLabelName(i, view) : cursor.labelName(i, view));
            putByte(':');
            putString(exemplar ? cursor.exemplarLabelValue(i, view) : cursor.labelValue(i, view));
        }
        putByte('}');
    }

    /**
     * {@code {"schema":S,"zero_threshold":N,"zero_count":N,"count":N,"sum":N,"positive":{"i":N,...},
     * "negative":{...}}} with absolute counts, integers for integer histograms, and for custom buckets
     * {@code "custom_values":[N,...]} at the end.
     */
    private void putHistogram(final NativeHistogramView h)
    {
        putAscii("{\"schema\":");
        position += buffer.putIntAscii(position, h.schema());
        putAscii(",\"zero_threshold\":");
        putValue(h.zeroThreshold());
        putAscii(",\"zero_count\":");
        putCount(h.isFloat(), h.zeroCount(), h.floatZeroCount());
        putAscii(",\"count\":");
        putCount(h.isFloat(), h.count(), h.floatCount());
        putAscii(",\"sum\":");
        putValue(h.sum());
        putAscii(",\"positive\":");
        putBuckets(h.isFloat(), h.positive());
        putAscii(",\"negative\":");
        putBuckets(h.isFloat(), h.negative());
        if (h.customValueCount() > 0)
        {
            putAscii(",\"custom_values\":[");
            for (int i = 0; i < h.customValueCount(); i++)
            {
                if (i > 0)
                {
                    putByte(',');
                }
                putValue(h.customValue(i));
            }
            putByte(']');
        }
        putByte('}');
    }

    private void putBuckets(final boolean isFloat, final NativeHistogramView.Buckets buckets)
    {
        putByte('{');
        boolean first = true;
        buckets.iterate();
        while (buckets.next())
        {
            if (!first)
            {
                putByte(',');
            }
            first = false;
            putByte('"');
            position += buffer.putIntAscii(position, buckets.index());
            putAscii("\":");
            putCount(isFloat, buckets.integerCount(), buckets.count());
        }
        putByte('}');
    }

    private void putCount(final boolean isFloat, final long integerCount, final double floatCount)
    {
        if (isFloat)
        {
            putValue(floatCount);
        }
        else
        {
            position += buffer.putLongAscii(position, integerCount);
        }
    }

    private void putValue(final double value)
    {
        if (Double.isNaN(value))
        {
            putAscii("\"NaN\"");
        }
        else if (Double.isInfinite(value))
        {
            putAscii(value > 0 ? "\"+Inf\"" : "\"-Inf\"");
        }
        else
        {
            position += FloatFormatter.formatGo(value, buffer, position);
        }
    }

    private void putTimestamp(final boolean present, final long timestampMs)
    {
        if (present)
        {
            position += buffer.putLongAscii(position, timestampMs);
        }
        else
        {
            putAscii("null");
        }
    }

    private void putString(final TextView text)
    {
        if (text.escapes() == TextView.ESCAPES_NONE)
        {
            putJsonString(text.buffer(), text.offset(), text.length());
        }
        else
        {
            putJsonString(unescaped, 0, text.unescapeTo(unescaped, 0));
        }
    }

    private void putJsonString(final DirectBuffer src, final int offset, final int length)
    {
        putByte('"');
        final int end = offset + length;
        int i = offset;
        while (i < end)
        {
            final int b = src.getByte(i) & 0xFF;
            if (b >= 0x80)
            {
                final int width = Utf8.sequenceLength(src, i, end);
                if (width == 0)
                {
                    putAscii("\\ufffd");
                    i++;
                }
                else
                {
                    buffer.putBytes(position, src, i, width);
                    position += width;
                    i += width;
                }
                continue;
            }
            if (b == '"' || b == '\\')
            {
                putByte('\\');
                putByte(b);
            }
            else if (b < 0x20)
            {
                putAscii("\\u00");
                putByte(HEX_DIGITS[b >> 4]);
                putByte(HEX_DIGITS[b & 0xF]);
            }
            else
            {
                putByte(b);
            }
            i++;
        }
        putByte('"');
    }

    private void putAscii(final String text)
    {
        position += buffer.putStringWithoutLengthAscii(position, text);
    }

    private void putByte(final int b)
    {
        buffer.putByte(position++, (byte)b);
    }
}
