package dev.sluice.pipeline.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import dev.sluice.pipeline.relabel.RelabelConfigs;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A scrape commits every one of its samples or none, whatever the parse error offset or the sample limit. */
class CommitAllOrNothingProperties
{
    @Property(tries = 300)
    void scrapeCommitsAllItsSamplesOrNone(
        @ForAll @IntRange(min = 1, max = 60) final int samples,
        @ForAll @IntRange(min = -1, max = 60) final int errorAfter,
        @ForAll @IntRange(min = 0, max = 70) final int sampleLimit)
    {
        final WorkerHarness harness = new WorkerHarness().target(new TargetConfig(WorkerHarness.TARGET,
            Map.of("job", "j"), false, true, false, RelabelConfigs.of(), new ScrapeLimits(sampleLimit, 0, 0, 0),
            ExtraScrapeMetrics.OFF, 2));
        final StringBuilder body = new StringBuilder();
        for (int i = 0; i < samples; i++)
        {
            if (i == errorAfter)
            {
                body.append("broken{ 1\n");
            }
            body.append("m_").append(i).append("{i=\"").append(i).append("\"} ").append(i).append('\n');
        }
        final boolean parseError = errorAfter >= 0 && errorAfter < samples;
        final boolean overLimit = sampleLimit > 0 && samples > sampleLimit;

        final List<String> lines = harness.scrape(body.toString());

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
}
