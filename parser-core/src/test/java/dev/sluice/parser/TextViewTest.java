package dev.sluice.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class TextViewTest
{
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
}
