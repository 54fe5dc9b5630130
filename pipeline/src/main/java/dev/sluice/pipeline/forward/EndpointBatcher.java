package dev.sluice.pipeline.forward;

import java.util.function.Supplier;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.pipeline.record.ExemplarFlyweight;
import dev.sluice.pipeline.forward.RemoteWriteConfig.MetadataConfig;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * The worker's side of one {@link WriteEndpoint}: for each shard, the batch being filled with committed samples,
 * sealed and queued to the shard when it holds {@code max_samples_per_send} samples or has waited
 * {@code batch_send_deadline} with nothing queued before it. A series maps to the same shard while the shard count
 * stays. Each shard has a fixed pool of batches per worker ({@code capacity} samples in all); while all of them are
 * queued or in flight, new samples for that shard are dropped and counted. Worker thread only; allocates nothing per
 * sample.
 *
 * <p>An endpoint with external labels or write relabel rules encodes from an {@link EndpointSeries} table of its own,
 * relabeled once per series; samples of a series it drops are counted, not sent. Samples older than
 * {@code sample_age_limit} when appended are counted and not sent.
 *
 * <p>When the endpoint reshards, the batcher notices at its next {@link #flushDue} (or {@link #flushAll}): it seals
 * what it is filling for the old count and maps series over the new one ({@link ShardSet}). Shards it had not used
 * before get their batches then, once; nothing is allocated per sample.
 *
 * <p>With {@code send_exemplars} the exemplars of a sample or histogram are encoded with it; when the sample is not
 * sent (dropped by the rules, too old, queue full), its exemplars are counted as dropped. Without it they are left
 * out and not counted, as Prometheus does.
 *
 * <p>For a format that sends metadata in requests of its own (Remote Write 1.0) with {@code metadata_config.send},
 * every {@code send_interval} the batcher seals shard 0's batch and fills further batches of that shard with the
 * metadata of every family the worker knows, equal entries of several targets once, {@code max_samples_per_send}
 * entries per request, as Prometheus' metadata watcher does.
 */
public final class EndpointBatcher
{
    private final Shard[] shards;
    private final ShardSet shardSet;
    private final Supplier<? extends BatchEncoder> encoders;
    private final int batchesPerShard;
    private final ForwarderMetrics metrics;
    private final int maxSamples;
    private final long deadlineNs;
    private final long sampleAgeLimitMs;
    private final EndpointSeries endpointSeries;
    private long layout;
    private int shardCount;
    private int generation;
    private long offered;
    private long highestOfferedMs = Long.MIN_VALUE;
    private final boolean sendExemplars;
    private final MetadataConfig metadataConfig;
    private final long metadataIntervalNs;
    private final LongHashSet metadataSent = new LongHashSet();
    private final SeriesMetadata familyMetadata = new SeriesMetadata();
    private long nextMetadataNs = Long.MIN_VALUE;

    EndpointBatcher(
        final QueueConfig queue,
        final ShardSet shardSet,
        final Supplier<? extends BatchEncoder> encoders,
        final ForwarderMetrics metrics,
        final WriteRelabeling relabeling,
        final boolean sendExemplars,
        final MetadataConfig metadataConfig)
    {
        this.sendExemplars = sendExemplars;
        this.metadataConfig = metadataConfig;
        this.metadataIntervalNs = metadataConfig.sendInterval().toNanos();
        this.shards = new Shard[shardSet.capacity()];
        this.shardSet = shardSet;
        this.encoders = encoders;
        this.batchesPerShard = queue.batchesPerShard();
        adopt(shardSet.register());
        this.metrics = metrics;
        this.maxSamples = queue.maxSamplesPerSend();
        this.deadlineNs = queue.batchSendDeadline().toNanos();
        this.sampleAgeLimitMs = queue.sampleAgeLimit().toMillis();
        this.endpointSeries = relabeling.isIdentity() ? null : new EndpointSeries(relabeling);
    }

    /**
     * The shard a series is sent by: a mix of its id, so that consecutive ids spread over the shards.
     *
     * @param seriesId the series id of the worker's table.
     * @param shards   the number of shards.
     * @return the shard index.
     */
    static int shardOf(final int seriesId, final int shards)
    {
        final long mixed = (seriesId & 0xFFFF_FFFFL) * 0x9E37_79B9_7F4A_7C15L;
        return (int)((mixed >>> 32) % shards);
    }

    /**
     * Appends one committed sample to its shard's batch, sealing the batch when it is full; relabels its series for
     * this endpoint on first sight.
     *
     * @param targetId     the target.
     * @param series       the buffer of the worker's series table.
     * @param recordOffset the series record's index in it.
     * @param seriesId     the series id, which picks the shard.
     * @param timestampMs  milliseconds since the epoch.
     * @param valueBits    raw bits of the value.
     */
    public void append(
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final int seriesId,
        final long timestampMs,
        final long valueBits)
    {
        appendPoint(targetId, series, recordOffset, seriesId, timestampMs, valueBits, null, null, null);
    }

    /**
     * Appends one committed sample with its exemplars, which are encoded only when the endpoint sends exemplars.
     *
     * @param targetId     the target.
     * @param series       the buffer of the worker's series table.
     * @param recordOffset the series record's index in it.
     * @param seriesId     the series id, which picks the shard.
     * @param timestampMs  milliseconds since the epoch.
     * @param valueBits    raw bits of the value.
     * @param exemplars    the sample's exemplars, or null; read during the call only.
     * @param metadata     the series' family metadata, or null; attached only when the endpoint sends metadata.
     */
    public void append(
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final int seriesId,
        final long timestampMs,
        final long valueBits,
        final ExemplarFlyweight exemplars,
        final SeriesMetadata metadata)
    {
        appendPoint(targetId, series, recordOffset, seriesId, timestampMs, valueBits, null, exemplars, metadata);
    }

    /**
     * Appends one committed native histogram as {@link #append} appends a sample: relabeled for the endpoint, subject
     * to {@code sample_age_limit}, and counted as one sample of its batch.
     *
     * @param targetId     the target.
     * @param series       the buffer of the worker's series table.
     * @param recordOffset the series record's index in it.
     * @param seriesId     the series id, which picks the shard.
     * @param timestampMs  milliseconds since the epoch.
     * @param histogram    the histogram, read during the call only.
     */
    public void appendHistogram(
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final int seriesId,
        final long timestampMs,
        final NativeHistogramView histogram)
    {
        appendPoint(targetId, series, recordOffset, seriesId, timestampMs, 0, histogram, null, null);
    }

    /**
     * Appends one committed native histogram with its exemplars, which are encoded only when the endpoint sends
     * exemplars.
     *
     * @param targetId     the target.
     * @param series       the buffer of the worker's series table.
     * @param recordOffset the series record's index in it.
     * @param seriesId     the series id, which picks the shard.
     * @param timestampMs  milliseconds since the epoch.
     * @param histogram    the histogram, read during the call only.
     * @param exemplars    the histogram's exemplars, or null; read during the call only.
     * @param metadata     the series' family metadata, or null; attached only when the endpoint sends metadata.
     */
    public void appendHistogram(
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final int seriesId,
        final long timestampMs,
        final NativeHistogramView histogram,
        final ExemplarFlyweight exemplars,
        final SeriesMetadata metadata)
    {
        appendPoint(targetId, series, recordOffset, seriesId, timestampMs, 0, histogram, exemplars, metadata);
    }

    /** Appends a sample ({@code histogram} null) or a histogram of a worker's series, relabeled for the endpoint. */
    private void appendPoint(
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final int seriesId,
        final long timestampMs,
        final long valueBits,
        final NativeHistogramView histogram,
        final ExemplarFlyweight exemplars,
        final SeriesMetadata metadata)
    {
        offered++;
        if (timestampMs > highestOfferedMs)
        {
            highestOfferedMs = timestampMs;
        }
        final ExemplarFlyweight sent = sendExemplars ? exemplars : null;
        final SeriesMetadata attached = metadataConfig.send() ? metadata : null;
        if (endpointSeries == null)
        {
            encode(targetId, series, recordOffset, seriesId, timestampMs, valueBits, histogram, sent, attached);
            return;
        }
        final int endpointSeriesId = endpointSeries.resolve(seriesId, series, recordOffset);
        if (endpointSeriesId < 0)
        {
            metrics.droppedByRelabel(histogram != null);
            dropExemplars(sent);
            return;
        }
        encode(targetId, endpointSeries.buffer(), endpointSeries.recordOffset(endpointSeriesId), endpointSeriesId,
            timestampMs, valueBits, histogram, sent, attached);
    }

    private void dropExemplars(final ExemplarFlyweight exemplars)
    {
        if (exemplars != null)
        {
            metrics.droppedExemplars(exemplars.keptCount());
        }
    }

    /**
     * Appends a sample ({@code histogram} null) or a histogram of a series as the endpoint sends it; {@code seriesId}
     * is of the table {@code series} is.
     */
    private void encode(
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final int seriesId,
        final long timestampMs,
        final long valueBits,
        final NativeHistogramView histogram,
        final ExemplarFlyweight exemplars,
        final SeriesMetadata metadata)
    {
        if (sampleAgeLimitMs > 0 && timestampMs < System.currentTimeMillis() - sampleAgeLimitMs)
        {
            metrics.droppedTooOld(histogram != null);
            dropExemplars(exemplars);
            return;
        }
        final Shard shard = shards[shardOf(seriesId, shardCount)];
        EncodedBatch batch = shard.filling;
        if (batch == null)
        {
            batch = shard.pool.poll();
            if (batch == null)
            {
                metrics.droppedQueueFull(histogram != null);
                dropExemplars(exemplars);
                return;
            }
            shard.encoder.begin(batch);
            shard.filling = batch;
            shard.startedNs = System.nanoTime();
        }
        if (histogram == null)
        {
            shard.encoder.append(batch, targetId, series, recordOffset, timestampMs, valueBits, exemplars, metadata);
        }
        else
        {
            final int before = batch.samples();
            shard.encoder.appendHistogram(batch, targetId, series, recordOffset, timestampMs, histogram, exemplars,
                metadata);
            if (batch.samples() > before)
            {
                batch.countHistogram();
            }
        }
        batch.noteTimestamp(timestampMs);
        if (batch.samples() >= maxSamples)
        {
            shard.seal(generation);
        }
    }

    /**
     * Seals every batch that has waited {@code batch_send_deadline}, unless its shard still has a sealed batch
     * waiting: sealing a small batch behind it would not send it sooner, only waste the shard's capacity.
     *
     * @param nowNs {@link System#nanoTime()}.
     * @return the number of batches sealed.
     */
    public int flushDue(final long nowNs)
    {
        publishOffered();
        int sealed = followReshard();
        for (int i = 0; i < shardCount; i++)
        {
            final Shard shard = shards[i];
            if (shard.filling != null && nowNs - shard.startedNs >= deadlineNs && shard.sender.nothingQueued())
            {
                shard.seal(generation);
                sealed++;
            }
        }
        return sealed;
    }

    private void publishOffered()
    {
        if (offered > 0)
        {
            metrics.offered(offered, highestOfferedMs);
            offered = 0;
        }
    }

    /** Seals every open batch and moves to the endpoint's new shard count, when it has one. */
    private int followReshard()
    {
        final long target = shardSet.target();
        if (target == layout)
        {
            return 0;
        }
        final int sealed = sealAll();
        adopt(target);
        shardSet.switched();
        return sealed;
    }

    private void adopt(final long target)
    {
        layout = target;
        generation = ShardSet.generationOf(target);
        shardCount = ShardSet.countOf(target);
        for (int i = 0; i < shardCount; i++)
        {
            if (shards[i] == null)
            {
                shards[i] = new Shard(shardSet.sender(i), encoders.get(), batchesPerShard, shardSet);
            }
        }
    }

    private int sealAll()
    {
        int sealed = 0;
        for (final Shard shard : shards)
        {
            if (shard != null && shard.filling != null)
            {
                shard.seal(generation);
                sealed++;
            }
        }
        return sealed;
    }

    /**
     * Sends the metadata of every family in {@code families} when {@code send_interval} has passed since the last
     * time (or never was sent), for a format that sends metadata requests. Batches the pool of shard 0 cannot give
     * now are left for the next interval.
     *
     * @param nowNs    {@link System#nanoTime()}.
     * @param families the worker's family metadata.
     * @return the number of metadata batches sealed.
     */
    int sendMetadataDue(final long nowNs, final FamilyMetadataTable families)
    {
        final Shard shard = shards[0];
        if (!metadataConfig.send() || !shard.encoder.sendsMetadataRequests() || families.count() == 0 ||
            nextMetadataNs != Long.MIN_VALUE && nowNs - nextMetadataNs < 0)
        {
            return 0;
        }
        nextMetadataNs = nowNs + metadataIntervalNs;
        if (shard.filling != null)
        {
            shard.seal(generation);
        }
        metadataSent.clear();
        int sealed = 0;
        EncodedBatch batch = null;
        for (int entry = 0; entry < families.count(); entry++)
        {
            if (!metadataSent.add(families.contentHash(entry)))
            {
                continue;
            }
            if (batch == null)
            {
                batch = shard.pool.poll();
                if (batch == null)
                {
                    return sealed;
                }
                shard.encoder.begin(batch);
                batch.noteTimestamp(System.currentTimeMillis());
            }
            shard.encoder.appendMetadata(batch, familyMetadata.of(families, entry));
            if (batch.metadata() >= metadataConfig.maxSamplesPerSend())
            {
                shard.seal(batch, generation);
                sealed++;
                batch = null;
            }
        }
        if (batch != null)
        {
            shard.seal(batch, generation);
            sealed++;
        }
        return sealed;
    }

    /**
     * Free batches in a shard's pool now, for tests that wait until a shard gave its batches back.
     *
     * @param shard a shard index this worker maps series to.
     * @return the batches the worker can fill.
     */
    int freeBatches(final int shard)
    {
        return shards[shard].pool.size();
    }

    /**
     * The series this batcher relabeled for the endpoint, or null when the endpoint sends series unchanged.
     *
     * @return the endpoint's view of the worker's series.
     */
    EndpointSeries endpointSeries()
    {
        return endpointSeries;
    }

    /** Seals every batch that holds samples, whatever its age: before the endpoint closes. */
    public void flushAll()
    {
        publishOffered();
        followReshard();
        sealAll();
    }

    /** One shard as this worker sees it: its encoder, the batch being filled and the pool of free batches. */
    private static final class Shard
    {
        private final ShardSender sender;
        private final BatchEncoder encoder;
        private final OneToOneConcurrentArrayQueue<EncodedBatch> pool;
        private final ShardSet shardSet;
        private EncodedBatch filling;
        private long startedNs;

        Shard(final ShardSender sender, final BatchEncoder encoder, final int batches, final ShardSet shardSet)
        {
            this.sender = sender;
            this.encoder = encoder;
            this.shardSet = shardSet;
            this.pool = new OneToOneConcurrentArrayQueue<>(batches);
            for (int i = 0; i < batches; i++)
            {
                pool.offer(new EncodedBatch(pool));
            }
        }

        void seal(final int generation)
        {
            final EncodedBatch batch = filling;
            filling = null;
            seal(batch, generation);
        }

        /** Seals a batch that is not the one being filled with samples (a batch of metadata) in a generation. */
        void seal(final EncodedBatch batch, final int generation)
        {
            encoder.finish(batch);
            batch.generation(generation);
            shardSet.sealed(generation);
            sender.offer(batch);
        }
    }
}
