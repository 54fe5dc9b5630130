package dev.sluice.pipeline.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.pipeline.record.NativeHistograms;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.RelabelSection;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class HistogramWorkerTest
{
    private static final String TARGET_LABELS = ", instance=\"a:9100\", job=\"node\"}";
    private static final String RPC = "{__name__=\"rpc_seconds\", code=\"200\"" + TARGET_LABELS;
    private static final String BUCKET = "{__name__=\"rpc_seconds_bucket\", code=\"200\"";
    private static final String QUEUE = "{__name__=\"queue_depth\"" + TARGET_LABELS;

    private final WorkerHarness harness = new WorkerHarness();

    private static TargetConfig target(final String rulesYaml, final ScrapeLimits limits)
    {
        return new TargetConfig(WorkerHarness.TARGET, Map.of("job", "node", "instance", "a:9100"), false, true,
            false, RelabelConfigs.fromYaml(rulesYaml, RelabelSection.METRIC, NameValidationScheme.UTF8), limits,
            ExtraScrapeMetrics.OFF, 2);
    }

    /** An integer histogram {@code rpc_seconds{code="200"}} with one classic bucket, four classic series. */
    private static byte[] rpc()
    {
        return NativeHistograms.family("rpc_seconds", new String[] {"code", "200"}, NativeHistograms.integer(), 0,
            10);
    }

    /** A float gauge histogram {@code queue_depth} with its own timestamp, 500 ms after scrape 0. */
    private static byte[] queue()
    {
        return NativeHistograms.family("queue_depth", new String[0], NativeHistograms.floating(),
            WorkerHarness.SCRAPE_TIME_MS + 500, Double.NaN);
    }

    private static String histogramLine(final String series, final NativeHistogramView h, final int at)
    {
        return series + " histogram " + NativeHistograms.describe(h) + " @" + at;
    }

    private static NativeHistogramView scrapedInteger()
    {
        return NativeHistograms.integer().resetHint(NativeHistogramView.ResetHint.UNKNOWN);
    }

    private List<String> scrape(final byte[]... families)
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (final byte[] family : families)
        {
            body.write(family, 0, family.length);
        }
        final byte[] bytes = body.toByteArray();
        return harness.scrapeProtobuf(new UnsafeBuffer(bytes), bytes.length);
    }

    @Test
    void histogramsAreCommittedWithTargetLabelsAfterTheSamples()
    {
        harness.target(harness.defaultTarget);

        final List<String> lines = scrape(rpc(), queue());

        assertEquals(List.of(
            "begin 1 committed",
            BUCKET + TARGET_LABELS.replace("}", ", le=\"10.0\"}") + " 17.0 @15000",
            BUCKET + TARGET_LABELS.replace("}", ", le=\"+Inf\"}") + " 17.0 @15000",
            "{__name__=\"rpc_seconds_sum\", code=\"200\"" + TARGET_LABELS + " 42.5 @15000",
            "{__name__=\"rpc_seconds_count\", code=\"200\"" + TARGET_LABELS + " 17.0 @15000",
            histogramLine(RPC, scrapedInteger(), 15_000),
            histogramLine(QUEUE, NativeHistograms.floating(), 500)),
            lines.subList(0, 7));
        assertEquals("{__name__=\"scrape_samples_scraped\"" + TARGET_LABELS + " 6.0 @15000", lines.get(9));
        assertEquals("{__name__=\"scrape_samples_post_metric_relabeling\"" + TARGET_LABELS + " 6.0 @15000",
            lines.get(10));
        assertEquals("{__name__=\"scrape_series_added\"" + TARGET_LABELS + " 6.0 @15000", lines.get(11));
        assertEquals(2, harness.committedHistograms());
    }

    @Test
    void histogramsAndTheirClassicSeriesCarryTheFamilyTypeWithTypeAndUnitLabels()
    {
        harness.target(harness.defaultTarget.withTypeAndUnitLabels(true));

        final List<String> lines = scrape(rpc(), queue());

        assertEquals("{__name__=\"rpc_seconds_sum\", __type__=\"histogram\", code=\"200\"" + TARGET_LABELS +
            " 42.5 @15000", lines.get(3));
        assertEquals(List.of(
            histogramLine(RPC.replace("code=", "__type__=\"histogram\", code="), scrapedInteger(), 15_000),
            histogramLine(QUEUE.replace(TARGET_LABELS, ", __type__=\"gaugehistogram\"" + TARGET_LABELS),
                NativeHistograms.floating(), 500)),
            lines.subList(5, 7));
    }

    @Test
    void histogramSeriesAreRelabeledAndCachedLikeSampleSeries()
    {
        harness.target(target("- action: drop\n  source_labels: [__name__]\n  regex: rpc_seconds_.*\n" +
            "- target_label: team\n  replacement: storage\n", ScrapeLimits.NONE));
        final String relabeled = "{__name__=\"rpc_seconds\", code=\"200\", instance=\"a:9100\", job=\"node\", " +
            "team=\"storage\"}";
        scrape(rpc());

        final List<String> lines = scrape(rpc());

        assertEquals(List.of("begin 1 committed", histogramLine(relabeled, scrapedInteger(), 30_000)),
            lines.subList(0, 2));
        assertEquals("{__name__=\"scrape_samples_post_metric_relabeling\"" + TARGET_LABELS + " 1.0 @30000",
            lines.get(5));
        assertEquals("{__name__=\"scrape_series_added\"" + TARGET_LABELS + " 0.0 @30000", lines.get(6));
        assertEquals(5, harness.worker.seriesCache(WorkerHarness.TARGET).size(), "4 dropped, 1 kept");
    }

    @Test
    void sampleLimitCountsHistograms()
    {
        harness.target(target("[]", new ScrapeLimits(6, 0, 0, 0)));
        assertEquals("begin 1 committed", scrape(rpc(), queue()).get(0));

        final WorkerHarness histogramsOnly = new WorkerHarness().target(target("[]", new ScrapeLimits(1, 0, 0, 0)));
        final byte[] queue = queue();
        final byte[] rpc = NativeHistograms.family("rpc_seconds", new String[0], NativeHistograms.integer(), 0,
            Double.NaN);
        final byte[] body = new byte[queue.length + rpc.length];
        System.arraycopy(queue, 0, body, 0, queue.length);
        System.arraycopy(rpc, 0, body, queue.length, rpc.length);

        final List<String> lines = histogramsOnly.scrapeProtobuf(new UnsafeBuffer(body), body.length);

        assertEquals("begin 1 sample_limit", lines.get(0));
        assertEquals(0, histogramsOnly.committedHistograms());
    }

    @Test
    void labelLimitOfAHistogramSeriesFailsTheScrape()
    {
        harness.target(target("[]", new ScrapeLimits(0, 2, 0, 0)));

        assertEquals("begin 1 label_limit", scrape(queue()).get(0));
        assertEquals(0, harness.committedHistograms());
    }

    @Test
    void aHistogramSeriesThatDisappearsGetsTheFloatStaleMarker()
    {
        harness.target(harness.defaultTarget);
        scrape(rpc(), queue());

        final List<String> lines = scrape(queue());

        assertEquals("begin 1 committed", lines.get(0));
        assertEquals(histogramLine(QUEUE, NativeHistograms.floating(), 500), lines.get(1));
        assertEquals(List.of(RPC + " stale @30000"),
            lines.stream().filter(line -> line.startsWith(RPC)).toList());
        assertEquals(5, lines.stream().filter(line -> line.contains("stale")).count(), "and its four classic series");
    }

    @Test
    void aFailedScrapeCommitsNoHistogramAndMarksThemStale()
    {
        harness.target(harness.defaultTarget);
        scrape(rpc());
        final byte[] truncated = rpc();

        final List<String> lines = harness.scrapeProtobuf(new UnsafeBuffer(truncated), truncated.length - 3);

        assertEquals("begin 1 scrape_failed", lines.get(0));
        assertEquals(1, harness.committedHistograms());
        assertEquals(List.of(RPC + " stale @30000"), lines.stream().filter(line -> line.startsWith(RPC)).toList());
    }
}
