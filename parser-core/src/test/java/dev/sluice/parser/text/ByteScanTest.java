package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.Body;

/** The word-at-a-time scans agree with plain byte loops at every length and offset, on and off heap. */
class ByteScanTest
{
    private static boolean offHeap;

    /** Alternates between a heap body and the same bytes in a direct buffer, to cover both read paths. */
    private static Body body(final byte[] bytes)
    {
        final Body body = new Body();
        offHeap = !offHeap;
        if (offHeap)
        {
            final java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(bytes.length + 1);
            direct.put(1, bytes);
            body.wrap(new UnsafeBuffer(direct), 1, bytes.length);
        }
        else
        {
            body.wrap(bytes, 0, bytes.length);
        }
        return body;
    }

    @Property(tries = 2000)
    void equalAgreesWithArrays(
        @ForAll @Size(max = 40) final byte[] first,
        @ForAll @IntRange(min = 0, max = 39) final int flipAt,
        @ForAll final boolean flip)
    {
        final byte[] second = first.clone();
        if (flip && flipAt < second.length)
        {
            second[flipAt] ^= 1;
        }
        final byte[] both = new byte[first.length * 2];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        final Body buffer = body(both);
        assertEquals(Arrays.equals(first, second), ByteScan.equal(buffer, 0, first.length, first.length));
    }

    @Property(tries = 2000)
    void searchesFindTheFirstDelimiter(
        @ForAll @Size(max = 40) final byte[] body,
        @ForAll @IntRange(min = 0, max = 39) final int from)
    {
        final Body buffer = body(body);
        final int start = Math.min(from, body.length);
        int quoteEtc = start;
        while (quoteEtc < body.length && body[quoteEtc] != '"' && body[quoteEtc] != '\\' && body[quoteEtc] != '\n')
        {
            quoteEtc++;
        }
        int backslash = start;
        while (backslash < body.length && body[backslash] != '\\')
        {
            backslash++;
        }
        assertEquals(quoteEtc, ByteScan.quoteBackslashOrNewline(buffer, start, body.length));
        assertEquals(backslash, ByteScan.backslash(buffer, start, body.length));
        int newline = start;
        while (newline < body.length && body[newline] != '\n')
        {
            newline++;
        }
        assertEquals(newline, ByteScan.newline(buffer, start, body.length));
    }
}
