package dev.sluice.protobuf.remote;

import java.util.List;
import java.util.stream.Collectors;

import dev.sluice.protobuf.remote.RemoteWriteModel.Exemplar;
import dev.sluice.protobuf.remote.RemoteWriteModel.Histogram;
import dev.sluice.protobuf.remote.RemoteWriteModel.Label;
import dev.sluice.protobuf.remote.RemoteWriteModel.Metadata;
import dev.sluice.protobuf.remote.RemoteWriteModel.Request;
import dev.sluice.protobuf.remote.RemoteWriteModel.Sample;
import dev.sluice.protobuf.remote.RemoteWriteModel.Series;
import dev.sluice.protobuf.remote.RemoteWriteModel.Side;

/**
 * Prints a decoded request in a stable text form, one line per item, for tests that compare with what a fixture's
 * {@code .txtpb} says. Doubles print as Java does, NaN with its bits; zero fields print too, so a missing field
 * shows as its zero value.
 */
final class RemoteWriteText
{
    private RemoteWriteText()
    {
    }

    static String render(final Request request)
    {
        final StringBuilder out = new StringBuilder();
        for (final Series series : request.series())
        {
            out.append("series ").append(labels(series.labels())).append('\n');
            for (final Sample s : series.samples())
            {
                out.append("  sample ").append(number(s.valueBits())).append(" @").append(s.timestampMs());
                out.append(s.startTimestampMs() != 0 ? " start " + s.startTimestampMs() : "").append('\n');
            }
            for (final Histogram h : series.histograms())
            {
                out.append("  histogram ").append(histogram(h)).append('\n');
            }
            for (final Exemplar e : series.exemplars())
            {
                out.append("  exemplar ").append(labels(e.labels())).append(' ').append(number(e.valueBits()))
                    .append(" @").append(e.timestampMs()).append('\n');
            }
            if (series.metadata() != null)
            {
                out.append("  metadata ").append(series.metadata().type()).append(" help=\"")
                    .append(series.metadata().help()).append("\" unit=\"").append(series.metadata().unit())
                    .append("\"\n");
            }
        }
        for (final Metadata m : request.metadata())
        {
            out.append("metadata ").append(m.type()).append(' ').append(m.familyName()).append(" help=\"")
                .append(m.help()).append("\" unit=\"").append(m.unit()).append("\"\n");
        }
        return out.toString();
    }

    private static String labels(final List<Label> labels)
    {
        return labels.stream().map(l -> l.name() + "=\"" + l.value() + "\"")
            .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String histogram(final Histogram h)
    {
        final String counts = h.isFloat() ?
            "float count=" + number(h.floatCountBits()) + " zero_count=" + number(h.floatZeroCountBits()) :
            "int count=" + Long.toUnsignedString(h.count()) + " zero_count=" + Long.toUnsignedString(h.zeroCount());
        return counts + " sum=" + number(h.sumBits()) + " schema=" + h.schema() + " zero_threshold=" +
            number(h.zeroThresholdBits()) + " negative=" + side(h.negative()) + " positive=" + side(h.positive()) +
            " reset=" + h.resetHint() + " custom=" + numbers(h.customValueBits()) + " @" + h.timestampMs() +
            (h.startTimestampMs() != 0 ? " start " + h.startTimestampMs() : "");
    }

    private static String side(final Side side)
    {
        return side.spans().stream().map(s -> s.offset() + ":" + s.length())
            .collect(Collectors.joining(",", "[", "]")) + (side.deltas().isEmpty() ? "" : side.deltas()) +
            (side.countBits().isEmpty() ? "" : numbers(side.countBits()));
    }

    private static String numbers(final List<Long> bits)
    {
        return bits.stream().map(RemoteWriteText::number).collect(Collectors.joining(",", "[", "]"));
    }

    private static String number(final long bits)
    {
        final double value = Double.longBitsToDouble(bits);
        return Double.isNaN(value) ? "NaN(" + Long.toHexString(bits) + ")" : Double.toString(value);
    }
}
