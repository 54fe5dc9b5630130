package dev.sluice.pipeline.forward;

import java.util.Map;
import java.util.TreeMap;

import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.Relabeler;

/**
 * What one endpoint does to a series before sending it, as Prometheus' remote-write queue does: the
 * {@code global.external_labels} the series does not already have are added (a label of the series wins over an
 * external label of the same name), then the endpoint's {@code write_relabel_configs} run. A series the rules drop,
 * or that is left without labels, is not sent. Immutable; shared by the endpoint's batchers.
 */
public final class WriteRelabeling
{
    /** No external labels and no rules: series are sent as the workers stored them. */
    public static final WriteRelabeling NONE = new WriteRelabeling(Map.of(), RelabelConfigs.of());

    private final String[] externalNames;
    private final String[] externalValues;
    private final RelabelConfigs rules;

    /**
     * Creates the relabeling of one endpoint.
     *
     * @param externalLabels {@code global.external_labels}; a label with an empty value is absent, as in Prometheus.
     * @param rules          the endpoint's {@code write_relabel_configs}.
     */
    public WriteRelabeling(final Map<String, String> externalLabels, final RelabelConfigs rules)
    {
        final TreeMap<String, String> sorted = new TreeMap<>(externalLabels);
        sorted.values().removeIf(String::isEmpty);
        this.externalNames = sorted.keySet().toArray(new String[0]);
        this.externalValues = sorted.values().toArray(new String[0]);
        this.rules = rules;
    }

    /**
     * Whether series pass unchanged, so that the endpoint can encode them straight from the worker's table.
     *
     * @return true with neither external labels nor rules.
     */
    public boolean isIdentity()
    {
        return externalNames.length == 0 && rules.size() == 0;
    }

    /**
     * Applies the external labels, then the rules, to the labels of one series.
     *
     * @param labels    the series' labels, changed in place.
     * @param relabeler the calling thread's relabeler.
     * @return true to send the series with {@code labels}, false when it is dropped.
     */
    public boolean apply(final LabelSetBuilder labels, final Relabeler relabeler)
    {
        for (int i = 0; i < externalNames.length; i++)
        {
            if (labels.get(externalNames[i]).isEmpty())
            {
                labels.set(externalNames[i], externalValues[i]);
            }
        }
        // The rules see the merged set as freshly loaded, as Prometheus builds them a new label set.
        labels.markUnchanged();
        return relabeler.process(rules, labels) && labels.size() > 0;
    }

    /** The external label names and the number of rules; external label values are configuration, not secrets. */
    @Override
    public String toString()
    {
        return "external labels " + String.join(",", externalNames) + ", " + rules.size() + " write relabel rules";
    }
}
