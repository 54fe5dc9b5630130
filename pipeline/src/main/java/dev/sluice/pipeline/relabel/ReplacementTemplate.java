package dev.sluice.pipeline.relabel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code target_label} or {@code replacement} template, parsed once against its rule's regex and expanded as Go's
 * {@code regexp.Expand} expands it: {@code $name} and {@code ${name}} refer to a group, by number when the name is
 * all ASCII digits (no leading zero, below 10<sup>8</sup>), else by group name; {@code $name} takes the longest run
 * of letters, digits and {@code _} (so {@code $1_x} names the group {@code 1_x}); {@code $$} is a {@code $}; a group
 * that does not exist or did not take part in the match expands to nothing; a {@code $} that starts no reference
 * stays as written.
 */
final class ReplacementTemplate
{
    private static final int MAX_GROUP_NUMBER = 100_000_000;

    private final String text;
    /** Literal text before each reference, and after the last one: one more entry than {@link #groups}. */
    private final String[] literals;
    /** Group index of each reference, -1 for a group the regex does not have. */
    private final int[] groups;

    private ReplacementTemplate(final String text, final String[] literals, final int[] groups)
    {
        this.text = text;
        this.literals = literals;
        this.groups = groups;
    }

    /**
     * Parses a template against a regex.
     *
     * @param text  the template as configured.
     * @param regex the rule's regex, whose group count and names resolve the references.
     * @return the template.
     */
    static ReplacementTemplate parse(final String text, final AnchoredRegex regex)
    {
        final List<String> literals = new ArrayList<>();
        final List<Integer> groups = new ArrayList<>();
        final StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length())
        {
            final char c = text.charAt(i++);
            if (c != '$')
            {
                literal.append(c);
            }
            else if (i < text.length() && text.charAt(i) == '$')
            {
                literal.append('$');
                i++;
            }
            else
            {
                final int end = referenceEnd(text, i);
                if (end < 0)
                {
                    literal.append('$');
                }
                else
                {
                    final boolean braced = text.charAt(i) == '{';
                    final String name = braced ? text.substring(i + 1, end - 1) : text.substring(i, end);
                    literals.add(literal.toString());
                    literal.setLength(0);
                    groups.add(groupIndex(name, regex.groupCount(), regex.namedGroups()));
                    i = end;
                }
            }
        }
        literals.add(literal.toString());
        return new ReplacementTemplate(
            text, literals.toArray(new String[0]), groups.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The template as configured.
     *
     * @return the text.
     */
    String text()
    {
        return text;
    }

    /**
     * Whether the text holds a {@code $}; Prometheus' test for "uses regex variables", even when the {@code $} starts
     * no reference.
     *
     * @return true when the text contains {@code $}.
     */
    boolean hasDollar()
    {
        return text.indexOf('$') >= 0;
    }

    /**
     * Expands the template for a match.
     *
     * @param input  the matched input.
     * @param bounds group positions from {@link AnchoredRegex#match}.
     * @param out    where to append the expansion.
     * @return {@code out}.
     */
    StringBuilder expandTo(final String input, final int[] bounds, final StringBuilder out)
    {
        out.append(literals[0]);
        for (int i = 0; i < groups.length; i++)
        {
            final int group = groups[i];
            if (group >= 0 && bounds[2 * group] >= 0)
            {
                out.append(input, bounds[2 * group], bounds[2 * group + 1]);
            }
            out.append(literals[i + 1]);
        }
        return out;
    }

    /**
     * The template as configured.
     *
     * @return {@link #text()}.
     */
    @Override
    public String toString()
    {
        return text;
    }

    /**
     * Where the reference that follows a {@code $} ends.
     *
     * @param text  the template.
     * @param start index just after the {@code $}.
     * @return index after the name (after the closing brace for {@code ${name}}), or -1 when no reference starts here.
     */
    private static int referenceEnd(final String text, final int start)
    {
        final boolean braced = start < text.length() && text.charAt(start) == '{';
        final int nameStart = braced ? start + 1 : start;
        int i = nameStart;
        while (i < text.length())
        {
            final int codePoint = text.codePointAt(i);
            if (codePoint != '_' && !Character.isLetter(codePoint) && !Character.isDigit(codePoint))
            {
                break;
            }
            i += Character.charCount(codePoint);
        }
        if (i == nameStart)
        {
            return -1;
        }
        if (braced)
        {
            return i < text.length() && text.charAt(i) == '}' ? i + 1 : -1;
        }
        return i;
    }

    private static int groupIndex(final String name, final int groupCount, final Map<String, Integer> namedGroups)
    {
        final int number = groupNumber(name);
        if (number >= 0)
        {
            return number <= groupCount ? number : -1;
        }
        final Integer index = namedGroups.get(name);
        return index == null ? -1 : index;
    }

    /** The group number a name stands for, or -1 when it is a group name. */
    private static int groupNumber(final String name)
    {
        if (name.length() > 1 && name.charAt(0) == '0')
        {
            return -1;
        }
        int number = 0;
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c < '0' || c > '9' || number >= MAX_GROUP_NUMBER)
            {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }
}
