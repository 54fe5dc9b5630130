package dev.sluice.jmh;

import org.agrona.ExpandableArrayBuffer;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;

/**
 * Reads a body the way a collector does: for every sample, the series name and each label name and value are
 * copied, escapes resolved, into one reusable record buffer (where a scraper would build its ring-buffer record),
 * and the value, timestamp, exemplar and created timestamp are read. Metadata entries are stepped over. Every
 * read feeds a checksum that the benchmark returns, so none of the work can be discarded.
 *
 * <p>Allocates nothing once the record buffer has grown to the longest series of the input.
 */
public final class CollectorSampleReader
{
    private static final int INITIAL_RECORD_BYTES = 4096;

    private final TextView view = new TextView();
    private final NativeHistogramView histogram = new NativeHistogramView();
    private final ExpandableArrayBuffer record = new ExpandableArrayBuffer(INITIAL_RECORD_BYTES);
    private int samples;

    /** Creates a reader with its record buffer. */
    public CollectorSampleReader()
    {
    }

    /**
     * Reads the cursor to its end.
     *
     * @param cursor a cursor reset to the body.
     * @return a checksum over everything read.
     */
    public long readAll(final MetricCursor cursor)
    {
        long checksum = 0;
        int sampleCount = 0;
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind == EntryKind.SAMPLE)
            {
                sampleCount++;
                checksum = checksum * 31 + readSample(cursor);
            }
            else if (kind == EntryKind.HISTOGRAM)
            {
                sampleCount++;
                checksum = checksum * 31 + readSample(cursor) + readHistogram(cursor.histogram(histogram));
            }
        }
        samples = sampleCount;
        return checksum;
    }

    /**
     * Number of samples the last {@link #readAll} read.
     *
     * @return the count.
     */
    public int samples()
    {
        return samples;
    }

    private long readSample(final MetricCursor cursor)
    {
        int length = copy(cursor.name(view), 0);
        final int labelCount = cursor.labelCount();
        for (int i = 0; i < labelCount; i++)
        {
            length = copy(cursor.labelName(i, view), length);
            length = copy(cursor.labelValue(i, view), length);
        }
        long checksum = length + record.getByte(length - 1) + Double.doubleToRawLongBits(cursor.value());
        if (cursor.hasTimestamp())
        {
            checksum += cursor.timestampMs();
        }
        if (cursor.hasCreatedTimestamp())
        {
            checksum += cursor.createdTimestampMs();
        }
        if (cursor.hasExemplar())
        {
            checksum += readExemplar(cursor, length);
        }
        return checksum;
    }

    /**
     * Every field of the histogram as the pipeline's record writer copies it into a HISTOGRAM record: the numbers,
     * the custom bounds, the spans, and the bucket counts as listed (deltas, or float counts). Absolute bucket
     * indexes and counts are left to whoever appends the histogram downstream, as in the pipeline.
     */
    private static long readHistogram(final NativeHistogramView h)
    {
        final boolean isFloat = h.isFloat();
        long checksum = h.schema() + h.resetHint().ordinal() + Double.doubleToRawLongBits(h.sum()) +
            Double.doubleToRawLongBits(h.zeroThreshold());
        checksum += isFloat ? Double.doubleToRawLongBits(h.floatCount()) + Double.doubleToRawLongBits(
            h.floatZeroCount()) : h.count() + h.zeroCount();
        for (int i = 0, n = h.customValueCount(); i < n; i++)
        {
            checksum = checksum * 31 + Double.doubleToRawLongBits(h.customValue(i));
        }
        return readBuckets(readBuckets(checksum, h.positive(), isFloat), h.negative(), isFloat);
    }

    private static long readBuckets(final long seed, final NativeHistogramView.Buckets buckets, final boolean isFloat)
    {
        long checksum = seed;
        for (int i = 0, n = buckets.spanCount(); i < n; i++)
        {
            checksum = checksum * 31 + buckets.spanOffset(i) * 31L + buckets.spanLength(i);
        }
        if (isFloat)
        {
            for (int i = 0, n = buckets.floatBucketCount(); i < n; i++)
            {
                checksum = checksum * 31 + Double.doubleToRawLongBits(buckets.floatBucket(i));
            }
        }
        else
        {
            for (int i = 0, n = buckets.deltaCount(); i < n; i++)
            {
                checksum = checksum * 31 + buckets.delta(i);
            }
        }
        return checksum;
    }

    private long readExemplar(final MetricCursor cursor, final int recordLength)
    {
        int length = recordLength;
        final int labelCount = cursor.exemplarLabelCount();
        for (int i = 0; i < labelCount; i++)
        {
            length = copy(cursor.exemplarLabelName(i, view), length);
            length = copy(cursor.exemplarLabelValue(i, view), length);
        }
        long checksum = length + Double.doubleToRawLongBits(cursor.exemplarValue());
        if (cursor.exemplarHasTimestamp())
        {
            checksum += cursor.exemplarTimestampMs();
        }
        return checksum;
    }

    private int copy(final TextView text, final int at)
    {
        return at + text.unescapeTo(record, at);
    }
}
