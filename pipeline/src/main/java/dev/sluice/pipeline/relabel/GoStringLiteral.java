package dev.sluice.pipeline.relabel;

/**
 * Go's {@code strconv.Quote}, so that error messages show names and values as Prometheus' {@code %q} shows them:
 * double quotes, backslash escapes for quotes, backslashes and control characters, printable Unicode kept as is.
 */
final class GoStringLiteral
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoStringLiteral()
    {
    }

    /**
     * Quotes a string as Go's {@code %q} verb does.
     *
     * @param text any string; an unpaired surrogate, which has no UTF-8 form, is shown as U+FFFD.
     * @return the quoted form.
     */
    static String quote(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        int i = 0;
        while (i < text.length())
        {
            final int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            appendQuoted(out, codePoint);
        }
        return out.append('"').toString();
    }

    private static void appendQuoted(final StringBuilder out, final int codePoint)
    {
        switch (codePoint)
        {
            case '"':
                out.append("\\\"");
                return;
            case '\\':
                out.append("\\\\");
                return;
            case 0x07:
                out.append("\\a");
                return;
            case '\b':
                out.append("\\b");
                return;
            case '\f':
                out.append("\\f");
                return;
            case '\n':
                out.append("\\n");
                return;
            case '\r':
                out.append("\\r");
                return;
            case '\t':
                out.append("\\t");
                return;
            case 0x0B:
                out.append("\\v");
                return;
            default:
                appendOther(out, Character.isSurrogate((char)codePoint) ? 0xFFFD : codePoint);
        }
    }

    private static void appendOther(final StringBuilder out, final int codePoint)
    {
        if (isPrintable(codePoint))
        {
            out.appendCodePoint(codePoint);
        }
        else if (codePoint < 0x80)
        {
            out.append("\\x");
            appendHex(out, codePoint, 2);
        }
        else if (codePoint < 0x10000)
        {
            out.append("\\u");
            appendHex(out, codePoint, 4);
        }
        else
        {
            out.append("\\U");
            appendHex(out, codePoint, 8);
        }
    }

    /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrintable(final int codePoint)
    {
        if (codePoint == ' ')
        {
            return true;
        }
        switch (Character.getType(codePoint))
        {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.PRIVATE_USE:
            case Character.SURROGATE:
            case Character.UNASSIGNED:
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    private static void appendHex(final StringBuilder out, final int value, final int digits)
    {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        {
            out.append(HEX[(value >>> shift) & 0xF]);
        }
    }
}
