package dev.sluice.protobuf.remote;

import java.util.ArrayList;
import java.util.List;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;
import dev.sluice.protobuf.remote.RemoteWriteModel.Exemplar;
import dev.sluice.protobuf.remote.RemoteWriteModel.Histogram;
import dev.sluice.protobuf.remote.RemoteWriteModel.Label;
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
        final TextView name = new TextView();
        final TextView value = new TextView();
        final NativeHistogramView view = new NativeHistogramView();
        final List<Series> series = new ArrayList<>();
        while (decoder.nextSeries())
        {
            final List<Label> labels = new ArrayList<>();
            for (int i = 0; i < decoder.labelCount(); i++)
            {
                labels.add(new Label(RemoteWriteModel.text(decoder.labelName(i, name)),
                    RemoteWriteModel.text(decoder.labelValue(i, value))));
            }
            final List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < decoder.sampleCount(); i++)
            {
                samples.add(new Sample(Double.doubleToRawLongBits(decoder.sampleValue(i)),
                    decoder.sampleTimestampMs(i), decoder.sampleStartTimestampMs(i)));
            }
            final List<Histogram> histograms = new ArrayList<>();
            for (int i = 0; i < decoder.histogramCount(); i++)
            {
                histograms.add(Histogram.of(decoder.histogram(i, view), decoder.histogramTimestampMs(i),
                    decoder.histogramStartTimestampMs(i)));
            }
            final List<Exemplar> exemplars = new ArrayList<>();
            for (int e = 0; e < decoder.exemplarCount(); e++)
            {
                final List<Label> exemplarLabels = new ArrayList<>();
                for (int i = 0; i < decoder.exemplarLabelCount(e); i++)
                {
                    exemplarLabels.add(new Label(RemoteWriteModel.text(decoder.exemplarLabelName(e, i, name)),
                        RemoteWriteModel.text(decoder.exemplarLabelValue(e, i, value))));
                }
                exemplars.add(new Exemplar(exemplarLabels, Double.doubleToRawLongBits(decoder.exemplarValue(e)),
                    decoder.exemplarTimestampMs(e)));
            }
            final SeriesMetadata metadata = decoder.hasMetadata() ? new SeriesMetadata(decoder.metadataType(),
                RemoteWriteModel.text(decoder.metadataHelp(name)), RemoteWriteModel.text(decoder.metadataUnit(value))) :
                null;
            series.add(new Series(labels, samples, exemplars, histograms, metadata));
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
            for (final Label label : s.labels())
            {
                final UnsafeBuffer name = RemoteWriteModel.utf8(label.name());
                final UnsafeBuffer value = RemoteWriteModel.utf8(label.value());
                encoder.addLabel(name, 0, name.capacity(), value, 0, value.capacity());
            }
            for (final Sample sample : s.samples())
            {
                encoder.addSample(Double.longBitsToDouble(sample.valueBits()), sample.timestampMs(),
                    sample.startTimestampMs());
            }
            for (final Histogram histogram : s.histograms())
            {
                encoder.addHistogram(histogram.fill(view), histogram.timestampMs(), histogram.startTimestampMs());
            }
            for (final Exemplar exemplar : s.exemplars())
            {
                encoder.beginExemplar();
                for (final Label label : exemplar.labels())
                {
                    final UnsafeBuffer name = RemoteWriteModel.utf8(label.name());
                    final UnsafeBuffer value = RemoteWriteModel.utf8(label.value());
                    encoder.addExemplarLabel(name, 0, name.capacity(), value, 0, value.capacity());
                }
                encoder.endExemplar(Double.longBitsToDouble(exemplar.valueBits()), exemplar.timestampMs());
            }
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
