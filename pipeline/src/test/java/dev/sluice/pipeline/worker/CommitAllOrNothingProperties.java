package dev.sluice.pipeline.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sluice.pipeline.relabel.RelabelConfigs;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A scrape commits every one of its samples or none, whatever the parse error offset, the sample limit or a
 * timeout.
 */
class CommitAllOrNothingProperties
{
    @Property(tries = 300)
    void scrapeCommitsAllItsSamplesOrNone(
        @ForAll @IntRange(min = 1, max = 60) final int samples,
        @ForAll @IntRange(min = -1, max = 60) final int errorAfter,
        @ForAll @IntRange(min = 0, max = 70) final int sampleLimit)
    {
        final WorkerHarness harness = harness(sampleLimit);
        final boolean parseError = errorAfter >= 0 && errorAfter < samples;
        final boolean overLimit = sampleLimit > 0 && samples > sampleLimit;

        final List<String> lines = harness.scrape(body(samples, errorAfter));

        final long committed = lines.stream().filter(line -> line.startsWith("{__name__=\"m_")).count();
        final boolean success = !parseError && !overLimit;
        assertEquals(success ? samples : 0, committed, lines::toString);
        // The first failure names the outcome: the limit when it is broken by the samples before the error.
        final int samplesBeforeError = parseError ? errorAfter : samples;
        final boolean limitFirst = sampleLimit > 0 && samplesBeforeError > sampleLimit;
        final String outcome = limitFirst ? "sample_limit" : parseError ? "scrape_failed" : "committed";
        assertEquals("begin 1 " + outcome, lines.get(0));
        assertEquals("{__name__=\"up\", job=\"j\"} " + (success ? "1.0" : "0.0") + " @15000",
            lines.get(1 + (int)committed));
    }

    /**
     * A scrape that times out (written as the scraper writes it, {@link WorkerHarness#scrapeTimedOut}) commits none
     * of its samples, reports the target down, and marks stale exactly the series the last scrape committed; after a
     * scrape that already failed, there is nothing left to mark.
     */
    @Property(tries = 200)
    void timedOutScrapeCommitsNothingAndMarksCommittedSeriesStale(
        @ForAll @IntRange(min = 1, max = 60) final int samples,
        @ForAll @IntRange(min = -1, max = 60) final int errorAfter,
        @ForAll @IntRange(min = 0, max = 70) final int sampleLimit)
    {
        final WorkerHarness harness = harness(sampleLimit);
        final boolean previousCommitted = !(errorAfter >= 0 && errorAfter < samples) &&
            !(sampleLimit > 0 && samples > sampleLimit);
        harness.scrape(body(samples, errorAfter));

        final List<String> lines = harness.scrapeTimedOut();

        final Set<String> stale = new HashSet<>();
        for (int i = 0; previousCommitted && i < samples; i++)
        {
            stale.add("{__name__=\"m_" + i + "\", i=\"" + i + "\", job=\"j\"} stale @30000");
        }
        assertEquals("begin 1 scrape_failed", lines.get(0));
        // Stale markers come in the series table's order.
        assertEquals(stale, new HashSet<>(lines.subList(1, 1 + stale.size())), lines::toString);
        assertEquals("{__name__=\"up\", job=\"j\"} 0.0 @30000", lines.get(1 + stale.size()), lines::toString);
        assertEquals(stale.size(), lines.stream().filter(line -> line.startsWith("{__name__=\"m_")).count(),
            lines::toString);
    }

    private static WorkerHarness harness(final int sampleLimit)
    {
        return new WorkerHarness().target(new TargetConfig(WorkerHarness.TARGET, Map.of("job", "j"), false, true,
            false, RelabelConfigs.of(), new ScrapeLimits(sampleLimit, 0, 0, 0), ExtraScrapeMetrics.OFF, 2));
    }

    /** Series {@code m_i{i="i"} i}, with a malformed line before sample {@code errorAfter} when it is one of them. */
    private static String body(final int samples, final int errorAfter)
    {
        final StringBuilder body = new StringBuilder();
        for (int i = 0; i < samples; i++)
        {
            if (i == errorAfter)
            {
                body.append("broken{ 1\n");
            }
            body.append("m_").append(i).append("{i=\"").append(i).append("\"} ").append(i).append('\n');
        }
        return body.toString();
    }
}
