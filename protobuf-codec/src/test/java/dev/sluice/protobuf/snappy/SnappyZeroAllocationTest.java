package dev.sluice.protobuf.snappy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.parser.Corpus;

/**
 * After warm-up, compressing a Remote Write body and decompressing the result, and decompressing the corpus block
 * of the same body, allocate nothing: measured with the thread's allocated-bytes counter around whole passes. The
 * body is also repeated past one 64 KiB fragment, so that the fragment loop and the table reset are measured too.
 */
class SnappyZeroAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private final SnappyCompressor compressor = new SnappyCompressor();
    private final SnappyDecompressor decompressor = new SnappyDecompressor(SnappyCodec.LIMIT);
    private final ExpandableDirectByteBuffer compressed = new ExpandableDirectByteBuffer(64);
    private final ExpandableDirectByteBuffer decompressed = new ExpandableDirectByteBuffer(64);

    @ParameterizedTest
    @ValueSource(strings = {"generated/remote-write/rw1_write_request.pb", "generated/remote-write/rw2_request.pb"})
    void compressingAndDecompressingARemoteWriteBodyAllocatesNothing(final String file)
    {
        final byte[] pb = Corpus.bytes(file);
        final byte[] corpusBlock = Corpus.bytes(file + ".snappy");
        final byte[] repeated = new byte[pb.length * 200];
        for (int i = 0; i < 200; i++)
        {
            System.arraycopy(pb, 0, repeated, i * pb.length, pb.length);
        }
        final UnsafeBuffer body = new UnsafeBuffer(pb);
        final UnsafeBuffer block = new UnsafeBuffer(corpusBlock);
        final UnsafeBuffer large = new UnsafeBuffer(repeated);
        long sink = 0;
        for (int i = 0; i < 3000; i++)
        {
            sink += pass(body, block, large);
        }
        final int passes = 50;
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < passes; i++)
        {
            sink += pass(body, block, large);
        }
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, allocated, "bytes allocated over " + passes + " passes of " + file);
        assertEquals(3050L * (2 * pb.length + repeated.length), sink);
        assertTrue(decompressed.capacity() >= repeated.length);
    }

    /** One round: the body compressed and read back, the corpus block read, the large body compressed and read. */
    private long pass(final UnsafeBuffer body, final UnsafeBuffer block, final UnsafeBuffer large)
    {
        long sink = 0;
        int length = compressor.compress(body, 0, body.capacity(), compressed, 0);
        sink += decompressor.decompress(compressed, 0, length, decompressed);
        sink += decompressor.decompress(block, 0, block.capacity(), decompressed);
        length = compressor.compress(large, 0, large.capacity(), compressed, 0);
        sink += decompressor.decompress(compressed, 0, length, decompressed);
        return sink;
    }
}
