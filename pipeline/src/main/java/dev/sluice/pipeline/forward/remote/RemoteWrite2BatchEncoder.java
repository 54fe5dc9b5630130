package dev.sluice.pipeline.forward.remote;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.pipeline.forward.BatchEncoder;
import dev.sluice.pipeline.forward.EncodedBatch;
import dev.sluice.pipeline.forward.SeriesMetadata;
import dev.sluice.pipeline.record.ExemplarFlyweight;
import dev.sluice.pipeline.series.SeriesLabelCursor;
import dev.sluice.protobuf.remote.RemoteWrite2Encoder;
import dev.sluice.protobuf.remote.RemoteWriteHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.agrona.DirectBuffer;

/**
 * Batches as Remote Write 2.0 {@code Request}s: each label name and value interned once per request into its
 * symbol table, one {@code TimeSeries} of label references per sample or native histogram (no start timestamp) with
 * its exemplars, whose labels are interned too, and its family's metadata (type, help and unit as symbol references)
 * when the endpoint sends metadata; the symbols are written ahead of the series when the batch is
 * sealed.
 */
public final class RemoteWrite2BatchEncoder implements BatchEncoder
{
    private final RemoteWrite2Encoder encoder = new RemoteWrite2Encoder();
    private final SeriesLabelCursor labels = new SeriesLabelCursor();

    /** Creates the encoder of one shard. */
    public RemoteWrite2BatchEncoder()
    {
    }

    @Override
    public void begin(final EncodedBatch batch)
    {
        encoder.reset();
    }

    @Override
    public void append(
        final EncodedBatch batch,
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final long timestampMs,
        final long valueBits,
        final ExemplarFlyweight exemplars,
        final SeriesMetadata metadata)
    {
        beginSeries(series, recordOffset);
        encoder.addSample(Double.longBitsToDouble(valueBits), timestampMs, 0);
        batch.countExemplars(ExemplarBlockEncoding.write(exemplars, encoder));
        endSeries(metadata);
        batch.countSample();
    }

    @Override
    public void appendHistogram(
        final EncodedBatch batch,
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final long timestampMs,
        final NativeHistogramView histogram,
        final ExemplarFlyweight exemplars,
        final SeriesMetadata metadata)
    {
        beginSeries(series, recordOffset);
        encoder.addHistogram(histogram, timestampMs, 0);
        batch.countExemplars(ExemplarBlockEncoding.write(exemplars, encoder));
        endSeries(metadata);
        batch.countSample();
    }

    /** Closes the series, with its family's type, help and unit when it has them (help and unit as symbols). */
    private void endSeries(final SeriesMetadata metadata)
    {
        if (metadata != null)
        {
            encoder.setMetadata(metadata.type(), metadata.text(), metadata.helpOffset(), metadata.helpLength(),
                metadata.text(), metadata.unitOffset(), metadata.unitLength());
        }
        encoder.endSeries();
    }

    private void beginSeries(final DirectBuffer series, final int recordOffset)
    {
        encoder.beginSeries();
        for (labels.wrap(series, recordOffset); labels.next(); )
        {
            encoder.addLabel(series, labels.nameOffset(), labels.nameLength(), labels.valueOffset(),
                labels.valueLength());
        }
    }

    @Override
    public void finish(final EncodedBatch batch)
    {
        batch.length(encoder.finish(batch.body(), 0));
    }

    @Override
    public void headers(final HttpHeaders headers)
    {
        headers.set(RemoteWriteHeaders.CONTENT_TYPE, RemoteWriteHeaders.CONTENT_TYPE_2)
            .set(RemoteWriteHeaders.CONTENT_ENCODING, RemoteWriteHeaders.SNAPPY)
            .set(RemoteWriteHeaders.VERSION, RemoteWriteHeaders.VERSION_2)
            .set("User-Agent", "Sluice");
    }

    /** A 2.0 receiver must answer with the counts of what it wrote; one that does not cannot read 2.0. */
    @Override
    public boolean requiresWrittenCounts()
    {
        return true;
    }
}
