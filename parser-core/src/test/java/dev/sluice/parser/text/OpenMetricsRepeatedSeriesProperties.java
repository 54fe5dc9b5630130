package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.sluice.parser.EntryRenderer;

/**
 * The OpenMetrics cursor takes the leading labels of a sample from the previous sample when the bytes repeat.
 * OpenMetrics forbids the separator lines the text property puts between samples, so here the same body is read by
 * a cursor that reuses labels and by one told not to: the same entries, or the same error. Bodies are families whose
 * samples share names and label prefixes and vary one label each, with escapes, {@code le} and {@code quantile}
 * bounds in every spelling, trailing commas, duplicate names, exemplars and timestamps, valid or not.
 */
class OpenMetricsRepeatedSeriesProperties
{
    @Property(tries = 3000)
    void reusedLabelsParseAsFreshOnes(@ForAll("bodies") final String body)
    {
        assertEquals(EntryRenderer.renderUpToError(new OpenMetricsCursor(false), body),
            EntryRenderer.renderUpToError(new OpenMetricsCursor(true), body), () -> body);
    }

    @Provide
    Arbitrary<String> bodies()
    {
        return family().list().ofMinSize(1).ofMaxSize(4).map(families ->
        {
            final StringBuilder body = new StringBuilder();
            families.forEach(body::append);
            return body.append("# EOF\n").toString();
        });
    }

    /** A family's TYPE line, then samples that share a name and labels and vary one label each. */
    private static Arbitrary<String> family()
    {
        final Arbitrary<String[]> typeAndName = Arbitraries.of(
            new String[] {"gauge", "g", "g"},
            new String[] {"counter", "c", "c_total"},
            new String[] {"histogram", "h", "h_bucket"},
            new String[] {"gaugehistogram", "gh", "gh_bucket"},
            new String[] {"summary", "s", "s"},
            new String[] {"unknown", "u", "u"},
            new String[] {"info", "i", "i_info"});
        final Arbitrary<List<String>> labels = label().list().ofMinSize(1).ofMaxSize(4);
        final Arbitrary<List<Integer>> changes = Arbitraries.integers().between(0, 5).list().ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(typeAndName, labels, changes, labelValue(), tail())
            .as((t, l, c, v, rest) ->
            {
                final StringBuilder lines = new StringBuilder("# TYPE ").append(t[1]).append(' ').append(t[0])
                    .append('\n');
                for (final int change : c)
                {
                    final List<String> varied = new ArrayList<>(l);
                    if (change < varied.size())
                    {
                        final String old = varied.get(change);
                        varied.set(change, old.substring(0, old.indexOf('"') + 1) + v + "\"");
                    }
                    else if (change == 5)
                    {
                        varied.add("extra=\"" + v + change + "\"");
                    }
                    lines.append(t[2]).append('{').append(String.join(",", varied)).append('}').append(rest);
                }
                return lines.toString();
            });
    }

    private static Arbitrary<String> label()
    {
        final Arbitrary<String> labelName = Arbitraries.of("a", "b", "le", "le", "quantile", "quantile",
            "container_label_foo", "cpu", "ab", "a2", "a,", "a=");
        return Combinators.combine(labelName, labelValue()).as((n, v) -> n + "=\"" + v + "\"");
    }

    private static Arbitrary<String> labelValue()
    {
        return Arbitraries.of("", "1", "1", "1.0", "0.5", "0.5", "+Inf", "+Inf", "x", "a\\\"b", "tab\\\\",
            "line\\nbreak", "/dev/sda1", "kubepods-burstable-pod5d8f7c9b6", "1e3", "\u00e9");
    }

    private static Arbitrary<String> tail()
    {
        return Arbitraries.of(" 1\n", " 0.25\n", " 2 1395066363.5\n", " NaN\n", " 7 # {trace_id=\"x\"} 1\n",
            " 1 # {a=\"b\",c=\"d\"} 2 3\n", "  1\n", ", 1\n", " 1", " -1\n");
    }
}
