package dev.sluice.protobuf.snappy;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The Sluice compressor and decompressor behind byte arrays, for tests that compare bytes: the input is placed at
 * a non-zero offset of a larger array so that offsets are exercised, and the output lands off-heap.
 */
final class SnappyCodec
{
    /** The decompressor's limit in the tests: well above the largest generated body. */
    static final int LIMIT = 64 * 1024 * 1024;

    private static final int INPUT_OFFSET = 5;
    private static final int OUTPUT_OFFSET = 3;

    private final SnappyCompressor compressor = new SnappyCompressor();
    private final SnappyDecompressor decompressor = new SnappyDecompressor(LIMIT);
    private final ExpandableDirectByteBuffer output = new ExpandableDirectByteBuffer(1024);

    /** Compresses with Sluice's compressor. */
    byte[] compress(final byte[] body)
    {
        final int length = compressor.compress(atOffset(body), INPUT_OFFSET, body.length, output, OUTPUT_OFFSET);
        return copyOut(length);
    }

    /** Decompresses with Sluice's decompressor. */
    byte[] decompress(final byte[] block)
    {
        final int length = decompressor.decompress(atOffset(block), INPUT_OFFSET, block.length, output,
            OUTPUT_OFFSET);
        return copyOut(length);
    }

    private static UnsafeBuffer atOffset(final byte[] bytes)
    {
        final byte[] shifted = new byte[INPUT_OFFSET + bytes.length];
        System.arraycopy(bytes, 0, shifted, INPUT_OFFSET, bytes.length);
        return new UnsafeBuffer(shifted);
    }

    private byte[] copyOut(final int length)
    {
        final byte[] copy = new byte[length];
        output.getBytes(OUTPUT_OFFSET, copy);
        return copy;
    }
}
