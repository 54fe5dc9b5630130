package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;
import org.xerial.snappy.Snappy;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sluice.parser.ParseException;
import dev.sluice.protobuf.TransportFormat;
import dev.sluice.protobuf.snappy.SnappyDecompressor;

/**
 * Fuzz target of the Snappy decompressor (sluice-protobuf-codec): any bytes, read as a block at a non-zero offset
 * of a buffer that ends where the block ends (so a read past the block fails Agrona's bounds check), decompress to
 * their declared length or end in {@code ParseException} naming Snappy and an offset inside the block, within the
 * work budget, and nothing past the declared output is written. The verdict agrees with the reference
 * implementation (snappy-java): Sluice accepts exactly the blocks it calls valid that declare at most the limit,
 * with the same output. Seeds are in {@code SnappyDecompressorFuzzTestInputs/decompressesOrRejects/}.
 */
class SnappyDecompressorFuzzTest
{
    /** The decompressor's limit, and the size of its fixed output buffer: nothing grows during a run. */
    private static final int LIMIT = 1 << 16;
    private static final byte MARKER = (byte)0xA5;

    private final SnappyDecompressor decompressor = new SnappyDecompressor(LIMIT);
    private final UnsafeBuffer input = new UnsafeBuffer(new byte[0]);
    private final byte[] output = new byte[LIMIT + FuzzTargets.PADDING];
    private final UnsafeBuffer outputBuffer = new UnsafeBuffer(output, 0, LIMIT);

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void decompressesOrRejects(final byte[] block) throws IOException
    {
        input.wrap(FuzzTargets.padded(block), 0, FuzzTargets.PADDING + block.length);
        Arrays.fill(output, MARKER);
        final long written = InputBudget.DECODER.run(block.length, this::decompress);
        final boolean reference = Snappy.isValidCompressedBuffer(block) && Snappy.uncompressedLength(block) <= LIMIT;
        if (written < 0)
        {
            assertTrue(!reference, "rejected a block the reference decompresses");
            return;
        }
        assertTrue(reference, "accepted a block the reference rejects");
        assertEquals(SnappyDecompressor.uncompressedLength(input, FuzzTargets.PADDING, block.length), written);
        assertArrayEquals(Snappy.uncompress(block), Arrays.copyOf(output, (int)written));
        for (int i = (int)written; i < output.length; i++)
        {
            assertEquals(MARKER, output[i], "output byte " + i + " past the declared length");
        }
    }

    /** The declared length on success, -1 for {@link ParseException}, which must name Snappy and the block. */
    private long decompress()
    {
        final int length = input.capacity() - FuzzTargets.PADDING;
        try
        {
            return decompressor.decompress(input, FuzzTargets.PADDING, length, outputBuffer);
        }
        catch (final ParseException ex)
        {
            assertEquals(TransportFormat.SNAPPY, ex.format());
            assertTrue(ex.offset() >= 0 && ex.offset() <= length, "offset " + ex.offset() + " of " + length);
            return -1;
        }
    }
}
