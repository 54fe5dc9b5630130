package dev.sluice.protobuf.snappy;

import static dev.sluice.protobuf.snappy.SnappyFormat.COPY_1;
import static dev.sluice.protobuf.snappy.SnappyFormat.COPY_1_LENGTH_LIMIT;
import static dev.sluice.protobuf.snappy.SnappyFormat.COPY_1_MAX_DISTANCE;
import static dev.sluice.protobuf.snappy.SnappyFormat.COPY_1_MIN_LENGTH;
import static dev.sluice.protobuf.snappy.SnappyFormat.COPY_2;
import static dev.sluice.protobuf.snappy.SnappyFormat.COPY_MAX_LENGTH;
import static dev.sluice.protobuf.snappy.SnappyFormat.FRAGMENT_SIZE;
import static dev.sluice.protobuf.snappy.SnappyFormat.LITERAL;
import static dev.sluice.protobuf.snappy.SnappyFormat.LITERAL_LENGTH_IN_TAG;

import java.nio.ByteOrder;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Compresses bodies into the Snappy block format, as a Remote Write sender posts them. The input is cut into
 * fragments of 64 KiB compressed one after the other; inside a fragment, matches are found greedily through a hash
 * table of 4-byte sequences, and the search skips ahead faster the longer it finds nothing, so that data that does
 * not compress costs little. The hash table is the only state: one instance serves any number of bodies, one at a
 * time, without allocating.
 */
public final class SnappyCompressor
{
    private static final int MAX_TABLE_BITS = 14;
    private static final int MIN_TABLE_BITS = 8;
    private static final int HASH_MULTIPLIER = 0x1E35A7BD;
    /** A fragment's last bytes are always emitted as a literal, so that 4- and 8-byte reads stay inside it. */
    private static final int TAIL_LITERAL_BYTES = 15;
    /** Fragments shorter than this are emitted as one literal. */
    private static final int MIN_MATCHED_FRAGMENT = TAIL_LITERAL_BYTES + 1;
    /** The search step grows by one byte after this many misses in a row. */
    private static final int SKIP_SHIFT = 5;
    /** Literals up to this length are moved as two longs when the room on both sides allows it. */
    private static final int SHORT_LITERAL = 2 * Long.BYTES;
    /** Above this, {@link #maxCompressedLength} no longer fits an int. */
    private static final int MAX_INPUT_LENGTH = (int)((Integer.MAX_VALUE - 32L) * 6 / 7);

    private final int[] table = new int[1 << MAX_TABLE_BITS];

    /** Creates a compressor with its hash table. */
    public SnappyCompressor()
    {
    }

    /**
     * The most bytes a body of {@code length} bytes may take compressed, preamble included: the room {@link
     * #compress} needs in its output buffer.
     *
     * @param length the uncompressed length.
     * @return the bound, {@code 32 + length + length / 6}.
     */
    public static int maxCompressedLength(final int length)
    {
        return 32 + length + length / 6;
    }

    /**
     * Compresses {@code length} bytes of {@code src} from {@code offset} into {@code dst} from {@code dstOffset}.
     * The output buffer is made large enough first with {@link MutableDirectBuffer#checkLimit} up to {@code
     * dstOffset + maxCompressedLength(length)}: an expandable buffer grows, a fixed one too small throws {@link
     * IndexOutOfBoundsException}. Bytes of that range past the returned length may be overwritten.
     *
     * @param src       the body.
     * @param offset    index of its first byte.
     * @param length    its length, at most about 1.8 GiB.
     * @param dst       where the compressed block goes.
     * @param dstOffset index of the block's first byte.
     * @return the length of the compressed block.
     */
    public int compress(
        final DirectBuffer src,
        final int offset,
        final int length,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        if (length < 0 || length > MAX_INPUT_LENGTH)
        {
            throw new IllegalArgumentException("cannot compress " + length + " bytes");
        }
        final int dstLimit = dstOffset + maxCompressedLength(length);
        dst.checkLimit(dstLimit);
        int op = writePreamble(dst, dstOffset, length);
        final int end = offset + length;
        for (int fragment = offset; fragment < end; fragment += FRAGMENT_SIZE)
        {
            op = compressFragment(src, fragment, Math.min(FRAGMENT_SIZE, end - fragment), end, dst, op, dstLimit);
        }
        return op - dstOffset;
    }

    private static int writePreamble(final MutableDirectBuffer dst, final int dstOffset, final int length)
    {
        int op = dstOffset;
        int rest = length;
        while (rest >= 0x80)
        {
            dst.putByte(op++, (byte)(rest | 0x80));
            rest >>>= 7;
        }
        dst.putByte(op++, (byte)rest);
        return op;
    }

    /**
     * Compresses one fragment: the greedy search for a 4-byte sequence seen before, a literal for the bytes before
     * it, then copies for as long as the bytes right after a copy match something too.
     */
    private int compressFragment(
        final DirectBuffer src,
        final int start,
        final int length,
        final int srcEnd,
        final MutableDirectBuffer dst,
        final int dstStart,
        final int dstLimit)
    {
        final int end = start + length;
        int op = dstStart;
        int nextEmit = start;
        if (length >= MIN_MATCHED_FRAGMENT)
        {
            final int shift = Integer.SIZE - clearTable(length);
            final int[] table = this.table;
            final int searchLimit = end - TAIL_LITERAL_BYTES;
            int ip = start + 1;
            int nextBytes = src.getInt(ip, ByteOrder.LITTLE_ENDIAN);
            search:
            while (true)
            {
                int misses = 1 << SKIP_SHIFT;
                int nextIp = ip;
                int candidate;
                int bytes;
                do
                {
                    ip = nextIp;
                    bytes = nextBytes;
                    nextIp = ip + (misses++ >>> SKIP_SHIFT);
                    if (nextIp > searchLimit)
                    {
                        break search;
                    }
                    nextBytes = src.getInt(nextIp, ByteOrder.LITTLE_ENDIAN);
                    final int hash = hash(bytes, shift);
                    candidate = start + table[hash];
                    table[hash] = ip - start;
                }
                while (bytes != src.getInt(candidate, ByteOrder.LITTLE_ENDIAN));

                op = emitLiteral(src, nextEmit, ip - nextEmit, srcEnd, dst, op, dstLimit);
                do
                {
                    final int matched = Integer.BYTES + matchLength(src, candidate + Integer.BYTES,
                        ip + Integer.BYTES, end);
                    op = emitCopy(dst, op, ip - candidate, matched);
                    ip += matched;
                    nextEmit = ip;
                    if (ip >= searchLimit)
                    {
                        break search;
                    }
                    final long eightBytes = src.getLong(ip - 1, ByteOrder.LITTLE_ENDIAN);
                    table[hash((int)eightBytes, shift)] = ip - 1 - start;
                    bytes = (int)(eightBytes >>> Byte.SIZE);
                    final int hash = hash(bytes, shift);
                    candidate = start + table[hash];
                    table[hash] = ip - start;
                }
                while (bytes == src.getInt(candidate, ByteOrder.LITTLE_ENDIAN));
                ip++;
                nextBytes = src.getInt(ip, ByteOrder.LITTLE_ENDIAN);
            }
        }
        if (nextEmit < end)
        {
            op = emitLiteral(src, nextEmit, end - nextEmit, srcEnd, dst, op, dstLimit);
        }
        return op;
    }

    /** Zeroes as much of the table as a fragment of this length uses; returns the bits of its hash. */
    private int clearTable(final int fragmentLength)
    {
        final int bits = Math.max(MIN_TABLE_BITS,
            Math.min(MAX_TABLE_BITS, Integer.SIZE - Integer.numberOfLeadingZeros(fragmentLength - 1)));
        Arrays.fill(table, 0, 1 << bits, 0);
        return bits;
    }

    private static int hash(final int fourBytes, final int shift)
    {
        return (fourBytes * HASH_MULTIPLIER) >>> shift;
    }

    /** How many bytes from {@code ahead} equal those from {@code behind}, not reading at or past {@code end}. */
    private static int matchLength(final DirectBuffer src, final int behind, final int ahead, final int end)
    {
        int matched = 0;
        while (ahead + matched <= end - Long.BYTES)
        {
            final long difference = src.getLong(behind + matched, ByteOrder.LITTLE_ENDIAN) ^
                src.getLong(ahead + matched, ByteOrder.LITTLE_ENDIAN);
            if (difference != 0)
            {
                return matched + (Long.numberOfTrailingZeros(difference) >>> 3);
            }
            matched += Long.BYTES;
        }
        while (ahead + matched < end && src.getByte(behind + matched) == src.getByte(ahead + matched))
        {
            matched++;
        }
        return matched;
    }

    private static int emitLiteral(
        final DirectBuffer src,
        final int from,
        final int length,
        final int srcEnd,
        final MutableDirectBuffer dst,
        final int dstAt,
        final int dstLimit)
    {
        final int lengthMinusOne = length - 1;
        int op = dstAt;
        if (lengthMinusOne < LITERAL_LENGTH_IN_TAG)
        {
            dst.putByte(op++, (byte)(lengthMinusOne << 2 | LITERAL));
            if (length <= SHORT_LITERAL && from + SHORT_LITERAL <= srcEnd && op + SHORT_LITERAL <= dstLimit)
            {
                dst.putLong(op, src.getLong(from));
                dst.putLong(op + Long.BYTES, src.getLong(from + Long.BYTES));
                return op + length;
            }
        }
        else if (lengthMinusOne < 1 << Byte.SIZE)
        {
            dst.putByte(op++, (byte)(LITERAL_LENGTH_IN_TAG << 2 | LITERAL));
            dst.putByte(op++, (byte)lengthMinusOne);
        }
        else
        {
            dst.putByte(op++, (byte)((LITERAL_LENGTH_IN_TAG + 1) << 2 | LITERAL));
            dst.putShort(op, (short)lengthMinusOne, ByteOrder.LITTLE_ENDIAN);
            op += Short.BYTES;
        }
        dst.putBytes(op, src, from, length);
        return op + length;
    }

    /**
     * Emits a copy of {@code length} bytes (at least 4) from {@code distance} back, in as many elements as the
     * format needs: 64 bytes each while more than 67 remain, then 60 if more than 64 remain, so that the last
     * element is never shorter than 4 and may take the 1-byte form.
     */
    private static int emitCopy(final MutableDirectBuffer dst, final int dstAt, final int distance, final int length)
    {
        int op = dstAt;
        int rest = length;
        while (rest >= COPY_MAX_LENGTH + COPY_1_MIN_LENGTH)
        {
            op = emitCopy2(dst, op, distance, COPY_MAX_LENGTH);
            rest -= COPY_MAX_LENGTH;
        }
        if (rest > COPY_MAX_LENGTH)
        {
            op = emitCopy2(dst, op, distance, COPY_MAX_LENGTH - COPY_1_MIN_LENGTH);
            rest -= COPY_MAX_LENGTH - COPY_1_MIN_LENGTH;
        }
        if (rest < COPY_1_LENGTH_LIMIT && distance < COPY_1_MAX_DISTANCE)
        {
            dst.putByte(op, (byte)((distance >>> Byte.SIZE) << 5 | (rest - COPY_1_MIN_LENGTH) << 2 | COPY_1));
            dst.putByte(op + 1, (byte)distance);
            return op + 2;
        }
        return emitCopy2(dst, op, distance, rest);
    }

    private static int emitCopy2(final MutableDirectBuffer dst, final int op, final int distance, final int length)
    {
        dst.putByte(op, (byte)((length - 1) << 2 | COPY_2));
        dst.putShort(op + 1, (short)distance, ByteOrder.LITTLE_ENDIAN);
        return op + 1 + Short.BYTES;
    }
}
