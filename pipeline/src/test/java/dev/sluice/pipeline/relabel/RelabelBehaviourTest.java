package dev.sluice.pipeline.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.name.NameValidationScheme;

/**
 * Every behaviour of {@code relabel-behaviours.md}, one line each: rules as YAML, the labels before, and the labels
 * after or {@code DROPPED}.
 */
class RelabelBehaviourTest
{
    private static final String DROPPED = "dropped";

    @Test
    void defaultsAndRegex()
    {
        f("[{source_labels: [a], target_label: b}]", "{a=\"foo\"}", "{a=\"foo\", b=\"foo\"}");
        f("[{source_labels: [a], regex: 'f|o', action: keep}]", "{a=\"foo\"}", DROPPED);
        f("[{source_labels: [a], regex: 'line1.*line2', action: keep}]", "{a=\"line1\\nline2\"}",
            "{a=\"line1\\nline2\"}");
        f("[{source_labels: [a], regex: '(?<x>f)(?P<y>o+)', target_label: b, replacement: '${y}-$x'}]",
            "{a=\"foo\"}", "{a=\"foo\", b=\"oo-f\"}");
        f("[{source_labels: [a, missing, b], target_label: c}]", "{a=\"1\", b=\"2\"}",
            "{a=\"1\", b=\"2\", c=\"1;;2\"}");
        f("[{source_labels: [a, b], separator: '', target_label: c}]", "{a=\"1\", b=\"2\"}",
            "{a=\"1\", b=\"2\", c=\"12\"}");
    }

    @Test
    void replace()
    {
        f("[{source_labels: [a], regex: x, target_label: b, replacement: y}]", "{a=\"foo\"}", "{a=\"foo\"}");
        f("[{source_labels: [a], regex: 'f(.*)', target_label: d, replacement: 'ch${1}-ch${1}'}]", "{a=\"foo\"}",
            "{a=\"foo\", d=\"choo-choo\"}");
        f("[{source_labels: [a, b], regex: 'f(.*);(.*)r', target_label: a, replacement: 'b${1}${2}m'}]",
            "{a=\"foo\", b=\"bar\"}", "{a=\"boobam\", b=\"bar\"}");
        f("[{source_labels: [a], regex: '(f).*', target_label: '$1', replacement: '$2'}]", "{a=\"foo\", f=\"baz\"}",
            "{a=\"foo\"}");
        f("[{source_labels: [b], target_label: '${1}', replacement: x}]", "{a=\"foo\"}", "{a=\"foo\"}");
        f("[{source_labels: [a], regex: foo, target_label: b, replacement: ''}]", "{a=\"foo\", b=\"x\"}",
            "{a=\"foo\"}");
        f("[{target_label: cluster, replacement: dev}]", "{a=\"foo\"}", "{a=\"foo\", cluster=\"dev\"}");
        f("[{source_labels: [a], target_label: b, replacement: '$1_x'}]", "{a=\"foo\"}", "{a=\"foo\"}");
        f("[{source_labels: [a], target_label: b, replacement: '${1}_x'}]", "{a=\"foo\"}",
            "{a=\"foo\", b=\"foo_x\"}");
        f("[{source_labels: [a], target_label: b, replacement: 'a$$b$'}]", "{a=\"foo\"}", "{a=\"foo\", b=\"a$b$\"}");
    }

    @Test
    void replaceChecksTheExpandedTargetWithTheScheme()
    {
        f("[{source_labels: [a], target_label: '${1}', replacement: x}]", "{a=\"foo.bar\"}",
            "{a=\"foo.bar\", \"foo.bar\"=\"x\"}");
        fLegacy("[{source_labels: [a], target_label: '${1}', replacement: x}]", "{a=\"foo.bar\"}",
            "{a=\"foo.bar\"}");
        fLegacy("[{source_labels: [a], target_label: '${1}', replacement: x}]", "{a=\"foo_bar\"}",
            "{a=\"foo_bar\", foo_bar=\"x\"}");
    }

    @Test
    void keepAndDrop()
    {
        f("[{source_labels: [a], regex: foo, action: keep}]", "{a=\"foo\"}", "{a=\"foo\"}");
        f("[{source_labels: [a], regex: foo, action: keep}]", "{a=\"bar\"}", DROPPED);
        f("[{source_labels: [a], regex: foo, action: drop}]", "{a=\"foo\"}", DROPPED);
        f("[{source_labels: [a], regex: foo, action: drop}]", "{a=\"bar\"}", "{a=\"bar\"}");
        f("[{source_labels: [a], regex: foo, action: drop}, {target_label: x, replacement: y}]", "{a=\"foo\"}",
            DROPPED);
        f("[{source_labels: [a], regex: '', action: keep}]", "{b=\"foo\"}", "{b=\"foo\"}");
    }

    @Test
    void keepEqualAndDropEqual()
    {
        f("[{source_labels: [a], target_label: b, action: keepequal}]", "{a=\"1\", b=\"1\"}", "{a=\"1\", b=\"1\"}");
        f("[{source_labels: [a], target_label: b, action: keepequal}]", "{a=\"1\", b=\"2\"}", DROPPED);
        f("[{source_labels: [a], target_label: b, action: dropequal}]", "{a=\"1\", b=\"1\"}", DROPPED);
        f("[{source_labels: [a], target_label: b, action: dropequal}]", "{a=\"1\", b=\"2\"}", "{a=\"1\", b=\"2\"}");
        f("[{source_labels: [x], target_label: y, action: keepequal}]", "{a=\"1\"}", "{a=\"1\"}");
    }

    @Test
    void hashmodValuesOfUpstreamTests()
    {
        f("[{source_labels: [a], modulus: 1000, target_label: h, action: hashmod}]", "{a=\"baz\"}",
            "{a=\"baz\", h=\"976\"}");
        f("[{source_labels: [a], modulus: 1000, target_label: h, action: hashmod}]", "{a=\"foo\\nbar\"}",
            "{a=\"foo\\nbar\", h=\"734\"}");
    }

    @Test
    void labelMap()
    {
        f("[{regex: '(b.*)', replacement: 'bar_${1}', action: labelmap}]", "{a=\"1\", b1=\"2\", b2=\"3\"}",
            "{a=\"1\", b1=\"2\", b2=\"3\", bar_b1=\"2\", bar_b2=\"3\"}");
        f("[{regex: '__meta_(my.*)', replacement: '${1}', action: labelmap}]",
            "{__meta_my_bar=\"aaa\", __meta_other=\"bbb\"}",
            "{__meta_my_bar=\"aaa\", __meta_other=\"bbb\", my_bar=\"aaa\"}");
    }

    @Test
    void labelMapVisitsUnchangedLabelsByNameThenSetLabelsInSetOrder()
    {
        f("[{regex: '.*_(x)', action: labelmap}]", "{a_x=\"1\", b_x=\"2\"}", "{a_x=\"1\", b_x=\"2\", x=\"2\"}");
        f("[{target_label: a_x, replacement: '9'}, {regex: '.*_(x)', action: labelmap}]", "{a_x=\"1\", b_x=\"2\"}",
            "{a_x=\"9\", b_x=\"2\", x=\"9\"}");
        f("[{target_label: b_x, replacement: '8'}, {target_label: a_x, replacement: '9'}, " +
            "{regex: '.*_(x)', action: labelmap}]", "{c=\"1\"}", "{a_x=\"9\", b_x=\"8\", c=\"1\", x=\"9\"}");
    }

    @Test
    void labelDropAndLabelKeep()
    {
        f("[{regex: 'b.*', action: labeldrop}]", "{a=\"1\", b1=\"2\", b2=\"3\"}", "{a=\"1\"}");
        f("[{regex: 'b.*', action: labelkeep}]", "{a=\"1\", b1=\"2\", b2=\"3\"}", "{b1=\"2\", b2=\"3\"}");
        f("[{regex: 'b1|a', action: labeldrop}]", "{a=\"1\", b1=\"2\", b2=\"3\"}", "{b2=\"3\"}");
    }

    @Test
    void lowercaseAndUppercase()
    {
        f("[{source_labels: [a], target_label: b, action: lowercase}]", "{a=\"bAr123Foo\"}",
            "{a=\"bAr123Foo\", b=\"bar123foo\"}");
        f("[{source_labels: [a], target_label: b, action: uppercase}]", "{a=\"bAr123Foo\"}",
            "{a=\"bAr123Foo\", b=\"BAR123FOO\"}");
        f("[{source_labels: [x], target_label: a, action: uppercase}]", "{a=\"1\"}", "{}");
    }

    @Test
    void laterRulesSeeEarlierChanges()
    {
        f("[{regex: a, action: labeldrop}, {target_label: a, replacement: new}, " +
            "{source_labels: [a], regex: new, action: keep}]", "{a=\"old\"}", "{a=\"new\"}");
    }

    @Test
    void specialLabelsAreOrdinaryLabels()
    {
        f("[{source_labels: [__name__], regex: '.*_(seconds)_total', target_label: __unit__}, " +
            "{source_labels: [__name__], regex: '.*_total', target_label: __type__, replacement: counter}]",
            "{__name__=\"http_duration_seconds_total\"}",
            "{__name__=\"http_duration_seconds_total\", __type__=\"counter\", __unit__=\"seconds\"}");
        f("[{source_labels: [__meta_sd_tags], regex: '(?:.*,)?path:([^,]+)(?:,.*)?', target_label: __metrics_path__}," +
            " {source_labels: [__meta_sd_tags], regex: '(?:.*,)?job:([^,]+)(?:,.*)?', target_label: job}," +
            " {source_labels: [__meta_sd_tags], regex: '(?:.*,)?label:([^=]+)=([^,]+)(?:,.*)?'," +
            " target_label: '${1}', replacement: '${2}'}]",
            "{__meta_sd_tags=\"path:/secret,job:some-job,label:foo=bar\"}",
            "{__meta_sd_tags=\"path:/secret,job:some-job,label:foo=bar\", __metrics_path__=\"/secret\", " +
            "foo=\"bar\", job=\"some-job\"}");
    }

    @Test
    void utf8LabelNames()
    {
        f("[{source_labels: [utf-8.label], target_label: 'new.target'}]", "{\"utf-8.label\"=\"x\"}",
            "{\"new.target\"=\"x\", \"utf-8.label\"=\"x\"}");
        f("[{regex: 'utf-8\\.(.*)', replacement: 'copy.$1', action: labelmap}]", "{\"utf-8.label\"=\"x\"}",
            "{\"copy.label\"=\"x\", \"utf-8.label\"=\"x\"}");
    }

    @Test
    void leAndQuantileAsNormalisedByTheParser()
    {
        final String rules = "[{source_labels: [le], regex: '(\\d+)\\.0+', target_label: le}," +
            " {source_labels: [quantile], regex: '(\\d+)\\.0+', target_label: quantile}]";
        final String body = "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"10\"} 2\n" +
            "h_bucket{le=\"+Inf\"} 3\n# TYPE s summary\ns{quantile=\"1\"} 4\n";
        final String[] expected = {
            "{__name__=\"h_bucket\", le=\"1\"}", "{__name__=\"h_bucket\", le=\"10\"}",
            "{__name__=\"h_bucket\", le=\"+Inf\"}", "{__name__=\"s\", quantile=\"1\"}",
        };
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT);
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        cursor.reset(bytes, 0, bytes.length);
        final RelabelConfigs configs = RelabelConfigs.fromYaml(rules, RelabelSection.METRIC, NameValidationScheme.UTF8);
        final LabelSetBuilder labels = new LabelSetBuilder();
        final Relabeler relabeler = new Relabeler();
        int sample = 0;
        for (EntryKind kind = cursor.next(); kind != EntryKind.END; kind = cursor.next())
        {
            if (kind == EntryKind.SAMPLE)
            {
                labels.load(cursor);
                assertEquals(true, labels.get("le").endsWith(".0") || labels.get("quantile").endsWith(".0") ||
                    labels.get("le").equals("+Inf"), labels.toString());
                assertEquals(true, relabeler.process(configs, labels));
                assertEquals(expected[sample++], labels.toString());
            }
        }
        assertEquals(expected.length, sample);
    }

    private static void f(final String rules, final String input, final String expected)
    {
        check(rules, input, expected, NameValidationScheme.UTF8);
    }

    private static void fLegacy(final String rules, final String input, final String expected)
    {
        check(rules, input, expected, NameValidationScheme.LEGACY);
    }

    private static void check(
        final String rules, final String input, final String expected, final NameValidationScheme scheme)
    {
        final RelabelConfigs configs = RelabelConfigs.fromYaml(rules, RelabelSection.METRIC, scheme);
        final LabelSetBuilder labels = LabelSets.parse(input);
        final boolean keep = new Relabeler().process(configs, labels);
        assertEquals(expected, keep ? labels.toString() : DROPPED, rules + " on " + input);
    }
}
