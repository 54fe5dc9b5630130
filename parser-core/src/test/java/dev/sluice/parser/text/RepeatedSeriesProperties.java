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
 * The text cursor takes the leading labels of a sample from the previous sample when the bytes repeat, and a
 * repeated metric name without scanning it. Bodies of lines drawn from a small vocabulary (so that neighbours
 * share names, labels and prefixes, with escapes, spacing, trailing commas, quoted names, duplicate and reserved
 * label names, {@code le} and {@code quantile} under histogram and summary types) must parse exactly as the same
 * body with an unrelated sample between every two lines, where nothing can be reused: the same entries, or the
 * same error.
 */
class RepeatedSeriesProperties
{
    private static final String SEPARATOR = "zz_separator 0\n";

    @Property(tries = 3000)
    void reusedLabelsParseAsFreshOnes(@ForAll("bodies") final List<String> lines)
    {
        final StringBuilder plain = new StringBuilder();
        final StringBuilder separated = new StringBuilder();
        for (final String line : lines)
        {
            plain.append(line);
            separated.append(line).append(SEPARATOR);
        }
        final List<String> expected = EntryRenderer.renderUpToError(new PrometheusTextCursor(), separated.toString());
        expected.removeIf(entry -> entry.startsWith("SAMPLE zz_separator{} "));
        assertEquals(expected, EntryRenderer.renderUpToError(new PrometheusTextCursor(), plain.toString()),
            plain::toString);
    }

    @Provide
    Arbitrary<List<String>> bodies()
    {
        return Arbitraries.oneOf(group(), sampleLine().map(List::of), metadataLine().map(List::of)).list()
            .ofMinSize(1).ofMaxSize(6).map(groups ->
            {
                final List<String> lines = new ArrayList<>();
                groups.forEach(lines::addAll);
                return lines;
            });
    }

    /** A family's TYPE line (or none), then samples that share a name and labels and vary one label each. */
    private static Arbitrary<List<String>> group()
    {
        final Arbitrary<String> type = Arbitraries.of("", "# TYPE h histogram\n", "# TYPE s summary\n",
            "# HELP h text\n", "# TYPE h_bucket gauge\n");
        final Arbitrary<String> name = Arbitraries.of("h_bucket", "s", "h", "node_filesystem_avail_bytes");
        final Arbitrary<List<String>> labels = label().list().ofMinSize(1).ofMaxSize(5);
        final Arbitrary<List<Integer>> changes = Arbitraries.integers().between(0, 6).list().ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(type, name, labels, changes, labelValue(), value())
            .as((t, n, l, c, v, sampleValue) ->
            {
                final List<String> lines = new ArrayList<>();
                if (!t.isEmpty())
                {
                    lines.add(t);
                }
                for (final int change : c)
                {
                    final List<String> varied = new ArrayList<>(l);
                    if (change < varied.size())
                    {
                        final String old = varied.get(change);
                        final int valueStart = old.indexOf('"', old.lastIndexOf('=')) + 1;
                        varied.set(change, old.substring(0, valueStart) + v + change + "\"");
                    }
                    else if (change == 6)
                    {
                        varied.add("extra=\"" + v + "\"");
                    }
                    lines.add(n + "{" + String.join(",", varied) + "}" + sampleValue + "\n");
                }
                return lines;
            });
    }

    private static Arbitrary<String> metadataLine()
    {
        return Combinators.combine(Arbitraries.of("m", "m_bucket", "h", "s", "node_cpu_seconds_total"),
            Arbitraries.of("counter", "gauge", "histogram", "summary", "untyped"))
            .as((name, type) -> "# TYPE " + name + " " + type + "\n");
    }

    private static Arbitrary<String> sampleLine()
    {
        final Arbitrary<String> name = Arbitraries.of("m", "m_bucket", "h_bucket", "h_sum", "s", "s_count",
            "node_cpu_seconds_total", "node_cpu_seconds_totals", "m:x");
        final Arbitrary<List<String>> labels = label().list().ofMaxSize(6);
        final Arbitrary<String> tail = Arbitraries.of("", ",", " ", ", ");
        return Combinators.combine(name, space(), labels, tail, value(), Arbitraries.of(true, true, true, false))
            .as((n, s, l, t, v, braces) -> n + (braces ? s + "{" + String.join(",", l) + (l.isEmpty() ? "" : t)
                + "}" : "") + v + "\n");
    }

    private static Arbitrary<String> label()
    {
        final Arbitrary<String> labelName = Arbitraries.of("a", "b", "le", "le", "quantile", "quantile",
            "container_label_foo", "cpu", "__name__", "\"a\"", "\"dotted.name\"", "ab", "a2");
        return Combinators.combine(labelName, space(), space(), labelValue())
            .as((n, s1, s2, v) -> n + s1 + "=" + s2 + "\"" + v + "\"");
    }

    private static Arbitrary<String> labelValue()
    {
        return Arbitraries.of("", "1", "1", "1.0", "0.5", "0.5", "+Inf", "x", "a\\\"b", "tab\\\\", "line\\nbreak",
            "/dev/sda1", "kubepods-burstable-pod5d8f7c9b6", "1e3", "\u00e9");
    }

    private static Arbitrary<String> space()
    {
        return Arbitraries.of("", "", "", " ", "\t");
    }

    private static Arbitrary<String> value()
    {
        return Arbitraries.of(" 1", " 0.25", " 2 1395066363000", " NaN", "\t7 -5", "1");
    }
}
