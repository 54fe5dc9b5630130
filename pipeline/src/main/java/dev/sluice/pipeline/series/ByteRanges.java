package dev.sluice.pipeline.series;

import org.agrona.DirectBuffer;

/** Comparison of byte ranges of two buffers, a word at a time, for the compare on a hash hit. */
final class ByteRanges
{
    private ByteRanges()
    {
    }

    static boolean equal(
        final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (a.getLong(aOffset + i) != b.getLong(bOffset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (a.getByte(aOffset + i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }
}
