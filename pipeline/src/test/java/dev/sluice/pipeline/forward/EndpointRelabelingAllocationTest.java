package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.pipeline.forward.http.HttpClientSettings;
import dev.sluice.pipeline.forward.remote.RemoteWrite1BatchEncoder;
import dev.sluice.pipeline.forward.remote.SnappyBodyCompression;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.RelabelSection;
import dev.sluice.pipeline.series.SeriesTable;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;

/**
 * Once every series has been relabeled for the endpoint, appending samples on the worker thread allocates nothing:
 * the endpoint's answer per series is an array lookup, dropped samples are counted, kept ones encoded.
 */
class EndpointRelabelingAllocationTest
{
    private static final int SERIES = 500;
    private static final int WARM_UP_ROUNDS = 2_000;
    private static final int MEASURED_ROUNDS = 100;
    private static final int TRIES = 5;

    @Test
    void appendingSamplesOfRelabeledSeriesAllocatesNothing() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(group, 0);
            WriteEndpoint endpoint = new WriteEndpoint("alloc", group,
                URI.create("http://127.0.0.1:" + receiver.port() + "/write"), Duration.ofSeconds(5),
                QueueConfig.DEFAULTS.withBatch(500, Duration.ofHours(1)).withSampleAgeLimit(Duration.ofDays(1)), 1,
                RemoteWrite1BatchEncoder::new, SnappyBodyCompression::new, new DefaultHttpHeaders(),
                new WriteRelabeling(Map.of("cluster", "eu", "replica", "a"), RelabelConfigs.fromYaml("""
                    - {source_labels: [__name__], regex: 'm1.*', action: drop}
                    - {source_labels: [instance], target_label: host, regex: '(.*):.*'}
                    """, RelabelSection.REMOTE_WRITE, NameValidationScheme.UTF8)),
                line -> { }, HttpClientSettings.DEFAULTS))
        {
            endpoint.start();
            final SeriesTable table = new SeriesTable();
            final int[] ids = new int[SERIES];
            for (int i = 0; i < SERIES; i++)
            {
                ids[i] = table.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "m" + i)
                    .set("instance", "host-" + i % 7 + ":9100"));
            }
            final ForwardingSink sink = new ForwardingSink(table, endpoint.batcher(0));
            final long now = System.currentTimeMillis();
            for (int round = 0; round < WARM_UP_ROUNDS; round++)
            {
                commit(sink, ids, now + round);
            }
            long allocated = Long.MAX_VALUE;
            for (int attempt = 0; attempt < TRIES; attempt++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int round = 0; round < MEASURED_ROUNDS; round++)
                {
                    commit(sink, ids, now + round);
                }
                allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
            }

            assertEquals(0L, allocated, "bytes allocated by " + MEASURED_ROUNDS * SERIES + " samples");
            assertEquals(SERIES, endpoint.batcher(0).endpointSeries().relabelPasses());
            assertTrue(endpoint.metrics().samplesDroppedByRelabel() > 0, "the m1* series are dropped");
        }
        finally
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void commit(final ForwardingSink sink, final int[] ids, final long timestampMs)
    {
        sink.beginCommit(1, timestampMs, 0);
        for (final int id : ids)
        {
            sink.sample(id, timestampMs, Double.doubleToRawLongBits(timestampMs));
        }
        sink.endCommit(1, timestampMs, 0);
        sink.flushAll();
    }
}
