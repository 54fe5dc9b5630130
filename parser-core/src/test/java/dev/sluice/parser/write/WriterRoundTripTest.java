package dev.sluice.parser.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.text.OpenMetricsCursor;
import dev.sluice.parser.text.PrometheusTextCursor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parse, write, parse again: every corpus body the cursors accept comes back with the same entries (names,
 * labels, value bits, timestamps, exemplars, metadata), through the writer of its own format.
 */
class WriterRoundTripTest
{
    /**
     * Corpus files in the text folders that are not Prometheus text bodies: promtool's OpenMetrics dumps (float
     * second timestamps, no {@code # EOF}) and the node_exporter fixtures that must be ignored as non-metrics.
     */
    private static final Set<String> NOT_PROMETHEUS_TEXT = Set.of(
        "prometheus-textparse/promtool-testdata/dump-openmetrics-roundtrip-test.prom",
        "prometheus-textparse/promtool-testdata/dump-openmetrics-test.prom",
        "real-world/node_exporter/textfile-collector/no_metric_files/non_matching_file.txt",
        "real-world/node_exporter/textfile-collector/two_metric_files/non_matching_file.txt");

    @TestFactory
    Stream<DynamicTest> prometheusTextBodiesSurviveARoundTrip() throws IOException
    {
        return prometheusTextFiles().stream().map(file -> DynamicTest.dynamicTest(file, () ->
            roundTrip(Corpus.bytes(file), new PrometheusTextCursor(), new PrometheusTextWriter())));
    }

    @TestFactory
    Stream<DynamicTest> openMetricsBodiesSurviveARoundTrip() throws IOException
    {
        return openMetricsFiles().stream().map(file -> DynamicTest.dynamicTest(file, () ->
            roundTrip(Corpus.bytes(file), new OpenMetricsCursor(), new OpenMetricsWriter())));
    }

    @Test
    void theCorpusHasBodiesForBothFormats() throws IOException
    {
        assertEquals(45, prometheusTextFiles().size());
        assertEquals(45, openMetricsFiles().size());
        assertTrue(prometheusTextFiles().containsAll(List.of(
            "prometheus-textparse/textparse-testdata/alltypes.237mfs.prom.txt",
            "real-world/node_exporter/e2e-output.txt")));
    }

    private static void roundTrip(final byte[] body, final MetricCursor cursor, final TextExpositionWriter<?> writer)
    {
        final boolean openMetrics = writer instanceof OpenMetricsWriter;
        final List<String> before = EntryRecords.of(cursor, body, openMetrics, openMetrics, !openMetrics);

        cursor.reset(body, 0, body.length);
        writer.copyRemaining(cursor);
        final int length = writer.finish();
        final byte[] written = new byte[length];
        writer.buffer().getBytes(writer.offset(), written);

        final List<String> after = EntryRecords.of(cursor, written, true, true, true);
        assertEquals(before, after, () -> new String(written, UTF_8));
    }

    /** Prometheus text bodies of the corpus: all text files, except those listed as something else. */
    private static List<String> prometheusTextFiles() throws IOException
    {
        final List<String> files = new ArrayList<>();
        files.addAll(list("prometheus-textparse", path -> !path.endsWith(".om.txt")));
        files.addAll(list("prometheus-common-expfmt/testdata", path -> path.endsWith("/text")));
        files.addAll(list("real-world", path -> !path.endsWith(".bin") && !path.endsWith(".txtpb")));
        files.removeAll(NOT_PROMETHEUS_TEXT);
        return files;
    }

    /** The OpenMetrics bodies: the good cases of the conformance suite and the text-parse benchmark input. */
    private static List<String> openMetricsFiles() throws IOException
    {
        final List<String> files = new ArrayList<>();
        files.add("prometheus-textparse/textparse-testdata/1histogram.om.txt");
        for (final String caseFile : list("openmetrics-suite/parsers", path -> path.endsWith("/metrics")))
        {
            final String json = new String(Corpus.bytes(caseFile.replace("/metrics", "/test.json")), UTF_8);
            if (json.replace(" ", "").contains("\"shouldParse\":true"))
            {
                files.add(caseFile);
            }
        }
        return files;
    }

    private static List<String> list(final String folder, final Predicate<String> keep)
        throws IOException
    {
        final Path root = Corpus.root();
        try (Stream<Path> paths = Files.walk(root.resolve(folder)))
        {
            return paths.filter(Files::isRegularFile)
                .map(path -> root.relativize(path).toString().replace('\\', '/'))
                .filter(path -> !path.endsWith("LICENSE") && !path.endsWith("NOTICE") && !path.endsWith(".md"))
                .filter(keep)
                .sorted()
                .collect(Collectors.toList());
        }
    }
}
