package dev.sluice.pipeline.relabel;

import java.util.Arrays;
import java.util.List;

/**
 * Applies relabel rules to a label set, as Prometheus' {@code relabel.ProcessBuilder} does: rules run in order, each
 * sees the labels as the earlier ones left them, and the first rule that drops the series ends the pass.
 *
 * <p>A relabeler holds the scratch space of a pass (joined input, group positions, MD5 state, a copy of the labels
 * for {@code labelmap}) and reuses it, so it belongs to one thread; rules are immutable and shared.
 */
public final class Relabeler
{
    private static final int INITIAL_CAPACITY = 16;

    private final StringBuilder joined = new StringBuilder();
    private final StringBuilder expanded = new StringBuilder();
    private final HashmodDigest hashmod = new HashmodDigest();
    private int[] bounds = new int[INITIAL_CAPACITY];
    private String[] visitNames = new String[INITIAL_CAPACITY];
    private String[] visitValues = new String[INITIAL_CAPACITY];

    /**
     * Applies a list of rules.
     *
     * @param rules  the rules, in order.
     * @param labels the label set, changed in place.
     * @return true to keep the series; on false, {@code labels} holds what the rules had made of it when one dropped
     * it, and should be discarded.
     */
    public boolean process(final RelabelConfigs rules, final LabelSetBuilder labels)
    {
        for (int i = 0, n = rules.size(); i < n; i++)
        {
            if (!apply(rules.get(i), labels))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies one rule.
     *
     * @param rule   the rule.
     * @param labels the label set, changed in place.
     * @return false when the rule drops the series.
     */
    public boolean apply(final RelabelConfig rule, final LabelSetBuilder labels)
    {
        switch (rule.action())
        {
            case KEEP:
                return rule.compiledRegex().matches(input(rule, labels));
            case DROP:
                return !rule.compiledRegex().matches(input(rule, labels));
            case KEEP_EQUAL:
                return labels.get(rule.targetLabel()).equals(input(rule, labels));
            case DROP_EQUAL:
                return !labels.get(rule.targetLabel()).equals(input(rule, labels));
            case REPLACE:
                replace(rule, labels);
                return true;
            case HASHMOD:
                labels.set(rule.targetLabel(), Long.toUnsignedString(hashmod(rule, labels)));
                return true;
            case LOWERCASE:
                expanded.setLength(0);
                labels.set(rule.targetLabel(), GoCaseMapping.appendLowerCase(input(rule, labels), expanded).toString());
                return true;
            case UPPERCASE:
                expanded.setLength(0);
                labels.set(rule.targetLabel(), GoCaseMapping.appendUpperCase(input(rule, labels), expanded).toString());
                return true;
            case LABEL_MAP:
                labelMap(rule, labels);
                return true;
            case LABEL_DROP:
                deleteLabels(rule, labels, true);
                return true;
            case LABEL_KEEP:
                deleteLabels(rule, labels, false);
                return true;
            default:
                throw new IllegalStateException("unhandled action " + rule.action());
        }
    }

    /**
     * The {@code hashmod} value of a rule for a label set, without changing the set: what the rule would write.
     *
     * @param rule   a rule with a modulus.
     * @param labels the label set.
     * @return the residue, an unsigned 64-bit integer below the modulus.
     */
    public long hashmod(final RelabelConfig rule, final LabelSetBuilder labels)
    {
        final List<String> sources = rule.sourceLabels();
        for (int i = 0, n = sources.size(); i < n; i++)
        {
            if (i > 0)
            {
                hashmod.update(rule.separator());
            }
            hashmod.update(labels.get(sources.get(i)));
        }
        return hashmod.residue(rule.modulus());
    }

    private void replace(final RelabelConfig rule, final LabelSetBuilder labels)
    {
        final String input = input(rule, labels);
        if (rule.setsStaticLabel() && input.isEmpty())
        {
            labels.set(rule.targetLabel(), rule.replacement());
            return;
        }
        final AnchoredRegex regex = rule.compiledRegex();
        final int[] groups = groupBounds(regex);
        if (!regex.match(input, groups))
        {
            return;
        }
        final String target = expand(rule.targetTemplate(), input, groups);
        if (rule.nameValidationScheme().isValidLabelName(target))
        {
            labels.set(target, expand(rule.replacementTemplate(), input, groups));
        }
    }

    private void labelMap(final RelabelConfig rule, final LabelSetBuilder labels)
    {
        final int size = labels.size();
        if (visitNames.length < size)
        {
            visitNames = new String[size * 2];
            visitValues = new String[size * 2];
        }
        // Prometheus visits a snapshot, so labels added here are not mapped again in the same pass.
        final int n = labels.copyInVisitOrder(visitNames, visitValues);
        final AnchoredRegex regex = rule.compiledRegex();
        final int[] groups = groupBounds(regex);
        for (int i = 0; i < n; i++)
        {
            final String name = visitNames[i];
            if (regex.match(name, groups))
            {
                labels.set(expand(rule.replacementTemplate(), name, groups), visitValues[i]);
            }
        }
        Arrays.fill(visitNames, 0, n, null);
        Arrays.fill(visitValues, 0, n, null);
    }

    private static void deleteLabels(final RelabelConfig rule, final LabelSetBuilder labels, final boolean onMatch)
    {
        final AnchoredRegex regex = rule.compiledRegex();
        for (int i = labels.size() - 1; i >= 0; i--)
        {
            final String name = labels.name(i);
            if (regex.matches(name) == onMatch)
            {
                labels.delete(name);
            }
        }
    }

    /** The source values joined by the separator; a single source needs no join. */
    private String input(final RelabelConfig rule, final LabelSetBuilder labels)
    {
        final List<String> sources = rule.sourceLabels();
        final int n = sources.size();
        if (n == 0)
        {
            return "";
        }
        if (n == 1)
        {
            return labels.get(sources.get(0));
        }
        joined.setLength(0);
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
            {
                joined.append(rule.separator());
            }
            joined.append(labels.get(sources.get(i)));
        }
        return joined.toString();
    }

    private String expand(final ReplacementTemplate template, final String input, final int[] groups)
    {
        if (!template.hasDollar())
        {
            return template.text();
        }
        expanded.setLength(0);
        return template.expandTo(input, groups, expanded).toString();
    }

    private int[] groupBounds(final AnchoredRegex regex)
    {
        final int needed = 2 * (regex.groupCount() + 1);
        if (bounds.length < needed)
        {
            bounds = new int[needed];
        }
        return bounds;
    }
}
