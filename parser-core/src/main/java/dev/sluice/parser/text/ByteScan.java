package dev.sluice.parser.text;

import dev.sluice.parser.Body;

/**
 * Searches for delimiter bytes eight at a time (SWAR: a word of input is compared with a word of the
 * delimiter, and a zero byte in the difference marks a match). The lowest marked byte of a word is always a
 * real match, so the first match is exact. Used where long runs of ordinary bytes are common: label values,
 * HELP texts and comments. Names are measured the same way, a word of byte-range tests per eight bytes, and
 * two ranges are compared a word at a time.
 */
final class ByteScan
{
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long NEWLINES = ONES * '\n';
    private static final long LOW_SEVEN_BITS = ~HIGHS;
    private static final long CASE_BIT = ONES * 0x20;
    /** Added to a folded byte, sets its high bit from 'a' up. */
    private static final long FROM_A = ONES * (0x80 - 'a');
    /** Added to a folded byte, sets its high bit from past 'z' up. */
    private static final long PAST_Z = ONES * (0x80 - 'z' - 1);
    /** Added to a byte, sets its high bit from '0' up. */
    private static final long FROM_ZERO = ONES * (0x80 - '0');
    /** Added to a byte, sets its high bit from past '9' up. */
    private static final long PAST_NINE = ONES * (0x80 - '9' - 1);
    /** Added to a byte, sets its high bit from past ':' up (':' follows '9'). */
    private static final long PAST_COLON = ONES * (0x80 - ':' - 1);
    private static final long UNDERSCORES = ONES * '_';

    private ByteScan()
    {
    }

    private static long zeroBytes(final long word)
    {
        return (word - ONES) & ~word & HIGHS;
    }

    /** First index in {@code [from, end)} holding '"', '\\' or '\n', or {@code end}. */
    static int quoteBackslashOrNewline(final Body buffer, final int from, final int end)
    {
        int i = from;
        while (i + Long.BYTES <= end)
        {
            final long word = buffer.longAt(i);
            final long found = zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES) | zeroBytes(word ^ NEWLINES);
            if (found != 0)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < end)
        {
            final byte b = buffer.byteAt(i);
            if (b == '"' || b == '\\' || b == '\n')
            {
                return i;
            }
            i++;
        }
        return end;
    }

    /**
     * First index in {@code [from, end)} whose byte cannot continue a legacy metric name ({@code [a-zA-Z0-9_:]}),
     * or {@code end}.
     */
    static int metricNameEnd(final Body buffer, final int from, final int end)
    {
        return nameEnd(buffer, from, end, PAST_COLON, ByteClass.METRIC_PART);
    }

    /**
     * First index in {@code [from, end)} whose byte cannot continue a legacy label name ({@code [a-zA-Z0-9_]}), or
     * {@code end}.
     */
    static int labelNameEnd(final Body buffer, final int from, final int end)
    {
        return nameEnd(buffer, from, end, PAST_NINE, ByteClass.LABEL_PART);
    }

    private static int nameEnd(
        final Body buffer, final int from, final int end, final long pastDigits, final int byteClass)
    {
        int i = from;
        while (i + Long.BYTES <= end)
        {
            final long others = ~nameBytes(buffer.longAt(i), pastDigits) & HIGHS;
            if (others != 0)
            {
                return i + (Long.numberOfTrailingZeros(others) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < end && ByteClass.is(buffer.byteAt(i), byteClass))
        {
            i++;
        }
        return i;
    }

    /**
     * Sets the high bit of each byte of {@code word} that is an ASCII letter, digit, underscore or (when
     * {@code pastDigits} is {@link #PAST_COLON}) colon. Every sum is taken on seven-bit bytes, so no carry crosses
     * into the next byte; bytes with their own high bit set are never name bytes.
     */
    private static long nameBytes(final long word, final long pastDigits)
    {
        final long low = word & LOW_SEVEN_BITS;
        final long folded = low | CASE_BIT;
        final long letters = (folded + FROM_A) & ~(folded + PAST_Z);
        final long digits = (low + FROM_ZERO) & ~(low + pastDigits);
        final long underscores = ~((low ^ UNDERSCORES) + LOW_SEVEN_BITS);
        return (letters | digits | underscores) & ~word & HIGHS;
    }

    /**
     * Number of leading bytes, at most {@code length}, that are equal at {@code a} and at {@code b}, compared a word
     * at a time.
     */
    static int commonPrefix(final Body buffer, final int a, final int b, final int length)
    {
        int k = 0;
        while (k + Long.BYTES <= length)
        {
            final long diff = buffer.longAt(a + k) ^ buffer.longAt(b + k);
            if (diff != 0)
            {
                return k + (Long.numberOfTrailingZeros(diff) >>> 3);
            }
            k += Long.BYTES;
        }
        while (k < length && buffer.byteAt(a + k) == buffer.byteAt(b + k))
        {
            k++;
        }
        return k;
    }

    /** First index in {@code [from, end)} holding '\n', or {@code end}. */
    static int newline(final Body buffer, final int from, final int end)
    {
        return indexOf(buffer, from, end, NEWLINES, (byte)'\n');
    }

    /** First index in {@code [from, end)} holding '\\' or '\n', or {@code end}. */
    static int backslashOrNewline(final Body buffer, final int from, final int end)
    {
        int i = from;
        while (i + Long.BYTES <= end)
        {
            final long word = buffer.longAt(i);
            final long found = zeroBytes(word ^ BACKSLASHES) | zeroBytes(word ^ NEWLINES);
            if (found != 0)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < end)
        {
            final byte b = buffer.byteAt(i);
            if (b == '\\' || b == '\n')
            {
                return i;
            }
            i++;
        }
        return end;
    }

    /** First index in {@code [from, end)} holding '\\', or {@code end}. */
    static int backslash(final Body buffer, final int from, final int end)
    {
        return indexOf(buffer, from, end, BACKSLASHES, (byte)'\\');
    }

    private static int indexOf(
        final Body buffer, final int from, final int end, final long pattern, final byte value)
    {
        int i = from;
        while (i + Long.BYTES <= end)
        {
            final long found = zeroBytes(buffer.longAt(i) ^ pattern);
            if (found != 0)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < end && buffer.byteAt(i) != value)
        {
            i++;
        }
        return i;
    }

    /**
     * A 64-bit hash of {@code length} bytes, folded in a word at a time (the last word overlaps the one before
     * it; a range under eight bytes is folded byte by byte). Chained through {@code seed}. Not for security.
     */
    static long hash(final Body buffer, final int offset, final int length, final long seed)
    {
        long h = seed ^ (length * 0x9E3779B97F4A7C15L);
        if (length >= Long.BYTES)
        {
            for (int k = 0; k < length - Long.BYTES; k += Long.BYTES)
            {
                h = fold(h, buffer.longAt(offset + k));
            }
            return fold(h, buffer.longAt(offset + length - Long.BYTES));
        }
        long word = 0;
        for (int k = 0; k < length; k++)
        {
            word = (word << 8) | (buffer.byteAt(offset + k) & 0xFF);
        }
        return fold(h, word);
    }

    private static long fold(final long h, final long word)
    {
        final long x = (h ^ word) * 0xC2B2AE3D27D4EB4FL;
        return x ^ (x >>> 31);
    }

    /**
     * Whether {@code length} bytes at {@code a} and at {@code b} are equal, compared a word at a time; the
     * last word overlaps the one before it rather than falling back to single bytes.
     */
    static boolean equal(final Body buffer, final int a, final int b, final int length)
    {
        if (length >= Long.BYTES)
        {
            for (int k = 0; k < length - Long.BYTES; k += Long.BYTES)
            {
                if (buffer.longAt(a + k) != buffer.longAt(b + k))
                {
                    return false;
                }
            }
            final int last = length - Long.BYTES;
            return buffer.longAt(a + last) == buffer.longAt(b + last);
        }
        if (length >= Integer.BYTES)
        {
            final int last = length - Integer.BYTES;
            return buffer.intAt(a) == buffer.intAt(b) && buffer.intAt(a + last) == buffer.intAt(b + last);
        }
        if (length >= Short.BYTES)
        {
            final int last = length - Short.BYTES;
            return buffer.shortAt(a) == buffer.shortAt(b) && buffer.shortAt(a + last) == buffer.shortAt(b + last);
        }
        return length == 0 || buffer.byteAt(a) == buffer.byteAt(b);
    }
}
