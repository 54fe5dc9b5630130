package dev.sluice.protobuf.snappy;

import static dev.sluice.protobuf.snappy.SnappyFormat.COPY_1;
import static dev.sluice.protobuf.snappy.SnappyFormat.COPY_1_MIN_LENGTH;
import static dev.sluice.protobuf.snappy.SnappyFormat.COPY_2;
import static dev.sluice.protobuf.snappy.SnappyFormat.COPY_MAX_LENGTH;
import static dev.sluice.protobuf.snappy.SnappyFormat.KIND_MASK;
import static dev.sluice.protobuf.snappy.SnappyFormat.LITERAL;
import static dev.sluice.protobuf.snappy.SnappyFormat.LITERAL_LENGTH_IN_TAG;
import static dev.sluice.protobuf.snappy.SnappyFormat.MAX_PREAMBLE_BYTES;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import dev.sluice.parser.ParseException;
import dev.sluice.protobuf.TransportFormat;

/**
 * Decompresses Snappy blocks, the bodies of Remote Write requests, into an Agrona buffer. The input is untrusted:
 * every length and distance is checked before a byte moves, so nothing is read outside the given range and nothing
 * is written outside the declared output, and any malformed block (a truncated element, a copy from before the
 * output's start or at distance 0, output longer or shorter than its preamble says, a preamble over 32 bits) ends
 * in {@link ParseException} naming {@link TransportFormat#SNAPPY} and the offset in the block. A declared length
 * above the decompressor's limit is rejected before any output is written, which bounds the memory a small hostile
 * body can make the receiver take. No allocation on success.
 */
public final class SnappyDecompressor
{
    /** The largest limit a decompressor takes: the largest Agrona buffer. */
    public static final int MAX_LIMIT = Integer.MAX_VALUE - 8;

    /**
     * Output bytes one input byte can stand for at most: a 3-byte copy writes 64 bytes. A declared length beyond
     * this multiple of the input is impossible and rejected before the output buffer grows.
     */
    private static final int MAX_EXPANSION = (COPY_MAX_LENGTH + 2) / 3;
    /** Literals and copies up to this length are moved as longs; longer ones as block copies where they can. */
    private static final int CHUNKED_MOVE = 4 * Long.BYTES;

    private final int maxUncompressedLength;

    /**
     * Creates a decompressor.
     *
     * @param maxUncompressedLength the longest output it accepts, at most {@link #MAX_LIMIT}: a body declaring
     *                              more is rejected before any work.
     */
    public SnappyDecompressor(final int maxUncompressedLength)
    {
        if (maxUncompressedLength < 0 || maxUncompressedLength > MAX_LIMIT)
        {
            throw new IllegalArgumentException("limit " + maxUncompressedLength + " is not in [0, " + MAX_LIMIT + "]");
        }
        this.maxUncompressedLength = maxUncompressedLength;
    }

    /**
     * The longest output this decompressor accepts.
     *
     * @return the limit in bytes.
     */
    public int maxUncompressedLength()
    {
        return maxUncompressedLength;
    }

    /**
     * Reads the uncompressed length a block declares in its preamble, without checking the rest of the block or
     * the limit: the size of the buffer a caller would need.
     *
     * @param src    the block.
     * @param offset index of its first byte.
     * @param length its length.
     * @return the declared length.
     * @throws ParseException if the preamble is truncated, longer than 5 bytes or above {@code 2^31 - 1}.
     */
    public static int uncompressedLength(final DirectBuffer src, final int offset, final int length)
    {
        return (int)readPreamble(src, offset, offset + length);
    }

    /**
     * Decompresses the block of {@code length} bytes at {@code offset} of {@code src} into {@code dst} from index 0.
     *
     * @param src    the block.
     * @param offset index of its first byte.
     * @param length its length.
     * @param dst    where the output goes; an expandable buffer grows to the declared length, a fixed one must have
     *               room for it (a block declaring more is rejected).
     * @return the length of the output.
     * @throws ParseException if the block is malformed or declares more than the limit or the room of {@code dst}.
     */
    public int decompress(final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer dst)
    {
        return decompress(src, offset, length, dst, 0);
    }

    /**
     * Decompresses the block of {@code length} bytes at {@code offset} of {@code src} into {@code dst} from {@code
     * dstOffset}. Only the declared output range of {@code dst} is written.
     *
     * @param src       the block.
     * @param offset    index of its first byte.
     * @param length    its length.
     * @param dst       where the output goes; an expandable buffer grows to the declared length, a fixed one must
     *                  have room for it (a block declaring more is rejected).
     * @param dstOffset index of the first output byte.
     * @return the length of the output.
     * @throws ParseException if the block is malformed or declares more than the limit or the room of {@code dst}.
     */
    public int decompress(
        final DirectBuffer src,
        final int offset,
        final int length,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        final int end = offset + length;
        final long preamble = readPreamble(src, offset, end);
        final int ipStart = offset + preambleLength(preamble);
        final int declared = (int)preamble;
        checkDeclaredLength(src, offset, end, declared, (long)(end - ipStart) * MAX_EXPANSION,
            dst.isExpandable() ? MAX_LIMIT - dstOffset : dst.capacity() - dstOffset);
        dst.checkLimit(dstOffset + declared);
        final int opEnd = dstOffset + declared;
        int ip = ipStart;
        int op = dstOffset;
        while (ip < end)
        {
            final int tagAt = ip;
            final int tag = src.getByte(ip++) & 0xFF;
            final int kind = tag & KIND_MASK;
            if (kind == LITERAL)
            {
                long literalLength = (tag >>> 2) + 1;
                if (literalLength > LITERAL_LENGTH_IN_TAG)
                {
                    final int lengthBytes = (int)literalLength - LITERAL_LENGTH_IN_TAG;
                    if (end - ip < lengthBytes)
                    {
                        throw error("literal length truncated", src, offset, end, tagAt);
                    }
                    literalLength = readLiteralLength(src, ip, lengthBytes) + 1;
                    ip += lengthBytes;
                }
                if (literalLength > end - ip)
                {
                    throw error("literal of " + literalLength + " bytes runs past the end of the block (" +
                        (end - ip) + " bytes left)", src, offset, end, tagAt);
                }
                if (literalLength > opEnd - op)
                {
                    throw error("literal of " + literalLength + " bytes runs past the declared length " + declared,
                        src, offset, end, tagAt);
                }
                op = moveLiteral(src, ip, end, (int)literalLength, dst, op, opEnd);
                ip += (int)literalLength;
                continue;
            }
            final int copyLength;
            final long distance;
            if (kind == COPY_1)
            {
                if (ip == end)
                {
                    throw error("copy distance truncated", src, offset, end, tagAt);
                }
                copyLength = ((tag >>> 2) & 7) + COPY_1_MIN_LENGTH;
                distance = (tag >>> 5) << Byte.SIZE | src.getByte(ip++) & 0xFF;
            }
            else if (kind == COPY_2)
            {
                if (end - ip < Short.BYTES)
                {
                    throw error("copy distance truncated", src, offset, end, tagAt);
                }
                copyLength = (tag >>> 2) + 1;
                distance = src.getShort(ip, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                ip += Short.BYTES;
            }
            else
            {
                // The fourth kind: a copy whose distance takes four bytes.
                if (end - ip < Integer.BYTES)
                {
                    throw error("copy distance truncated", src, offset, end, tagAt);
                }
                copyLength = (tag >>> 2) + 1;
                distance = src.getInt(ip, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
                ip += Integer.BYTES;
            }
            if (distance == 0 || distance > op - dstOffset)
            {
                throw error("copy from distance " + distance + " with " + (op - dstOffset) + " bytes written",
                    src, offset, end, tagAt);
            }
            if (copyLength > opEnd - op)
            {
                throw error("copy of " + copyLength + " bytes runs past the declared length " + declared,
                    src, offset, end, tagAt);
            }
            op = moveCopy(dst, op, (int)distance, copyLength, opEnd);
        }
        if (op != opEnd)
        {
            throw error("block ends after " + (op - dstOffset) + " of the " + declared + " declared bytes",
                src, offset, end, end);
        }
        return declared;
    }

    private void checkDeclaredLength(
        final DirectBuffer src,
        final int offset,
        final int end,
        final int declared,
        final long reachable,
        final long room)
    {
        if (declared > maxUncompressedLength)
        {
            throw error("declared length " + declared + " above the limit of " + maxUncompressedLength,
                src, offset, end, offset);
        }
        if (declared > room)
        {
            throw error("declared length " + declared + " above the room of " + room + " bytes in the output",
                src, offset, end, offset);
        }
        if (declared > reachable)
        {
            throw error("declared length " + declared + " beyond what " + (end - offset) + " bytes can hold",
                src, offset, end, offset);
        }
    }

    /**
     * Reads the preamble; returns the length in the low 32 bits and the count of preamble bytes above them, so that
     * the hot path needs no second read and no field.
     */
    private static long readPreamble(final DirectBuffer src, final int offset, final int end)
    {
        long value = 0;
        for (int i = 0; i < MAX_PREAMBLE_BYTES; i++)
        {
            if (offset + i >= end)
            {
                throw error("preamble truncated", src, offset, end, offset + i);
            }
            final int b = src.getByte(offset + i) & 0xFF;
            value |= (long)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                if (value > Integer.MAX_VALUE)
                {
                    throw error("declared length " + value + " above 2^31 - 1", src, offset, end, offset);
                }
                return value | (long)(i + 1) << Integer.SIZE;
            }
        }
        throw error("preamble longer than " + MAX_PREAMBLE_BYTES + " bytes", src, offset, end, offset);
    }

    private static int preambleLength(final long preamble)
    {
        return (int)(preamble >>> Integer.SIZE);
    }

    /** Reads the 1 to 4 little-endian length bytes of a long literal, unsigned. */
    private static long readLiteralLength(final DirectBuffer src, final int at, final int bytes)
    {
        long value = 0;
        for (int i = 0; i < bytes; i++)
        {
            value |= (src.getByte(at + i) & 0xFFL) << (Byte.SIZE * i);
        }
        return value;
    }

    /**
     * Moves a literal. Up to {@value #CHUNKED_MOVE} bytes go as longs, which may run past the literal's end (never
     * past the block or the declared output): the bytes after it are written again by the next elements.
     */
    private static int moveLiteral(
        final DirectBuffer src,
        final int ip,
        final int end,
        final int length,
        final MutableDirectBuffer dst,
        final int op,
        final int opEnd)
    {
        if (length <= CHUNKED_MOVE && ip + CHUNKED_MOVE <= end && op + CHUNKED_MOVE <= opEnd)
        {
            for (int k = 0; k < length; k += Long.BYTES)
            {
                dst.putLong(op + k, src.getLong(ip + k));
            }
        }
        else
        {
            dst.putBytes(op, src, ip, length);
        }
        return op + length;
    }

    /**
     * Copies {@code length} bytes from {@code distance} back, which may overlap the bytes being written: the output
     * then repeats with period {@code distance}. Longs are moved only where every byte they read is already final,
     * so a period under 8 bytes is first widened to a multiple of itself of at least 8, after as many single bytes
     * as the widening needs. Longs may run past the copy's end, never past the declared output: the bytes after it
     * are written again by the next elements. A copy longer than {@value #CHUNKED_MOVE} bytes that does not overlap
     * its source moves in one block copy.
     */
    private static int moveCopy(
        final MutableDirectBuffer dst,
        final int op,
        final int distance,
        final int length,
        final int opEnd)
    {
        final int end = op + length;
        if (distance >= length && length > CHUNKED_MOVE)
        {
            dst.putBytes(op, dst, op - distance, length);
            return end;
        }
        int at = op;
        int period = distance;
        if (distance < Long.BYTES)
        {
            while (period < Long.BYTES)
            {
                period <<= 1;
            }
            final int bytewiseEnd = Math.min(end, op + period - distance);
            while (at < bytewiseEnd)
            {
                dst.putByte(at, dst.getByte(at - distance));
                at++;
            }
        }
        final int longsEnd = Math.min(end, opEnd - Long.BYTES + 1);
        while (at < longsEnd)
        {
            dst.putLong(at, dst.getLong(at - period));
            at += Long.BYTES;
        }
        while (at < end)
        {
            dst.putByte(at, dst.getByte(at - period));
            at++;
        }
        return end;
    }

    private static ParseException error(
        final String reason,
        final DirectBuffer src,
        final int offset,
        final int end,
        final int at)
    {
        return ParseException.atBinaryOffset(TransportFormat.SNAPPY, reason, src, offset, end, at);
    }
}
