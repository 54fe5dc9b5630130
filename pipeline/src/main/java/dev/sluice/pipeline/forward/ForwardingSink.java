package dev.sluice.pipeline.forward;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.pipeline.record.ExemplarFlyweight;
import dev.sluice.pipeline.record.HistogramPayload;
import dev.sluice.pipeline.record.MetadataFlyweight;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.pipeline.worker.SampleSink;
import org.agrona.DirectBuffer;

/**
 * The sink a relabel worker commits to when its samples go to databases: every committed sample and native histogram
 * is appended to the batch of each endpoint, straight from the worker's series table, on the worker thread. A
 * histogram is read from its staged payload once, into a reused view, for all endpoints; exemplars are read in place
 * from the worker's stage by one reused flyweight, which each endpoint that sends them walks. Family metadata is kept
 * in a {@link FamilyMetadataTable}: Remote Write 1.0 endpoints send it on their own schedule, 2.0 endpoints attach
 * each series' family metadata to it.
 */
public final class ForwardingSink implements SampleSink
{
    private final SeriesTable seriesTable;
    private final EndpointBatcher[] batchers;
    private final NativeHistogramView histogram = new NativeHistogramView();
    private final ExemplarFlyweight exemplars = new ExemplarFlyweight();
    private final FamilyMetadataTable families = new FamilyMetadataTable();
    private final SeriesFamilies seriesFamilies = new SeriesFamilies();
    private long targetId;

    /**
     * Creates the sink of one worker.
     *
     * @param seriesTable the worker's series table.
     * @param batchers    the worker's batcher of each endpoint ({@link WriteEndpoint#batcher(int)}).
     */
    public ForwardingSink(final SeriesTable seriesTable, final EndpointBatcher... batchers)
    {
        this.seriesTable = seriesTable;
        this.batchers = batchers.clone();
    }

    @Override
    public void beginCommit(final long targetId, final long scrapeId, final int outcome)
    {
        this.targetId = targetId;
    }

    @Override
    public void sample(final int seriesId, final long timestampMs, final long valueBits)
    {
        forwardSample(seriesId, timestampMs, valueBits, null);
    }

    @Override
    public void sampleWithExemplars(
        final int seriesId,
        final long timestampMs,
        final long valueBits,
        final DirectBuffer exemplarBlock,
        final int exemplarsOffset,
        final int exemplarsLength)
    {
        forwardSample(seriesId, timestampMs, valueBits,
            exemplars.wrap(exemplarBlock, exemplarsOffset, exemplarsLength));
    }

    private void forwardSample(
        final int seriesId, final long timestampMs, final long valueBits, final ExemplarFlyweight sampleExemplars)
    {
        final int recordOffset = seriesTable.recordOffset(seriesId);
        final SeriesMetadata metadata = metadataOf(seriesId);
        for (final EndpointBatcher batcher : batchers)
        {
            batcher.append(targetId, seriesTable.buffer(), recordOffset, seriesId, timestampMs, valueBits,
                sampleExemplars, metadata);
        }
    }

    @Override
    public void histogram(
        final int seriesId, final long timestampMs, final DirectBuffer payload, final int offset, final int length)
    {
        forwardHistogram(seriesId, timestampMs, payload, offset, null);
    }

    @Override
    public void histogramWithExemplars(
        final int seriesId,
        final long timestampMs,
        final DirectBuffer payload,
        final int offset,
        final int length,
        final DirectBuffer exemplarBlock,
        final int exemplarsOffset,
        final int exemplarsLength)
    {
        forwardHistogram(seriesId, timestampMs, payload, offset,
            exemplars.wrap(exemplarBlock, exemplarsOffset, exemplarsLength));
    }

    private void forwardHistogram(
        final int seriesId,
        final long timestampMs,
        final DirectBuffer payload,
        final int offset,
        final ExemplarFlyweight histogramExemplars)
    {
        final int recordOffset = seriesTable.recordOffset(seriesId);
        HistogramPayload.read(payload, offset, histogram);
        final SeriesMetadata metadata = metadataOf(seriesId);
        for (final EndpointBatcher batcher : batchers)
        {
            batcher.appendHistogram(targetId, seriesTable.buffer(), recordOffset, seriesId, timestampMs, histogram,
                histogramExemplars, metadata);
        }
    }

    /** The family metadata of a series, for endpoints that attach it; null before any metadata arrived. */
    private SeriesMetadata metadataOf(final int seriesId)
    {
        return families.count() == 0 ? null : seriesFamilies.metadataOf(families, seriesTable, seriesId, targetId);
    }

    /** Keeps the family's metadata for the endpoints that send it. */
    @Override
    public void metadata(final MetadataFlyweight family)
    {
        families.update(family);
    }

    @Override
    public void endCommit(final long targetId, final long scrapeId, final int outcome)
    {
    }

    @Override
    public int flushDue(final long nowNs)
    {
        int work = 0;
        for (final EndpointBatcher batcher : batchers)
        {
            work += batcher.flushDue(nowNs);
            work += batcher.sendMetadataDue(nowNs, families);
        }
        return work;
    }

    /** Seals every partly filled batch, before the endpoints close; worker thread, after its last scrape. */
    public void flushAll()
    {
        for (final EndpointBatcher batcher : batchers)
        {
            batcher.flushAll();
        }
    }
}
