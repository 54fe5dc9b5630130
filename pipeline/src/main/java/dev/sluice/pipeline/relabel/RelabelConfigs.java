package dev.sluice.pipeline.relabel;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.snakeyaml.engine.v2.nodes.Node;

import dev.sluice.parser.name.NameValidationScheme;

/**
 * An ordered, immutable list of relabel rules, as one {@code relabel_configs} or {@code metric_relabel_configs}
 * field holds them. Build one from rules made in code with {@link #of}, or load one from YAML with
 * {@link #fromYaml} (a document that is the list) or {@link #fromNode} (the list inside a larger document that the
 * caller has composed, such as a whole {@code prometheus.yml}). Loading decodes YAML as Prometheus' Go YAML library
 * does and rejects what Prometheus rejects, with Prometheus' wording prefixed by the rule's place and line.
 */
public final class RelabelConfigs
{
    private static final RelabelConfigs EMPTY = new RelabelConfigs(new RelabelConfig[0]);

    private final RelabelConfig[] rules;

    private RelabelConfigs(final RelabelConfig[] rules)
    {
        this.rules = rules;
    }

    /**
     * A list of rules made in code.
     *
     * @param rules the rules, in the order they apply.
     * @return the list.
     */
    public static RelabelConfigs of(final RelabelConfig... rules)
    {
        return rules.length == 0 ? EMPTY : new RelabelConfigs(rules.clone());
    }

    /**
     * A list of rules made in code.
     *
     * @param rules the rules, in the order they apply.
     * @return the list.
     */
    public static RelabelConfigs of(final List<RelabelConfig> rules)
    {
        return of(rules.toArray(new RelabelConfig[0]));
    }

    /**
     * Loads a YAML document that is a sequence of relabel rules; an empty or null document is an empty list.
     *
     * @param yaml    the document.
     * @param section which list the rules form, for the wording of errors.
     * @param scheme  the {@code metric_name_validation_scheme} that applies to the rules.
     * @return the rules.
     * @throws InvalidRelabelConfigException when the YAML is malformed or a rule is invalid.
     */
    public static RelabelConfigs fromYaml(
        final String yaml, final RelabelSection section, final NameValidationScheme scheme)
    {
        return of(RelabelYamlReader.read(yaml, section, scheme));
    }

    /**
     * Loads a sequence node of relabel rules, composed by snakeyaml-engine from a larger document; a null node (the
     * YAML value {@code ~}, or nothing) is an empty list.
     *
     * @param node    the value of the {@link RelabelSection#fieldName()} field.
     * @param section which list the rules form, for the wording of errors.
     * @param scheme  the {@code metric_name_validation_scheme} that applies to the rules.
     * @return the rules.
     * @throws InvalidRelabelConfigException when a rule is invalid.
     */
    public static RelabelConfigs fromNode(
        final Node node, final RelabelSection section, final NameValidationScheme scheme)
    {
        return of(RelabelYamlReader.read(node, section, scheme));
    }

    /**
     * Number of rules.
     *
     * @return the count.
     */
    public int size()
    {
        return rules.length;
    }

    /**
     * A rule by position.
     *
     * @param index 0-based, below {@link #size()}.
     * @return the rule.
     */
    public RelabelConfig get(final int index)
    {
        return rules[index];
    }

    /**
     * The rules as a list.
     *
     * @return an unmodifiable view.
     */
    public List<RelabelConfig> asList()
    {
        return Collections.unmodifiableList(Arrays.asList(rules));
    }

    /**
     * The rules, one YAML flow mapping each.
     *
     * @return the text.
     */
    @Override
    public String toString()
    {
        return Arrays.toString(rules);
    }
}
