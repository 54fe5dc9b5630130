package dev.sluice.pipeline.forward;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one write endpoint, with the meaning of Prometheus' {@code prometheus_remote_storage_*} family, so
 * dashboards built for Prometheus read Sluice the same way. The send counters are updated once per batch attempt;
 * the worker-side drop counters once per dropped sample, without allocating.
 */
public final class ForwarderMetrics
{
    private final LongAdder samplesSent = new LongAdder();
    private final LongAdder samplesFailed = new LongAdder();
    private final LongAdder samplesRetried = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder requestsRejected = new LongAdder();
    private final LongAdder requestsRetried = new LongAdder();
    private final LongAdder samplesDropped = new LongAdder();
    private final LongAdder samplesAbandoned = new LongAdder();
    private final LongAdder samplesDroppedByRelabel = new LongAdder();
    private final LongAdder samplesDroppedTooOld = new LongAdder();
    private final LongAdder samplesPending = new LongAdder();
    private final AtomicLong highestSentTimestampMs = new AtomicLong(Long.MIN_VALUE);

    /** Creates counters at zero. */
    public ForwarderMetrics()
    {
    }

    void delivered(final int samples, final int bytes)
    {
        samplesSent.add(samples);
        bytesSent.add(bytes);
    }

    void rejected(final int samples)
    {
        samplesFailed.add(samples);
        requestsRejected.increment();
    }

    void retried(final int samples)
    {
        samplesRetried.add(samples);
        requestsRetried.increment();
    }

    void queued(final int samples)
    {
        samplesPending.add(samples);
    }

    void unqueued(final int samples)
    {
        samplesPending.add(-samples);
    }

    void droppedQueueFull()
    {
        samplesDropped.increment();
    }

    void droppedByRelabel()
    {
        samplesDroppedByRelabel.increment();
    }

    void droppedTooOld(final int samples)
    {
        samplesDroppedTooOld.add(samples);
    }

    void abandoned(final int samples)
    {
        samplesAbandoned.add(samples);
    }

    void sentUpTo(final long timestampMs)
    {
        highestSentTimestampMs.accumulateAndGet(timestampMs, Math::max);
    }

    /**
     * Samples the endpoint took ({@code prometheus_remote_storage_samples_total}).
     *
     * @return the count.
     */
    public long samplesSent()
    {
        return samplesSent.sum();
    }

    /**
     * Samples dropped because the endpoint rejected their batch for good
     * ({@code prometheus_remote_storage_samples_failed_total}).
     *
     * @return the count.
     */
    public long samplesFailed()
    {
        return samplesFailed.sum();
    }

    /**
     * Samples of batches sent again after a recoverable failure, once per retry
     * ({@code prometheus_remote_storage_samples_retried_total}).
     *
     * @return the count.
     */
    public long samplesRetried()
    {
        return samplesRetried.sum();
    }

    /**
     * Request body bytes, compressed, of delivered batches ({@code prometheus_remote_storage_bytes_total}).
     *
     * @return the count.
     */
    public long bytesSent()
    {
        return bytesSent.sum();
    }

    /**
     * Batches rejected for good.
     *
     * @return the count.
     */
    public long requestsRejected()
    {
        return requestsRejected.sum();
    }

    /**
     * Failed attempts that were followed by a retry.
     *
     * @return the count.
     */
    public long requestsRetried()
    {
        return requestsRetried.sum();
    }

    /**
     * Samples dropped because the shard's queue ({@code capacity}) was full: the endpoint was slower than the scrapes
     * for too long.
     *
     * @return the count.
     */
    public long samplesDropped()
    {
        return samplesDropped.sum();
    }

    /**
     * Samples of series that the endpoint's {@code write_relabel_configs} drop
     * ({@code prometheus_remote_storage_samples_dropped_total}); counted as they are committed.
     *
     * @return the count.
     */
    public long samplesDroppedByRelabel()
    {
        return samplesDroppedByRelabel.sum();
    }

    /**
     * Samples older than {@code sample_age_limit}, not sent: counted when appended, or with their whole batch when
     * its newest sample aged past the limit while it waited ({@code prometheus_remote_storage_samples_dropped_total}
     * with reason {@code too_old}).
     *
     * @return the count.
     */
    public long samplesDroppedTooOld()
    {
        return samplesDroppedTooOld.sum();
    }

    /**
     * Samples given up on when the forwarder was closed before their batch got through.
     *
     * @return the count.
     */
    public long samplesAbandoned()
    {
        return samplesAbandoned.sum();
    }

    /**
     * Samples in sealed batches not yet delivered, rejected or abandoned
     * ({@code prometheus_remote_storage_samples_pending}).
     *
     * @return the count.
     */
    public long samplesPending()
    {
        return samplesPending.sum();
    }

    /**
     * Newest sample timestamp of all delivered batches
     * ({@code prometheus_remote_storage_queue_highest_sent_timestamp_seconds}, here in milliseconds).
     *
     * @return milliseconds since the epoch, {@link Long#MIN_VALUE} before the first delivery.
     */
    public long highestSentTimestampMs()
    {
        return highestSentTimestampMs.get();
    }
}
