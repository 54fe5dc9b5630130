package dev.sluice.pipeline.relabel;

import static dev.sluice.pipeline.config.YamlNodes.at;
import static dev.sluice.pipeline.config.YamlNodes.describe;
import static dev.sluice.pipeline.config.YamlNodes.isNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import dev.sluice.parser.name.NameValidationScheme;

/**
 * Decodes relabel rules from snakeyaml-engine nodes as Prometheus' Go YAML library (yaml.v2, strict mode) decodes
 * them: a string field takes the scalar's text as written, whatever it resolves to ({@code 123}, {@code yes}); a null
 * ({@code ~}, {@code null}, nothing) leaves the Go zero value, so {@code separator: ~} is the empty separator and
 * {@code action: ~} an empty action; {@code !!binary} scalars are base64-decoded; the modulus takes Go's integer
 * forms; unknown and repeated fields are errors.
 */
final class RelabelYamlReader
{
    private RelabelYamlReader()
    {
    }

    /**
     * Composes a document and reads it as a list of rules.
     *
     * @param yaml    the document.
     * @param section the list the rules form.
     * @param scheme  the name validation scheme of the rules.
     * @return the rules.
     */
    static List<RelabelConfig> read(final String yaml, final RelabelSection section, final NameValidationScheme scheme)
    {
        final Optional<Node> root;
        try
        {
            root = new Compose(LoadSettings.builder().build()).composeString(yaml);
        }
        catch (final YamlEngineException ex)
        {
            throw new InvalidRelabelConfigException(section.fieldName(), "yaml: " + ex.getMessage());
        }
        return root.isPresent() ? read(root.get(), section, scheme) : List.of();
    }

    /**
     * Reads a sequence node as a list of rules.
     *
     * @param node    the sequence, or a null scalar.
     * @param section the list the rules form.
     * @param scheme  the name validation scheme of the rules.
     * @return the rules.
     */
    static List<RelabelConfig> read(final Node node, final RelabelSection section, final NameValidationScheme scheme)
    {
        if (isNull(node))
        {
            return List.of();
        }
        if (!(node instanceof SequenceNode))
        {
            throw new InvalidRelabelConfigException(
                at(section.fieldName(), node), "cannot unmarshal " + describe(node) + " into a list of relabel rules");
        }
        final List<Node> items = ((SequenceNode)node).getValue();
        final List<RelabelConfig> rules = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++)
        {
            final Node item = items.get(i);
            final String place = section.fieldName() + "[" + i + "]";
            if (isNull(item))
            {
                throw new InvalidRelabelConfigException(at(place, item), section.nullRuleMessage());
            }
            rules.add(readRule(item, place, scheme));
        }
        return rules;
    }

    private static RelabelConfig readRule(final Node node, final String place, final NameValidationScheme scheme)
    {
        if (!(node instanceof MappingNode))
        {
            throw new InvalidRelabelConfigException(
                at(place, node), "cannot unmarshal " + describe(node) + " into a relabel rule");
        }
        final RelabelConfig.Builder builder = RelabelConfig.builder().nameValidationScheme(scheme);
        final Set<String> seen = new HashSet<>();
        for (final NodeTuple field : ((MappingNode)node).getValue())
        {
            final Node keyNode = field.getKeyNode();
            if (!(keyNode instanceof ScalarNode))
            {
                throw new InvalidRelabelConfigException(
                    at(place, keyNode), "cannot unmarshal " + describe(keyNode) + " into a field name");
            }
            final String key = ((ScalarNode)keyNode).getValue();
            try
            {
                if (!seen.add(key))
                {
                    throw new InvalidRelabelConfigException(
                        "key " + GoStringLiteral.quote(key) + " already set in map");
                }
                readField(builder, key, field.getValueNode());
            }
            catch (final InvalidRelabelConfigException ex)
            {
                throw new InvalidRelabelConfigException(at(place + "." + key, field.getValueNode()), ex.reason());
            }
        }
        try
        {
            return builder.build();
        }
        catch (final InvalidRelabelConfigException ex)
        {
            throw new InvalidRelabelConfigException(at(place, node), ex.reason());
        }
    }

    private static void readField(
        final RelabelConfig.Builder builder, final String key, final Node value)
    {
        switch (key)
        {
            case "source_labels":
                if (!isNull(value))
                {
                    builder.sourceLabels(labelNames(value));
                }
                break;
            case "separator":
                builder.separator(text(value));
                break;
            case "regex":
                builder.regex(text(value));
                break;
            case "modulus":
                builder.modulus(isNull(value) ? 0 : unsigned(value));
                break;
            case "target_label":
                builder.targetLabel(text(value));
                break;
            case "replacement":
                builder.replacement(text(value));
                break;
            case "action":
                builder.action(isNull(value) ? null : RelabelAction.fromConfigName(text(value)));
                break;
            default:
                throw new InvalidRelabelConfigException("field " + key + " not found in type relabel.plain");
        }
    }

    private static List<String> labelNames(final Node node)
    {
        if (!(node instanceof SequenceNode))
        {
            throw new InvalidRelabelConfigException("cannot unmarshal " + describe(node) + " into model.LabelNames");
        }
        final List<String> names = new ArrayList<>();
        for (final Node item : ((SequenceNode)node).getValue())
        {
            final String name = text(item);
            // As in Prometheus, a null entry stays the empty name, unchecked; names are checked as UTF-8 names.
            if (!isNull(item) && !NameValidationScheme.UTF8.isValidLabelName(name))
            {
                throw new InvalidRelabelConfigException(GoStringLiteral.quote(name) + " is not a valid label name");
            }
            names.add(name);
        }
        return names;
    }

    /** The text of a scalar as a Go string field receives it. */
    private static String text(final Node node)
    {
        if (!(node instanceof ScalarNode))
        {
            throw new InvalidRelabelConfigException("cannot unmarshal " + describe(node) + " into string");
        }
        if (isNull(node))
        {
            return "";
        }
        final String value = ((ScalarNode)node).getValue();
        if (!Tag.BINARY.equals(node.getTag()))
        {
            return value;
        }
        try
        {
            return new String(
                Base64.getDecoder().decode(value.replace("\n", "").replace("\r", "")), StandardCharsets.UTF_8);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidRelabelConfigException("!!binary value contains invalid base64 data");
        }
    }

    /** A uint64 in Go's integer forms: decimal, {@code 0x}, {@code 0o}, {@code 0b}, leading-zero octal, {@code _}. */
    private static long unsigned(final Node node)
    {
        final String text = text(node);
        final boolean plain = ((ScalarNode)node).isPlain();
        String digits = text.replace("_", "");
        digits = digits.startsWith("+") ? digits.substring(1) : digits;
        int radix = 10;
        if (digits.length() > 2 && digits.charAt(0) == '0' && "xXoObB".indexOf(digits.charAt(1)) >= 0)
        {
            final char base = Character.toLowerCase(digits.charAt(1));
            radix = base == 'x' ? 16 : base == 'o' ? 8 : 2;
            digits = digits.substring(2);
        }
        else if (digits.length() > 1 && digits.charAt(0) == '0')
        {
            radix = 8;
            digits = digits.substring(1);
        }
        try
        {
            if (plain && !digits.isEmpty() && Character.digit(digits.charAt(0), radix) >= 0)
            {
                return Long.parseUnsignedLong(digits, radix);
            }
        }
        catch (final NumberFormatException ex)
        {
            // Out of range: reported below as Go reports it.
        }
        throw new InvalidRelabelConfigException(
            "cannot unmarshal " + describe(node) + " `" + text + "` into uint64");
    }
}
