package dev.sluice.pipeline.relabel;

/**
 * Upper and lower case as Go's {@code strings.ToUpper} and {@code strings.ToLower} compute them, which the
 * {@code uppercase} and {@code lowercase} actions use: one code point at a time, with the simple mappings of the
 * Unicode tables (so {@code ß} stays {@code ß} in upper case, where {@link String#toUpperCase()} writes {@code SS},
 * and {@code İ} becomes {@code i}, not {@code i̇}). No locale applies.
 *
 * <p>{@link Character#toUpperCase(int)} gives the simple mappings of the Unicode version of the running JDK; Go
 * releases from 1.21 carry Unicode 15.0. The case pairs that Unicode 14 added are supplied here for JDKs before 20,
 * and the letters that Unicode 16 added (JDK 24 on) are left unmapped, as Go leaves them.
 */
final class GoCaseMapping
{
    /** Upper and lower case pairs added by Unicode 14 outside the Vithkuqi block. */
    private static final int[] UNICODE_14_PAIRS = {
        0x2C2F, 0x2C5F, 0xA7C0, 0xA7C1, 0xA7D0, 0xA7D1, 0xA7D6, 0xA7D7, 0xA7D8, 0xA7D9,
    };
    /** Capital letters of the Vithkuqi block (Unicode 14) as inclusive ranges; the small letter is 0x27 above. */
    private static final int[] VITHKUQI_CAPITAL_RANGES = {
        0x10570, 0x1057A, 0x1057C, 0x1058A, 0x1058C, 0x10592, 0x10594, 0x10595,
    };
    private static final int VITHKUQI_CASE_OFFSET = 0x27;
    /** Cased letters added by Unicode 16, as inclusive ranges: Go's tables do not know them. */
    private static final int[] UNICODE_16_LETTER_RANGES = {
        0x1C89, 0x1C8A, 0xA7CB, 0xA7CD, 0xA7DA, 0xA7DC, 0x10D50, 0x10D65, 0x10D70, 0x10D85,
    };

    private GoCaseMapping()
    {
    }

    /**
     * Lower case of a string, as Go's {@code strings.ToLower}.
     *
     * @param text the input.
     * @return the lower-case form, of the same number of code points.
     */
    static String toLowerCase(final String text)
    {
        return appendLowerCase(text, new StringBuilder(text.length())).toString();
    }

    /**
     * Appends the upper case of a text, as Go's {@code strings.ToUpper}.
     *
     * @param text the input.
     * @param out  where to append.
     * @return {@code out}.
     */
    static StringBuilder appendUpperCase(final CharSequence text, final StringBuilder out)
    {
        int i = 0;
        while (i < text.length())
        {
            final int codePoint = Character.codePointAt(text, i);
            i += Character.charCount(codePoint);
            out.appendCodePoint(toUpperCase(codePoint));
        }
        return out;
    }

    /**
     * Appends the lower case of a text, as Go's {@code strings.ToLower}.
     *
     * @param text the input.
     * @param out  where to append.
     * @return {@code out}.
     */
    static StringBuilder appendLowerCase(final CharSequence text, final StringBuilder out)
    {
        int i = 0;
        while (i < text.length())
        {
            final int codePoint = Character.codePointAt(text, i);
            i += Character.charCount(codePoint);
            out.appendCodePoint(toLowerCase(codePoint));
        }
        return out;
    }

    /**
     * Go's {@code unicode.ToUpper}.
     *
     * @param codePoint any code point.
     * @return its simple upper-case mapping, or itself.
     */
    static int toUpperCase(final int codePoint)
    {
        if (codePoint < 0x80)
        {
            return codePoint >= 'a' && codePoint <= 'z' ? codePoint - ('a' - 'A') : codePoint;
        }
        final int mapped = Character.toUpperCase(codePoint);
        if (mapped == codePoint)
        {
            return unicode14Partner(codePoint, false);
        }
        return isUnicode16Letter(codePoint) || isUnicode16Letter(mapped) ? codePoint : mapped;
    }

    /**
     * Go's {@code unicode.ToLower}.
     *
     * @param codePoint any code point.
     * @return its simple lower-case mapping, or itself.
     */
    static int toLowerCase(final int codePoint)
    {
        if (codePoint < 0x80)
        {
            return codePoint >= 'A' && codePoint <= 'Z' ? codePoint + ('a' - 'A') : codePoint;
        }
        final int mapped = Character.toLowerCase(codePoint);
        if (mapped == codePoint)
        {
            return unicode14Partner(codePoint, true);
        }
        return isUnicode16Letter(codePoint) || isUnicode16Letter(mapped) ? codePoint : mapped;
    }

    private static int unicode14Partner(final int codePoint, final boolean toLower)
    {
        for (int i = 0; i < UNICODE_14_PAIRS.length; i += 2)
        {
            if (toLower && codePoint == UNICODE_14_PAIRS[i])
            {
                return UNICODE_14_PAIRS[i + 1];
            }
            if (!toLower && codePoint == UNICODE_14_PAIRS[i + 1])
            {
                return UNICODE_14_PAIRS[i];
            }
        }
        final int capital = toLower ? codePoint : codePoint - VITHKUQI_CASE_OFFSET;
        if (isIn(VITHKUQI_CAPITAL_RANGES, capital))
        {
            return toLower ? codePoint + VITHKUQI_CASE_OFFSET : capital;
        }
        return codePoint;
    }

    private static boolean isUnicode16Letter(final int codePoint)
    {
        return isIn(UNICODE_16_LETTER_RANGES, codePoint);
    }

    private static boolean isIn(final int[] ranges, final int codePoint)
    {
        for (int i = 0; i < ranges.length; i += 2)
        {
            if (codePoint >= ranges[i] && codePoint <= ranges[i + 1])
            {
                return true;
            }
        }
        return false;
    }
}
