package dev.sluice.pipeline.worker;

import dev.sluice.pipeline.record.HistogramFlyweight;
import dev.sluice.pipeline.record.MetadataFlyweight;
import dev.sluice.pipeline.record.RecordType;
import dev.sluice.pipeline.record.SampleFlyweight;
import dev.sluice.pipeline.record.ScrapeBeginFlyweight;
import dev.sluice.pipeline.record.ScrapeEndFlyweight;
import dev.sluice.pipeline.record.ScrapeStatus;
import dev.sluice.pipeline.series.SeriesCache;
import dev.sluice.pipeline.series.SeriesTable;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * Drains one ring buffer of scrape records and commits each scrape whole or not at all: the Agrona {@link Agent}
 * of the design's relabel worker. A sample of a cached series costs a hash probe and a compare; a new series runs the
 * target's metric relabel rules once. Native histograms ({@link RecordType#HISTOGRAM}) take the same way as samples,
 * through the same cache, rules and limits, and are staged off-heap; the exemplars of a kept sample or histogram are
 * staged with it and committed with it, the series' relabeling left off their own labels, as in Prometheus. At a
 * scrape's end the worker commits its staged samples and histograms to the {@link SampleSink}, or, when the scrape
 * failed or broke a limit, nothing of them;
 * then staleness markers for series that disappeared and the report series {@code up},
 * {@code scrape_duration_seconds}, {@code scrape_samples_scraped}, {@code scrape_samples_post_metric_relabeling} and
 * {@code scrape_series_added}.
 *
 * <p>Targets are added from any thread with {@link #addTarget}; everything else, the counters included, belongs to
 * the thread that runs {@link #doWork()}. Records of an unknown target, or samples outside a scrape, are skipped and
 * counted.
 */
public final class RelabelWorker implements Agent, MessageHandler
{
    /** Target registrations waiting for the worker thread; more at once makes {@link #addTarget} refuse. */
    public static final int PENDING_TARGETS_CAPACITY = 1024;

    private final RingBuffer ringBuffer;
    private final SampleSink sink;
    private final int readLimit;
    private final SeriesTable seriesTable;
    private final SeriesResolver resolver;
    private final Long2ObjectHashMap<TargetState> targets = new Long2ObjectHashMap<>();
    private final MpscArrayQueue<TargetConfig> pendingTargets = new MpscArrayQueue<>(PENDING_TARGETS_CAPACITY);
    private final MessagePassingQueue.Consumer<TargetConfig> register = this::register;
    private final ScrapeBeginFlyweight begin = new ScrapeBeginFlyweight();
    private final SampleFlyweight sample = new SampleFlyweight();
    private final HistogramFlyweight histogram = new HistogramFlyweight();
    private final ScrapeEndFlyweight end = new ScrapeEndFlyweight();
    private final MetadataFlyweight metadata = new MetadataFlyweight();
    private final ExemplarFilter exemplarFilter = new ExemplarFilter();
    private long skippedRecords;

    /**
     * Creates a worker.
     *
     * @param ringBuffer  the ring buffer the scrapers of this worker's targets write to.
     * @param seriesTable where the worker interns relabeled series; the sink reads their labels from it, on the
     *                    worker thread.
     * @param sink        receives committed scrapes.
     * @param readLimit   most records read per {@link #doWork()}, so that registrations are not starved.
     */
    public RelabelWorker(
        final RingBuffer ringBuffer, final SeriesTable seriesTable, final SampleSink sink, final int readLimit)
    {
        this.ringBuffer = ringBuffer;
        this.seriesTable = seriesTable;
        this.resolver = new SeriesResolver(seriesTable);
        this.sink = sink;
        this.readLimit = readLimit;
    }

    /**
     * Adds a target, or replaces one with the same id (its cache and staleness state start afresh). Any thread.
     *
     * @param config the target.
     * @return false when too many registrations are pending; try again later.
     */
    public boolean addTarget(final TargetConfig config)
    {
        return pendingTargets.offer(config);
    }

    /**
     * The table of relabeled series whose ids reach the sink. Read it on the worker thread.
     *
     * @return the table.
     */
    public SeriesTable seriesTable()
    {
        return seriesTable;
    }

    /**
     * The series cache of a target, for metrics and tests. Read it on the worker thread.
     *
     * @param targetId the target.
     * @return the cache, or null for an unknown target.
     */
    public SeriesCache seriesCache(final long targetId)
    {
        final TargetState target = targets.get(targetId);
        return target == null ? null : target.cache;
    }

    /**
     * Records skipped: of unknown targets, samples and ends outside a scrape, unknown types.
     *
     * @return the count.
     */
    public long skippedRecords()
    {
        return skippedRecords;
    }

    /**
     * Exemplars dropped when staged: a native histogram's exemplar without a timestamp, or one whose labels exceed
     * 128 UTF-8 runes, as Prometheus drops them. Repeats of a series' previous exemplar are not counted: they were
     * sent before.
     *
     * @return the count.
     */
    public long droppedExemplars()
    {
        return exemplarFilter.dropped();
    }

    /**
     * Registers pending targets, handles up to the read limit of records, and lets the sink hand on what is due.
     *
     * @return the work done: targets registered, records read and the sink's work.
     */
    @Override
    public int doWork()
    {
        int work = pendingTargets.drain(register);
        work += ringBuffer.read(this, readLimit);
        work += sink.flushDue(System.nanoTime());
        return work;
    }

    @Override
    public String roleName()
    {
        return "sluice-relabel-worker";
    }

    /**
     * Handles one record; called by the ring buffer during {@link #doWork()}.
     *
     * @param recordType one of {@link RecordType}.
     * @param buffer     the buffer holding the record.
     * @param index      the start of the record.
     * @param length     the length of the record.
     */
    @Override
    public void onMessage(final int recordType, final MutableDirectBuffer buffer, final int index, final int length)
    {
        switch (recordType)
        {
            case RecordType.SCRAPE_BEGIN:
                onBegin(begin.wrap(buffer, index));
                break;
            case RecordType.SAMPLE:
                onSample(sample.wrap(buffer, index, length));
                break;
            case RecordType.HISTOGRAM:
                onHistogram(histogram.wrap(buffer, index, length));
                break;
            case RecordType.SCRAPE_END:
                onEnd(end.wrap(buffer, index));
                break;
            case RecordType.METADATA:
                onMetadata(metadata.wrap(buffer, index));
                break;
            default:
                skippedRecords++;
        }
    }

    private void register(final TargetConfig config)
    {
        targets.put(config.targetId(), new TargetState(config, resolver, exemplarFilter));
    }

    private void onBegin(final ScrapeBeginFlyweight record)
    {
        final TargetState target = targets.get(record.targetId());
        if (target == null)
        {
            skippedRecords++;
            return;
        }
        if (target.isActive())
        {
            target.finish(CommitOutcome.END_LOST, 0, target.samplesSeen(), 0, sink);
        }
        target.begin(record.scrapeId(), record.scrapeTimeMs());
    }

    private void onSample(final SampleFlyweight record)
    {
        final TargetState target = activeTarget(record.targetId());
        if (target == null)
        {
            return;
        }
        final int seriesId = stagedSeriesId(target, record.seriesHash(), record.buffer(), record.labelsOffset(),
            record.labelsLength(), record.labelCount());
        if (seriesId >= 0)
        {
            final boolean keepsTimestamp = keepsTimestamp(target, record.hasTimestamp());
            final long timestampMs = keepsTimestamp ? record.timestampMs() : target.scrapeTimeMs();
            final int exemplarsAt = record.hasExemplars() ? target.stageExemplars(record.buffer(),
                record.exemplarsOffset(), record.exemplarsLength(), timestampMs, false) : TargetState.NO_EXEMPLARS;
            target.stage(seriesId, timestampMs, record.valueBits(), tracksStaleness(target, keepsTimestamp),
                exemplarsAt);
        }
    }

    private void onHistogram(final HistogramFlyweight record)
    {
        final TargetState target = activeTarget(record.targetId());
        if (target == null)
        {
            return;
        }
        final int seriesId = stagedSeriesId(target, record.seriesHash(), record.buffer(), record.labelsOffset(),
            record.labelsLength(), record.labelCount());
        if (seriesId >= 0)
        {
            final boolean keepsTimestamp = keepsTimestamp(target, record.hasTimestamp());
            final long timestampMs = keepsTimestamp ? record.timestampMs() : target.scrapeTimeMs();
            final int exemplarsAt = record.hasExemplars() ? target.stageExemplars(record.buffer(),
                record.exemplarsOffset(), record.exemplarsLength(), timestampMs, true) : TargetState.NO_EXEMPLARS;
            target.stageHistogram(seriesId, timestampMs, tracksStaleness(target, keepsTimestamp), record.buffer(),
                record.payloadOffset(), record.payloadLength(), exemplarsAt);
        }
    }

    /** The target of a sample or histogram record when it has a scrape under way; null, counted, otherwise. */
    private TargetState activeTarget(final long targetId)
    {
        final TargetState target = targets.get(targetId);
        if (target == null || !target.isActive())
        {
            skippedRecords++;
            return null;
        }
        return target;
    }

    /**
     * Counts a sample or histogram of the scrape and finds the series it is staged under, from the cache or, for a
     * series new to it, by resolving and caching it; a rejected series fails the scrape.
     *
     * @return the series id, or a negative value when nothing is to be staged.
     */
    private int stagedSeriesId(
        final TargetState target,
        final long hash,
        final MutableDirectBuffer buffer,
        final int labelsOffset,
        final int labelsLength,
        final int labelCount)
    {
        target.countSample();
        if (target.isFailing())
        {
            return SeriesCache.DROPPED;
        }
        final SeriesCache cache = target.cache;
        int value = cache.get(hash, buffer, labelsOffset, labelsLength);
        if (value == SeriesCache.MISSING)
        {
            value = resolver.resolve(target.config, buffer, labelsOffset, labelCount);
            cache.put(hash, buffer, labelsOffset, labelsLength, value);
            if (value >= 0)
            {
                target.countSeriesAdded();
            }
        }
        if (value < 0 && value != SeriesCache.DROPPED)
        {
            target.fail(SeriesResolver.outcomeOf(value));
        }
        return value;
    }

    private static boolean keepsTimestamp(final TargetState target, final boolean hasTimestamp)
    {
        return hasTimestamp && target.config.honorTimestamps();
    }

    private static boolean tracksStaleness(final TargetState target, final boolean keepsTimestamp)
    {
        return !keepsTimestamp || target.config.trackTimestampsStaleness();
    }

    /** Hands a family's changed metadata to the sink at once: metadata is not part of a scrape's commit. */
    private void onMetadata(final MetadataFlyweight record)
    {
        if (targets.get(record.targetId()) == null)
        {
            skippedRecords++;
            return;
        }
        sink.metadata(record);
    }

    private void onEnd(final ScrapeEndFlyweight record)
    {
        final TargetState target = targets.get(record.targetId());
        if (target == null || !target.isActive())
        {
            skippedRecords++;
            return;
        }
        final int failure = ScrapeStatus.isSuccess(record.status()) ?
            CommitOutcome.COMMITTED : CommitOutcome.SCRAPE_FAILED;
        target.finish(failure, record.durationNs(), record.samplesScraped(), record.bodySize(), sink);
    }
}
