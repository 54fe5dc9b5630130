package dev.sluice.pipeline.relabel;

import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated relabel rules, regexes and label sets over a few short tokens (newline, two- and four-byte UTF-8
 * among them), so that rules often match the labels they meet.
 */
public final class RelabelRuleArbitraries
{
    private static final List<String> TOKENS = List.of("a", "b", "_", "\n", "é", "\uD83D\uDE00", "ab");
    private static final List<String> NAMES = List.of("a", "b", "ab", "__name__", "é", "a\nb");

    private RelabelRuleArbitraries()
    {
    }

    /**
     * Texts of up to three tokens.
     *
     * @return the texts.
     */
    public static Arbitrary<String> literals()
    {
        return Arbitraries.of(TOKENS).list().ofMaxSize(3).map(tokens -> String.join("", tokens));
    }

    /**
     * Regexes of the shapes the relabeler takes a shortcut for: literals, alternations, prefixes.
     *
     * @return the regexes.
     */
    public static Arbitrary<String> fastRegexes()
    {
        final Arbitrary<String> literal = literals();
        final Arbitrary<String> body = Arbitraries.oneOf(
            literal,
            literal.list().ofMinSize(2).ofMaxSize(4).map(alternatives -> String.join("|", alternatives)),
            literal.map(prefix -> prefix + ".*"));
        final Arbitrary<String> optionallyCaptured = Combinators.combine(body, Arbitraries.of(true, false))
            .as((regex, captured) -> captured ? "(" + regex + ")" : regex);
        return Arbitraries.oneOf(optionallyCaptured, literal.map(prefix -> prefix + "(.*)"));
    }

    /**
     * Label sets of up to five labels, names among {@code __name__}, non-ASCII and newline ones.
     *
     * @return the label sets.
     */
    public static Arbitrary<Map<String, String>> labelSets()
    {
        return Arbitraries.maps(Arbitraries.of(NAMES), literals()).ofMaxSize(5);
    }

    /**
     * Everything of a rule but its regex: keep, drop, replace, labelmap, labeldrop, labelkeep.
     *
     * @return the shapes.
     */
    public static Arbitrary<RuleShape> ruleShapes()
    {
        return Combinators.combine(
            Arbitraries.of(RelabelAction.KEEP, RelabelAction.DROP, RelabelAction.REPLACE, RelabelAction.LABEL_MAP,
                RelabelAction.LABEL_DROP, RelabelAction.LABEL_KEEP),
            Arbitraries.of(NAMES).list().ofMinSize(1).ofMaxSize(2),
            Arbitraries.of("t", "${1}", "a", "$0"),
            Arbitraries.of("$1", "${1}x", "$0", "lit", "$2", "", "m_${1}")).as(RuleShape::new);
    }

    /**
     * Rules of every generated shape with a shortcut regex, built with or without the shortcuts.
     *
     * @return the rules.
     */
    public static Arbitrary<RelabelConfig> rules()
    {
        return Combinators.combine(ruleShapes(), fastRegexes(), Arbitraries.of(true, false)).as(RuleShape::build);
    }

    /**
     * Everything of a generated rule but its regex.
     *
     * @param action      the action.
     * @param sources     source labels of keep, drop and replace.
     * @param target      target label of replace.
     * @param replacement replacement of replace and labelmap.
     */
    public record RuleShape(RelabelAction action, List<String> sources, String target, String replacement)
    {
        /**
         * Builds the rule.
         *
         * @param regex     its regex.
         * @param fastPaths whether the relabeler may take its shortcuts.
         * @return the rule.
         */
        public RelabelConfig build(final String regex, final boolean fastPaths)
        {
            final RelabelConfig.Builder builder = RelabelConfig.builder().action(action).regex(regex)
                .fastPaths(fastPaths);
            switch (action)
            {
                case KEEP:
                case DROP:
                    builder.sourceLabels(sources);
                    break;
                case REPLACE:
                    builder.sourceLabels(sources).targetLabel(target).replacement(replacement);
                    break;
                case LABEL_MAP:
                    builder.replacement(replacement.isEmpty() ? "$1" : replacement);
                    break;
                default:
                    break;
            }
            return builder.build();
        }
    }
}
