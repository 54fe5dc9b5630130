package dev.sluice.pipeline.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.pipeline.record.NativeHistograms;
import dev.sluice.pipeline.record.NativeHistograms.Exemplar;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.RelabelSection;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Exemplars go from the scrape through the worker to the sink with their sample, by Prometheus' scrape loop rules:
 * committed with the scrape or not at all, a missing timestamp filled with the sample's, a repeat of the series'
 * previous exemplar not sent again, the series' relabeling left off the exemplar's labels.
 */
class ExemplarWorkerTest
{
    private static final long BASE = WorkerHarness.SCRAPE_TIME_MS;
    private static final String RPC = "{__name__=\"rpc_total\", code=\"200\", instance=\"a:9100\", job=\"node\"}";
    private static final String BUCKET =
        "{__name__=\"req_bucket\", instance=\"a:9100\", job=\"node\", le=\"0.5\"}";
    private static final String BODY = """
        # TYPE rpc counter
        rpc_total{code="200"} 5 # {trace_id="abc"} 1.5 1700000000.123
        # TYPE req histogram
        req_bucket{le="0.5"} 3 # {trace_id="def",span_id="1"} 0.25
        req_bucket{le="+Inf"} 4
        req_count 4
        req_sum 1.25
        # EOF
        """;

    private final WorkerHarness harness = new WorkerHarness();

    private static TargetConfig target(final String rulesYaml, final boolean honorTimestamps)
    {
        return new TargetConfig(WorkerHarness.TARGET, Map.of("job", "node", "instance", "a:9100"), false,
            honorTimestamps, false, RelabelConfigs.fromYaml(rulesYaml, RelabelSection.METRIC,
            NameValidationScheme.UTF8), ScrapeLimits.NONE, ExtraScrapeMetrics.OFF, 2);
    }

    /** The lines of samples with exemplars and of the exemplars, and the report of series added. */
    private static List<String> exemplarLines(final List<String> lines)
    {
        return lines.stream().filter(line -> line.startsWith("# ") || line.contains("trace") ||
            lines.indexOf(line) + 1 < lines.size() && lines.get(lines.indexOf(line) + 1).startsWith("# ") ||
            line.startsWith("{__name__=\"scrape_series_added\"")).toList();
    }

    @Test
    void exemplarsFollowTheirSamplesWithTheSampleTimestampWhenTheyHaveNone()
    {
        harness.target(harness.defaultTarget);

        final List<String> lines = exemplarLines(harness.scrapeOpenMetrics(BODY));

        assertEquals(List.of(
            RPC + " 5.0 @15000",
            "# {trace_id=\"abc\"} 1.5 @1700000000123",
            BUCKET + " 3.0 @15000",
            "# {trace_id=\"def\",span_id=\"1\"} 0.25 @" + (BASE + 15_000),
            "{__name__=\"scrape_series_added\", instance=\"a:9100\", job=\"node\"} 5.0 @15000"), lines);
        assertEquals(2, harness.committedExemplars());
    }

    @Test
    void aRepeatOfTheSeriesPreviousExemplarIsNotSentAgainAndTheSeriesStaysCached()
    {
        harness.target(harness.defaultTarget);
        harness.scrapeOpenMetrics(BODY);

        final List<String> second = exemplarLines(harness.scrapeOpenMetrics(BODY));
        final List<String> withoutExemplars = exemplarLines(harness.scrapeOpenMetrics(BODY.replace(
            " # {trace_id=\"abc\"} 1.5 1700000000.123", "")));
        final List<String> changed = exemplarLines(harness.scrapeOpenMetrics(BODY.replace("1.5 1700000000.123",
            "2.5 1700000000.123")));

        assertEquals(List.of(
            BUCKET + " 3.0 @30000",
            "# {trace_id=\"def\",span_id=\"1\"} 0.25 @" + (BASE + 30_000),
            "{__name__=\"scrape_series_added\", instance=\"a:9100\", job=\"node\"} 0.0 @30000"), second,
            "the timestamped exemplar repeats and is left out; the other takes the new scrape's time");
        assertEquals(List.of(
            BUCKET + " 3.0 @45000",
            "# {trace_id=\"def\",span_id=\"1\"} 0.25 @" + (BASE + 45_000),
            "{__name__=\"scrape_series_added\", instance=\"a:9100\", job=\"node\"} 0.0 @45000"), withoutExemplars,
            "a sample without its exemplar is the same cached series");
        assertEquals(List.of(
            RPC + " 5.0 @60000",
            "# {trace_id=\"abc\"} 2.5 @1700000000123",
            BUCKET + " 3.0 @60000",
            "# {trace_id=\"def\",span_id=\"1\"} 0.25 @" + (BASE + 60_000),
            "{__name__=\"scrape_series_added\", instance=\"a:9100\", job=\"node\"} 0.0 @60000"), changed);
        assertEquals(6, harness.committedExemplars());
    }

    @Test
    void aFailedScrapeCommitsNoExemplarAndLeavesTheRepeatCheckAsItWas()
    {
        harness.target(harness.defaultTarget);

        final List<String> failed =
            List.copyOf(harness.scrapeOpenMetrics(BODY.replace("req_count 4", "req_count four")));
        final List<String> next = exemplarLines(harness.scrapeOpenMetrics(BODY));

        assertEquals(List.of("begin 1 scrape_failed"), failed.subList(0, 1));
        assertEquals(0, failed.stream().filter(line -> line.startsWith("# ")).count(), String.join("\n", failed));
        assertEquals(List.of(
            RPC + " 5.0 @30000",
            "# {trace_id=\"abc\"} 1.5 @1700000000123",
            BUCKET + " 3.0 @30000",
            "# {trace_id=\"def\",span_id=\"1\"} 0.25 @" + (BASE + 30_000),
            "{__name__=\"scrape_series_added\", instance=\"a:9100\", job=\"node\"} 2.0 @30000"), next,
            "the failed scrape cached three series before its error");
    }

    @Test
    void metricRelabelingChangesTheSeriesNotTheExemplarAndADroppedSeriesTakesItsExemplarsAlong()
    {
        harness.target(target("""
            - {action: replace, target_label: trace_id, replacement: series}
            - {action: drop, source_labels: [__name__], regex: req_bucket}
            """, true));

        final List<String> lines = harness.scrapeOpenMetrics(BODY).stream()
            .filter(line -> line.startsWith("# ") || line.contains("rpc_total") || line.contains("req_bucket"))
            .toList();

        assertEquals(List.of(
            "{__name__=\"rpc_total\", code=\"200\", instance=\"a:9100\", job=\"node\", trace_id=\"series\"} 5.0 @15000",
            "# {trace_id=\"abc\"} 1.5 @1700000000123"), lines);
    }

    @Test
    void anExemplarWithoutTimestampTakesItsSampleTimeAsTheTargetKeepsItAndOneWithItsOwnKeepsThat()
    {
        final String timestamped = BODY.replace("rpc_total{code=\"200\"} 5 # {trace_id=\"abc\"} 1.5 1700000000.123",
            "rpc_total{code=\"200\"} 5 1699999999 # {trace_id=\"abc\"} 1.5");
        harness.target(target("[]", true));
        final List<String> honoured = harness.scrapeOpenMetrics(timestamped).stream()
            .filter(line -> line.startsWith("# {trace_id=\"abc")).toList();
        harness.target(target("[]", false));
        final List<String> ignored = harness.scrapeOpenMetrics(timestamped).stream()
            .filter(line -> line.startsWith("# {trace_id=\"abc")).toList();

        assertEquals(List.of("# {trace_id=\"abc\"} 1.5 @1699999999000"), honoured);
        assertEquals(List.of("# {trace_id=\"abc\"} 1.5 @" + (BASE + 30_000)), ignored);
    }

    @Test
    void aNativeHistogramKeepsOnlyTimestampedExemplarsWithinTheLabelLengthLimitAndCountsTheRest()
    {
        harness.target(harness.defaultTarget);
        final byte[] body = NativeHistograms.family("rpc_seconds", new String[] {"code", "200"},
            NativeHistograms.integer(), 0, Double.NaN,
            new Exemplar(new String[] {"trace_id", "t1"}, 0.5, 1_700_000_000_250L),
            new Exemplar(new String[] {"trace_id", "t2"}, 0.75, 0),
            new Exemplar(new String[] {"trace_id", "x".repeat(121)}, 1, 1_700_000_000_500L),
            new Exemplar(new String[] {"trace_id", "é".repeat(120)}, 2, 1_700_000_000_750L));

        final List<String> lines = harness.scrapeProtobuf(new UnsafeBuffer(body), body.length).stream()
            .filter(line -> line.startsWith("# ") || line.contains("histogram")).toList();

        assertEquals(List.of(
            "{__name__=\"rpc_seconds\", code=\"200\", instance=\"a:9100\", job=\"node\"} histogram @15000",
            "# {trace_id=\"t1\"} 0.5 @1700000000250",
            "# {trace_id=\"" + "é".repeat(120) + "\"} 2.0 @1700000000750"), lines,
            "128 runes are kept whatever their bytes; 129 are not");
        assertEquals(2, harness.droppedExemplars(), "no timestamp, and 8 + 121 runes");
    }
}
