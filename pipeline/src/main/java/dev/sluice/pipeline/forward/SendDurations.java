package dev.sluice.pipeline.forward;

import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram of send attempt durations with Prometheus' buckets for
 * {@code prometheus_remote_storage_sent_batch_duration_seconds}: its client library's defaults (5 ms to 10 s) and
 * 25, 60, 120 and 300 s. One observation per attempt, from the shard threads, without allocating.
 */
public final class SendDurations
{
    private static final double[] UPPER_BOUNDS =
        {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 60, 120, 300};

    private final LongAdder[] counts = new LongAdder[UPPER_BOUNDS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    SendDurations()
    {
        for (int i = 0; i < counts.length; i++)
        {
            counts[i] = new LongAdder();
        }
    }

    void observe(final long nanos)
    {
        final double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < UPPER_BOUNDS.length && seconds > UPPER_BOUNDS[bucket])
        {
            bucket++;
        }
        counts[bucket].increment();
        sumNanos.add(nanos);
    }

    /**
     * The finite buckets; the {@code +Inf} bucket comes after them.
     *
     * @return the number of finite upper bounds.
     */
    public int bucketCount()
    {
        return UPPER_BOUNDS.length;
    }

    /**
     * A bucket's upper bound.
     *
     * @param bucket below {@link #bucketCount()}.
     * @return seconds.
     */
    public double upperBound(final int bucket)
    {
        return UPPER_BOUNDS[bucket];
    }

    /**
     * Attempts that took at most a bucket's upper bound, as a histogram's {@code _bucket} series counts them.
     *
     * @param bucket below {@link #bucketCount()}.
     * @return the cumulative count.
     */
    public long cumulativeCount(final int bucket)
    {
        long total = 0;
        for (int i = 0; i <= bucket; i++)
        {
            total += counts[i].sum();
        }
        return total;
    }

    /**
     * All attempts observed.
     *
     * @return the count.
     */
    public long count()
    {
        long total = 0;
        for (final LongAdder count : counts)
        {
            total += count.sum();
        }
        return total;
    }

    /**
     * The time all attempts took.
     *
     * @return seconds.
     */
    public double sumSeconds()
    {
        return sumNanos.sum() / 1e9;
    }
}
