package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.EntryRenderer;
import dev.sluice.parser.ParseException;

class OpenMetricsCursorTest
{
    private static void parses(final String body, final String... expected)
    {
        assertEquals(List.of(expected), EntryRenderer.render(new OpenMetricsCursor(), body), body);
    }

    private static void fails(final String body, final String reason)
    {
        final ParseException ex = assertThrows(ParseException.class,
            () -> EntryRenderer.render(new OpenMetricsCursor(), body));
        assertTrue(ex.reason().contains(reason), ex.getMessage());
    }

    @Test
    void fullFamilies()
    {
        parses("# TYPE c_seconds counter\n# UNIT c_seconds seconds\n# HELP c_seconds he\\\"lp\\n\n"
                + "c_seconds_total{a=\"b\"} 1 1.5 # {trace_id=\"x\"} 0.5 1.25\n"
                + "c_seconds_created{a=\"b\"} 1.001\n"
                + "# TYPE h histogram\nh_bucket{le=\"0.5\"} 1 # {t=\"1\"} 0.1\nh_bucket{le=\"1\"} 2\n"
                + "h_bucket{le=\"+Inf\"} 3\nh_count 3\nh_sum 2\n"
                + "# TYPE g gaugehistogram\ng_bucket{le=\"1\"} 1\ng_bucket{le=\"+Inf\"} 1\ng_gcount 1\ng_gsum 1\n"
                + "# TYPE i info\ni_info{v=\"1\"} 1\n# TYPE s stateset\ns{s=\"x\"} 1\ns{s=\"y\"} 0\n"
                + "# TYPE q summary\nq{quantile=\"0.50\"} 5\nq_sum 1\nq_count 1\n# TYPE u unknown\nu 1\n# EOF\n",
            "TYPE c_seconds counter",
            "UNIT c_seconds seconds",
            "HELP c_seconds he\"lp\n",
            "SAMPLE c_seconds_total{a=\"b\"} 1.0 @1500 # {trace_id=\"x\"} 0.5 @1250 type=counter",
            "SAMPLE c_seconds_created{a=\"b\"} 1.001 created=1000 type=counter",
            "TYPE h histogram",
            "SAMPLE h_bucket{le=\"0.5\"} 1.0 # {t=\"1\"} 0.1 type=histogram",
            "SAMPLE h_bucket{le=\"1.0\"} 2.0 type=histogram",
            "SAMPLE h_bucket{le=\"+Inf\"} 3.0 type=histogram",
            "SAMPLE h_count{} 3.0 type=histogram",
            "SAMPLE h_sum{} 2.0 type=histogram",
            "TYPE g gaugehistogram",
            "SAMPLE g_bucket{le=\"1\"} 1.0 type=gaugehistogram",
            "SAMPLE g_bucket{le=\"+Inf\"} 1.0 type=gaugehistogram",
            "SAMPLE g_gcount{} 1.0 type=gaugehistogram",
            "SAMPLE g_gsum{} 1.0 type=gaugehistogram",
            "TYPE i info",
            "SAMPLE i_info{v=\"1\"} 1.0 type=info",
            "TYPE s stateset",
            "SAMPLE s{s=\"x\"} 1.0 type=stateset",
            "SAMPLE s{s=\"y\"} 0.0 type=stateset",
            "TYPE q summary",
            "SAMPLE q{quantile=\"0.5\"} 5.0 type=summary",
            "SAMPLE q_sum{} 1.0 type=summary",
            "SAMPLE q_count{} 1.0 type=summary",
            "TYPE u untyped",
            "SAMPLE u{} 1.0 type=untyped");
    }

    @Test
    void timestampsAreSecondsTimesThousandTruncated()
    {
        parses("a 1 1.001\nb 1 -0.0015\nc 1 1e3\n# EOF",
            "SAMPLE a{} 1.0 @1000 type=untyped", "SAMPLE b{} 1.0 @-1 type=untyped",
            "SAMPLE c{} 1.0 @1000000 type=untyped");
    }

    @Test
    void exemplarSizeCountsUnescapedCodePoints()
    {
        final String escaped = "\\\\".repeat(127);
        parses("# TYPE a counter\na_total 1 # {a=\"" + escaped + "\"} 1\n# EOF\n",
            "TYPE a counter", "SAMPLE a_total{} 1.0 # {a=\"" + "\\".repeat(127) + "\"} 1.0 type=counter");
        fails("# TYPE a counter\na_total 1 # {a=\"" + "\\z".repeat(64) + "\"} 1\n# EOF\n", "128");
    }

    @Test
    void crIsNotALineEnd()
    {
        fails("a 1\r\n# EOF\n", "invalid value");
    }

    @Test
    void lineEndsAreRequired()
    {
        fails("a 1", "expected a newline");
        fails("a 1\n", "missing '# EOF'");
    }

    @Test
    void metricsOfAFamilyMustNotInterleave()
    {
        fails("# TYPE a gauge\na{x=\"1\"} 1\na{x=\"2\"} 1\na{x=\"1\"} 2\n# EOF\n", "interleaved");
        parses("# TYPE a gauge\na{x=\"1\",y=\"2\"} 1\na{y=\"2\",x=\"1\"} 2\n# EOF\n",
            "TYPE a gauge", "SAMPLE a{x=\"1\",y=\"2\"} 1.0 type=gauge", "SAMPLE a{y=\"2\",x=\"1\"} 2.0 type=gauge");
    }

    @Test
    void familiesMustNotReappear()
    {
        fails("a 1\nb 1\na 2\n# EOF\n", "appears twice");
        fails("# TYPE a counter\na_total 1\n# TYPE a_total gauge\n# EOF\n", "clashes");
    }
}
