package dev.sluice.pipeline.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import dev.sluice.parser.name.NameValidationScheme;

/**
 * The relabel cases of Prometheus' {@code config/testdata/*.bad.yml}, loaded verbatim: each whole configuration is
 * composed, each relabel list in it is handed to {@link RelabelConfigs#fromNode} with its section, and the error must
 * contain the text upstream's {@code config_test.go} expects (the table of the corpus README).
 */
class RelabelConfigCorpusTest
{
    private static final String DIRECTORY = "relabel-config-cases";
    private static final String LABELDROP = "labeldrop action requires only 'regex', and no other fields";
    private static final String LABELKEEP = "labelkeep action requires only 'regex', and no other fields";
    private static final Map<String, String> EXPECTED = Map.ofEntries(
        Map.entry("labeldrop.bad.yml", LABELDROP),
        Map.entry("labeldrop2.bad.yml", LABELDROP),
        Map.entry("labeldrop3.bad.yml", LABELDROP),
        Map.entry("labeldrop4.bad.yml", LABELDROP),
        Map.entry("labeldrop5.bad.yml", LABELDROP),
        Map.entry("labelkeep.bad.yml", LABELKEEP),
        Map.entry("labelkeep2.bad.yml", LABELKEEP),
        Map.entry("labelkeep3.bad.yml", LABELKEEP),
        Map.entry("labelkeep4.bad.yml", LABELKEEP),
        Map.entry("labelkeep5.bad.yml", LABELKEEP),
        Map.entry("labelmap.bad.yml", "!!binary value contains invalid base64 data"),
        Map.entry("lowercase.bad.yml", "relabel configuration for lowercase action requires 'target_label' value"),
        Map.entry("lowercase3.bad.yml", "'replacement' can not be set for lowercase action"),
        Map.entry("uppercase.bad.yml", "relabel configuration for uppercase action requires 'target_label' value"),
        Map.entry("uppercase3.bad.yml", "'replacement' can not be set for uppercase action"),
        Map.entry("modulus_missing.bad.yml", "relabel configuration for hashmod requires non-zero modulus"),
        Map.entry("target_label_hashmod_missing.bad.yml",
            "relabel configuration for hashmod action requires 'target_label' value"),
        Map.entry("target_label_missing.bad.yml",
            "relabel configuration for replace action requires 'target_label' value"),
        Map.entry("regex.bad.yml", "error parsing regexp"),
        Map.entry("dropequal.bad.yml", "relabel configuration for dropequal action requires 'target_label' value"),
        Map.entry("dropequal1.bad.yml",
            "dropequal action requires only 'source_labels' and `target_label`, and no other fields"),
        Map.entry("keepequal.bad.yml", "relabel configuration for keepequal action requires 'target_label' value"),
        Map.entry("keepequal1.bad.yml",
            "keepequal action requires only 'source_labels' and `target_label`, and no other fields"),
        Map.entry("empty_target_relabel_config.bad.yml", "empty or null target relabeling rule"),
        Map.entry("empty_metric_relabel_config.bad.yml", "empty or null metric relabeling rule"),
        Map.entry("empty_alert_relabel_config.bad.yml", "empty or null alert relabeling rule"),
        Map.entry("empty_alertmanager_relabel_config.bad.yml", "empty or null Alertmanager target relabeling rule"),
        Map.entry("empty_rw_relabel_config.bad.yml", "empty or null relabeling rule in remote write config"));

    @Test
    void theCorpusHoldsExactlyTheTwentyEightCases() throws IOException, URISyntaxException
    {
        final URL url = Objects.requireNonNull(getClass().getClassLoader().getResource(DIRECTORY));
        final Set<String> files;
        try (Stream<Path> list = Files.list(Path.of(url.toURI())))
        {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bad.yml"))
                .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(28, EXPECTED.size());
        assertEquals(new TreeSet<>(EXPECTED.keySet()), files);
    }

    @ParameterizedTest
    @MethodSource("files")
    void rejectedWithPrometheusWording(final String file) throws IOException
    {
        final Node config = compose(file);
        final NameValidationScheme scheme = schemeOf(config);
        final InvalidRelabelConfigException ex = assertThrows(InvalidRelabelConfigException.class,
            () -> loadEveryRelabelList(config, scheme));
        assertTrue(ex.getMessage().contains(EXPECTED.get(file)), ex.getMessage());
        assertTrue(ex.getMessage().contains(" at line "), ex.getMessage());
    }

    static Stream<String> files()
    {
        return EXPECTED.keySet().stream().sorted();
    }

    /** Every relabel list a Prometheus configuration can hold, each with the section that words its errors. */
    private static void loadEveryRelabelList(final Node config, final NameValidationScheme scheme)
    {
        for (final Node scrape : items(field(config, "scrape_configs")))
        {
            RelabelConfigs.fromNode(field(scrape, "relabel_configs"), RelabelSection.TARGET, scheme);
            RelabelConfigs.fromNode(field(scrape, "metric_relabel_configs"), RelabelSection.METRIC, scheme);
        }
        final Node alerting = field(config, "alerting");
        RelabelConfigs.fromNode(field(alerting, "alert_relabel_configs"), RelabelSection.ALERT, scheme);
        for (final Node alertmanager : items(field(alerting, "alertmanagers")))
        {
            RelabelConfigs.fromNode(field(alertmanager, "relabel_configs"), RelabelSection.ALERTMANAGER, scheme);
        }
        for (final Node remoteWrite : items(field(config, "remote_write")))
        {
            RelabelConfigs.fromNode(
                field(remoteWrite, "write_relabel_configs"), RelabelSection.REMOTE_WRITE, scheme);
        }
    }

    private static NameValidationScheme schemeOf(final Node config)
    {
        final Node scheme = field(field(config, "global"), "metric_name_validation_scheme");
        return scheme instanceof ScalarNode && !((ScalarNode)scheme).getValue().isEmpty() ?
            NameValidationScheme.fromConfigName(((ScalarNode)scheme).getValue()) : NameValidationScheme.UTF8;
    }

    private static Node compose(final String file) throws IOException
    {
        try (InputStream in = RelabelConfigCorpusTest.class.getClassLoader()
            .getResourceAsStream(DIRECTORY + "/" + file))
        {
            final String yaml = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
            return new Compose(LoadSettings.builder().build()).composeString(yaml).orElseThrow();
        }
    }

    /** The value of a mapping's field, or an empty scalar (read as null) when the node or the field is missing. */
    private static Node field(final Node node, final String name)
    {
        if (node instanceof MappingNode)
        {
            for (final NodeTuple tuple : ((MappingNode)node).getValue())
            {
                if (((ScalarNode)tuple.getKeyNode()).getValue().equals(name))
                {
                    return tuple.getValueNode();
                }
            }
        }
        return new ScalarNode(Tag.NULL, "", ScalarStyle.PLAIN);
    }

    private static List<Node> items(final Node node)
    {
        return node instanceof SequenceNode ? ((SequenceNode)node).getValue() : List.of();
    }
}
