package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.pipeline.forward.RemoteWriteConfig.MetadataConfig;
import dev.sluice.pipeline.forward.remote.RemoteWrite1BatchEncoder;
import dev.sluice.pipeline.forward.remote.RemoteWrite2BatchEncoder;
import dev.sluice.pipeline.forward.remote.SnappyBodyCompression;
import dev.sluice.pipeline.record.NativeHistograms;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.pipeline.worker.WorkerHarness;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Once its series are cached, a scrape of a real node_exporter body, or of a protobuf body of native histograms,
 * or of an OpenMetrics body whose samples carry exemplars sent with {@code send_exemplars}, through record writer,
 * ring buffer, relabel worker and the forwarder's batching, Remote Write encoding included, allocates nothing on the
 * worker thread: the whole path from body bytes to encoded request. The text bodies are scraped with family metadata
 * on, sent every 50 ms (1.0) or with each series (2.0), so a steady target's metadata costs no allocation either.
 */
class ForwardingAllocationTest
{
    private static final String CORPUS = "real-world/node_exporter/e2e-output.txt";
    private static final int WARM_UP_SCRAPES = 200;
    private static final int MEASURED_SCRAPES = 10;
    private static final int ROUNDS = 5;
    private static final int HISTOGRAM_FAMILIES = 300;
    private static final int EXEMPLAR_SERIES = 2_000;

    /** How a measured body is scraped. */
    private enum Format
    {
        TEXT, PROTOBUF, OPENMETRICS
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "2.0"})
    void cachedScrapeEncodedForRemoteWriteAllocatesNothingOnTheWorker(final String version)
        throws InterruptedException
    {
        final byte[] bytes = Corpus.bytes(CORPUS);
        final long perScrape = committedPerScrapeWithoutAllocation(version, bytes, Format.TEXT).samples();
        assertTrue(perScrape > 1000, "samples committed per scrape: " + perScrape);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "2.0"})
    void cachedProtobufScrapeWithNativeHistogramsAllocatesNothingOnTheWorker(final String version)
        throws InterruptedException
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < HISTOGRAM_FAMILIES; i++)
        {
            final NativeHistogramView histogram = i % 2 == 0 ? NativeHistograms.integer() : NativeHistograms.floating();
            body.writeBytes(NativeHistograms.family("sluice_histogram_" + i, new String[] {"shard", "s" + i % 7},
                histogram, 0, 10));
        }
        final long perScrape =
            committedPerScrapeWithoutAllocation(version, body.toByteArray(), Format.PROTOBUF).samples();
        assertEquals(HISTOGRAM_FAMILIES * 5 + 5, perScrape, "histograms, their classic series and the report");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "2.0"})
    void cachedScrapeWithExemplarsSentAllocatesNothingOnTheWorker(final String version) throws InterruptedException
    {
        final StringBuilder body = new StringBuilder("# TYPE sluice_requests counter\n");
        for (int i = 0; i < EXEMPLAR_SERIES; i++)
        {
            body.append("sluice_requests_total{path=\"/p").append(i).append("\"} ").append(i)
                .append(" # {trace_id=\"").append(Long.toHexString(0x5eed_0000_0000L + i)).append("\"} 0.").append(i)
                .append(i % 5 == 0 ? " 1700000000.5\n" : "\n");
        }
        body.append("# EOF\n");

        final Committed perScrape = committedPerScrapeWithoutAllocation(version,
            body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), Format.OPENMETRICS);

        assertEquals(EXEMPLAR_SERIES + 5, perScrape.samples(), "the counters and the report");
        assertEquals(EXEMPLAR_SERIES * 4 / 5, perScrape.exemplars(),
            "the exemplars without timestamp, new every scrape; the timestamped ones repeat and are not sent again");
    }

    /** Samples and histograms, and exemplars, committed per measured scrape. */
    private record Committed(long samples, long exemplars)
    {
    }

    /**
     * Scrapes a body until its series are cached and its batches warm, then measures the bytes the worker thread
     * allocates over further scrapes, which must be 0.
     *
     * @return what was committed per measured scrape.
     */
    private static Committed committedPerScrapeWithoutAllocation(
        final String version, final byte[] bytes, final Format format) throws InterruptedException
    {
        final Supplier<? extends BatchEncoder> encoders = "1.0".equals(version) ?
            RemoteWrite1BatchEncoder::new : RemoteWrite2BatchEncoder::new;
        final UnsafeBuffer body = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        body.putBytes(0, bytes);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0);
            WriteEndpoint endpoint = new WriteEndpoint("allocation", TestEventLoop.group(),
                URI.create("http://127.0.0.1:" + receiver.port() + "/api/v1/write"), Duration.ofSeconds(10),
                new QueueConfig(20_000, 2, 2_000, Duration.ofSeconds(5), Duration.ofMillis(5),
                    Duration.ofMillis(50), false).withShards(2, 3), 1, encoders, SnappyBodyCompression::new,
                new DefaultHttpHeaders(), line -> { }).shardUpdatePeriod(Duration.ofHours(1))
                .sendExemplars(format == Format.OPENMETRICS)
                .sendMetadata(new MetadataConfig(format != Format.PROTOBUF, Duration.ofMillis(50), 2_000)))
        {
            endpoint.start();
            final SeriesTable table = new SeriesTable();
            final WorkerHarness harness =
                new WorkerHarness(table, System.currentTimeMillis(), new ForwardingSink(table, endpoint.batcher(0)));
            harness.target(harness.defaultTarget);
            harness.recordingOff = true;
            if (format != Format.PROTOBUF)
            {
                harness.metadataRecords();
            }
            for (int i = 0; i < WARM_UP_SCRAPES; i++)
            {
                scrapeWhenSent(harness, body, bytes.length, format, endpoint.metrics());
            }
            // Measured after a reshard: the worker made its batches for the new shard once, during the warm-up.
            assertTrue(endpoint.reshard(3), "reshard from 2 to 3 shards");
            for (int i = 0; i < WARM_UP_SCRAPES; i++)
            {
                scrapeWhenSent(harness, body, bytes.length, format, endpoint.metrics());
            }
            assertEquals(3, endpoint.metrics().shards());
            long allocated = Long.MAX_VALUE;
            final long committedBefore = harness.committedSamples() + harness.committedHistograms();
            final long exemplarsBefore = harness.committedExemplars();
            for (int round = 0; round < ROUNDS; round++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < MEASURED_SCRAPES; i++)
                {
                    scrapeWhenSent(harness, body, bytes.length, format, endpoint.metrics());
                }
                allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertEquals(0L, allocated, "bytes allocated by " + MEASURED_SCRAPES + " scrapes encoded as " + version);
            assertEquals(0, endpoint.metrics().samplesDropped(), "every sample was encoded into a batch");
            assertTrue(receiver.received().size() > 100, "requests received: " + receiver.received().size());
            final long committed = harness.committedSamples() + harness.committedHistograms() - committedBefore;
            final long exemplars = harness.committedExemplars() - exemplarsBefore;
            if (format != Format.PROTOBUF && "1.0".equals(version))
            {
                assertTrue(MetadataDeliveryTest.metadataRequests(receiver).size() > ROUNDS,
                    "metadata requests: " + MetadataDeliveryTest.metadataRequests(receiver).size());
            }
            if (format == Format.OPENMETRICS)
            {
                assertTrue(endpoint.metrics().exemplarsSent() > exemplars, "exemplars sent: " +
                    endpoint.metrics().exemplarsSent());
                assertEquals(0, endpoint.metrics().exemplarsDropped());
            }
            return new Committed(committed / (ROUNDS * MEASURED_SCRAPES), exemplars / (ROUNDS * MEASURED_SCRAPES));
        }
    }

    /**
     * Scrapes once the shards have sent what is queued, so the batch pool never runs dry and every sample is
     * encoded; the wait spins on counters, allocating nothing.
     */
    private static void scrapeWhenSent(
        final WorkerHarness harness,
        final UnsafeBuffer body,
        final int length,
        final Format format,
        final ForwarderMetrics metrics)
    {
        while (metrics.samplesPending() > 0)
        {
            Thread.onSpinWait();
        }
        switch (format)
        {
            case PROTOBUF -> harness.scrapeProtobuf(body, length);
            case OPENMETRICS -> harness.scrapeOpenMetrics(body, length);
            default -> harness.scrape(body, length);
        }
    }
}
