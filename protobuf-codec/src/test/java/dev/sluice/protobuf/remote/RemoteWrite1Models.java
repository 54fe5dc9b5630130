package dev.sluice.protobuf.remote;

import java.util.ArrayList;
import java.util.List;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;
import dev.sluice.protobuf.remote.RemoteWriteModel.Histogram;
import dev.sluice.protobuf.remote.RemoteWriteModel.Metadata;
import dev.sluice.protobuf.remote.RemoteWriteModel.Request;
import dev.sluice.protobuf.remote.RemoteWriteModel.Sample;
import dev.sluice.protobuf.remote.RemoteWriteModel.Series;

/** Decodes a 1.0 body into a {@link RemoteWriteModel.Request}, and encodes one, through the codecs under test. */
final class RemoteWrite1Models
{
    private RemoteWrite1Models()
    {
    }

    static Request decode(final byte[] body)
    {
        return decode(body, 0, body.length);
    }

    static Request decode(final byte[] body, final int offset, final int length)
    {
        final RemoteWrite1Decoder decoder = new RemoteWrite1Decoder().wrap(new UnsafeBuffer(body), offset, length);
        final TextView text = new TextView();
        final List<Series> series = new ArrayList<>();
        while (decoder.nextSeries())
        {
            series.add(new Series(
                SeriesModels.labels(decoder.labelCount(), decoder::labelName, decoder::labelValue),
                SeriesModels.samples(decoder.sampleCount(), decoder::sampleValue, decoder::sampleTimestampMs, i -> 0),
                SeriesModels.exemplars(decoder.exemplarCount(), decoder::exemplarLabelCount,
                    decoder::exemplarLabelName, decoder::exemplarLabelValue, decoder::exemplarValue,
                    decoder::exemplarTimestampMs),
                SeriesModels.histograms(decoder.histogramCount(), decoder::histogram, decoder::histogramTimestampMs,
                    i -> 0),
                null));
        }
        final List<Metadata> metadata = new ArrayList<>();
        while (decoder.nextMetadata())
        {
            metadata.add(new Metadata(decoder.metadataType(), RemoteWriteModel.text(decoder.metadataFamilyName(text)),
                RemoteWriteModel.text(decoder.metadataHelp(text)), RemoteWriteModel.text(decoder.metadataUnit(text))));
        }
        return new Request(series, metadata);
    }

    static byte[] encode(final Request request)
    {
        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(16);
        final RemoteWrite1Encoder encoder = new RemoteWrite1Encoder().wrap(out, 0);
        final NativeHistogramView view = new NativeHistogramView();
        for (final Series s : request.series())
        {
            encoder.beginSeries();
            SeriesModels.addLabels(s.labels(), encoder::addLabel);
            for (final Sample sample : s.samples())
            {
                encoder.addSample(Double.longBitsToDouble(sample.valueBits()), sample.timestampMs());
            }
            SeriesModels.addExemplars(s.exemplars(), encoder::beginExemplar, encoder::addExemplarLabel,
                encoder::endExemplar);
            for (final Histogram histogram : s.histograms())
            {
                encoder.addHistogram(histogram.fill(view), histogram.timestampMs());
            }
            encoder.endSeries();
        }
        for (final Metadata m : request.metadata())
        {
            final UnsafeBuffer text = RemoteWriteModel.utf8(m.familyName() + m.help() + m.unit());
            final int nameLength = RemoteWriteModel.utf8(m.familyName()).capacity();
            final int helpLength = RemoteWriteModel.utf8(m.help()).capacity();
            encoder.addMetadata(m.type(), text, 0, nameLength, nameLength, helpLength, nameLength + helpLength,
                text.capacity() - nameLength - helpLength);
        }
        final byte[] body = new byte[encoder.length()];
        out.getBytes(0, body);
        return body;
    }
}
