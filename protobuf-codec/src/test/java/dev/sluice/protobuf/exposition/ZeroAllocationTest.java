package dev.sluice.protobuf.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.EntryKind;

/**
 * After warm-up, decoding a body with every field read (labels copied out, all exemplars selected, native
 * histograms copied into a view and their buckets walked, {@code le} and {@code quantile} formatted) allocates
 * nothing: measured with the thread's allocated-bytes counter around whole passes.
 */
class ZeroAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @ParameterizedTest
    @CsvSource({
        "generated/protobuf-exposition/all-families.bin, 21, 8",
        "generated/protobuf-exposition/all-families.proto3-packed.bin, 21, 8",
        "real-world/dd-agent/protobuf.bin, 405, 0",
    })
    void decodingARealBodyAllocatesNothing(final String file, final int samples, final int histograms)
    {
        final byte[] body = Corpus.bytes(file);
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor();
        final FieldReader reader = new FieldReader();
        long sink = 0;
        for (int i = 0; i < 3000; i++)
        {
            sink += reader.readBody(cursor, body, 0, body.length);
        }
        final int passes = 50;
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < passes; i++)
        {
            sink += reader.readBody(cursor, body, 0, body.length);
        }
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, allocated, "bytes allocated over " + passes + " passes of " + file);
        assertTrue(sink != 0);
        assertEquals(samples, count(cursor, body, EntryKind.SAMPLE));
        assertEquals(histograms, count(cursor, body, EntryKind.HISTOGRAM));
    }

    private static int count(final ProtobufExpositionCursor cursor, final byte[] body, final EntryKind wanted)
    {
        cursor.reset(body, 0, body.length);
        int n = 0;
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            n += kind == wanted ? 1 : 0;
        }
        return n;
    }
}
