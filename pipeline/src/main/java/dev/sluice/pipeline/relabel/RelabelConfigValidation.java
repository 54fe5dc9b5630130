package dev.sluice.pipeline.relabel;

import java.util.EnumSet;
import java.util.Set;

import dev.sluice.parser.name.NameValidationScheme;

/**
 * Prometheus' checks of a relabel rule, in Prometheus' order and with its wording, so the first problem reported is the
 * one Prometheus reports.
 */
final class RelabelConfigValidation
{
    private static final Set<RelabelAction> NEED_TARGET = EnumSet.of(RelabelAction.REPLACE, RelabelAction.HASHMOD,
        RelabelAction.LOWERCASE, RelabelAction.UPPERCASE, RelabelAction.KEEP_EQUAL, RelabelAction.DROP_EQUAL);
    /** Actions whose target is a plain label name and that take no replacement. */
    private static final Set<RelabelAction> PLAIN_TARGET_NO_REPLACEMENT = EnumSet.of(
        RelabelAction.LOWERCASE, RelabelAction.UPPERCASE, RelabelAction.KEEP_EQUAL, RelabelAction.DROP_EQUAL);

    private RelabelConfigValidation()
    {
    }

    /**
     * Checks the fields of a rule.
     *
     * @param rule the fields; the regex has already compiled.
     * @throws InvalidRelabelConfigException on the first problem.
     */
    static void validate(final RelabelConfig.Builder rule)
    {
        final RelabelAction action = rule.action();
        if (action == null)
        {
            throw new InvalidRelabelConfigException("relabel action cannot be empty");
        }
        final String target = rule.targetLabel();
        final NameValidationScheme scheme = rule.nameValidationScheme();
        if (action == RelabelAction.HASHMOD && rule.modulus() == 0)
        {
            throw new InvalidRelabelConfigException("relabel configuration for hashmod requires non-zero modulus");
        }
        if (NEED_TARGET.contains(action) && target.isEmpty())
        {
            throw new InvalidRelabelConfigException(
                "relabel configuration for " + action + " action requires 'target_label' value");
        }
        if (action == RelabelAction.REPLACE && !isValidTemplateName(target, scheme))
        {
            throw invalid(target, "target_label", action);
        }
        if (PLAIN_TARGET_NO_REPLACEMENT.contains(action) && !scheme.isValidLabelName(target))
        {
            throw invalid(target, "target_label", action);
        }
        if (PLAIN_TARGET_NO_REPLACEMENT.contains(action) &&
            !RelabelConfig.DEFAULT_REPLACEMENT.equals(rule.replacement()))
        {
            throw new InvalidRelabelConfigException("'replacement' can not be set for " + action + " action");
        }
        if (action == RelabelAction.LABEL_MAP && !isValidNameWithReferences(rule.replacement(), scheme))
        {
            throw invalid(rule.replacement(), "replacement", action);
        }
        if (action == RelabelAction.HASHMOD && !scheme.isValidLabelName(target))
        {
            throw invalid(target, "target_label", action);
        }
        checkUnusedFields(rule, action);
    }

    /**
     * Whether a {@code replace} target is acceptable: without {@code $} it must be a label name; with {@code $} it
     * must be one apart from the references (legacy), or any non-empty UTF-8 (utf8), checked again once expanded.
     */
    private static boolean isValidTemplateName(final String target, final NameValidationScheme scheme)
    {
        return target.indexOf('$') < 0 ? scheme.isValidLabelName(target) : isValidNameWithReferences(target, scheme);
    }

    private static boolean isValidNameWithReferences(final String text, final NameValidationScheme scheme)
    {
        return scheme == NameValidationScheme.UTF8 ? scheme.isValidLabelName(text) : isLegacyNameWithReferences(text);
    }

    /**
     * A legacy label name in which {@code $name} and {@code ${name}} may stand for any part: a sequence of letters,
     * {@code _}, digits and references, not empty and not starting with a digit, where each {@code $} starts a
     * reference whose name is one or more ASCII word characters.
     */
    static boolean isLegacyNameWithReferences(final String text)
    {
        if (text.isEmpty() || isAsciiDigit(text.charAt(0)))
        {
            return false;
        }
        int i = 0;
        while (i < text.length())
        {
            final char c = text.charAt(i);
            if (c == '$')
            {
                final boolean braced = i + 1 < text.length() && text.charAt(i + 1) == '{';
                final int nameStart = braced ? i + 2 : i + 1;
                int nameEnd = nameStart;
                while (nameEnd < text.length() && isAsciiWordChar(text.charAt(nameEnd)))
                {
                    nameEnd++;
                }
                if (nameEnd == nameStart || (braced && (nameEnd == text.length() || text.charAt(nameEnd) != '}')))
                {
                    return false;
                }
                i = braced ? nameEnd + 1 : nameEnd;
            }
            else if (isAsciiWordChar(c))
            {
                i++;
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    private static void checkUnusedFields(final RelabelConfig.Builder rule, final RelabelAction action)
    {
        final boolean otherFieldsAtDefault = rule.modulus() == 0 &&
            RelabelConfig.DEFAULT_SEPARATOR.equals(rule.separator()) &&
            RelabelConfig.DEFAULT_REPLACEMENT.equals(rule.replacement());
        if ((action == RelabelAction.KEEP_EQUAL || action == RelabelAction.DROP_EQUAL) &&
            (rule.hasRegex() || !otherFieldsAtDefault))
        {
            throw new InvalidRelabelConfigException(
                action + " action requires only 'source_labels' and `target_label`, and no other fields");
        }
        if ((action == RelabelAction.LABEL_DROP || action == RelabelAction.LABEL_KEEP) &&
            (rule.hasSourceLabels() || !rule.targetLabel().isEmpty() || !otherFieldsAtDefault))
        {
            throw new InvalidRelabelConfigException(action + " action requires only 'regex', and no other fields");
        }
    }

    private static InvalidRelabelConfigException invalid(
        final String value, final String field, final RelabelAction action)
    {
        return new InvalidRelabelConfigException(
            GoStringLiteral.quote(value) + " is invalid '" + field + "' for " + action + " action");
    }

    private static boolean isAsciiWordChar(final char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || isAsciiDigit(c);
    }

    private static boolean isAsciiDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }
}
