package dev.sluice.pipeline.forward;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.sluice.pipeline.forward.durable.DurableQueueEvents;
import dev.sluice.pipeline.forward.reshard.ShardLoad;

/**
 * Counters of one write endpoint, with the meaning of Prometheus' {@code prometheus_remote_storage_*} family, so
 * dashboards built for Prometheus read Sluice the same way. The send counters are updated once per batch attempt;
 * the worker-side drop counters once per dropped sample, without allocating.
 *
 * <p>The {@code samples*} counters count native histograms too, each as one sample, as a batch does; the
 * {@code histograms*} counters count the histograms among them, so {@code samples - histograms} is Prometheus'
 * {@code samples_*} and {@code histograms} its {@code histograms_*}.
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
    private final LongAdder durableSegmentsRefused = new LongAdder();
    private final LongAdder histogramsSent = new LongAdder();
    private final LongAdder histogramsFailed = new LongAdder();
    private final LongAdder histogramsRetried = new LongAdder();
    private final LongAdder histogramsDropped = new LongAdder();
    private final LongAdder samplesIn = new LongAdder();
    private final AtomicLong highestTimestampInMs = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder enqueueRetries = new LongAdder();
    private final LongAdder completedSamples = new LongAdder();
    private final LongAdder completedSendNanos = new LongAdder();
    private final AtomicLong lastSendMs = new AtomicLong(Long.MIN_VALUE);
    private final SendDurations sentBatchDuration = new SendDurations();
    private volatile int shards;
    private volatile double shardsDesired;
    private volatile int shardsMin;
    private volatile int shardsMax;
    private volatile int shardCapacity;
    private final LongAdder exemplarsSent = new LongAdder();
    private final LongAdder exemplarsFailed = new LongAdder();
    private final LongAdder exemplarsDropped = new LongAdder();
    private final LongAdder metadataSent = new LongAdder();
    private final LongAdder metadataFailed = new LongAdder();
    private final DurableQueueEvents durableEvents = new DurableQueueEvents()
    {
        @Override
        public void droppedFull(final long samples, final long histograms)
        {
            samplesDroppedDurableFull.add(samples);
            histogramsDropped.add(histograms);
            samplesPending.add(-samples);
        }

        @Override
        public void segmentRefused()
        {
            durableSegmentsRefused.increment();
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

    void delivered(final int samples, final int histograms, final int bytes)
    {
        samplesSent.add(samples);
        histogramsSent.add(histograms);
        bytesSent.add(bytes);
    }

    void rejected(final int samples, final int histograms)
    {
        samplesFailed.add(samples);
        histogramsFailed.add(histograms);
        requestsRejected.increment();
    }

    void retried(final int samples, final int histograms)
    {
        samplesRetried.add(samples);
        histogramsRetried.add(histograms);
        requestsRetried.increment();
    }

    void attempted(final long nanos)
    {
        sentBatchDuration.observe(nanos);
    }

    void sendCompleted(final int samples, final long nanos, final long nowMs)
    {
        completedSamples.add(samples);
        completedSendNanos.add(nanos);
        lastSendMs.accumulateAndGet(nowMs, Math::max);
    }

    void offered(final long samples, final long highestTimestampMs)
    {
        samplesIn.add(samples);
        highestTimestampInMs.accumulateAndGet(highestTimestampMs, Math::max);
    }

    void enqueueRetried()
    {
        enqueueRetries.increment();
    }

    void shards(final int running, final double desired)
    {
        shards = running;
        shardsDesired = desired;
    }

    void shardBounds(final int min, final int max, final int capacity)
    {
        shardsMin = min;
        shardsMax = max;
        shardCapacity = capacity;
    }

    /**
     * The totals resharding decides on.
     *
     * @return samples in, out (sends completed) and dropped, send time, and the timestamps.
     */
    ShardLoad load()
    {
        // Samples dropped for want of room are demand the shards did not serve, not samples that need no sending.
        return new ShardLoad(samplesIn.sum(), completedSamples.sum(),
            samplesDroppedByRelabel.sum() + samplesDroppedTooOld.sum(), completedSendNanos.sum(),
            highestTimestampInMs.get(), highestSentTimestampMs.get(), lastSendMs.get());
    }

    void queued(final int samples)
    {
        samplesPending.add(samples);
    }

    void unqueued(final int samples)
    {
        samplesPending.add(-samples);
    }

    void droppedQueueFull(final boolean histogram)
    {
        samplesDropped.increment();
        countDroppedHistogram(histogram);
    }

    void droppedByRelabel(final boolean histogram)
    {
        samplesDroppedByRelabel.increment();
        countDroppedHistogram(histogram);
    }

    void droppedTooOld(final boolean histogram)
    {
        samplesDroppedTooOld.increment();
        countDroppedHistogram(histogram);
    }

    void droppedTooOld(final int samples, final int histograms)
    {
        samplesDroppedTooOld.add(samples);
        histogramsDropped.add(histograms);
    }

    private void countDroppedHistogram(final boolean histogram)
    {
        if (histogram)
        {
            histogramsDropped.increment();
        }
    }

    void abandoned(final int samples, final int histograms)
    {
        samplesAbandoned.add(samples);
        histogramsDropped.add(histograms);
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

    /**
     * Durable queue segments that could not be created and preallocated (a full disk, most likely): the batch that
     * needed one was handled by the queue's full policy and counted in {@link #samplesDroppedDurableFull()}.
     *
     * @return the count.
     */
    public long durableSegmentsRefused()
    {
        return durableSegmentsRefused.sum();
    }

    /**
     * Native histograms among {@link #samplesSent()} ({@code prometheus_remote_storage_histograms_total}).
     *
     * @return the count.
     */
    public long histogramsSent()
    {
        return histogramsSent.sum();
    }

    /**
     * Native histograms among {@link #samplesFailed()} ({@code prometheus_remote_storage_histograms_failed_total}).
     *
     * @return the count.
     */
    public long histogramsFailed()
    {
        return histogramsFailed.sum();
    }

    /**
     * Native histograms among {@link #samplesRetried()} ({@code prometheus_remote_storage_histograms_retried_total}).
     *
     * @return the count.
     */
    public long histogramsRetried()
    {
        return histogramsRetried.sum();
    }

    /**
     * Native histograms dropped for any reason: relabeled away, too old, no room in the queue or on disk, abandoned at
     * close ({@code prometheus_remote_storage_histograms_dropped_total}); each is also in the sample drop counter
     * of its reason.
     *
     * @return the count.
     */
    public long histogramsDropped()
    {
        return histogramsDropped.sum();
    }

    /**
     * Samples and histograms the workers offered to the endpoint, whatever became of them
     * ({@code prometheus_remote_storage_samples_in_total}, here per endpoint); published once per worker duty cycle.
     *
     * @return the count.
     */
    public long samplesIn()
    {
        return samplesIn.sum();
    }

    /**
     * Newest timestamp offered to the endpoint ({@code prometheus_remote_storage_highest_timestamp_in_seconds}, here
     * in milliseconds and per endpoint).
     *
     * @return milliseconds since the epoch, {@link Long#MIN_VALUE} before the first sample.
     */
    public long highestTimestampInMs()
    {
        return highestTimestampInMs.get();
    }

    /**
     * Sealed batches a shard had to hold back during a reshard, until the batches of the shard count before were
     * done ({@code prometheus_remote_storage_enqueue_retries_total}: Prometheus retries an enqueue while it
     * reshards; Sluice's workers never wait, the shard holds the batch instead).
     *
     * @return the count.
     */
    public long enqueueRetries()
    {
        return enqueueRetries.sum();
    }

    /**
     * Wall clock of the last send that completed (delivered or rejected).
     *
     * @return milliseconds since the epoch, {@link Long#MIN_VALUE} before the first.
     */
    public long lastSendMs()
    {
        return lastSendMs.get();
    }

    /**
     * Duration of every send attempt ({@code prometheus_remote_storage_sent_batch_duration_seconds}).
     *
     * @return the histogram.
     */
    public SendDurations sentBatchDuration()
    {
        return sentBatchDuration;
    }

    /**
     * Shards running ({@code prometheus_remote_storage_shards}).
     *
     * @return the count.
     */
    public int shards()
    {
        return shards;
    }

    /**
     * The shards the last estimate asked for, before tolerance and bounds
     * ({@code prometheus_remote_storage_shards_desired}).
     *
     * @return the estimate.
     */
    public double shardsDesired()
    {
        return shardsDesired;
    }

    /**
     * {@code min_shards} ({@code prometheus_remote_storage_shards_min}).
     *
     * @return the bound.
     */
    public int shardsMin()
    {
        return shardsMin;
    }

    /**
     * {@code max_shards} ({@code prometheus_remote_storage_shards_max}); equal to {@link #shardsMin()} for an
     * endpoint whose shard count is fixed.
     *
     * @return the bound.
     */
    public int shardsMax()
    {
        return shardsMax;
    }

    /**
     * {@code capacity} ({@code prometheus_remote_storage_shard_capacity}).
     *
     * @return samples per shard.
     */
    public int shardCapacity()
    {
        return shardCapacity;
    }

    // Redirects (follow_redirects): every 3xx answer is one of these outcomes.
    private final LongAdder redirectsFollowed = new LongAdder();
    private final LongAdder redirectsNotFollowed = new LongAdder();
    private final LongAdder redirectLimitsReached = new LongAdder();

    void redirected(final int followed)
    {
        redirectsFollowed.add(followed);
    }

    void redirectNotFollowed()
    {
        redirectsNotFollowed.increment();
    }

    void redirectLimitReached()
    {
        redirectLimitsReached.increment();
    }

    /**
     * Redirects (307, 308) followed to another URL with the same method and body.
     *
     * @return the count since the endpoint was built.
     */
    public long redirectsFollowed()
    {
        return redirectsFollowed.sum();
    }

    /**
     * Answers with a 3xx status that were not followed ({@code follow_redirects: false}, or 301, 302, 303, which
     * would turn a write into a GET without its body) and so rejected the batch.
     *
     * @return the count since the endpoint was built.
     */
    public long redirectsNotFollowed()
    {
        return redirectsNotFollowed.sum();
    }

    /**
     * Attempts that gave up after {@link HttpWriteConnection#MAX_REDIRECTS} redirects; each is retried.
     *
     * @return the count since the endpoint was built.
     */
    public long redirectLimitsReached()
    {
        return redirectLimitsReached.sum();
    }
}
