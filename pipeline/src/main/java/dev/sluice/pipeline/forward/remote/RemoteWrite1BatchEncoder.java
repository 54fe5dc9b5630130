package dev.sluice.pipeline.forward.remote;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.pipeline.forward.BatchEncoder;
import dev.sluice.pipeline.forward.EncodedBatch;
import dev.sluice.pipeline.forward.SeriesMetadata;
import dev.sluice.pipeline.record.ExemplarFlyweight;
import dev.sluice.pipeline.series.SeriesLabelCursor;
import dev.sluice.protobuf.remote.RemoteWrite1Encoder;
import dev.sluice.protobuf.remote.RemoteWriteHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.agrona.DirectBuffer;

/**
 * Batches as Remote Write 1.0 {@code WriteRequest}s: one {@code TimeSeries} per sample or native histogram, its labels
 * copied from the series record (already sorted by name, as the specification requires), as Prometheus' own queue
 * sends them. The exemplars of a sample go into its {@code TimeSeries}, after the sample; those of a native histogram
 * into a second {@code TimeSeries} of the same labels right after it, because a 1.0 receiver such as Prometheus 2.42
 * appends a series' exemplars before its histograms, and would not find a new histogram series for them yet.
 */
public final class RemoteWrite1BatchEncoder implements BatchEncoder
{
    private final RemoteWrite1Encoder encoder = new RemoteWrite1Encoder();
    private final SeriesLabelCursor labels = new SeriesLabelCursor();

    /** Creates the encoder of one shard. */
    public RemoteWrite1BatchEncoder()
    {
    }

    @Override
    public void begin(final EncodedBatch batch)
    {
        encoder.wrap(batch.body(), 0);
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
        encoder.addSample(Double.longBitsToDouble(valueBits), timestampMs);
        batch.countExemplars(ExemplarBlockEncoding.write(exemplars, encoder));
        encoder.endSeries();
        batch.length(encoder.length());
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
        encoder.addHistogram(histogram, timestampMs).endSeries();
        if (exemplars != null && exemplars.keptCount() > 0)
        {
            beginSeries(series, recordOffset);
            batch.countExemplars(ExemplarBlockEncoding.write(exemplars, encoder));
            encoder.endSeries();
        }
        batch.length(encoder.length());
        batch.countSample();
    }

    private void beginSeries(final DirectBuffer series, final int recordOffset)
    {
        encoder.beginSeries();
        labels.wrap(series, recordOffset);
        while (labels.next())
        {
            encoder.addLabel(series, labels.nameOffset(), labels.nameLength(), labels.valueOffset(),
                labels.valueLength());
        }
    }

    /** Remote Write 1.0 sends metadata in requests of their own, as Prometheus' queue manager does. */
    @Override
    public boolean sendsMetadataRequests()
    {
        return true;
    }

    @Override
    public void appendMetadata(final EncodedBatch batch, final SeriesMetadata metadata)
    {
        encoder.addMetadata(metadata.type(), metadata.text(), metadata.nameOffset(), metadata.nameLength(),
            metadata.helpOffset(), metadata.helpLength(), metadata.unitOffset(), metadata.unitLength());
        batch.length(encoder.length());
        batch.countMetadata();
    }

    @Override
    public void finish(final EncodedBatch batch)
    {
        batch.length(encoder.length());
    }

    @Override
    public void headers(final HttpHeaders headers)
    {
        headers.set(RemoteWriteHeaders.CONTENT_TYPE, RemoteWriteHeaders.CONTENT_TYPE_1)
            .set(RemoteWriteHeaders.CONTENT_ENCODING, RemoteWriteHeaders.SNAPPY)
            .set(RemoteWriteHeaders.VERSION, RemoteWriteHeaders.VERSION_1)
            .set("User-Agent", "Sluice");
    }
}
