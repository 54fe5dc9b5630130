package dev.sluice.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest
{
    @Test
    void labelValueEscapesAreResolvedAndJsonEscaped()
    {
        f("msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\"," +
            "error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9\n",
            "{\"name\":\"msdos_file_access_time_seconds\",\"labels\":{\"path\":\"C:\\\\DIR\\\\FILE.TXT\"," +
            "\"error\":\"Cannot find file:\\u000a\\\"FILE.TXT\\\"\"},\"value\":1.458255915e+09,\"timestamp_ms\":null}");
        f("tab{x=\"a\tb\"} 2\n",
            "{\"name\":\"tab\",\"labels\":{\"x\":\"a\\u0009b\"},\"value\":2,\"timestamp_ms\":null}");
    }

    @Test
    void quotedUtf8NamesAndNonAsciiPassThrough()
    {
        f("{\"my.dotted.metric\", \"error.message\"=\"Not Found\"} 1\n",
            "{\"name\":\"my.dotted.metric\",\"labels\":{\"error.message\":\"Not Found\"},\"value\":1," +
            "\"timestamp_ms\":null}");
        f("{\"température\",\"ville\"=\"Zürich 😱\"} 21.5\n",
            "{\"name\":\"température\",\"labels\":{\"ville\":\"Zürich 😱\"},\"value\":21.5,\"timestamp_ms\":null}");
    }

    @Test
    void malformedUtf8BecomesTheReplacementCharacter()
    {
        final byte[] input = {'m', '{', 'l', '=', '"', 'a', (byte)0xFF, 'b', '"', '}', ' ', '1', '\n'};
        final SluiceRun run = SluiceRun.of(input, "parse", "-");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("{\"name\":\"m\",\"labels\":{\"l\":\"a\\ufffdb\"},\"value\":1,\"timestamp_ms\":null}\n",
            run.out());
    }

    @Test
    void valuesRoundTripAndNonFiniteValuesAreStrings()
    {
        f("a NaN\nb +Inf\nc -Inf\nd -0\ne 0\nf 1e6\ng 0.0001\nh 0.00001\ni 123456\nj -1.5e-300\nk 0.1\n",
            "{\"name\":\"a\",\"labels\":{},\"value\":\"NaN\",\"timestamp_ms\":null}",
            "{\"name\":\"b\",\"labels\":{},\"value\":\"+Inf\",\"timestamp_ms\":null}",
            "{\"name\":\"c\",\"labels\":{},\"value\":\"-Inf\",\"timestamp_ms\":null}",
            "{\"name\":\"d\",\"labels\":{},\"value\":-0,\"timestamp_ms\":null}",
            "{\"name\":\"e\",\"labels\":{},\"value\":0,\"timestamp_ms\":null}",
            "{\"name\":\"f\",\"labels\":{},\"value\":1e+06,\"timestamp_ms\":null}",
            "{\"name\":\"g\",\"labels\":{},\"value\":0.0001,\"timestamp_ms\":null}",
            "{\"name\":\"h\",\"labels\":{},\"value\":1e-05,\"timestamp_ms\":null}",
            "{\"name\":\"i\",\"labels\":{},\"value\":123456,\"timestamp_ms\":null}",
            "{\"name\":\"j\",\"labels\":{},\"value\":-1.5e-300,\"timestamp_ms\":null}",
            "{\"name\":\"k\",\"labels\":{},\"value\":0.1,\"timestamp_ms\":null}");
    }

    @Test
    void timestampsAndEmptyLabelValues()
    {
        f("http_requests_total{method=\"post\",code=\"\"} 1027 1395066363000\n" +
            "something_weird{problem=\"division by zero\"} +Inf -3982045\n",
            "{\"name\":\"http_requests_total\",\"labels\":{\"method\":\"post\",\"code\":\"\"},\"value\":1027," +
            "\"timestamp_ms\":1395066363000}",
            "{\"name\":\"something_weird\",\"labels\":{\"problem\":\"division by zero\"},\"value\":\"+Inf\"," +
            "\"timestamp_ms\":-3982045}");
    }

    @Test
    void histogramAndSummaryBoundsAreNormalised()
    {
        f("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n" +
            "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns{quantile=\"1\"} 2\n",
            "{\"name\":\"h_bucket\",\"labels\":{\"le\":\"1.0\"},\"value\":1,\"timestamp_ms\":null}",
            "{\"name\":\"h_bucket\",\"labels\":{\"le\":\"+Inf\"},\"value\":2,\"timestamp_ms\":null}",
            "{\"name\":\"h_sum\",\"labels\":{},\"value\":3,\"timestamp_ms\":null}",
            "{\"name\":\"h_count\",\"labels\":{},\"value\":2,\"timestamp_ms\":null}",
            "{\"name\":\"s\",\"labels\":{\"quantile\":\"0.5\"},\"value\":1,\"timestamp_ms\":null}",
            "{\"name\":\"s\",\"labels\":{\"quantile\":\"1.0\"},\"value\":2,\"timestamp_ms\":null}");
    }

    @Test
    void openMetricsExemplarsAndCreatedSamplesAreDetected()
    {
        f("# TYPE foo counter\n" +
            "foo_total 17.0 1520879607.789 # {trace_id=\"KOO5S4vxi0o\"} 0.67 1520879602.890\n" +
            "foo_created 1520430000.123 1520879607.789\n" +
            "# TYPE bar histogram\n" +
            "bar_bucket{le=\"0.01\"} 0\n" +
            "bar_bucket{le=\"+Inf\"} 17 # {trace_id=\"oHg5SJYRHA0\",span=\"\"} 9.8\n" +
            "bar_count 17\n" +
            "bar_sum 324789.3\n" +
            "# EOF\n",
            "{\"name\":\"foo_total\",\"labels\":{},\"value\":17,\"timestamp_ms\":1520879607789," +
            "\"exemplar\":{\"labels\":{\"trace_id\":\"KOO5S4vxi0o\"},\"value\":0.67,\"timestamp_ms\":1520879602890}}",
            "{\"name\":\"foo_created\",\"labels\":{},\"value\":1.520430000123e+09,\"timestamp_ms\":1520879607789}",
            "{\"name\":\"bar_bucket\",\"labels\":{\"le\":\"0.01\"},\"value\":0,\"timestamp_ms\":null}",
            "{\"name\":\"bar_bucket\",\"labels\":{\"le\":\"+Inf\"},\"value\":17,\"timestamp_ms\":null," +
            "\"exemplar\":{\"labels\":{\"trace_id\":\"oHg5SJYRHA0\",\"span\":\"\"},\"value\":9.8," +
            "\"timestamp_ms\":null}}",
            "{\"name\":\"bar_count\",\"labels\":{},\"value\":17,\"timestamp_ms\":null}",
            "{\"name\":\"bar_sum\",\"labels\":{},\"value\":324789.3,\"timestamp_ms\":null}");
    }

    @Test
    void forcedFormatOverridesDetection()
    {
        // Without # EOF the body is not detected as OpenMetrics; forcing it makes the missing EOF an error.
        final SluiceRun run = SluiceRun.of(bytes("a_total 1\n"), "parse", "--format", "openmetrics", "-");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("sluice: -: openmetrics parse error at line "), run.err());
        assertEquals(0, SluiceRun.of(bytes("a_total 1\n"), "parse", "--format", "TEXT", "-").exitCode());
    }

    @Test
    void badInputExitsOneWithLineAndColumnAfterTheGoodSamples()
    {
        final SluiceRun run = SluiceRun.of(bytes("a 1\nb{x=\"y\" 2\n"), "parse", "-");
        assertEquals(1, run.exitCode());
        assertEquals("{\"name\":\"a\",\"labels\":{},\"value\":1,\"timestamp_ms\":null}\n", run.out());
        assertTrue(run.err().startsWith("sluice: -: text parse error at line 2, column "), run.err());
        assertTrue(run.err().endsWith("\n") && run.err().indexOf('\n') == run.err().length() - 1, run.err());
    }

    @Test
    void readsFilesAndTheBundledSample(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("metrics.prom");
        Files.write(file, bytes("up{job=\"node\"} 1\n"));
        final SluiceRun fromFile = SluiceRun.of("parse", file.toString());
        assertEquals(0, fromFile.exitCode(), fromFile.err());
        assertEquals("{\"name\":\"up\",\"labels\":{\"job\":\"node\"},\"value\":1,\"timestamp_ms\":null}\n",
            fromFile.out());

        final SluiceRun sample = SluiceRun.of("parse", "sample:node_exporter");
        assertEquals(0, sample.exitCode(), sample.err());
        final String[] lines = sample.out().split("\n");
        assertEquals(103, lines.length);
        assertEquals("{\"name\":\"node_buddyinfo_blocks\",\"labels\":{\"node\":\"0\",\"size\":\"0\"," +
            "\"zone\":\"DMA\"},\"value\":1,\"timestamp_ms\":null}", lines[0]);
    }

    @Test
    void outputLargerThanOneBlockIsComplete()
    {
        final StringBuilder input = new StringBuilder();
        final String padding = "x".repeat(200);
        for (int i = 0; i < 2000; i++)
        {
            input.append("m{i=\"").append(i).append("\",p=\"").append(padding).append("\"} ").append(i).append('\n');
        }
        final SluiceRun run = SluiceRun.of(bytes(input.toString()), "parse", "-");
        assertEquals(0, run.exitCode(), run.err());
        final String[] lines = run.out().split("\n");
        assertEquals(2000, lines.length);
        assertEquals("{\"name\":\"m\",\"labels\":{\"i\":\"1999\",\"p\":\"" + padding + "\"},\"value\":1999," +
            "\"timestamp_ms\":null}", lines[1999]);
    }

    @Test
    void failuresExitOneWithOneLine()
    {
        failure(SluiceRun.of("parse", "/nonexistent/metrics.txt"), "sluice: cannot read /nonexistent/metrics.txt: " +
            "no such file\n");
        failure(SluiceRun.of("parse", "sample:nope"), "sluice: no bundled sample \"nope\"; available: " +
            "sample:node_exporter\n");
        final SluiceRun notProtobuf = SluiceRun.of(bytes("a 1\n"), "parse", "--format", "protobuf", "-");
        assertEquals(1, notProtobuf.exitCode());
        assertTrue(notProtobuf.err().startsWith("sluice: -: protobuf parse error"), notProtobuf.err());
    }

    @Test
    void protobufNativeHistogramsAreObjectsAndClassicSeriesFollow() throws IOException
    {
        final SluiceRun run = SluiceRun.of(mixedHistogram(), "parse", "-");
        assertEquals(0, run.exitCode(), run.err());
        final String[] lines = run.out().split("\n");
        assertEquals(7, lines.length);
        assertEquals("{\"name\":\"demo_mixed_histogram_seconds\",\"labels\":{\"path\":\"/checkout\"},"
            + "\"histogram\":{\"schema\":2,\"zero_threshold\":0.001,\"zero_count\":0,\"count\":6,\"sum\":6.99,"
            + "\"positive\":{\"-13\":1,\"-4\":1,\"-2\":1,\"-1\":1,\"4\":1,\"7\":1},\"negative\":{}},"
            + "\"timestamp_ms\":null,\"exemplar\":{\"labels\":{\"trace_id\":\"abc123\"},\"value\":0.8,"
            + "\"timestamp_ms\":1700000100000}}", lines[0]);
        assertEquals("{\"name\":\"demo_mixed_histogram_seconds_bucket\",\"labels\":{\"path\":\"/checkout\","
            + "\"le\":\"+Inf\"},\"value\":6,\"timestamp_ms\":null}", lines[4]);
        assertEquals("{\"name\":\"demo_mixed_histogram_seconds_count\",\"labels\":{\"path\":\"/checkout\"},"
            + "\"value\":6,\"timestamp_ms\":null}", lines[6]);
    }

    @Test
    void reexposesAsTextAndOpenMetrics()
    {
        final byte[] input = bytes("# HELP h Latency.\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\n"
            + "h_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 3 1500\n");
        final SluiceRun text = SluiceRun.of(input, "parse", "--output", "text", "-");
        assertEquals(0, text.exitCode(), text.err());
        assertEquals("# HELP h Latency.\n# TYPE h histogram\nh_bucket{le=\"1.0\"} 1\nh_bucket{le=\"+Inf\"} 2\n"
            + "h_count 2\nh_sum 3 1500\n", text.out());
        final SluiceRun openMetrics = SluiceRun.of(input, "parse", "--output", "openmetrics", "-");
        assertEquals(0, openMetrics.exitCode(), openMetrics.err());
        assertEquals("# HELP h Latency.\n# TYPE h histogram\nh_bucket{le=\"1.0\"} 1\nh_bucket{le=\"+Inf\"} 2\n"
            + "h_count 2\nh_sum 3 1.5\n# EOF\n", openMetrics.out());
        final SluiceRun broken = SluiceRun.of(bytes("a 1\nb x\n"), "parse", "--output", "text", "-");
        assertEquals(1, broken.exitCode());
        assertEquals("a 1\n", broken.out());
        assertTrue(broken.err().contains("line 2"), broken.err());
    }

    @Test
    void commandLineErrorsExitTwo()
    {
        final SluiceRun badFormat = SluiceRun.of("parse", "--format", "yaml", "-");
        assertEquals(2, badFormat.exitCode());
        assertTrue(badFormat.err().contains("--format"), badFormat.err());
        assertEquals(2, SluiceRun.of("parse").exitCode());
        assertEquals(2, SluiceRun.of().exitCode());
    }

    /** The protobuf fixture with a histogram that has classic and native buckets. */
    private byte[] mixedHistogram() throws IOException
    {
        try (InputStream in = getClass().getResourceAsStream("/protobuf/05_native_and_classic.bin"))
        {
            return in.readAllBytes();
        }
    }

    @Test
    void histogramOptionsReadProtobufHistogramsAsAPrometheusScrapeWould() throws IOException
    {
        final byte[] body = mixedHistogram();
        final SluiceRun classic = SluiceRun.of(body, "parse", "--scrape-native-histograms=false", "-");
        assertEquals(0, classic.exitCode(), classic.err());
        final String[] classicLines = classic.out().split("\n");
        assertEquals(6, classicLines.length);
        assertEquals("{\"name\":\"demo_mixed_histogram_seconds_bucket\",\"labels\":{\"path\":\"/checkout\","
            + "\"le\":\"0.1\"},\"value\":1,\"timestamp_ms\":null}", classicLines[0]);

        final SluiceRun nhcb = SluiceRun.of(body, "parse", "--convert-classic-histograms-to-nhcb", "-");
        assertEquals(0, nhcb.exitCode(), nhcb.err());
        assertEquals("{\"name\":\"demo_mixed_histogram_seconds\",\"labels\":{\"path\":\"/checkout\"},"
            + "\"histogram\":{\"schema\":-53,\"zero_threshold\":0,\"zero_count\":0,\"count\":6,\"sum\":6.99,"
            + "\"positive\":{\"0\":1,\"1\":3,\"2\":1,\"3\":1},\"negative\":{},\"custom_values\":[0.1,1,2.5]},"
            + "\"timestamp_ms\":null,\"exemplar\":{\"labels\":{\"trace_id\":\"abc123\"},\"value\":0.8,"
            + "\"timestamp_ms\":1700000100000}}\n", nhcb.out());

        final SluiceRun reduced = SluiceRun.of(body, "parse", "--scrape-native-histograms",
            "--native-histogram-min-bucket-factor", "4", "-");
        assertEquals(0, reduced.exitCode(), reduced.err());
        assertTrue(reduced.out().startsWith("{\"name\":\"demo_mixed_histogram_seconds\",\"labels\":{\"path\":"
            + "\"/checkout\"},\"histogram\":{\"schema\":-1,\"zero_threshold\":0.001,\"zero_count\":0,\"count\":6,"
            + "\"sum\":6.99,\"positive\":{\"-1\":1,\"0\":3,\"1\":2},\"negative\":{}},"), reduced.out());
        assertEquals(1, reduced.out().split("\n").length);
    }

    @Test
    void histogramOptionsNeedProtobufInputAndLimitsThatAreNotNegative() throws IOException
    {
        final SluiceRun text = SluiceRun.of(bytes("a 1\n"), "parse", "--scrape-native-histograms", "-");
        assertEquals(2, text.exitCode());
        assertEquals("sluice: the histogram options apply to protobuf input only; - is read as text\n", text.err());
        final SluiceRun negative = SluiceRun.of(mixedHistogram(), "parse", "--native-histogram-bucket-limit", "-1",
            "-");
        assertEquals(2, negative.exitCode());
        assertEquals("sluice: native_histogram_bucket_limit -1 is negative\n", negative.err());
    }

    private static void failure(final SluiceRun run, final String expectedErr)
    {
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals(expectedErr, run.err());
    }

    private static void f(final String input, final String... expectedLines)
    {
        final SluiceRun run = SluiceRun.of(bytes(input), "parse", "-");
        assertEquals("", run.err());
        assertEquals(0, run.exitCode());
        assertEquals(String.join("\n", expectedLines) + "\n", run.out());
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
