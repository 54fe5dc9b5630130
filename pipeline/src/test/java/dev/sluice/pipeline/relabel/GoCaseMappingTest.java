package dev.sluice.pipeline.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Case mapping as Go's {@code strings.ToUpper} and {@code strings.ToLower}: simple, per code point, no locale. Expected
 * values are Go's; where Java's {@code String} methods differ, the comment says how.
 */
class GoCaseMappingTest
{
    @Test
    void goExamples()
    {
        upper("bAr123Foo", "BAR123FOO");
        lower("bAr123Foo", "bar123foo");
        // Java: STRASSE.
        upper("straße", "STRAßE");
        // Java (root locale): "i̇stanbul", with a combining dot.
        lower("İstanbul", "istanbul");
        upper("ıi", "II");
        upper("ǅ", "Ǆ");
        lower("ǅ", "ǆ");
        // Java: FF and ʼN.
        upper("ﬀŉ", "ﬀŉ");
        // Java: final sigma ς.
        lower("ΟΔΟΣ", "οδοσ");
        upper("ſ", "S");
        lower("\u212A", "k");
        upper("😀a", "😀A");
    }

    @Test
    void unicode14PairsThatGoKnows()
    {
        upper("\u2C5F\uA7C1\uA7D1\uA7D7\uA7D9", "\u2C2F\uA7C0\uA7D0\uA7D6\uA7D8");
        lower("\u2C2F\uA7C0\uA7D0\uA7D6\uA7D8", "\u2C5F\uA7C1\uA7D1\uA7D7\uA7D9");
        lower(new String(Character.toChars(0x10570)), new String(Character.toChars(0x10597)));
        upper(new String(Character.toChars(0x105BC)), new String(Character.toChars(0x10595)));
        lower(new String(Character.toChars(0x1057B)), new String(Character.toChars(0x1057B)));
    }

    @Test
    void unicode16LettersThatGoDoesNotKnow()
    {
        upper("\u0264\u019B\u1C8A", "\u0264\u019B\u1C8A");
        lower("\u1C89\uA7CB\uA7DC", "\u1C89\uA7CB\uA7DC");
    }

    @Property(tries = 500)
    void asciiAsJavaRootLocale(@ForAll("ascii") final String text)
    {
        assertEquals(
            text.toUpperCase(Locale.ROOT), GoCaseMapping.appendUpperCase(text, new StringBuilder()).toString());
        assertEquals(text.toLowerCase(Locale.ROOT), GoCaseMapping.toLowerCase(text));
    }

    @Property(tries = 1000)
    void oneCodePointForEachCodePoint(@ForAll final String text)
    {
        final String upper = GoCaseMapping.appendUpperCase(text, new StringBuilder()).toString();
        final String lower = GoCaseMapping.toLowerCase(text);
        assertEquals(text.codePointCount(0, text.length()), upper.codePointCount(0, upper.length()));
        assertEquals(text.codePointCount(0, text.length()), lower.codePointCount(0, lower.length()));
    }

    @Provide
    Arbitrary<String> ascii()
    {
        return Arbitraries.strings().ascii().ofMaxLength(20);
    }

    private static void upper(final String text, final String expected)
    {
        assertEquals(expected, GoCaseMapping.appendUpperCase(text, new StringBuilder()).toString(), text);
    }

    private static void lower(final String text, final String expected)
    {
        assertEquals(expected, GoCaseMapping.toLowerCase(text), text);
    }
}
