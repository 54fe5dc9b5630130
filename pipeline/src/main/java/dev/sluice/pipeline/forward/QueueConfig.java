package dev.sluice.pipeline.forward;

import java.time.Duration;

/**
 * The {@code queue_config} of one write endpoint, with Prometheus' meaning and defaults.
 *
 * @param capacity          samples buffered per shard before new samples for it are dropped and counted; at least
 *                          {@code maxSamplesPerSend}.
 * @param shards            parallel connections at start, and the fewest resharding runs ({@code min_shards}); each
 *                          sends its batches in order (a series goes to the same shard while the count stays).
 * @param maxSamplesPerSend samples per request.
 * @param batchSendDeadline how long a batch that is not full waits before it is sent anyway.
 * @param minBackoff        first wait after a failed attempt.
 * @param maxBackoff        longest wait between attempts.
 * @param retryOnHttp429    {@code retry_on_http_429}: whether "too many requests" is retried or the batch dropped.
 * @param sampleAgeLimit    {@code sample_age_limit}: samples older than this are counted and not sent; zero for no
 *                          limit.
 * @param maxShards         {@code max_shards}: the most shards resharding may run; {@code shards} is then the
 *                          least ({@code min_shards}) and the count it starts with. Equal to {@code shards}, the
 *                          count is fixed.
 */
public record QueueConfig(
    int capacity,
    int shards,
    int maxSamplesPerSend,
    Duration batchSendDeadline,
    Duration minBackoff,
    Duration maxBackoff,
    boolean retryOnHttp429,
    Duration sampleAgeLimit,
    int maxShards)
{
    /**
     * Prometheus 2.x defaults, with one shard: capacity 10000, 2000 samples per send, 5 s deadline, backoff 30 ms
     * to 5 s, 429 not retried, no sample age limit.
     */
    public static final QueueConfig DEFAULTS = new QueueConfig(
        10_000, 1, 2_000, Duration.ofSeconds(5), Duration.ofMillis(30), Duration.ofSeconds(5), false);

    /**
     * Settings with a fixed shard count and without a sample age limit ({@link #withShards(int, int)} and
     * {@link #withSampleAgeLimit} add them).
     *
     * @param capacity          samples buffered per shard.
     * @param shards            parallel connections.
     * @param maxSamplesPerSend samples per request.
     * @param batchSendDeadline wait of a batch that is not full.
     * @param minBackoff        first retry wait.
     * @param maxBackoff        longest retry wait.
     * @param retryOnHttp429    whether 429 is retried.
     */
    public QueueConfig(
        final int capacity,
        final int shards,
        final int maxSamplesPerSend,
        final Duration batchSendDeadline,
        final Duration minBackoff,
        final Duration maxBackoff,
        final boolean retryOnHttp429)
    {
        this(capacity, shards, maxSamplesPerSend, batchSendDeadline, minBackoff, maxBackoff, retryOnHttp429,
            Duration.ZERO, shards);
    }

    /**
     * Checks the values.
     *
     * @param capacity          samples buffered per shard.
     * @param shards            parallel connections.
     * @param maxSamplesPerSend samples per request.
     * @param batchSendDeadline wait of a batch that is not full.
     * @param minBackoff        first retry wait.
     * @param maxBackoff        longest retry wait.
     * @param retryOnHttp429    whether 429 is retried.
     * @param sampleAgeLimit    age past which samples are not sent, zero for none.
     * @param maxShards         the most shards resharding may run, at least {@code shards}.
     */
    public QueueConfig
    {
        if (maxShards < shards)
        {
            throw new IllegalArgumentException("queue_config needs max_shards >= min_shards, got max_shards " +
                maxShards + ", min_shards " + shards);
        }
        if (shards < 1 || maxSamplesPerSend < 1 || capacity < maxSamplesPerSend)
        {
            throw new IllegalArgumentException("queue_config needs shards >= 1, max_samples_per_send >= 1 and " +
                "capacity >= max_samples_per_send, got shards " + shards + ", max_samples_per_send " +
                maxSamplesPerSend + ", capacity " + capacity);
        }
        if (batchSendDeadline.isNegative() || batchSendDeadline.isZero())
        {
            throw new IllegalArgumentException("batch_send_deadline must be positive, got " + batchSendDeadline);
        }
        if (sampleAgeLimit.isNegative())
        {
            throw new IllegalArgumentException("sample_age_limit must not be negative, got " + sampleAgeLimit);
        }
    }

    /**
     * Batches each shard keeps: one being filled on every worker plus those waiting or in flight; together they hold
     * {@code capacity} samples.
     *
     * @return at least 2.
     */
    int batchesPerShard()
    {
        return Math.max(2, (capacity + maxSamplesPerSend - 1) / maxSamplesPerSend);
    }

    /**
     * Copy with a fixed number of shards.
     *
     * @param count the number of shards.
     * @return the new config.
     */
    public QueueConfig withShards(final int count)
    {
        return new QueueConfig(capacity, count, maxSamplesPerSend, batchSendDeadline, minBackoff, maxBackoff,
            retryOnHttp429, sampleAgeLimit, count);
    }

    /**
     * Copy that reshards between {@code min} and {@code max} shards, starting at {@code min}.
     *
     * @param min {@code min_shards}, at least 1.
     * @param max {@code max_shards}, at least {@code min}.
     * @return the new config.
     */
    public QueueConfig withShards(final int min, final int max)
    {
        return new QueueConfig(capacity, min, maxSamplesPerSend, batchSendDeadline, minBackoff, maxBackoff,
            retryOnHttp429, sampleAgeLimit, max);
    }

    /**
     * Copy with another batch size and deadline.
     *
     * @param samples  max samples per send.
     * @param deadline batch send deadline.
     * @return the new config.
     */
    public QueueConfig withBatch(final int samples, final Duration deadline)
    {
        return new QueueConfig(Math.max(capacity, samples), shards, samples, deadline, minBackoff, maxBackoff,
            retryOnHttp429, sampleAgeLimit, maxShards);
    }

    /**
     * Copy with another {@code sample_age_limit}.
     *
     * @param limit the age past which samples are not sent, zero for none.
     * @return the new config.
     */
    public QueueConfig withSampleAgeLimit(final Duration limit)
    {
        return new QueueConfig(capacity, shards, maxSamplesPerSend, batchSendDeadline, minBackoff, maxBackoff,
            retryOnHttp429, limit, maxShards);
    }
}
