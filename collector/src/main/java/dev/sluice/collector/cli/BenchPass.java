package dev.sluice.collector.cli;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;

/**
 * One parse of a body that reads every field of every sample, as a collector does before it forwards the sample:
 * the name and each label name and value (their bytes hashed, escapes resolved into a scratch buffer first), the
 * value, the timestamp, the exemplar and the created timestamp. What is read is folded into a checksum kept in a
 * field, so the JIT cannot drop the work. Allocates nothing once the scratch buffer has grown to the longest escaped
 * text.
 */
final class BenchPass
{
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final TextView view = new TextView();
    private final NativeHistogramView histogram = new NativeHistogramView();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);
    private long checksum = FNV_OFFSET_BASIS;

    /**
     * Parses the body once.
     *
     * @param cursor the cursor for the body's format.
     * @param body   the bytes.
     * @param length number of bytes, from index 0.
     * @return the number of samples.
     * @throws dev.sluice.parser.ParseException when the body is malformed.
     */
    int run(final MetricCursor cursor, final DirectBuffer body, final int length)
    {
        cursor.reset(body, 0, length);
        long sum = checksum;
        int samples = 0;
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind == EntryKind.SAMPLE)
            {
                samples++;
                sum = sum * FNV_PRIME + readSample(cursor);
            }
            else if (kind == EntryKind.HISTOGRAM)
            {
                samples++;
                sum = sum * FNV_PRIME + readSample(cursor) + readHistogram(cursor.histogram(histogram));
            }
        }
        checksum = sum;
        return samples;
    }

    /**
     * What the passes so far have read, folded together.
     *
     * @return the checksum.
     */
    long checksum()
    {
        return checksum;
    }

    private long readSample(final MetricCursor cursor)
    {
        long h = hash(cursor.name(view));
        final int labelCount = cursor.labelCount();
        for (int i = 0; i < labelCount; i++)
        {
            h = h * FNV_PRIME + hash(cursor.labelName(i, view));
            h = h * FNV_PRIME + hash(cursor.labelValue(i, view));
        }
        h = h * FNV_PRIME + Double.doubleToRawLongBits(cursor.value());
        if (cursor.hasTimestamp())
        {
            h = h * FNV_PRIME + cursor.timestampMs();
        }
        if (cursor.hasCreatedTimestamp())
        {
            h = h * FNV_PRIME + cursor.createdTimestampMs();
        }
        if (cursor.hasExemplar())
        {
            final int exemplarLabelCount = cursor.exemplarLabelCount();
            for (int i = 0; i < exemplarLabelCount; i++)
            {
                h = h * FNV_PRIME + hash(cursor.exemplarLabelName(i, view));
                h = h * FNV_PRIME + hash(cursor.exemplarLabelValue(i, view));
            }
            h = h * FNV_PRIME + Double.doubleToRawLongBits(cursor.exemplarValue());
            if (cursor.exemplarHasTimestamp())
            {
                h = h * FNV_PRIME + cursor.exemplarTimestampMs();
            }
        }
        return h;
    }

    private static long readHistogram(final NativeHistogramView h)
    {
        final long sum = h.schema() + h.count() + h.zeroCount() + Double.doubleToRawLongBits(h.sum());
        return readBuckets(readBuckets(sum, h.positive()), h.negative());
    }

    private static long readBuckets(final long seed, final NativeHistogramView.Buckets side)
    {
        long sum = seed;
        side.iterate();
        while (side.next())
        {
            sum = sum * FNV_PRIME + side.index() + Double.doubleToRawLongBits(side.count());
        }
        return sum;
    }

    private long hash(final TextView text)
    {
        if (text.escapes() == TextView.ESCAPES_NONE)
        {
            return hash(text.buffer(), text.offset(), text.length());
        }
        return hash(scratch, 0, text.unescapeTo(scratch, 0));
    }

    /** FNV-1a over 8-byte words, then the remaining bytes: the shape of a collector's series hash. */
    private static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = FNV_OFFSET_BASIS;
        final int end = offset + length;
        int i = offset;
        for (; i + Long.BYTES <= end; i += Long.BYTES)
        {
            h = (h ^ buffer.getLong(i)) * FNV_PRIME;
        }
        for (; i < end; i++)
        {
            h = (h ^ buffer.getByte(i)) * FNV_PRIME;
        }
        return h;
    }
}
