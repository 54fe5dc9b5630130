package dev.sluice.pipeline.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.RelabelConfig;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.RelabelRuleArbitraries;
import dev.sluice.pipeline.relabel.Relabeler;

/**
 * The worker's series cache changes nothing: the same body scraped twice (every series a cache miss the first time,
 * a hit the second) commits the same relabeled series with the same values, and they are what
 * {@link Relabeler#process} gives for each series with the target labels merged in.
 */
class SeriesCacheProperties
{
    @Property(tries = 300)
    void cacheHitAndMissCommitWhatTheRelabelerGives(
        @ForAll("labelSetLists") final List<Map<String, String>> series,
        @ForAll("ruleLists") final List<RelabelConfig> rules)
    {
        final RelabelConfigs configs = RelabelConfigs.of(rules);
        final WorkerHarness harness = new WorkerHarness().target(new TargetConfig(WorkerHarness.TARGET,
            Map.of("job", "j"), false, true, false, configs, ScrapeLimits.NONE, ExtraScrapeMetrics.OFF, 2));
        final StringBuilder body = new StringBuilder();
        final List<String> expected = new ArrayList<>();
        boolean nameless = false;
        final Relabeler relabeler = new Relabeler();
        for (int i = 0; i < series.size(); i++)
        {
            body.append("{\"m_").append(i).append('"');
            final LabelSetBuilder labels = new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "m_" + i);
            series.get(i).forEach((name, value) ->
            {
                body.append(",\"").append(escaped(name)).append("\"=\"").append(escaped(value)).append('"');
                labels.set(name, value);
            });
            body.append("} ").append(i).append('\n');
            labels.set("job", "j").markUnchanged();
            if (relabeler.process(configs, labels))
            {
                nameless |= labels.get(LabelSetBuilder.METRIC_NAME).isEmpty();
                expected.add(labels + " " + (double)i);
            }
        }
        final String begin = "begin 1 " + (nameless ? "no_metric_name" : "committed");
        expected.sort(null);

        final List<String> first = new ArrayList<>(harness.scrape(body.toString()));
        final List<String> second = harness.scrape(body.toString());

        final List<String> misses = committedSamples(first, begin);
        assertEquals(nameless ? List.of() : expected, misses, configs::toString);
        assertEquals(misses, committedSamples(second, begin), configs::toString);
        if (!nameless)
        {
            // Every series kept is new to the cache in the first scrape, and found in it in the second.
            assertEquals((double)expected.size(), seriesAdded(first), first::toString);
            assertEquals(0.0, seriesAdded(second), second::toString);
        }
    }

    @Provide
    Arbitrary<List<Map<String, String>>> labelSetLists()
    {
        return RelabelRuleArbitraries.labelSets()
            .filter(labels -> !labels.containsKey(LabelSetBuilder.METRIC_NAME) && !labels.containsKey("job"))
            .list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<RelabelConfig>> ruleLists()
    {
        return RelabelRuleArbitraries.rules().list().ofMaxSize(4);
    }

    /** The committed series lines without their timestamps, sorted, after checking the commit's outcome. */
    private static List<String> committedSamples(final List<String> lines, final String begin)
    {
        assertEquals(begin, lines.get(0), lines::toString);
        final List<String> samples = new ArrayList<>();
        for (final String line : lines.subList(1, lines.size()))
        {
            if (line.startsWith("{__name__=\"up\""))
            {
                break;
            }
            samples.add(line.substring(0, line.lastIndexOf(" @")));
        }
        samples.sort(null);
        return samples;
    }

    private static double seriesAdded(final List<String> lines)
    {
        final String line = lines.stream()
            .filter(candidate -> candidate.startsWith("{__name__=\"scrape_series_added\"")).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(line.indexOf("} ") + 2, line.lastIndexOf(" @")));
    }

    private static String escaped(final String text)
    {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
