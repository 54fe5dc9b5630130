package dev.sluice.pipeline.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import dev.sluice.parser.Corpus;
import dev.sluice.pipeline.series.SeriesCache;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once its series are cached, a scrape of a real node_exporter body through the record writer, the ring buffer and
 * the worker allocates nothing; and what a cached series costs in memory.
 */
class WorkerAllocationTest
{
    private static final String CORPUS = "real-world/node_exporter/e2e-output.txt";
    private static final int WARM_UP_SCRAPES = 300;
    private static final int MEASURED_SCRAPES = 20;
    private static final int ROUNDS = 5;

    private final WorkerHarness harness = new WorkerHarness();
    private final UnsafeBuffer body;
    private final int length;

    WorkerAllocationTest()
    {
        final byte[] bytes = Corpus.bytes(CORPUS);
        length = bytes.length;
        body = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
        body.putBytes(0, bytes);
    }

    @ParameterizedTest(name = "type and unit labels {0}")
    @ValueSource(booleans = {false, true})
    void cachedScrapeAllocatesNothingPerSample(final boolean typeAndUnitLabels)
    {
        harness.target(harness.defaultTarget.withTypeAndUnitLabels(typeAndUnitLabels));
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertEquals("begin 1 committed", harness.scrape(body, length).get(0));
        harness.recordingOff = true;
        for (int i = 0; i < WARM_UP_SCRAPES; i++)
        {
            harness.scrape(body, length);
        }
        // The least of a few rounds, so that a one-off event of the JVM (a compilation) does not count.
        long allocated = Long.MAX_VALUE;
        final long committedBefore = harness.committedSamples();
        for (int round = 0; round < ROUNDS; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED_SCRAPES; i++)
            {
                harness.scrape(body, length);
            }
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
        }

        assertEquals(0L, allocated, "bytes allocated by " + MEASURED_SCRAPES + " cached scrapes");
        final long perScrape = (harness.committedSamples() - committedBefore) / (ROUNDS * MEASURED_SCRAPES);
        assertTrue(perScrape > 1000, "samples committed per scrape: " + perScrape);
    }

    @Test
    void cachedSeriesCostFewerThanOneHundredFiftyBytesEach()
    {
        harness.target(harness.defaultTarget);
        harness.scrape(body, length);
        final SeriesCache cache = harness.worker.seriesCache(WorkerHarness.TARGET);

        final double bytesPerSeries = (double)cache.bytesUsed() / cache.size();

        System.out.printf("series cache: %d series, %d bytes, %.1f bytes per series%n",
            cache.size(), cache.bytesUsed(), bytesPerSeries);
        assertTrue(cache.size() > 1000, "series cached: " + cache.size());
        assertTrue(bytesPerSeries < 150, "bytes per cached series: " + bytesPerSeries);
    }
}
