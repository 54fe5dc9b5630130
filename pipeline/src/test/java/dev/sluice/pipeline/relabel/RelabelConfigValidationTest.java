package dev.sluice.pipeline.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.name.NameValidationScheme;

/**
 * Load-time checks of relabel rules: one line per rule, with the exact reason Prometheus gives, or {@code OK}.
 */
class RelabelConfigValidationTest
{
    private static final String OK = "ok";

    @Test
    void actionsThatNeedATargetLabel()
    {
        f("{action: replace}", "relabel configuration for replace action requires 'target_label' value");
        f("{action: hashmod, modulus: 8}", "relabel configuration for hashmod action requires 'target_label' value");
        f("{action: lowercase}", "relabel configuration for lowercase action requires 'target_label' value");
        f("{action: uppercase}", "relabel configuration for uppercase action requires 'target_label' value");
        f("{action: keepequal}", "relabel configuration for keepequal action requires 'target_label' value");
        f("{action: dropequal}", "relabel configuration for dropequal action requires 'target_label' value");
        f("{action: keep}", OK);
        f("{action: labelmap}", OK);
    }

    @Test
    void hashmodNeedsAModulusAndAPlainTarget()
    {
        f("{action: hashmod, target_label: x}", "relabel configuration for hashmod requires non-zero modulus");
        f("{action: hashmod, target_label: x, modulus: 0}",
            "relabel configuration for hashmod requires non-zero modulus");
        f("{action: hashmod, target_label: '${1}', modulus: 2}", OK);
        fLegacy("{action: hashmod, target_label: '${1}', modulus: 2}",
            "\"${1}\" is invalid 'target_label' for hashmod action");
        f("{action: hashmod, target_label: x, modulus: 0x10}", OK);
        f("{action: hashmod, target_label: x, modulus: 18446744073709551615}", OK);
        f("{action: hashmod, target_label: x, modulus: 18446744073709551616}",
            "cannot unmarshal !!int `18446744073709551616` into uint64");
        f("{action: hashmod, target_label: x, modulus: -1}", "cannot unmarshal !!int `-1` into uint64");
        f("{action: hashmod, target_label: x, modulus: '8'}", "cannot unmarshal !!str `8` into uint64");
    }

    @Test
    void replaceTargets()
    {
        fLegacy("{target_label: 'foo.bar'}", "\"foo.bar\" is invalid 'target_label' for replace action");
        f("{target_label: 'foo.bar'}", OK);
        fLegacy("{target_label: '-${1}'}", "\"-${1}\" is invalid 'target_label' for replace action");
        f("{target_label: '${3}'}", OK);
        f("{target_label: '0${3}'}", OK);
        f("{target_label: '-${3}'}", OK);
        fLegacy("{target_label: 'label${1}'}", OK);
    }

    @Test
    void plainTargetsAndNoReplacement()
    {
        fLegacy("{action: lowercase, target_label: 'a-b'}", "\"a-b\" is invalid 'target_label' for lowercase action");
        fLegacy("{action: keepequal, target_label: '$1'}", "\"$1\" is invalid 'target_label' for keepequal action");
        f("{action: uppercase, target_label: x, replacement: bar}",
            "'replacement' can not be set for uppercase action");
        f("{action: dropequal, target_label: x, replacement: ''}", "'replacement' can not be set for dropequal action");
        f("{action: lowercase, target_label: x, replacement: '$1'}", OK);
    }

    @Test
    void labelMapReplacement()
    {
        fLegacy("{action: labelmap, replacement: 'a.${1}'}", "\"a.${1}\" is invalid 'replacement' for labelmap action");
        f("{action: labelmap, replacement: 'a.${1}'}", OK);
        f("{action: labelmap, replacement: ''}", "\"\" is invalid 'replacement' for labelmap action");
    }

    @Test
    void equalActionsTakeOnlySourceLabelsAndTarget()
    {
        final String only = " action requires only 'source_labels' and `target_label`, and no other fields";
        f("{action: keepequal, target_label: x, regex: foo}", "keepequal" + only);
        f("{action: keepequal, target_label: x, regex: '(.*)'}", "keepequal" + only);
        f("{action: dropequal, target_label: x, modulus: 3}", "dropequal" + only);
        f("{action: dropequal, target_label: x, separator: ','}", "dropequal" + only);
        f("{action: keepequal, target_label: x, separator: ';', source_labels: [a, b]}", OK);
    }

    @Test
    void labelDropAndKeepTakeOnlyARegex()
    {
        final String only = " action requires only 'regex', and no other fields";
        f("{action: labeldrop, source_labels: []}", "labeldrop" + only);
        f("{action: labeldrop, source_labels: ~}", OK);
        f("{action: labelkeep, separator: ~}", "labelkeep" + only);
        f("{action: labelkeep, replacement: '$1', separator: ';', modulus: 0, regex: 'a|b'}", OK);
    }

    @Test
    void actionsAndFields()
    {
        f("{action: KeEp}", OK);
        f("{action: \"\\u212Aeep\"}", OK);
        f("{action: ~}", "relabel action cannot be empty");
        f("{action: ''}", "unknown relabel action \"\"");
        f("{action: \"copy\\t\"}", "unknown relabel action \"copy\\t\"");
        f("{action: keep, sepparator: ','}", "field sepparator not found in type relabel.plain");
        f("{action: keep, regex: a, regex: b}", "key \"regex\" already set in map");
        f("{action: keep, regex: [a]}", "cannot unmarshal !!seq into string");
        f("{action: keep, regex: 'a(?<n>b)(?<n>c)'}", "error parsing regexp: duplicate capture group name: `n`");
        f("{action: keep, regex: 'x{2,1001}'}", "error parsing regexp: invalid repeat count: `{2,1001}`");
        f("{action: keep, source_labels: ['']}", "\"\" is not a valid label name");
    }

    @Test
    void scalarsKeepTheirTextAndNullsTheGoZeroValue()
    {
        final RelabelConfig rule = only("{source_labels: [a], target_label: b, separator: '', regex: '', " +
            "replacement: ''}");
        assertEquals("", rule.separator());
        assertEquals("", rule.regex());
        assertEquals("", rule.replacement());
        final RelabelConfig nulls = only("{target_label: b, separator: ~, regex: null, replacement: }");
        assertEquals("", nulls.separator());
        assertEquals("", nulls.regex());
        assertEquals("", nulls.replacement());
        final RelabelConfig texts = only("{target_label: 123, replacement: yes, separator: 1e3, regex: 0x10}");
        assertEquals("123", texts.targetLabel());
        assertEquals("yes", texts.replacement());
        assertEquals("1e3", texts.separator());
        assertEquals("0x10", texts.regex());
        final RelabelConfig defaults = only("{target_label: b}");
        assertEquals(RelabelAction.REPLACE, defaults.action());
        assertEquals(";", defaults.separator());
        assertEquals("(.*)", defaults.regex());
        assertEquals("$1", defaults.replacement());
        assertEquals(0L, defaults.modulus());
    }

    @Test
    void writtenRulesLoadBackUnchanged()
    {
        roundTrip("{action: replace, source_labels: [\"a\"], separator: \"\", regex: null, target_label: \"b\", " +
            "replacement: \"\"}");
        roundTrip("{action: hashmod, source_labels: [\"a\", \"b\"], modulus: 18446744073709551615, " +
            "target_label: \"c\"}");
        roundTrip("{action: keepequal, source_labels: [\"a\"], target_label: \"b\"}");
        // A null source label loads as the empty name and is written back as null (fuzz finding F5).
        roundTrip("{action: replace, source_labels: [null, \"a\"], target_label: \"x\"}");
        roundTrip("{action: labeldrop, regex: \"(.*)\"}");
        roundTrip("{action: labelmap, regex: \"x\\ny\\\\.\", replacement: \"a_\\u00a0$1\"}");
        roundTrip("{action: replace, target_label: \"b\"}");
    }

    @Test
    void builtInCodeWithTheSameChecks()
    {
        final InvalidRelabelConfigException ex = assertThrows(InvalidRelabelConfigException.class,
            () -> RelabelConfig.builder().action(RelabelAction.LABEL_KEEP).targetLabel("x").build());
        assertEquals("labelkeep action requires only 'regex', and no other fields", ex.getMessage());
        assertEquals("a", RelabelConfig.builder().action(RelabelAction.DROP).regex("a").build().regex());
    }

    @Test
    void legacyTargetsWithReferencesAsUpstreamJudgesThem()
    {
        legacyTarget("-label", false);
        legacyTarget("label", true);
        legacyTarget("label${1}", true);
        legacyTarget("${1}label", true);
        legacyTarget("${1}", true);
        legacyTarget("${", false);
        legacyTarget("$", false);
        legacyTarget("${}", false);
        legacyTarget("foo${", false);
        legacyTarget("$1", true);
        legacyTarget("asd$2asd", true);
        legacyTarget("-foo${1}bar-", false);
        legacyTarget("bar.foo${1}bar", false);
        legacyTarget("_${1}_", true);
        legacyTarget("foo${bar}foo", true);
        legacyTarget("1${a}", false);
        legacyTarget("", false);
    }

    private static void legacyTarget(final String target, final boolean valid)
    {
        assertEquals(valid, RelabelConfigValidation.isLegacyNameWithReferences(target), target);
    }

    private static void roundTrip(final String rule)
    {
        final String written = only(rule).toString();
        assertEquals(rule, written);
        assertEquals(written, only(written).toString());
    }

    private static RelabelConfig only(final String rule)
    {
        return RelabelConfigs.fromYaml("[" + rule + "]", RelabelSection.TARGET, NameValidationScheme.UTF8).get(0);
    }

    private static void f(final String rule, final String expected)
    {
        check(rule, expected, NameValidationScheme.UTF8);
    }

    private static void fLegacy(final String rule, final String expected)
    {
        check(rule, expected, NameValidationScheme.LEGACY);
    }

    private static void check(final String rule, final String expected, final NameValidationScheme scheme)
    {
        String outcome = OK;
        try
        {
            RelabelConfigs.fromYaml("[" + rule + "]", RelabelSection.TARGET, scheme);
        }
        catch (final InvalidRelabelConfigException ex)
        {
            outcome = ex.reason();
        }
        assertEquals(expected, outcome, rule);
    }
}
