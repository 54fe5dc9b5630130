package dev.sluice.pipeline.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.sluice.pipeline.relabel.RelabelRuleArbitraries.RuleShape;

/**
 * The shortcuts for common regex shapes, and Prometheus' static-label shortcut, give exactly what the general path
 * gives: the same rule built twice, once with shortcuts and once without, must leave equal labels and the same
 * keep or drop, on generated rules and label sets that often match.
 */
class FastPathProperties
{
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
        return RelabelRuleArbitraries.literals();
    }

    @Provide
    Arbitrary<String> fastRegexes()
    {
        return RelabelRuleArbitraries.fastRegexes();
    }

    @Provide
    Arbitrary<Map<String, String>> labelSets()
    {
        return RelabelRuleArbitraries.labelSets();
    }

    @Provide
    Arbitrary<RuleShape> ruleShapes()
    {
        return RelabelRuleArbitraries.ruleShapes();
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
}
