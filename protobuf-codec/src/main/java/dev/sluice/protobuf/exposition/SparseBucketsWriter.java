package dev.sluice.protobuf.exposition;

import dev.sluice.parser.NativeHistogramView;

/**
 * Writes buckets given one by one as absolute index and absolute count, in increasing index order, into an empty
 * side of a {@link NativeHistogramView}: as spans plus count deltas (integer histograms) or plus float counts.
 * Empty buckets are left out, except that a run of at most {@code maxEmptyRun} empty buckets between two populated
 * ones is written out explicitly rather than starting a new span. This is the layout Prometheus' {@code
 * Compact(maxEmptyRun)} leaves, so that bucket counts and spans match what Prometheus ingests.
 *
 * <p>Reusable: {@link #start} begins a side, then either {@link #addInteger} or {@link #addFloat} for every bucket,
 * and {@link #finish()} writes the last span. Allocates nothing beyond what the side's arrays need to grow.
 */
final class SparseBucketsWriter
{
    private NativeHistogramView.Buckets side;
    private int maxEmptyRun;
    private boolean hasSpan;
    private int spanOffset;
    private int spanLength;
    private int lastIndex;
    private long lastIntegerCount;

    /**
     * Begins writing a side.
     *
     * @param side        the side to fill, without spans or counts yet.
     * @param maxEmptyRun the longest run of empty buckets kept inside a span.
     * @return this writer.
     */
    SparseBucketsWriter start(final NativeHistogramView.Buckets side, final int maxEmptyRun)
    {
        this.side = side;
        this.maxEmptyRun = maxEmptyRun;
        hasSpan = false;
        lastIntegerCount = 0;
        return this;
    }

    /**
     * Adds a bucket of an integer histogram; an empty one is skipped.
     *
     * @param index the absolute bucket index, above the previous one.
     * @param count the absolute count.
     */
    void addInteger(final int index, final long count)
    {
        if (count != 0)
        {
            final int explicitEmpty = place(index);
            for (int i = 0; i < explicitEmpty; i++)
            {
                side.addDelta(-lastIntegerCount);
                lastIntegerCount = 0;
            }
            side.addDelta(count - lastIntegerCount);
            lastIntegerCount = count;
        }
    }

    /**
     * Adds a bucket of a float histogram; an empty one (0 or -0) is skipped.
     *
     * @param index the absolute bucket index, above the previous one.
     * @param count the absolute count.
     */
    void addFloat(final int index, final double count)
    {
        if (count != 0)
        {
            final int explicitEmpty = place(index);
            for (int i = 0; i < explicitEmpty; i++)
            {
                side.addFloatBucket(0);
            }
            side.addFloatBucket(count);
        }
    }

    /** Writes the last span. */
    void finish()
    {
        if (hasSpan)
        {
            side.addSpan(spanOffset, spanLength);
            hasSpan = false;
        }
    }

    /** Extends the open span to {@code index} or opens a new one; returns how many empty buckets to write first. */
    private int place(final int index)
    {
        int explicitEmpty = 0;
        if (!hasSpan)
        {
            hasSpan = true;
            spanOffset = index;
            spanLength = 1;
        }
        else
        {
            // Below 0 only when hostile offsets made the indexes wrap around: a span of its own keeps it consistent.
            final long gap = (long)index - lastIndex - 1;
            if (gap >= 0 && gap <= maxEmptyRun)
            {
                explicitEmpty = (int)gap;
                spanLength += explicitEmpty + 1;
            }
            else
            {
                side.addSpan(spanOffset, spanLength);
                spanOffset = (int)gap;
                spanLength = 1;
            }
        }
        lastIndex = index;
        return explicitEmpty;
    }
}
