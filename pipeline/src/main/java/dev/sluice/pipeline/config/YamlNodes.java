package dev.sluice.pipeline.config;

import java.util.Optional;
import java.util.Set;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * How the configuration readers look at snakeyaml-engine nodes the way Prometheus' Go YAML library does: what is
 * null, how a node's type is named in an error, and where a node sits in the document.
 */
public final class YamlNodes
{
    private static final String TAG_PREFIX = "tag:yaml.org,2002:";
    private static final Set<String> NULL_FORMS = Set.of("", "~", "null", "Null", "NULL");

    private YamlNodes()
    {
    }

    /**
     * Whether a node is null as YAML 1.1 reads it, whatever schema composed it: tagged {@code !!null}, or a plain
     * scalar without explicit tag written as nothing, {@code ~} or {@code null} in one of its three spellings.
     *
     * @param node the node.
     * @return true for a null.
     */
    public static boolean isNull(final Node node)
    {
        if (Tag.NULL.equals(node.getTag()))
        {
            return true;
        }
        return node instanceof ScalarNode && ((ScalarNode)node).isPlain() && node.isResolved() &&
            NULL_FORMS.contains(((ScalarNode)node).getValue());
    }

    /**
     * Go's short form of a node's tag, as Prometheus' errors name the type of a value.
     *
     * @param node the node.
     * @return such as {@code !!str} or {@code !!seq}.
     */
    public static String describe(final Node node)
    {
        final String tag = node.getTag().getValue();
        return tag.startsWith(TAG_PREFIX) ? "!!" + tag.substring(TAG_PREFIX.length()) : tag;
    }

    /**
     * A place in a document, with the node's line when the node knows it.
     *
     * @param place the path of the field, such as {@code remote_write[0].url}.
     * @param node  the node found there.
     * @return such as {@code remote_write[0].url at line 3}.
     */
    public static String at(final String place, final Node node)
    {
        final Optional<Mark> mark = node.getStartMark();
        return mark.isPresent() ? place + " at line " + (mark.get().getLine() + 1) : place;
    }
}
