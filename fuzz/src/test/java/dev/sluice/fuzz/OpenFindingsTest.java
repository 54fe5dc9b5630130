package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.RelabelSection;

/**
 * Findings of the fuzzing that wait for a fix in the module they concern, one test each, stating the behaviour the
 * fix must bring: these fail today. They carry the tag {@code open-finding}, which the default build excludes, and
 * run with {@code ./mvnw -pl fuzz -am verify -Pfindings}. Each is described, with its input, under "Findings" in
 * docs/fuzzing.md; a fixed one moves to the ordinary tests.
 */
@Tag("open-finding")
class OpenFindingsTest
{
    /**
     * F5 (pipeline): a null source label, {@code source_labels: [~]}, loads as an empty label name, as Prometheus'
     * YAML decoding leaves it; the rule writes itself back as {@code source_labels: [""]}, which the loader rejects
     * ({@code "" is not a valid label name}), so the rules do not load back from their own YAML.
     */
    @Test
    void rulesWithANullSourceLabelLoadBackFromTheirOwnYaml()
    {
        final RelabelConfigs rules = RelabelConfigs.fromYaml("- source_labels: [~]\n  target_label: x\n",
            RelabelSection.METRIC, NameValidationScheme.UTF8);
        assertEquals(rules.toString(),
            RelabelConfigs.fromYaml(rules.toString(), RelabelSection.METRIC, NameValidationScheme.UTF8).toString());
    }
}
