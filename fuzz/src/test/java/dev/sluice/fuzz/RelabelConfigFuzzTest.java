package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.pipeline.relabel.InvalidRelabelConfigException;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.RelabelSection;
import dev.sluice.pipeline.relabel.Relabeler;

/**
 * Fuzz target of the relabel rule loader and engine (sluice-pipeline). Any bytes, read as UTF-8, load as a list of
 * {@code metric_relabel_configs} rules or fail with {@link InvalidRelabelConfigException}, within the budget of a
 * configuration loader ({@link InputBudget#CONFIG_LOADER}); loaded rules write themselves as YAML that loads back
 * to the same rules, and apply to a label set within the same budget, throwing nothing. Seeds are in
 * {@code RelabelConfigFuzzTestInputs/loadsOrRejects/}.
 */
class RelabelConfigFuzzTest
{
    private static final RelabelSection SECTION = RelabelSection.METRIC;
    private static final NameValidationScheme SCHEME = NameValidationScheme.UTF8;

    private final Relabeler relabeler = new Relabeler();
    private final LabelSetBuilder labels = new LabelSetBuilder();
    private RelabelConfigs loaded;

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void loadsOrRejects(final byte[] input)
    {
        final String yaml = new String(input, StandardCharsets.UTF_8);
        if (InputBudget.CONFIG_LOADER.run(input.length, () -> load(yaml)) < 0)
        {
            return;
        }
        final String written = loaded.toString();
        try
        {
            assertEquals(written, RelabelConfigs.fromYaml(written, SECTION, SCHEME).toString(),
                "rules written as YAML and loaded again");
        }
        catch (final InvalidRelabelConfigException ex)
        {
            throw new AssertionError("rules written as YAML do not load again: " + written, ex);
        }
        labels.clear().set(LabelSetBuilder.METRIC_NAME, "node_cpu_seconds_total").set("job", "node")
            .set("instance", "localhost:9100").set("__address__", "10.0.0.1:9100").set("mode", "idle");
        InputBudget.CONFIG_LOADER.run(input.length, () -> relabeler.process(loaded, labels) ? labels.size() : -1);
    }

    /** Loads the rules into {@link #loaded}; returns their number, or -1 when they are rejected. */
    private long load(final String yaml)
    {
        try
        {
            loaded = RelabelConfigs.fromYaml(yaml, SECTION, SCHEME);
            return loaded.size();
        }
        catch (final InvalidRelabelConfigException ex)
        {
            return -1;
        }
    }
}
