package dev.sluice.pipeline.forward.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;
import dev.sluice.pipeline.forward.BatchEncoder;
import dev.sluice.pipeline.forward.EncodedBatch;
import dev.sluice.pipeline.forward.influx.LineProtocolEncoder;
import dev.sluice.pipeline.forward.influx.TargetUrls;
import dev.sluice.pipeline.forward.influx.TimestampPrecision;
import dev.sluice.pipeline.record.NativeHistograms;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.protobuf.remote.RemoteWrite1Decoder;
import dev.sluice.protobuf.remote.RemoteWrite2Decoder;
import org.junit.jupiter.api.Test;

/**
 * Native histograms appended by the Remote Write batch encoders decode back equal, with their series' labels, with
 * Sluice's Remote Write decoders; line protocol counts them as unrepresentable.
 */
class HistogramBatchEncodingTest
{
    private static final long TARGET = 9;
    private static final long TIMESTAMP_MS = 1_700_000_000_123L;

    private final SeriesTable table = new SeriesTable();
    private final int seriesId = table.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "rpc_seconds")
        .set("job", "api"));
    private final List<NativeHistogramView> histograms = List.of(NativeHistograms.integer(),
        NativeHistograms.floating(), NativeHistograms.customBuckets(), NativeHistograms.zeroBucketOnly());
    private final EncodedBatch batch = new EncodedBatch();

    private List<String> expected()
    {
        final List<String> lines = new ArrayList<>();
        lines.add("{__name__=rpc_seconds, job=api} sample 2.5 @" + TIMESTAMP_MS);
        for (final NativeHistogramView h : histograms)
        {
            lines.add("{__name__=rpc_seconds, job=api} histogram " + NativeHistograms.describe(h) + " @" +
                TIMESTAMP_MS);
        }
        return lines;
    }

    @Test
    void remoteWrite1CarriesEachHistogramAsASeriesOfItsOwn()
    {
        final RemoteWrite1BatchEncoder encoder = new RemoteWrite1BatchEncoder();
        append(encoder);

        final RemoteWrite1Decoder decoder = new RemoteWrite1Decoder().wrap(batch.body(), 0, batch.length());
        final List<String> lines = new ArrayList<>();
        final TextView name = new TextView();
        final TextView value = new TextView();
        final NativeHistogramView view = new NativeHistogramView();
        while (decoder.nextSeries())
        {
            final String labels = labels(decoder.labelCount(), i -> decoder.labelName(i, name),
                i -> decoder.labelValue(i, value));
            for (int i = 0; i < decoder.sampleCount(); i++)
            {
                lines.add(labels + " sample " + decoder.sampleValue(i) + " @" + decoder.sampleTimestampMs(i));
            }
            for (int i = 0; i < decoder.histogramCount(); i++)
            {
                lines.add(labels + " histogram " + NativeHistograms.describe(decoder.histogram(i, view)) + " @" +
                    decoder.histogramTimestampMs(i));
            }
        }
        assertEquals(expected(), lines);
        assertEquals(1 + histograms.size(), batch.samples(), "a histogram counts as one sample");
    }

    @Test
    void remoteWrite2CarriesEachHistogramWithoutAStartTimestamp()
    {
        final RemoteWrite2BatchEncoder encoder = new RemoteWrite2BatchEncoder();
        append(encoder);

        final RemoteWrite2Decoder decoder = new RemoteWrite2Decoder().wrap(batch.body(), 0, batch.length());
        final List<String> lines = new ArrayList<>();
        final TextView name = new TextView();
        final TextView value = new TextView();
        final NativeHistogramView view = new NativeHistogramView();
        while (decoder.nextSeries())
        {
            final String labels = labels(decoder.labelCount(), i -> decoder.labelName(i, name),
                i -> decoder.labelValue(i, value));
            for (int i = 0; i < decoder.sampleCount(); i++)
            {
                lines.add(labels + " sample " + decoder.sampleValue(i) + " @" + decoder.sampleTimestampMs(i));
            }
            for (int i = 0; i < decoder.histogramCount(); i++)
            {
                assertEquals(0, decoder.histogramStartTimestampMs(i));
                lines.add(labels + " histogram " + NativeHistograms.describe(decoder.histogram(i, view)) + " @" +
                    decoder.histogramTimestampMs(i));
            }
        }
        assertEquals(expected(), lines);
        assertEquals(1 + histograms.size(), batch.samples());
    }

    @Test
    void lineProtocolSkipsHistogramsAndCountsThemUnrepresentable()
    {
        final TargetUrls urls = new TargetUrls();
        urls.register(TARGET, "http://a:9100/metrics");
        final LineProtocolEncoder encoder = new LineProtocolEncoder(urls, TimestampPrecision.MILLISECONDS);
        append(encoder);

        assertEquals(histograms.size(), encoder.unrepresentable());
        assertEquals(1, batch.samples());
        final String body = batch.body().getStringWithoutLengthUtf8(0, batch.length());
        assertEquals("prometheus,job=api,url=http://a:9100/metrics rpc_seconds=2.5 " + TIMESTAMP_MS + "\n", body);
    }

    private static String labels(
        final int count, final IntFunction<TextView> names, final IntFunction<TextView> values)
    {
        final StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < count; i++)
        {
            labels.append(i > 0 ? ", " : "").append(names.apply(i)).append('=').append(values.apply(i));
        }
        return labels.append('}').toString();
    }

    private void append(final BatchEncoder encoder)
    {
        final int recordOffset = table.recordOffset(seriesId);
        encoder.begin(batch);
        encoder.append(batch, TARGET, table.buffer(), recordOffset, TIMESTAMP_MS, Double.doubleToRawLongBits(2.5));
        for (final NativeHistogramView h : histograms)
        {
            encoder.appendHistogram(batch, TARGET, table.buffer(), recordOffset, TIMESTAMP_MS, h);
        }
        encoder.finish(batch);
    }
}
