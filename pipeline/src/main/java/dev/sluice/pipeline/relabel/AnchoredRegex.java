package dev.sluice.pipeline.relabel;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A relabel regex: the configured text {@code R} compiled by re2j as {@code ^(?s:R)$}, as Prometheus compiles it, so
 * it matches whole values only and {@code .} matches newlines.
 *
 * <p>Common shapes skip the regex engine and give the same answers: a literal ({@code foo}), an alternation of
 * literals ({@code foo|bar}), a literal prefix ({@code foo.*}, and {@code .*} as the empty prefix), each optionally
 * wrapped in one capturing group, and a prefix with the rest captured ({@code foo(.*)}). In all of them every group
 * spans a known range of the input, so matching and group positions need no engine.
 */
final class AnchoredRegex
{
    /** The regex of a rule that does not set one. */
    static final String DEFAULT_SOURCE = "(.*)";

    private static final String ANY_SUFFIX = ".*";
    private static final String CAPTURED_ANY_SUFFIX = "(.*)";
    private static final String META_CHARACTERS = "\\.+*?()|[]{}^$";

    private enum Shape
    {
        GENERAL, LITERAL, ALTERNATION, PREFIX
    }

    private final String source;
    private final Pattern pattern;
    private final Shape shape;
    /** The literal of {@link Shape#LITERAL}, or the prefix of {@link Shape#PREFIX}. */
    private final String literal;
    private final Set<String> alternatives;
    /** Where group 1 starts in a match of a fast shape that has a group 1; it always ends at the end. */
    private final int groupOneStart;

    private AnchoredRegex(
        final String source,
        final Pattern pattern,
        final Shape shape,
        final String literal,
        final Set<String> alternatives,
        final int groupOneStart)
    {
        this.source = source;
        this.pattern = pattern;
        this.shape = shape;
        this.literal = literal;
        this.alternatives = alternatives;
        this.groupOneStart = groupOneStart;
    }

    /**
     * Compiles a configured regex.
     *
     * @param source    the text as configured, without anchors.
     * @param fastPaths false to send every match through re2j, for tests that compare both paths.
     * @return the regex.
     * @throws InvalidRelabelConfigException with re2j's message, which is Go's, when the text does not compile.
     */
    static AnchoredRegex compile(final String source, final boolean fastPaths)
    {
        final Pattern pattern;
        try
        {
            pattern = Pattern.compile("^(?s:" + source + ")$");
        }
        catch (final PatternSyntaxException ex)
        {
            throw new InvalidRelabelConfigException(ex.getMessage());
        }
        if (!fastPaths)
        {
            return new AnchoredRegex(source, pattern, Shape.GENERAL, null, null, 0);
        }
        final boolean captured = source.length() >= 2 && source.charAt(0) == '(' &&
            source.charAt(source.length() - 1) == ')' && (source.length() == 2 || source.charAt(1) != '?');
        final String body = captured ? source.substring(1, source.length() - 1) : source;
        if (body.endsWith(ANY_SUFFIX) && isLiteral(body, body.length() - ANY_SUFFIX.length()))
        {
            return new AnchoredRegex(source, pattern, Shape.PREFIX,
                body.substring(0, body.length() - ANY_SUFFIX.length()), null, 0);
        }
        if (!captured && body.endsWith(CAPTURED_ANY_SUFFIX) &&
            isLiteral(body, body.length() - CAPTURED_ANY_SUFFIX.length()))
        {
            final int prefixLength = body.length() - CAPTURED_ANY_SUFFIX.length();
            return new AnchoredRegex(source, pattern, Shape.PREFIX, body.substring(0, prefixLength), null,
                prefixLength);
        }
        if (isLiteral(body, body.length()))
        {
            return new AnchoredRegex(source, pattern, Shape.LITERAL, body, null, 0);
        }
        final Set<String> alternatives = literalAlternatives(body);
        if (alternatives != null)
        {
            return new AnchoredRegex(source, pattern, Shape.ALTERNATION, null, alternatives, 0);
        }
        return new AnchoredRegex(source, pattern, Shape.GENERAL, null, null, 0);
    }

    /**
     * The regex as configured.
     *
     * @return the text without the anchors.
     */
    String source()
    {
        return source;
    }

    /**
     * Number of capturing groups, group 0 (the whole match) not counted.
     *
     * @return the count.
     */
    int groupCount()
    {
        return pattern.groupCount();
    }

    /**
     * Names of the named groups and their indexes.
     *
     * @return the map, empty when no group has a name.
     */
    Map<String, Integer> namedGroups()
    {
        return pattern.namedGroups();
    }

    /**
     * Whether matches skip re2j.
     *
     * @return true for the shapes listed on the class.
     */
    boolean isFastPath()
    {
        return shape != Shape.GENERAL;
    }

    /**
     * Whether the regex matches the whole input.
     *
     * @param input the joined source values, or a label name.
     * @return true on a match.
     */
    boolean matches(final String input)
    {
        switch (shape)
        {
            case LITERAL:
                return literal.equals(input);
            case ALTERNATION:
                return alternatives.contains(input);
            case PREFIX:
                return input.startsWith(literal);
            default:
                return pattern.matcher(input).find();
        }
    }

    /**
     * Matches the whole input and records where each group matched, as Go's {@code FindStringSubmatchIndex}.
     *
     * @param input  the joined source values, or a label name.
     * @param bounds receives start and end of group {@code g} at {@code 2g} and {@code 2g + 1}, -1 for a group that
     *               took no part in the match; room for {@code 2 * (groupCount() + 1)} entries.
     * @return true on a match; {@code bounds} is meaningful only then.
     */
    boolean match(final String input, final int[] bounds)
    {
        if (shape == Shape.GENERAL)
        {
            final Matcher matcher = pattern.matcher(input);
            if (!matcher.find())
            {
                return false;
            }
            for (int group = 0, n = pattern.groupCount(); group <= n; group++)
            {
                bounds[2 * group] = matcher.start(group);
                bounds[2 * group + 1] = matcher.end(group);
            }
            return true;
        }
        if (!matches(input))
        {
            return false;
        }
        bounds[0] = 0;
        bounds[1] = input.length();
        if (pattern.groupCount() == 1)
        {
            bounds[2] = groupOneStart;
            bounds[3] = input.length();
        }
        return true;
    }

    /**
     * The regex as configured.
     *
     * @return {@link #source()}.
     */
    @Override
    public String toString()
    {
        return source;
    }

    private static boolean isLiteral(final String text, final int end)
    {
        for (int i = 0; i < end; i++)
        {
            if (META_CHARACTERS.indexOf(text.charAt(i)) >= 0)
            {
                return false;
            }
        }
        return true;
    }

    private static Set<String> literalAlternatives(final String body)
    {
        final Set<String> alternatives = new HashSet<>();
        int start = 0;
        for (int i = 0; i <= body.length(); i++)
        {
            if (i == body.length() || body.charAt(i) == '|')
            {
                final String alternative = body.substring(start, i);
                if (!isLiteral(alternative, alternative.length()))
                {
                    return null;
                }
                alternatives.add(alternative);
                start = i + 1;
            }
        }
        return alternatives;
    }
}
