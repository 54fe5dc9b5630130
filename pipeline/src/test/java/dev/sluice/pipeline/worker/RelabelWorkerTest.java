package dev.sluice.pipeline.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.pipeline.record.RecordType;
import dev.sluice.pipeline.record.ScrapeBeginDescriptor;
import dev.sluice.pipeline.record.ScrapeBeginFlyweight;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.RelabelSection;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelabelWorkerTest
{
    private static final String TARGET_LABELS = ", instance=\"a:9100\", job=\"node\"}";
    private final WorkerHarness harness = new WorkerHarness();

    private static TargetConfig target(final String rulesYaml, final ScrapeLimits limits, final boolean honorLabels)
    {
        return new TargetConfig(WorkerHarness.TARGET, Map.of("job", "node", "instance", "a:9100"), honorLabels, true,
            false, RelabelConfigs.fromYaml(rulesYaml, RelabelSection.METRIC, NameValidationScheme.UTF8), limits,
            ExtraScrapeMetrics.OFF, 2);
    }

    private static List<String> report(
        final int at, final double up, final int scraped, final int postRelabeling, final int added)
    {
        return List.of(
            "{__name__=\"up\"" + TARGET_LABELS + " " + up + " @" + at,
            "{__name__=\"scrape_duration_seconds\"" + TARGET_LABELS + " 2.5 @" + at,
            "{__name__=\"scrape_samples_scraped\"" + TARGET_LABELS + " " + (double)scraped + " @" + at,
            "{__name__=\"scrape_samples_post_metric_relabeling\"" + TARGET_LABELS + " " + (double)postRelabeling +
                " @" + at,
            "{__name__=\"scrape_series_added\"" + TARGET_LABELS + " " + (double)added + " @" + at);
    }

    private static void assertCommit(
        final List<String> expectedHead, final List<String> report, final List<String> lines)
    {
        final int samples = expectedHead.size();
        assertEquals(expectedHead, lines.subList(0, samples), lines::toString);
        assertEquals(report, lines.subList(samples, samples + report.size()), lines::toString);
        assertEquals("end", lines.get(lines.size() - 1));
        assertEquals(samples + report.size() + 1, lines.size(), lines::toString);
    }

    @Test
    void commitsSamplesWithTargetLabelsThenTheReport()
    {
        assertScrapeWithOneTimestamp(harness.defaultTarget, "@500");
    }

    @Test
    void withoutHonorTimestampsEverySampleTakesTheScrapeTime()
    {
        assertScrapeWithOneTimestamp(new TargetConfig(WorkerHarness.TARGET, Map.of("job", "node", "instance",
            "a:9100"), false, false, false, RelabelConfigs.of(), ScrapeLimits.NONE, ExtraScrapeMetrics.OFF, 2),
            "@15000");
    }

    /** Scrapes a sample without and one with a timestamp; the second is committed at {@code timestampOfB}. */
    private void assertScrapeWithOneTimestamp(final TargetConfig config, final String timestampOfB)
    {
        harness.target(config);

        final List<String> lines = harness.scrape("a{x=\"1\"} 1\nb 2 1700000000500\n");

        assertCommit(List.of(
            "begin 1 committed",
            "{__name__=\"a\", instance=\"a:9100\", job=\"node\", x=\"1\"} 1.0 @15000",
            "{__name__=\"b\"" + TARGET_LABELS + " 2.0 " + timestampOfB),
            report(15_000, 1, 2, 2, 2), lines);
    }

    @Test
    void extraScrapeMetricsReportTimeoutSampleLimitAndBodySizeOfACommittedScrapeOnly()
    {
        harness.target(new TargetConfig(WorkerHarness.TARGET, Map.of("job", "node", "instance", "a:9100"), false,
            true, false, RelabelConfigs.of(), new ScrapeLimits(10, 0, 0, 0), new ExtraScrapeMetrics(true, 7_500), 2));
        final String body = "a 1\nb 2\n";

        final List<String> committed = harness.scrape(body);

        assertCommit(List.of(
            "begin 1 committed",
            "{__name__=\"a\"" + TARGET_LABELS + " 1.0 @15000",
            "{__name__=\"b\"" + TARGET_LABELS + " 2.0 @15000"),
            extraReport(15_000, report(15_000, 1, 2, 2, 2), body.length()), committed);

        final List<String> failed = harness.scrape("a 3\nbroken{\n");

        assertEquals(extraReport(30_000, report(30_000, 0, 1, 1, 0), 0),
            failed.subList(3, failed.size() - 1), failed::toString);
    }

    private static List<String> extraReport(final int at, final List<String> report, final int bodySize)
    {
        final List<String> lines = new ArrayList<>(report);
        lines.add("{__name__=\"scrape_timeout_seconds\"" + TARGET_LABELS + " 7.5 @" + at);
        lines.add("{__name__=\"scrape_sample_limit\"" + TARGET_LABELS + " 10.0 @" + at);
        lines.add("{__name__=\"scrape_body_size_bytes\"" + TARGET_LABELS + " " + (double)bodySize + " @" + at);
        return lines;
    }

    @ParameterizedTest(name = "honor_timestamps {0}, track_timestamps_staleness {1}: stale marker {2}")
    @CsvSource({"true, false, false", "true, true, true", "false, false, true"})
    void aSeriesWithItsOwnTimestampGoesStaleOnlyWhenTracked(
        final boolean honorTimestamps, final boolean trackTimestampsStaleness, final boolean marked)
    {
        harness.target(new TargetConfig(WorkerHarness.TARGET, Map.of("job", "node", "instance", "a:9100"), false,
            honorTimestamps, trackTimestampsStaleness, RelabelConfigs.of(), ScrapeLimits.NONE, ExtraScrapeMetrics.OFF,
            2));
        harness.scrape("a 1\nb 2 1700000000500\n");

        final List<String> lines = harness.scrape("a 3\n");

        assertEquals(marked, lines.contains("{__name__=\"b\"" + TARGET_LABELS + " stale @30000"), lines::toString);
        assertEquals(marked ? 1 : 0, lines.stream().filter(line -> line.contains("stale")).count(), lines::toString);
    }

    /**
     * Found by {@code SeriesCacheProperties}: the target labels were merged as set labels, so {@code labelmap} visited
     * them after the scraped ones, where Prometheus relabels the merged set sorted by name.
     */
    @Test
    void labelMapVisitsTargetLabelsByNameAmongTheScrapedOnes()
    {
        harness.target(target("- action: labelmap\n  regex: (.*)\n  replacement: lit\n", ScrapeLimits.NONE, false));

        final List<String> lines = harness.scrape("m{z=\"a\"} 1\n");

        assertEquals("{__name__=\"m\", instance=\"a:9100\", job=\"node\", lit=\"a\", z=\"a\"} 1.0 @15000", lines.get(1),
            lines::toString);
    }

    @Test
    void cachedSeriesAreNotAddedAgainAndMissingOnesGoStale()
    {
        harness.target(harness.defaultTarget);
        harness.scrape("a 1\nb 2\n");

        final List<String> lines = harness.scrape("a 3\n");

        assertCommit(List.of(
            "begin 1 committed",
            "{__name__=\"a\"" + TARGET_LABELS + " 3.0 @30000",
            "{__name__=\"b\"" + TARGET_LABELS + " stale @30000"),
            report(30_000, 1, 1, 1, 0), lines);
        assertEquals(2, harness.worker.seriesCache(WorkerHarness.TARGET).size());
    }

    @Test
    void parseErrorCommitsNothingAndMarksTheLastScrapeStale()
    {
        harness.target(harness.defaultTarget);
        harness.scrape("a 1\nb 2\n");

        final List<String> lines = harness.scrape("a 1\nc 5\nb{ 2\n");

        assertEquals("begin 1 scrape_failed", lines.get(0));
        assertTrue(lines.contains("{__name__=\"a\"" + TARGET_LABELS + " stale @30000"), lines::toString);
        assertTrue(lines.contains("{__name__=\"b\"" + TARGET_LABELS + " stale @30000"), lines::toString);
        assertCommit(lines.subList(0, 3), report(30_000, 0, 2, 2, 1), lines);

        final List<String> next = harness.scrape("a 1\n");
        assertEquals(List.of("begin 1 committed", "{__name__=\"a\"" + TARGET_LABELS + " 1.0 @45000"),
            next.subList(0, 2), "no second stale marker after a failed scrape");
    }

    @Test
    void droppedSeriesAreNotCommittedNorCounted()
    {
        final String dropGo = "- action: drop\n  source_labels: [__name__]\n  regex: go_.*\n";
        harness.target(target(dropGo, ScrapeLimits.NONE, false));

        final List<String> lines = harness.scrape("go_threads 9\nup_time 1\n");

        assertCommit(List.of("begin 1 committed", "{__name__=\"up_time\"" + TARGET_LABELS + " 1.0 @15000"),
            report(15_000, 1, 2, 1, 1), lines);
    }

    @Test
    void sampleLimitCountsSamplesKeptAfterRelabeling()
    {
        final String dropGo = "- action: drop\n  source_labels: [__name__]\n  regex: go_.*\n";
        harness.target(target(dropGo, new ScrapeLimits(2, 0, 0, 0), false));
        assertEquals("begin 1 committed", harness.scrape("go_a 1\ngo_b 1\na 1\nb 1\n").get(0));

        assertEquals("begin 1 sample_limit", harness.scrape("go_a 1\na 1\nb 1\nc 1\n").get(0));
    }

    @Test
    void labelLimitsFailTheScrapeCountingUtf8Bytes()
    {
        assertOutcome(new ScrapeLimits(0, 3, 0, 0), "a{x=\"1\"} 1\n", "label_limit");
        assertOutcome(new ScrapeLimits(0, 4, 0, 0), "a{x=\"1\"} 1\n", "committed");
        assertOutcome(new ScrapeLimits(0, 0, 0, 8), "a{x=\"\u00fc\u00fc\u00fc\u00fc\u00fc\"} 1\n",
            "label_value_length_limit");
        assertOutcome(new ScrapeLimits(0, 0, 0, 10), "a{x=\"\u00fc\u00fc\u00fc\u00fc\u00fc\"} 1\n", "committed");
        assertOutcome(new ScrapeLimits(0, 0, 7, 0), "a{longer=\"1\"} 1\n", "label_name_length_limit");
        assertOutcome(new ScrapeLimits(0, 0, 8, 0), "a{longer=\"1\"} 1\n", "committed");
    }

    private void assertOutcome(final ScrapeLimits limits, final String body, final String outcome)
    {
        final WorkerHarness fresh = new WorkerHarness().target(target("[]", limits, false));
        final List<String> lines = fresh.scrape(body);
        assertEquals("begin 1 " + outcome, lines.get(0), () -> limits + " on " + body);
        assertEquals(outcome.equals("committed") ? 8 : 7, lines.size(), lines::toString);
    }

    @Test
    void seriesWithoutANameAfterRelabelingFailsTheScrape()
    {
        harness.target(target("- action: labeldrop\n  regex: __name__\n", ScrapeLimits.NONE, false));

        assertEquals("begin 1 no_metric_name", harness.scrape("a 1\n").get(0));
    }

    @Test
    void clashingScrapedLabelsBecomeExportedUnlessHonored()
    {
        harness.target(harness.defaultTarget);
        assertEquals("{__name__=\"a\", exported_job=\"mine\", instance=\"a:9100\", job=\"node\"} 1.0 @15000",
            harness.scrape("a{job=\"mine\"} 1\n").get(1));

        final WorkerHarness honoring = new WorkerHarness().target(target("[]", ScrapeLimits.NONE, true));
        assertEquals("{__name__=\"a\", instance=\"a:9100\", job=\"mine\"} 1.0 @15000",
            honoring.scrape("a{job=\"mine\"} 1\n").get(1));
    }

    @Test
    void aLostEndIsClosedAsFailedWhenTheNextScrapeBegins()
    {
        harness.target(harness.defaultTarget);
        final UnsafeBuffer record = new UnsafeBuffer(new byte[ScrapeBeginDescriptor.LENGTH]);
        new ScrapeBeginFlyweight().wrap(record, 0)
            .targetId(WorkerHarness.TARGET).scrapeId(99).scrapeTimeMs(WorkerHarness.SCRAPE_TIME_MS);
        harness.ringBuffer.write(RecordType.SCRAPE_BEGIN, record, 0, record.capacity());

        final List<String> lines = harness.scrape("a 1\n");

        assertEquals("begin 1 end_lost", lines.get(0));
        assertEquals("begin 1 committed", lines.get(7), lines::toString);
    }

    @Test
    void recordsOfUnknownTargetsAreSkippedAndCounted()
    {
        final List<String> lines = harness.scrape("a 1\nb 2\n");

        assertEquals(List.of(), lines);
        assertEquals(4, harness.worker.skippedRecords());
    }
}
