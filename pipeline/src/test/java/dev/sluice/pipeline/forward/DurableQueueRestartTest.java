package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.parser.testkit.DebianServers;
import dev.sluice.parser.testkit.LocalServerProcess;
import dev.sluice.pipeline.forward.durable.DurableQueueConfig;
import dev.sluice.pipeline.forward.durable.FullPolicy;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * Sluice restarts while a real VictoriaMetrics is down: the first run scrapes into an endpoint with a durable queue
 * and closes with nothing delivered; the database comes back; a second run over the same directory sends what the
 * first left on disk before its own scrapes. The database then holds every sample committed by either run exactly
 * once (VictoriaMetrics keeps duplicates, so a sample sent twice would show), and the counters say so: kept on
 * disk by the first run, replayed and delivered by the second, nothing abandoned or dropped.
 */
class DurableQueueRestartTest
{
    private static final int FIRST_RUN_SCRAPES = 15;
    private static final long SECOND_RUN_MS = 2_000;
    private static EventLoopGroup group;

    @TempDir
    Path directory;

    @BeforeAll
    static void startEventLoop()
    {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopEventLoop()
    {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void everySampleOfBothRunsArrivesOnceAfterSluiceRestartedDuringAnOutage() throws Exception
    {
        final long startMs = (System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1)) / 1000 * 1000;
        // Two shards, batches of 5 samples and 4 KiB segments: the first run fills more than one segment per shard.
        final QueueConfig queue = new QueueConfig(10_000, 2, 5, Duration.ofMillis(100), Duration.ofMillis(30),
            Duration.ofSeconds(1), false);
        final DurableQueueConfig durable = new DurableQueueConfig(directory, DurableQueueConfig.MIN_SEGMENT_BYTES,
            1024 * 1024, FullPolicy.DROP_OLDEST, false);
        try (LocalServerProcess victoria = LocalServerProcess.start(DebianServers.victoriaMetrics()))
        {
            victoria.stopForOutage();
            final ScrapeWorkload first = new ScrapeWorkload(group, victoria.uri("/api/v1/write"), queue, startMs,
                durable);
            for (int i = 0; i < FIRST_RUN_SCRAPES; i++)
            {
                first.scrape();
                Thread.sleep(200);
            }
            first.flush();
            first.close();
            final ForwarderMetrics before = first.endpoint.metrics();
            final long firstCommitted = committed(first);
            assertEquals(0, before.samplesSent(), "the database was down all along");
            assertEquals(firstCommitted, before.samplesKeptOnDisk(), "every committed sample stays on disk");
            assertEquals(0, before.samplesAbandoned());
            assertEquals(0, before.samplesDropped());
            assertEquals(0, before.samplesDroppedDurableFull());
            assertEquals(0, before.samplesPending());
            for (final String shard : List.of("shard-0", "shard-1"))
            {
                try (Stream<Path> files = Files.list(directory.resolve("e2e").resolve(shard)))
                {
                    assertTrue(files.filter(f -> f.toString().endsWith(".seg")).count() >= 2, shard + " rolled");
                }
            }

            victoria.restart();
            final long secondStartMs = startMs + (FIRST_RUN_SCRAPES + 5) * 15_000L;
            try (ScrapeWorkload second = new ScrapeWorkload(group, victoria.uri("/api/v1/write"), queue,
                secondStartMs, durable))
            {
                final ForwarderMetrics after = second.endpoint.metrics();
                assertEquals(firstCommitted, after.samplesReplayed());
                ReceiverOutageTest.scrapeFor(second, SECOND_RUN_MS);
                second.flush();
                final long total = firstCommitted + committed(second);
                Awaits.until(() -> after.samplesSent() == total, Duration.ofSeconds(20),
                    () -> "sent " + after.samplesSent() + " of " + total + ", pending " + after.samplesPending() +
                        ", log " + second.log);
                assertEquals(0, after.samplesPending());
                assertEquals(0, after.samplesFailed());
                assertEquals(0, after.samplesDropped());
                assertEquals(0, after.samplesDroppedDurableFull());
                assertEquals(0, after.durableTailsTruncated());
                assertTrue(after.highestSentTimestampMs() >= secondStartMs, "the second run's own samples went too");

                final Map<String, List<String>> expected = merged(first.committed.samples(),
                    second.committed.samples());
                Awaits.until(() -> expected.equals(ReceiverOutageTest.read(victoria)), Duration.ofSeconds(20),
                    () -> "VictoriaMetrics holds " + ReceiverOutageTest.differences(expected,
                        ReceiverOutageTest.read(victoria)));
            }
        }
    }

    private static long committed(final ScrapeWorkload workload)
    {
        return workload.committed.sampleCount() +
            workload.committed.staleMarkers().values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Map<String, List<String>> merged(
        final Map<String, List<String>> earlier,
        final Map<String, List<String>> later)
    {
        final Map<String, List<String>> merged = new TreeMap<>();
        for (final Map<String, List<String>> run : List.of(earlier, later))
        {
            run.forEach((series, samples) -> merged.computeIfAbsent(series, k -> new ArrayList<>()).addAll(samples));
        }
        return merged;
    }
}
