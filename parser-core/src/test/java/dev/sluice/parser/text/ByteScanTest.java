package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.Body;

/**
 * The word-at-a-time scans agree with plain byte loops at every length and offset, on and off heap: delimiter
 * searches, name ends (every byte value, and bytes drawn near the edges of the name ranges) and common prefixes.
 */
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

    @Property(tries = 3000)
    void nameEndsAgreeWithTheByteClasses(
        @ForAll("nameLikeBytes") final byte[] body,
        @ForAll @IntRange(min = 0, max = 39) final int from)
    {
        final Body buffer = body(body);
        final int start = Math.min(from, body.length);
        int metric = start;
        while (metric < body.length && isMetricPart(body[metric]))
        {
            metric++;
        }
        int label = start;
        while (label < body.length && isMetricPart(body[label]) && body[label] != ':')
        {
            label++;
        }
        assertEquals(metric, ByteScan.metricNameEnd(buffer, start, body.length));
        assertEquals(label, ByteScan.labelNameEnd(buffer, start, body.length));
    }

    @Property(tries = 300)
    void everyByteValueEndsANameOrNot(@ForAll @IntRange(min = 0, max = 7) final int at)
    {
        for (int b = 0; b < 256; b++)
        {
            final byte[] body = "abcdefghijklmnop".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            body[at] = (byte)b;
            final Body buffer = body(body);
            assertEquals(isMetricPart((byte)b) ? body.length : at, ByteScan.metricNameEnd(buffer, 0, body.length));
            assertEquals(isMetricPart((byte)b) && b != ':' ? body.length : at,
                ByteScan.labelNameEnd(buffer, 0, body.length));
        }
    }

    @Property(tries = 2000)
    void commonPrefixAgreesWithAByteLoop(
        @ForAll @Size(max = 40) final byte[] first,
        @ForAll @IntRange(min = 0, max = 39) final int flipAt,
        @ForAll final boolean flip)
    {
        final byte[] second = first.clone();
        if (flip && flipAt < second.length)
        {
            second[flipAt] ^= (byte)(1 << (flipAt & 7));
        }
        final byte[] both = new byte[first.length * 2];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        int same = 0;
        while (same < first.length && first[same] == second[same])
        {
            same++;
        }
        assertEquals(same, ByteScan.commonPrefix(body(both), 0, first.length, first.length));
    }

    @Provide
    Arbitrary<byte[]> nameLikeBytes()
    {
        final Arbitrary<Byte> edges = Arbitraries.of("/09:;@AZ[_`az{ \t\"=,\u007f".chars().mapToObj(c -> (byte)c)
            .toArray(Byte[]::new));
        final Arbitrary<Byte> any = Arbitraries.bytes();
        final Arbitrary<Byte> name = Arbitraries.of("abcxyzABCXYZ0189_:".chars().mapToObj(c -> (byte)c)
            .toArray(Byte[]::new));
        final Arbitrary<Byte> mixed = Arbitraries.frequencyOf(Tuple.of(12, name), Tuple.of(2, edges), Tuple.of(1, any));
        return mixed.array(byte[].class).ofMaxSize(40);
    }

    private static boolean isMetricPart(final byte b)
    {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= ':' || b == '_';
    }
}
