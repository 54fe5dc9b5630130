package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.RelabelSection;
import dev.sluice.pipeline.relabel.Relabeler;

class WriteRelabelingTest
{
    private final Relabeler relabeler = new Relabeler();

    private static RelabelConfigs rules(final String yaml)
    {
        return RelabelConfigs.fromYaml(yaml, RelabelSection.REMOTE_WRITE, NameValidationScheme.UTF8);
    }

    private static LabelSetBuilder series()
    {
        return new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "up").set("instance", "a:1").markUnchanged();
    }

    @Test
    void externalLabelsTheSeriesLacksAreAddedAndASeriesLabelWinsOverOneOfTheSameName()
    {
        final WriteRelabeling relabeling = new WriteRelabeling(
            Map.of("cluster", "eu", "instance", "external", "zone", "b"), RelabelConfigs.of());
        final LabelSetBuilder labels = series();

        assertTrue(relabeling.apply(labels, relabeler));
        assertEquals("{__name__=\"up\", cluster=\"eu\", instance=\"a:1\", zone=\"b\"}", labels.toString());
    }

    @Test
    void theRulesSeeTheExternalLabelsAndCanDropOnThem()
    {
        final WriteRelabeling relabeling = new WriteRelabeling(Map.of("cluster", "eu"),
            rules("[{source_labels: [cluster], regex: eu, action: drop}]"));

        assertFalse(relabeling.apply(series(), relabeler));
    }

    @Test
    void theRulesRewriteTheMergedLabels()
    {
        final WriteRelabeling relabeling = new WriteRelabeling(Map.of("cluster", "eu"), rules("""
            - {source_labels: [cluster, instance], separator: '/', target_label: origin}
            - {regex: instance, action: labeldrop}
            - {source_labels: [cluster], target_label: cluster, replacement: europe}
            """));
        final LabelSetBuilder labels = series();

        assertTrue(relabeling.apply(labels, relabeler));
        assertEquals("{__name__=\"up\", cluster=\"europe\", origin=\"eu/a:1\"}", labels.toString());
    }

    @Test
    void anExternalLabelOverriddenByTheSeriesIsNotWhatTheRulesSee()
    {
        final WriteRelabeling relabeling = new WriteRelabeling(Map.of("instance", "external"),
            rules("[{source_labels: [instance], regex: external, action: drop}]"));

        assertTrue(relabeling.apply(series(), relabeler));
    }

    @Test
    void aSeriesLeftWithoutLabelsIsDropped()
    {
        final WriteRelabeling relabeling = new WriteRelabeling(Map.of(), rules("[{regex: '.*', action: labeldrop}]"));

        assertFalse(relabeling.apply(series(), relabeler));
    }

    @Test
    void withoutExternalLabelsOrRulesTheSeriesPassUnchanged()
    {
        assertTrue(WriteRelabeling.NONE.isIdentity());
        assertTrue(new WriteRelabeling(Map.of("empty", ""), RelabelConfigs.of()).isIdentity(),
            "an external label with an empty value does not exist");
        assertFalse(new WriteRelabeling(Map.of("cluster", "eu"), RelabelConfigs.of()).isIdentity());
        assertFalse(new WriteRelabeling(Map.of(), rules("[{regex: x, action: labeldrop}]")).isIdentity());
    }
}
