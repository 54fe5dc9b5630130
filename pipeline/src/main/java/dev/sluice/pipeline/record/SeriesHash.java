package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;

/**
 * A 64-bit hash of a byte range, eight bytes at a time, for the raw-series key of {@link RecordType#SAMPLE}
 * records. Not cryptographic and not stable across versions of Sluice: it only has to spread keys of one
 * process well, and the series cache compares the bytes on a hit, so a collision costs a compare, never a
 * wrong series.
 */
public final class SeriesHash
{
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long MULTIPLIER_1 = 0xC2B2AE3D27D4EB4FL;
    private static final long MULTIPLIER_2 = 0x165667B19E3779F9L;

    private SeriesHash()
    {
    }

    /**
     * Hashes {@code length} bytes of a buffer from {@code offset}.
     *
     * @param buffer the bytes.
     * @param offset first byte.
     * @param length number of bytes.
     * @return the hash.
     */
    public static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = SEED ^ length;
        final int end = offset + length;
        int i = offset;
        for (; i + Long.BYTES <= end; i += Long.BYTES)
        {
            h = Long.rotateLeft(h ^ mixWord(buffer.getLong(i, LITTLE_ENDIAN)), 27) * MULTIPLIER_2;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += Byte.SIZE)
        {
            tail |= (buffer.getByte(i) & 0xFFL) << shift;
        }
        h ^= mixWord(tail);
        return finish(h);
    }

    /**
     * Mixes one more word into a hash, for a key made of a byte range and further values.
     *
     * @param hash  a hash from {@link #hash} or an earlier call.
     * @param value the word to add.
     * @return the combined hash.
     */
    public static long combine(final long hash, final long value)
    {
        return finish(Long.rotateLeft(hash ^ mixWord(value), 27) * MULTIPLIER_2);
    }

    private static long mixWord(final long word)
    {
        return Long.rotateLeft(word * MULTIPLIER_1, 31) * MULTIPLIER_2;
    }

    /** The 64-bit finaliser of MurmurHash3: every input bit reaches every output bit. */
    private static long finish(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
