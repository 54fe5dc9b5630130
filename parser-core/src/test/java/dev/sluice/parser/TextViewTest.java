package dev.sluice.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class TextViewTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private static final byte[] SOURCE = "xx{job=\"node\\\\1\"}yy".getBytes(StandardCharsets.US_ASCII);

    @Test
    void copiesBetweenEveryKindOfBufferAtOffsets()
    {
        final UnsafeBuffer heapAtOffset = new UnsafeBuffer(SOURCE, 2, SOURCE.length - 2);
        final ByteBuffer direct = ByteBuffer.allocateDirect(SOURCE.length);
        direct.put(0, SOURCE);
        final UnsafeBuffer offHeap = new UnsafeBuffer(direct);
        for (final MutableDirectBuffer dst : new MutableDirectBuffer[] {new ExpandableArrayBuffer(4),
            new UnsafeBuffer(new byte[64], 5, 40), new UnsafeBuffer(ByteBuffer.allocateDirect(64))})
        {
            final TextView heapView = new TextView().wrap(heapAtOffset, 1, 3, TextView.ESCAPES_NONE);
            assertEquals(3, heapView.unescapeTo(dst, 7));
            assertEquals("job", dst.getStringWithoutLengthAscii(7, 3));
            final TextView offHeapView = new TextView().wrap(offHeap, 3, 3, TextView.ESCAPES_NONE);
            assertEquals(3, offHeapView.unescapeTo(dst, 1));
            assertEquals("job", dst.getStringWithoutLengthAscii(1, 3));
            final TextView escaped = new TextView().wrap(heapAtOffset, 6, 7, TextView.ESCAPES_QUOTED);
            assertEquals(6, escaped.unescapeTo(dst, 0));
            assertEquals("node\\1", dst.getStringWithoutLengthAscii(0, 6));
        }
    }

    @Test
    void copiesEveryShortLengthExactlyAndNothingAroundIt()
    {
        final byte[] source = new byte[48];
        for (int i = 0; i < source.length; i++)
        {
            source[i] = (byte)('A' + i);
        }
        final UnsafeBuffer from = new UnsafeBuffer(source, 3, 40);
        final TextView view = new TextView();
        for (int length = 0; length <= 36; length++)
        {
            final byte[] target = new byte[64];
            final UnsafeBuffer to = new UnsafeBuffer(target, 7, 50);
            assertEquals(length, view.wrap(from, 1, length, TextView.ESCAPES_NONE).unescapeTo(to, 2));
            for (int i = 0; i < target.length; i++)
            {
                final int k = i - 9;
                final byte expected = k >= 0 && k < length ? source[4 + k] : 0;
                assertEquals(expected, target[i], "length " + length + ", byte " + i);
            }
        }
    }

    @Test
    void copiesWithinOneArrayAsIfThroughATemporary()
    {
        for (int length = 1; length <= 20; length++)
        {
            for (final int shift : new int[] {-3, -1, 1, 5})
            {
                final byte[] bytes = new byte[64];
                for (int i = 0; i < bytes.length; i++)
                {
                    bytes[i] = (byte)i;
                }
                final byte[] expected = bytes.clone();
                System.arraycopy(bytes, 20, expected, 20 + shift, length);
                final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
                new TextView().wrap(buffer, 20, length, TextView.ESCAPES_NONE).unescapeTo(buffer, 20 + shift);
                assertArrayEquals(expected, bytes, "length " + length + ", shift " + shift);
            }
        }
    }

    @Test
    void comparesEscapedValuesAsTheirUnescapedText()
    {
        final byte[] raw = "__t\\ype__ a\\ \\n\" \\\" x\\".getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(raw);
        final TextView quoted = new TextView().wrap(buffer, 0, raw.length, TextView.ESCAPES_QUOTED);
        final TextView help = new TextView().wrap(buffer, 0, raw.length, TextView.ESCAPES_HELP);
        final TextView plain = new TextView().wrap(buffer, 0, raw.length, TextView.ESCAPES_NONE);
        for (final TextView view : new TextView[] {quoted, help, plain})
        {
            final String unescaped = view.toString();
            assertTrue(view.contentEquals(unescaped), unescaped);
            assertFalse(view.contentEquals(unescaped.substring(0, unescaped.length() - 1)), unescaped);
            assertFalse(view.contentEquals(unescaped + "\\"), unescaped);
            assertFalse(view.contentEquals(unescaped.replace('a', 'b')), unescaped);
        }
        assertEquals("__t\\ype__ a\\ \\n\" \\\" x\\", plain.toString());
        assertEquals("__t\\ype__ a\\ \n\" \\\" x\\", help.toString());
        assertEquals("__t\\ype__ a\\ \n\" \" x\\", quoted.toString());
        final TextView doubled = new TextView().wrap(new UnsafeBuffer("a\\\\b".getBytes(StandardCharsets.US_ASCII)), 0, 4,
            TextView.ESCAPES_QUOTED);
        assertTrue(doubled.contentEquals("a\\b"));
        assertFalse(doubled.contentEquals("a\\\\b"));
    }

    @Test
    void comparesEscapedAsciiWithoutAllocating()
    {
        final TextView escaped = new TextView().wrap(
            new UnsafeBuffer("__ty\\\\pe__".getBytes(StandardCharsets.US_ASCII)), 0, 10, TextView.ESCAPES_QUOTED);
        int equal = compare(escaped, 20_000);
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        equal += compare(escaped, 1_000);
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertEquals(21_000, equal);
        assertEquals(0, allocated);
    }

    /** Compares the view with an equal and an unequal name; returns how many were equal. */
    private static int compare(final TextView view, final int rounds)
    {
        int equal = 0;
        for (int i = 0; i < rounds; i++)
        {
            equal += view.contentEquals("__ty\\pe__") ? 1 : 0;
            equal += view.contentEquals("__type__") ? 1 : 0;
        }
        return equal;
    }
}
