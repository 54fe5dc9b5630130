package dev.sluice.pipeline.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Template expansion as Go's {@code regexp.Expand}, against {@code (a)(b)(?P<name>c)(?P<1_x>d)?} matching {@code abc}.
 */
class ReplacementTemplateTest
{
    private static final AnchoredRegex REGEX = AnchoredRegex.compile("(a)(b)(?P<name>c)(?P<1_x>d)?", true);

    @Test
    void referencesByNumberAndName()
    {
        f("$1", "a");
        f("${1}", "a");
        f("$0", "abc");
        f("x${2}y", "xby");
        f("x$2y", "x");
        f("$name", "c");
        f("${name}", "c");
        f("${1}x", "ax");
        f("${1}0", "a0");
        f("$1$2$3", "abc");
    }

    @Test
    void namesAreAsLongAsPossible()
    {
        f("$1x", "");
        f("$1_x", "");
        f("$namex", "");
        f("$é", "");
        f("$1.x", "a.x");
    }

    @Test
    void missingAndUnmatchedGroupsExpandToNothing()
    {
        f("$10", "");
        f("$5", "");
        f("$4", "");
        f("$01", "");
        f("$100000000", "");
        f("${missing}", "");
    }

    @Test
    void dollarsThatStartNoReference()
    {
        f("$$1", "$1");
        f("$", "$");
        f("a$", "a$");
        f("${", "${");
        f("${}", "${}");
        f("${1", "${1");
        f("$-", "$-");
        f("${na-me}", "${na-me}");
    }

    @Test
    void fastShapesReportTheSameGroupsAsTheEngine()
    {
        for (final String source : new String[]{"(.*)", ".*", "(foo)", "foo", "(fo|foo)", "f(.*)", "(f.*)", "()"})
        {
            final AnchoredRegex fast = AnchoredRegex.compile(source, true);
            final AnchoredRegex general = AnchoredRegex.compile(source, false);
            assertTrue(fast.isFastPath(), source);
            for (final String input : new String[]{"foo", "", "fo", "f\nx"})
            {
                final int[] fastBounds = new int[4];
                final int[] generalBounds = new int[4];
                assertEquals(general.match(input, generalBounds), fast.match(input, fastBounds), source);
                if (general.match(input, generalBounds))
                {
                    assertEquals(Arrays.toString(generalBounds), Arrays.toString(fastBounds),
                        source + " on " + input);
                }
            }
        }
    }

    private static void f(final String template, final String expected)
    {
        final int[] bounds = new int[2 * (REGEX.groupCount() + 1)];
        assertTrue(REGEX.match("abc", bounds));
        final ReplacementTemplate parsed = ReplacementTemplate.parse(template, REGEX);
        assertEquals(expected, parsed.expandTo("abc", bounds, new StringBuilder()).toString(), template);
    }
}
