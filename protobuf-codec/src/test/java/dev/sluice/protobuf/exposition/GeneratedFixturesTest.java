package dev.sluice.protobuf.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.EntryRenderer;
import dev.sluice.parser.number.FloatFormatter;
import dev.sluice.parser.testkit.MiniJson;
import dev.sluice.protobuf.wire.WireInput;

/**
 * Every hand-written fixture of {@code generated/protobuf-exposition} decodes to what {@code expected.json} says.
 * The JSON is turned into the lines {@link EntryRenderer} writes, following the rules of the cursor's class
 * description (series names, {@code le}/{@code quantile} in float form, the added {@code +Inf} bucket, created
 * timestamps on every entry of a metric, classic bucket exemplars standing in for a native histogram's own), and
 * compared with the rendered decode as a whole.
 */
class GeneratedFixturesTest
{
    private static final String DIR = "generated/protobuf-exposition/";

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> families()
    {
        final String json = new String(Corpus.bytes(DIR + "expected.json"), StandardCharsets.UTF_8);
        return (List<Map<String, Object>>)((Map<String, Object>)MiniJson.parse(json)).get("families");
    }

    static Stream<Arguments> fixtures()
    {
        return families().stream().map(f -> Arguments.of(f.get("file"), f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureDecodesToItsExpectedEntries(final String file, final Map<String, Object> family)
    {
        assertEquals(expectedLines(family), ProtobufBodies.render(Corpus.bytes(DIR + file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void lengthPrefixIsTheMessageSize(final String file, final Map<String, Object> family)
    {
        final byte[] body = Corpus.bytes(DIR + file);
        final WireInput input = new WireInput(ExpositionFormat.PROTOBUF);
        input.wrap(body, 0, body.length);
        final long size = input.readVarint(body.length);
        assertEquals(((Number)family.get("message_bytes")).longValue(), size);
        assertEquals(body.length, input.position() + size);
    }

    @Test
    void allFamiliesIsTheElevenFixturesInOrder()
    {
        final List<String> expected = new ArrayList<>();
        for (final Map<String, Object> family : families())
        {
            expected.addAll(expectedLines(family));
        }
        assertEquals(11, families().size());
        assertEquals(expected, ProtobufBodies.render(Corpus.bytes(DIR + "all-families.bin")));
    }

    @Test
    void packedProto3EncodingDecodesToTheSameEntries()
    {
        final byte[] unpacked = Corpus.bytes(DIR + "all-families.bin");
        final byte[] packed = Corpus.bytes(DIR + "all-families.proto3-packed.bin");
        assertNotEquals(unpacked.length, packed.length);
        assertEquals(ProtobufBodies.render(unpacked), ProtobufBodies.render(packed));
    }

    @SuppressWarnings("unchecked")
    private static List<String> expectedLines(final Map<String, Object> family)
    {
        final String name = (String)family.get("name");
        final String type = (String)family.get("type");
        final List<String> lines = new ArrayList<>();
        final String help = (String)family.get("help");
        final String unit = (String)family.get("unit");
        if (help != null && !help.isEmpty())
        {
            lines.add("HELP " + name + " " + help);
        }
        if (unit != null && !unit.isEmpty())
        {
            lines.add("UNIT " + name + " " + unit);
        }
        final String typeText = type.toLowerCase().replace("_", "");
        lines.add("TYPE " + name + " " + typeText);
        for (final Object metric : (List<Object>)family.get("metrics"))
        {
            addMetric(lines, name, typeText, (Map<String, Object>)metric);
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static void addMetric(
        final List<String> lines, final String name, final String type, final Map<String, Object> metric)
    {
        final String labels = labels((Map<String, Object>)metric.get("labels"));
        final Object timestamp = metric.get("timestamp_ms");
        final String at = timestamp == null || ((Number)timestamp).longValue() == 0 ? "" : " @" + timestamp;
        final Map<String, Object> value = (Map<String, Object>)metric.get(
            type.equals("gaugehistogram") ? "histogram" : type);
        final String tail = at + "%s" + created(value.get("created_timestamp")) + " type=" + type;
        switch (type)
        {
            case "summary":
                for (final Object quantile : (List<Object>)value.get("quantiles"))
                {
                    final List<Object> pair = (List<Object>)quantile;
                    lines.add(sample(name, withLabel(labels, "quantile", pair.get(0)), pair.get(1), tail, ""));
                }
                lines.add(sample(name + "_sum", labels, value.get("sum"), tail, ""));
                lines.add(sample(name + "_count", labels, value.get("count"), tail, ""));
                break;
            case "histogram":
            case "gaugehistogram":
                addHistogram(lines, name, labels, value, tail, type.equals("gaugehistogram"));
                break;
            default:
                lines.add(sample(name, labels, value.get("value"), tail, exemplars(List.of(value))));
                break;
        }
    }

    @SuppressWarnings("unchecked")
    private static void addHistogram(
        final List<String> lines,
        final String name,
        final String labels,
        final Map<String, Object> h,
        final String tail,
        final boolean gauge)
    {
        final List<Object> classic = (List<Object>)h.getOrDefault("classic_buckets", List.of());
        final boolean isNative = (Boolean)h.get("is_native");
        if (isNative)
        {
            final List<Object> own = (List<Object>)h.get("native_exemplars");
            final List<Object> exemplarHolders = new ArrayList<>();
            if (own.isEmpty())
            {
                exemplarHolders.addAll(classic);
            }
            else
            {
                own.forEach(e -> exemplarHolders.add(Map.of("exemplar", e)));
            }
            lines.add("HISTOGRAM " + name + "{" + labels + "} " + nativeText(h, gauge) +
                String.format(tail, exemplars(exemplarHolders)));
        }
        if (isNative && classic.isEmpty())
        {
            return;
        }
        boolean infSeen = false;
        for (final Object b : classic)
        {
            final Map<String, Object> bucket = (Map<String, Object>)b;
            final String le = withLabel(labels, "le", bucket.get("upper_bound"));
            lines.add(sample(name + "_bucket", le, bucket.get("cumulative_count"), tail, exemplars(List.of(bucket))));
            infSeen |= "+Inf".equals(bucket.get("upper_bound"));
        }
        if (!infSeen)
        {
            lines.add(sample(name + "_bucket", withLabel(labels, "le", "+Inf"), h.get("count"), tail, ""));
        }
        lines.add(sample(name + "_sum", labels, h.get("sum"), tail, ""));
        lines.add(sample(name + "_count", labels, h.get("count"), tail, ""));
    }

    @SuppressWarnings("unchecked")
    private static String nativeText(final Map<String, Object> h, final boolean gauge)
    {
        final boolean isFloat = (Boolean)h.get("is_float");
        return "{schema=" + h.get("schema") + " zeroThreshold=" + number(h.get("zero_threshold")) +
            " zeroCount=" + count(h.get("zero_count"), isFloat) + " count=" + count(h.get("count"), isFloat) +
            " sum=" + number(h.get("sum")) + " hint=" + (gauge ? "GAUGE" : "UNKNOWN") +
            " negative=" + buckets((List<Object>)h.get("negative_buckets"), isFloat) +
            " positive=" + buckets((List<Object>)h.get("positive_buckets"), isFloat) + "}";
    }

    @SuppressWarnings("unchecked")
    private static String buckets(final List<Object> buckets, final boolean isFloat)
    {
        final StringBuilder sb = new StringBuilder("[");
        for (final Object b : buckets)
        {
            final Map<String, Object> bucket = (Map<String, Object>)b;
            sb.append(sb.length() == 1 ? "" : ",").append(bucket.get("index")).append(':')
                .append(count(bucket.get("count"), isFloat));
        }
        return sb.append(']').toString();
    }

    private static String count(final Object count, final boolean isFloat)
    {
        return isFloat ? Double.toString(number(count)) : Long.toString(((Number)count).longValue());
    }

    private static String sample(
        final String name, final String labels, final Object value, final String tail, final String exemplars)
    {
        return "SAMPLE " + name + "{" + labels + "} " + number(value) + String.format(tail, exemplars);
    }

    /** The exemplars of the given messages (a counter, buckets, or wrapped native ones), as rendered. */
    @SuppressWarnings("unchecked")
    private static String exemplars(final List<Object> holders)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Object holder : holders)
        {
            final Map<String, Object> exemplar = (Map<String, Object>)((Map<String, Object>)holder).get("exemplar");
            if (exemplar != null)
            {
                sb.append(" # {").append(labels((Map<String, Object>)exemplar.get("labels"))).append("} ")
                    .append(number(exemplar.get("value")));
                final Object timestamp = exemplar.get("timestamp");
                if (timestamp != null)
                {
                    sb.append(" @").append(millis(timestamp));
                }
            }
        }
        return sb.toString();
    }

    private static String labels(final Map<String, Object> labels)
    {
        final StringBuilder sb = new StringBuilder();
        labels.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append("=\"").append(v).append('"'));
        return sb.toString();
    }

    private static String withLabel(final String labels, final String name, final Object bound)
    {
        final ExpandableArrayBuffer text = new ExpandableArrayBuffer(FloatFormatter.MAX_LENGTH);
        final int length = FloatFormatter.formatOpenMetrics(number(bound), text, 0);
        final String formatted = text.getStringWithoutLengthAscii(0, length);
        return labels + (labels.isEmpty() ? "" : ",") + name + "=\"" + formatted + '"';
    }

    private static String created(final Object timestamp)
    {
        return timestamp == null ? "" : " created=" + millis(timestamp);
    }

    @SuppressWarnings("unchecked")
    private static long millis(final Object timestamp)
    {
        final Map<String, Object> t = (Map<String, Object>)timestamp;
        return ((Number)t.get("seconds")).longValue() * 1000 + ((Number)t.get("nanos")).longValue() / 1_000_000;
    }

    private static double number(final Object value)
    {
        if (value instanceof Number)
        {
            return ((Number)value).doubleValue();
        }
        switch ((String)value)
        {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                throw new IllegalArgumentException("not a number: " + value);
        }
    }
}
