package dev.sluice.protobuf.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;
import dev.sluice.protobuf.remote.RemoteWriteModel.Exemplar;
import dev.sluice.protobuf.remote.RemoteWriteModel.Histogram;
import dev.sluice.protobuf.remote.RemoteWriteModel.Label;
import dev.sluice.protobuf.remote.RemoteWriteModel.Sample;

/**
 * The parts of a {@link RemoteWriteModel.Series} that both versions read and write alike, as the version's models
 * ({@link RemoteWrite1Models}, {@link RemoteWrite2Models}) use them: read from a decoder's accessors, handed to an
 * encoder's methods, each given as a method reference.
 */
final class SeriesModels
{
    private SeriesModels()
    {
    }

    /** A decoder's accessor of a label's name or value. */
    @FunctionalInterface
    interface LabelText
    {
        TextView read(int index, TextView view);
    }

    /** A decoder's accessor of the name or value of an exemplar's label. */
    @FunctionalInterface
    interface ExemplarLabelText
    {
        TextView read(int exemplar, int index, TextView view);
    }

    /** A decoder's accessor of a histogram sample. */
    @FunctionalInterface
    interface HistogramRead
    {
        NativeHistogramView read(int index, NativeHistogramView view);
    }

    /** An encoder's method adding a label of a series or exemplar. */
    @FunctionalInterface
    interface LabelSink
    {
        void add(DirectBuffer name, int nameOffset, int nameLength, DirectBuffer value, int valueOffset,
            int valueLength);
    }

    /** An encoder's method closing an exemplar with its value and timestamp. */
    @FunctionalInterface
    interface ExemplarEnd
    {
        void end(double value, long timestampMs);
    }

    static List<Label> labels(final int count, final LabelText name, final LabelText value)
    {
        final TextView view = new TextView();
        final List<Label> labels = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            labels.add(new Label(RemoteWriteModel.text(name.read(i, view)),
                RemoteWriteModel.text(value.read(i, view))));
        }
        return labels;
    }

    static List<Sample> samples(
        final int count,
        final IntToDoubleFunction value,
        final IntToLongFunction timestampMs,
        final IntToLongFunction startTimestampMs)
    {
        final List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            samples.add(new Sample(Double.doubleToRawLongBits(value.applyAsDouble(i)), timestampMs.applyAsLong(i),
                startTimestampMs.applyAsLong(i)));
        }
        return samples;
    }

    static List<Exemplar> exemplars(
        final int count,
        final IntUnaryOperator labelCount,
        final ExemplarLabelText name,
        final ExemplarLabelText value,
        final IntToDoubleFunction exemplarValue,
        final IntToLongFunction timestampMs)
    {
        final List<Exemplar> exemplars = new ArrayList<>();
        for (int e = 0; e < count; e++)
        {
            final int exemplar = e;
            exemplars.add(new Exemplar(
                labels(labelCount.applyAsInt(e), (i, view) -> name.read(exemplar, i, view),
                    (i, view) -> value.read(exemplar, i, view)),
                Double.doubleToRawLongBits(exemplarValue.applyAsDouble(e)), timestampMs.applyAsLong(e)));
        }
        return exemplars;
    }

    static List<Histogram> histograms(
        final int count,
        final HistogramRead histogram,
        final IntToLongFunction timestampMs,
        final IntToLongFunction startTimestampMs)
    {
        final NativeHistogramView view = new NativeHistogramView();
        final List<Histogram> histograms = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            histograms.add(Histogram.of(histogram.read(i, view), timestampMs.applyAsLong(i),
                startTimestampMs.applyAsLong(i)));
        }
        return histograms;
    }

    static void addLabels(final List<Label> labels, final LabelSink sink)
    {
        for (final Label label : labels)
        {
            final UnsafeBuffer name = RemoteWriteModel.utf8(label.name());
            final UnsafeBuffer value = RemoteWriteModel.utf8(label.value());
            sink.add(name, 0, name.capacity(), value, 0, value.capacity());
        }
    }

    static void addExemplars(
        final List<Exemplar> exemplars, final Runnable begin, final LabelSink label, final ExemplarEnd end)
    {
        for (final Exemplar exemplar : exemplars)
        {
            begin.run();
            addLabels(exemplar.labels(), label);
            end.end(Double.longBitsToDouble(exemplar.valueBits()), exemplar.timestampMs());
        }
    }
}
