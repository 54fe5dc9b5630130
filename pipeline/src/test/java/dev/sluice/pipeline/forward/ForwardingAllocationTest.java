package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.parser.Corpus;
import dev.sluice.pipeline.forward.remote.RemoteWrite1BatchEncoder;
import dev.sluice.pipeline.forward.remote.RemoteWrite2BatchEncoder;
import dev.sluice.pipeline.forward.remote.SnappyBodyCompression;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.pipeline.worker.WorkerHarness;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Once its series are cached, a scrape of a real node_exporter body through record writer, ring buffer, relabel
 * worker and the forwarder's batching, Remote Write encoding included, allocates nothing on the worker thread: the
 * whole path from body bytes to encoded request.
 */
class ForwardingAllocationTest
{
    private static final String CORPUS = "real-world/node_exporter/e2e-output.txt";
    private static final int WARM_UP_SCRAPES = 200;
    private static final int MEASURED_SCRAPES = 10;
    private static final int ROUNDS = 5;



    @ParameterizedTest
    @ValueSource(strings = {"1.0", "2.0"})
    void cachedScrapeEncodedForRemoteWriteAllocatesNothingOnTheWorker(final String version)
        throws InterruptedException
    {
        final Supplier<? extends BatchEncoder> encoders = "1.0".equals(version) ?
            RemoteWrite1BatchEncoder::new : RemoteWrite2BatchEncoder::new;
        final byte[] bytes = Corpus.bytes(CORPUS);
        final UnsafeBuffer body = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        body.putBytes(0, bytes);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0);
            WriteEndpoint endpoint = new WriteEndpoint("allocation", TestEventLoop.group(),
                URI.create("http://127.0.0.1:" + receiver.port() + "/api/v1/write"), Duration.ofSeconds(10),
                new QueueConfig(20_000, 2, 2_000, Duration.ofSeconds(5), Duration.ofMillis(5),
                    Duration.ofMillis(50), false), 1, encoders, SnappyBodyCompression::new, new DefaultHttpHeaders(),
                line -> { }))
        {
            endpoint.start();
            final SeriesTable table = new SeriesTable();
            final WorkerHarness harness =
                new WorkerHarness(table, System.currentTimeMillis(), new ForwardingSink(table, endpoint.batcher(0)));
            harness.target(harness.defaultTarget);
            harness.recordingOff = true;
            for (int i = 0; i < WARM_UP_SCRAPES; i++)
            {
                scrapeWhenSent(harness, body, bytes.length, endpoint.metrics());
            }
            long allocated = Long.MAX_VALUE;
            final long committedBefore = harness.committedSamples();
            for (int round = 0; round < ROUNDS; round++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < MEASURED_SCRAPES; i++)
                {
                    scrapeWhenSent(harness, body, bytes.length, endpoint.metrics());
                }
                allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertEquals(0L, allocated, "bytes allocated by " + MEASURED_SCRAPES + " scrapes encoded as " + version);
            final long perScrape = (harness.committedSamples() - committedBefore) / (ROUNDS * MEASURED_SCRAPES);
            assertTrue(perScrape > 1000, "samples committed per scrape: " + perScrape);
            assertEquals(0, endpoint.metrics().samplesDropped(), "every sample was encoded into a batch");
            assertTrue(receiver.received().size() > 100, "requests received: " + receiver.received().size());
        }
    }

    /**
     * Scrapes once the shards have sent what is queued, so the batch pool never runs dry and every sample is
     * encoded; the wait spins on counters, allocating nothing.
     */
    private static void scrapeWhenSent(
        final WorkerHarness harness, final UnsafeBuffer body, final int length, final ForwarderMetrics metrics)
    {
        while (metrics.samplesPending() > 0)
        {
            Thread.onSpinWait();
        }
        harness.scrape(body, length);
    }
}
