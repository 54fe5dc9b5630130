package dev.sluice.protobuf.remote;

import java.util.ArrayList;
import java.util.List;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;
import dev.sluice.protobuf.remote.RemoteWriteModel.Histogram;
import dev.sluice.protobuf.remote.RemoteWriteModel.Request;
import dev.sluice.protobuf.remote.RemoteWriteModel.Sample;
import dev.sluice.protobuf.remote.RemoteWriteModel.Series;
import dev.sluice.protobuf.remote.RemoteWriteModel.SeriesMetadata;

/** Decodes a 2.0 body into a {@link RemoteWriteModel.Request}, and encodes one, through the codecs under test. */
final class RemoteWrite2Models
{
    private RemoteWrite2Models()
    {
    }

    static Request decode(final byte[] body)
    {
        return decode(body, 0, body.length);
    }

    static Request decode(final byte[] body, final int offset, final int length)
    {
        final RemoteWrite2Decoder decoder = new RemoteWrite2Decoder().wrap(new UnsafeBuffer(body), offset, length);
        final TextView text = new TextView();
        final List<Series> series = new ArrayList<>();
        while (decoder.nextSeries())
        {
            final SeriesMetadata metadata = decoder.hasMetadata() ? new SeriesMetadata(decoder.metadataType(),
                RemoteWriteModel.text(decoder.metadataHelp(text)), RemoteWriteModel.text(decoder.metadataUnit(text))) :
                null;
            series.add(new Series(
                SeriesModels.labels(decoder.labelCount(), decoder::labelName, decoder::labelValue),
                SeriesModels.samples(decoder.sampleCount(), decoder::sampleValue, decoder::sampleTimestampMs,
                    decoder::sampleStartTimestampMs),
                SeriesModels.exemplars(decoder.exemplarCount(), decoder::exemplarLabelCount,
                    decoder::exemplarLabelName, decoder::exemplarLabelValue, decoder::exemplarValue,
                    decoder::exemplarTimestampMs),
                SeriesModels.histograms(decoder.histogramCount(), decoder::histogram, decoder::histogramTimestampMs,
                    decoder::histogramStartTimestampMs),
                metadata));
        }
        return new Request(series, List.of());
    }

    static byte[] encode(final Request request)
    {
        final RemoteWrite2Encoder encoder = new RemoteWrite2Encoder().reset();
        final NativeHistogramView view = new NativeHistogramView();
        for (final Series s : request.series())
        {
            encoder.beginSeries();
            SeriesModels.addLabels(s.labels(), encoder::addLabel);
            for (final Sample sample : s.samples())
            {
                encoder.addSample(Double.longBitsToDouble(sample.valueBits()), sample.timestampMs(),
                    sample.startTimestampMs());
            }
            for (final Histogram histogram : s.histograms())
            {
                encoder.addHistogram(histogram.fill(view), histogram.timestampMs(), histogram.startTimestampMs());
            }
            SeriesModels.addExemplars(s.exemplars(), encoder::beginExemplar, encoder::addExemplarLabel,
                encoder::endExemplar);
            if (s.metadata() != null)
            {
                final UnsafeBuffer help = RemoteWriteModel.utf8(s.metadata().help());
                final UnsafeBuffer unit = RemoteWriteModel.utf8(s.metadata().unit());
                encoder.setMetadata(s.metadata().type(), help, 0, help.capacity(), unit, 0, unit.capacity());
            }
            encoder.endSeries();
        }
        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(16);
        final int length = encoder.finish(out, 0);
        final byte[] body = new byte[length];
        out.getBytes(0, body);
        return body;
    }
}
