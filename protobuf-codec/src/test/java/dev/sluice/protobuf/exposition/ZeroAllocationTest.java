package dev.sluice.protobuf.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.EntryKind;
import dev.sluice.parser.NativeHistogramView;

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

    /**
     * With every histogram option on, the fixtures' native histograms are reduced (by the bucket limit of 4 to
     * schemas -2 and -1, by the factor 1.1 from schemas 3 and 8 to 2) and the classic histogram is converted to
     * custom buckets: still nothing is allocated per body.
     */
    @Test
    void reducingAndConvertingHistogramsAllocatesNothing()
    {
        final byte[] body = Corpus.bytes("generated/protobuf-exposition/all-families.bin");
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor()
            .histogramOptions(new HistogramScrapeOptions(true, true, true, 4, 1.1));
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
        assertEquals(0, allocated, "bytes allocated over " + passes + " passes with reduction and conversion");
        assertTrue(sink != 0);
        assertEquals("-53:1 -4:1 -2:1 -1:1 0:1 1:1 2:3", schemas(cursor, body));
    }

    /** How many HISTOGRAM entries of a body have each schema, as {@code schema:count} in schema order. */
    private static String schemas(final ProtobufExpositionCursor cursor, final byte[] body)
    {
        final TreeMap<Integer, Integer> counts = new TreeMap<>();
        final NativeHistogramView view = new NativeHistogramView();
        cursor.reset(body, 0, body.length);
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind == EntryKind.HISTOGRAM)
            {
                counts.merge(cursor.histogram(view).schema(), 1, Integer::sum);
            }
        }
        final StringBuilder sb = new StringBuilder();
        counts.forEach((schema, n) -> sb.append(sb.length() == 0 ? "" : " ").append(schema).append(':').append(n));
        return sb.toString();
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
