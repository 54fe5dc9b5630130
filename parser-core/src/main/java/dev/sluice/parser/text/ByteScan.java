package dev.sluice.parser.text;

import dev.sluice.parser.Body;

/**
 * Searches for delimiter bytes eight at a time (SWAR: a word of input is compared with a word of the
 * delimiter, and a zero byte in the difference marks a match). The lowest marked byte of a word is always a
 * real match, so the first match is exact. Used where long runs of ordinary bytes are common: label values,
 * HELP texts and comments.
 */
final class ByteScan
{
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long NEWLINES = ONES * '\n';

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
