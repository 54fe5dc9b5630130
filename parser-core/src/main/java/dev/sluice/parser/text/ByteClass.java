package dev.sluice.parser.text;

/**
 * Character classes of the text formats, one table lookup per byte. Names follow the legacy Prometheus rules:
 * metric names {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names {@code [a-zA-Z_][a-zA-Z0-9_]*}.
 */
final class ByteClass
{
    static final int METRIC_START = 1;
    static final int METRIC_PART = 2;
    static final int LABEL_START = 4;
    static final int LABEL_PART = 8;
    static final int DIGIT = 16;
    /** Ends a value or timestamp token of the Prometheus text format: space, tab, CR or LF. */
    static final int TOKEN_END = 32;

    private static final byte[] CLASSES = new byte[256];

    static
    {
        for (int c = 'a'; c <= 'z'; c++)
        {
            CLASSES[c] = METRIC_START | METRIC_PART | LABEL_START | LABEL_PART;
            CLASSES[c - 'a' + 'A'] = METRIC_START | METRIC_PART | LABEL_START | LABEL_PART;
        }
        for (int c = '0'; c <= '9'; c++)
        {
            CLASSES[c] = METRIC_PART | LABEL_PART | DIGIT;
        }
        CLASSES['_'] = METRIC_START | METRIC_PART | LABEL_START | LABEL_PART;
        CLASSES[':'] = METRIC_START | METRIC_PART;
        CLASSES[' '] = TOKEN_END;
        CLASSES['\t'] = TOKEN_END;
        CLASSES['\r'] = TOKEN_END;
        CLASSES['\n'] = TOKEN_END;
    }

    private ByteClass()
    {
    }

    static boolean is(final byte b, final int classMask)
    {
        return (CLASSES[b & 0xFF] & classMask) != 0;
    }
}
