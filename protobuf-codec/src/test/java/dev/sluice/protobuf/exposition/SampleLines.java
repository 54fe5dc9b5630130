package dev.sluice.protobuf.exposition;

import java.util.ArrayList;
import java.util.List;

import org.agrona.ExpandableArrayBuffer;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.TextView;
import dev.sluice.parser.number.FloatFormatter;

/**
 * The float samples of a body as lines {@code name{l="v",...} <value bits in hex> [@timestamp]}: what two
 * decoders must agree on, independent of metadata and of the format's other details. Lines come either from a
 * cursor or, as an oracle, from {@code protoc}'s text dump of {@code MetricFamily} messages, following
 * Prometheus' rules for series names and the {@code quantile}/{@code le} labels.
 */
final class SampleLines
{
    private SampleLines()
    {
    }

    /** The SAMPLE entries of a cursor that was reset on a body. */
    static List<String> of(final MetricCursor cursor)
    {
        final List<String> lines = new ArrayList<>();
        final TextView view = new TextView();
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind != EntryKind.SAMPLE)
            {
                continue;
            }
            final StringBuilder labels = new StringBuilder();
            for (int i = 0; i < cursor.labelCount(); i++)
            {
                appendLabel(labels, cursor.labelName(i, view).toString(), cursor.labelValue(i, view).toString());
            }
            lines.add(line(cursor.name(view).toString(), labels, cursor.value(),
                cursor.hasTimestamp() ? cursor.timestampMs() : null));
        }
        return lines;
    }

    /** The samples Prometheus ingests from one decoded {@code MetricFamily}. */
    static List<String> expected(final TextProto.Message family)
    {
        final String name = family.scalar("name");
        final String type = family.scalar("type") == null ? "COUNTER" : family.scalar("type");
        final List<String> lines = new ArrayList<>();
        for (final TextProto.Message metric : family.messages("metric"))
        {
            final StringBuilder labels = new StringBuilder();
            for (final TextProto.Message label : metric.messages("label"))
            {
                appendLabel(labels, orEmpty(label.scalar("name")), orEmpty(label.scalar("value")));
            }
            final String timestamp = metric.scalar("timestamp_ms");
            final Long at = timestamp == null || Long.parseLong(timestamp) == 0 ? null : Long.parseLong(timestamp);
            switch (type)
            {
                case "SUMMARY":
                    addSummary(lines, name, labels, metric.message("summary"), at);
                    break;
                case "HISTOGRAM":
                case "GAUGE_HISTOGRAM":
                    addClassicHistogram(lines, name, labels, metric.message("histogram"), at);
                    break;
                default:
                    final TextProto.Message value = metric.message(type.toLowerCase());
                    lines.add(line(name, labels, number(value == null ? null : value.scalar("value")), at));
                    break;
            }
        }
        return lines;
    }

    private static void addSummary(
        final List<String> lines, final String name, final StringBuilder labels, final TextProto.Message summary,
        final Long at)
    {
        for (final TextProto.Message quantile : summary.messages("quantile"))
        {
            lines.add(line(name, withBound(labels, "quantile", number(quantile.scalar("quantile"))),
                number(quantile.scalar("value")), at));
        }
        lines.add(line(name + "_sum", labels, number(summary.scalar("sample_sum")), at));
        lines.add(line(name + "_count", labels, unsigned(summary.scalar("sample_count")), at));
    }

    private static void addClassicHistogram(
        final List<String> lines, final String name, final StringBuilder labels, final TextProto.Message histogram,
        final Long at)
    {
        boolean infSeen = false;
        for (final TextProto.Message bucket : histogram.messages("bucket"))
        {
            final double bound = number(bucket.scalar("upper_bound"));
            lines.add(line(name + "_bucket", withBound(labels, "le", bound),
                unsigned(bucket.scalar("cumulative_count")), at));
            infSeen |= bound == Double.POSITIVE_INFINITY;
        }
        final double count = unsigned(histogram.scalar("sample_count"));
        if (!infSeen)
        {
            lines.add(line(name + "_bucket", withBound(labels, "le", Double.POSITIVE_INFINITY), count, at));
        }
        lines.add(line(name + "_sum", labels, number(histogram.scalar("sample_sum")), at));
        lines.add(line(name + "_count", labels, count, at));
    }

    private static String line(final String name, final CharSequence labels, final double value, final Long at)
    {
        return name + "{" + labels + "} " + Long.toHexString(Double.doubleToRawLongBits(value)) +
            (at == null ? "" : " @" + at);
    }

    private static void appendLabel(final StringBuilder labels, final String name, final String value)
    {
        labels.append(labels.length() == 0 ? "" : ",").append(name).append("=\"").append(value).append('"');
    }

    private static StringBuilder withBound(final StringBuilder labels, final String name, final double bound)
    {
        final ExpandableArrayBuffer text = new ExpandableArrayBuffer(FloatFormatter.MAX_LENGTH);
        final int length = FloatFormatter.formatOpenMetrics(bound, text, 0);
        final StringBuilder out = new StringBuilder(labels);
        appendLabel(out, name, text.getStringWithoutLengthAscii(0, length));
        return out;
    }

    private static String orEmpty(final String text)
    {
        return text == null ? "" : text;
    }

    private static double unsigned(final String token)
    {
        return token == null ? 0 : Double.parseDouble(Long.toUnsignedString(Long.parseUnsignedLong(token)));
    }

    /** A double as protoc prints it: decimal, {@code nan}, {@code inf}, {@code -inf}; absent is 0. */
    static double number(final String token)
    {
        if (token == null)
        {
            return 0;
        }
        switch (token)
        {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(token);
        }
    }
}
