package dev.sluice.pipeline.relabel;

/**
 * Reads label sets written as Prometheus prints them, {@code {a="1", "utf-8.name"="x"}}, with Go escapes in quoted
 * text, so test cases read the way upstream's do.
 */
final class LabelSets
{
    private LabelSets()
    {
    }

    static LabelSetBuilder parse(final String text)
    {
        final LabelSetBuilder labels = new LabelSetBuilder();
        int i = expect(text, 0, '{');
        while (text.charAt(i) != '}')
        {
            final StringBuilder name = new StringBuilder();
            i = text.charAt(i) == '"' ? quoted(text, i, name) : bare(text, i, name);
            final StringBuilder value = new StringBuilder();
            i = quoted(text, expect(text, i, '='), value);
            labels.set(name.toString(), value.toString());
            if (text.charAt(i) == ',')
            {
                i = skipSpaces(text, i + 1);
            }
        }
        return labels.markUnchanged();
    }

    private static int bare(final String text, final int start, final StringBuilder out)
    {
        int i = start;
        while (text.charAt(i) != '=')
        {
            out.append(text.charAt(i++));
        }
        return i;
    }

    private static int quoted(final String text, final int start, final StringBuilder out)
    {
        int i = expect(text, start, '"');
        while (text.charAt(i) != '"')
        {
            char c = text.charAt(i++);
            if (c == '\\')
            {
                c = text.charAt(i++);
                c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
            }
            out.append(c);
        }
        return i + 1;
    }

    private static int expect(final String text, final int index, final char c)
    {
        if (text.charAt(index) != c)
        {
            throw new IllegalArgumentException("expected " + c + " at " + index + " of " + text);
        }
        return index + 1;
    }

    private static int skipSpaces(final String text, final int start)
    {
        int i = start;
        while (text.charAt(i) == ' ')
        {
            i++;
        }
        return i;
    }
}
