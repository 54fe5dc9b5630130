package dev.sluice.pipeline.forward;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.sluice.pipeline.forward.durable.DurableQueueEvents;

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
    private final LongAdder samplesDroppedDurableFull = new LongAdder();
    private final LongAdder samplesReplayed = new LongAdder();
    private final LongAdder samplesKeptOnDisk = new LongAdder();
    private final LongAdder durableTailsTruncated = new LongAdder();
    private final LongAdder exemplarsSent = new LongAdder();
    private final LongAdder exemplarsFailed = new LongAdder();
    private final LongAdder exemplarsDropped = new LongAdder();
    private final LongAdder metadataSent = new LongAdder();
    private final LongAdder metadataFailed = new LongAdder();
    private final DurableQueueEvents durableEvents = new DurableQueueEvents()
    {
        @Override
        public void droppedFull(final long samples)
        {
            samplesDroppedDurableFull.add(samples);
            samplesPending.add(-samples);
        }

        @Override
        public void tailTruncated()
        {
            durableTailsTruncated.increment();
        }
    };

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

    void replayed(final long samples)
    {
        samplesReplayed.add(samples);
        samplesPending.add(samples);
    }

    void keptOnDisk(final long samples)
    {
        samplesKeptOnDisk.add(samples);
        samplesPending.add(-samples);
    }

    /**
     * Counts the exemplars and metadata entries of a batch once its fate is known: sent, rejected, or given up
     * (expired, abandoned; metadata given up is sent again at the next interval).
     */
    void settled(final SendVerdict verdict, final int exemplars, final int metadata)
    {
        if (verdict == SendVerdict.DELIVERED)
        {
            exemplarsSent.add(exemplars);
            metadataSent.add(metadata);
        }
        else if (verdict == SendVerdict.REJECTED)
        {
            exemplarsFailed.add(exemplars);
            metadataFailed.add(metadata);
        }
        else
        {
            exemplarsDropped.add(exemplars);
        }
    }

    /**
     * Family metadata entries the endpoint took in metadata requests
     * ({@code prometheus_remote_storage_metadata_total}).
     *
     * @return the count.
     */
    public long metadataSent()
    {
        return metadataSent.sum();
    }

    /**
     * Family metadata entries in requests the endpoint rejected
     * ({@code prometheus_remote_storage_metadata_failed_total}).
     *
     * @return the count.
     */
    public long metadataFailed()
    {
        return metadataFailed.sum();
    }

    void droppedExemplars(final int exemplars)
    {
        exemplarsDropped.add(exemplars);
    }

    /**
     * Exemplars the endpoint took ({@code prometheus_remote_storage_exemplars_total}); batches sent from a durable
     * queue are not counted, since the queue's records do not keep their exemplar count.
     *
     * @return the count.
     */
    public long exemplarsSent()
    {
        return exemplarsSent.sum();
    }

    /**
     * Exemplars in batches the endpoint rejected ({@code prometheus_remote_storage_exemplars_failed_total}).
     *
     * @return the count.
     */
    public long exemplarsFailed()
    {
        return exemplarsFailed.sum();
    }

    /**
     * Exemplars not sent: their sample dropped on the worker (write relabeling, too old, queue full), or their batch
     * expired or abandoned ({@code prometheus_remote_storage_exemplars_dropped_total}).
     *
     * @return the count.
     */
    public long exemplarsDropped()
    {
        return exemplarsDropped.sum();
    }

    DurableQueueEvents durableEvents()
    {
        return durableEvents;
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

    /**
     * Samples dropped because the endpoint's durable queue was full: those of the oldest segment deleted to make room
     * ({@code drop_oldest}), or of new batches refused ({@code drop_newest}).
     *
     * @return the count.
     */
    public long samplesDroppedDurableFull()
    {
        return samplesDroppedDurableFull.sum();
    }

    /**
     * Samples found unsent in the durable queue when the endpoint started, left by the run before: they are sent
     * before anything new and counted in {@link #samplesPending()} until then.
     *
     * @return the count.
     */
    public long samplesReplayed()
    {
        return samplesReplayed.sum();
    }

    /**
     * Samples left unsent in the durable queue when the endpoint closed, for the next run to send (without a
     * durable queue they would count as {@link #samplesAbandoned() abandoned}).
     *
     * @return the count.
     */
    public long samplesKeptOnDisk()
    {
        return samplesKeptOnDisk.sum();
    }

    /**
     * Torn or corrupt records found at the tail of a durable queue's segment on start, cut off with what followed
     * them in that segment (after a crash of the machine, or a damaged file).
     *
     * @return the count of segments cut.
     */
    public long durableTailsTruncated()
    {
        return durableTailsTruncated.sum();
    }
}
