package dev.sluice.pipeline.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The shortcuts for common regex shapes, and Prometheus' static-label shortcut, give exactly what the general path
 * gives: the same rule built twice, once with shortcuts and once without, must leave equal labels and the same
 * keep or drop, on generated rules and label sets that often match.
 */
class FastPathProperties
{
    private static final List<String> TOKENS = List.of("a", "b", "_", "\n", "é", "\uD83D\uDE00", "ab");
    private static final List<String> NAMES = List.of("a", "b", "ab", "__name__", "é", "a\nb");

    @Property(tries = 3000)
    void regexShortcutsMatchTheEngine(
        @ForAll("fastRegexes") final String regex,
        @ForAll("ruleShapes") final RuleShape shape,
        @ForAll("labelSets") final Map<String, String> input)
    {
        final RelabelConfig fast = shape.build(regex, true);
        final RelabelConfig general = shape.build(regex, false);
        assertTrue(fast.compiledRegex().isFastPath(), regex);
        assertFalse(general.compiledRegex().isFastPath(), regex);
        assertSameOutcome(fast, general, input);
    }

    @Property(tries = 1000)
    void staticLabelShortcutMatchesTheEngine(
        @ForAll("literals") final String target,
        @ForAll("literals") final String replacement,
        @ForAll("labelSets") final Map<String, String> input)
    {
        final String name = "t" + target;
        final RelabelConfig fast = RelabelConfig.builder().sourceLabels("a").targetLabel(name)
            .replacement(replacement).build();
        final RelabelConfig general = RelabelConfig.builder().sourceLabels("a").targetLabel(name)
            .replacement(replacement).fastPaths(false).build();
        assertTrue(fast.setsStaticLabel());
        assertFalse(general.setsStaticLabel());
        assertSameOutcome(fast, general, input);
    }

    @Provide
    Arbitrary<String> literals()
    {
        return Arbitraries.of(TOKENS).list().ofMaxSize(3).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<String> fastRegexes()
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

    @Provide
    Arbitrary<Map<String, String>> labelSets()
    {
        return Arbitraries.maps(Arbitraries.of(NAMES), literals()).ofMaxSize(5);
    }

    @Provide
    Arbitrary<RuleShape> ruleShapes()
    {
        return Combinators.combine(
            Arbitraries.of(RelabelAction.KEEP, RelabelAction.DROP, RelabelAction.REPLACE, RelabelAction.LABEL_MAP,
                RelabelAction.LABEL_DROP, RelabelAction.LABEL_KEEP),
            Arbitraries.of(NAMES).list().ofMinSize(1).ofMaxSize(2),
            Arbitraries.of("t", "${1}", "a", "$0"),
            Arbitraries.of("$1", "${1}x", "$0", "lit", "$2", "", "m_${1}")).as(RuleShape::new);
    }

    private static void assertSameOutcome(
        final RelabelConfig fast, final RelabelConfig general, final Map<String, String> input)
    {
        final LabelSetBuilder fastLabels = load(input);
        final LabelSetBuilder generalLabels = load(input);
        final boolean fastKeep = new Relabeler().apply(fast, fastLabels);
        final boolean generalKeep = new Relabeler().apply(general, generalLabels);
        assertEquals(generalKeep, fastKeep, general.toString());
        assertEquals(generalLabels.toString(), fastLabels.toString(), general.toString());
    }

    private static LabelSetBuilder load(final Map<String, String> input)
    {
        final LabelSetBuilder labels = new LabelSetBuilder();
        input.forEach(labels::set);
        return labels.markUnchanged();
    }

    /** Everything of a generated rule but its regex. */
    record RuleShape(RelabelAction action, List<String> sources, String target, String replacement)
    {
        RelabelConfig build(final String regex, final boolean fastPaths)
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
