package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.testkit.DebianServers;
import dev.sluice.parser.testkit.LocalServerProcess;

/**
 * A real VictoriaMetrics behind a relay that answers every request 300 ms late, under a steady workload: one shard
 * cannot keep up, so the endpoint reshards above {@code min_shards}; once the relay stops holding requests back, the
 * endpoint falls back to {@code min_shards}. VictoriaMetrics then holds every committed sample exactly once (it keeps
 * duplicates, so a sample sent twice would show). Shards are reconsidered every second instead of every 10 s.
 */
class ReshardingDeliveryTest
{
    private static final long SCRAPE_EVERY_MS = 200;
    private static final long SLOW_REQUEST_MS = 300;

    @Test
    void aSlowReceiverGetsMoreShardsAndAFastOneFewerAndEverySampleArrivesOnce()
        throws IOException, InterruptedException
    {
        final long startMs = System.currentTimeMillis() / 1000 * 1000;
        // 10 samples per request and about 70 samples/s in: 7 requests of 300 ms per second need 2 to 3 shards.
        final QueueConfig queue = new QueueConfig(10_000, 1, 10, Duration.ofSeconds(1), Duration.ofMillis(30),
            Duration.ofSeconds(1), false).withShards(1, 4);
        try (LocalServerProcess victoria = LocalServerProcess.start(DebianServers.victoriaMetrics());
            ThrottlingProxy proxy = new ThrottlingProxy(victoria.port(), SLOW_REQUEST_MS);
            ScrapeWorkload workload = new ScrapeWorkload(TestEventLoop.group(),
                URI.create("http://127.0.0.1:" + proxy.port() + "/api/v1/write"), queue, startMs,
                Duration.ofSeconds(1), SCRAPE_EVERY_MS))
        {
            final ForwarderMetrics metrics = workload.endpoint.metrics();
            final int most = scrapeUntil(workload, () -> metrics.shards() > 1, 25_000);
            assertTrue(most > 1, "the slow receiver got more shards: " + metrics.shards() + ", desired " +
                metrics.shardsDesired() + "; " + workload.log);

            proxy.delayMs(0);
            scrapeUntil(workload, () -> metrics.shards() == 1, 25_000);
            assertEquals(1, metrics.shards(), "back to min_shards once the receiver keeps up, desired " +
                metrics.shardsDesired() + "; " + workload.log);
            workload.flush();

            final long committed = workload.committed.sampleCount() +
                workload.committed.staleMarkers().values().stream().mapToInt(Integer::intValue).sum();
            Awaits.until(() -> metrics.samplesSent() == committed && metrics.samplesPending() == 0,
                Duration.ofSeconds(30), () -> "sent " + metrics.samplesSent() + " of " + committed + ", pending " +
                    metrics.samplesPending() + ", dropped " + metrics.samplesDropped());
            assertEquals(0, metrics.samplesDropped(), "no batch was short of room");
            assertEquals(0, metrics.samplesFailed(), "no batch was rejected");
            assertTrue(metrics.shardsMax() == 4 && metrics.shardsMin() == 1);

            final Map<String, List<String>> expected = workload.committed.samples();
            Awaits.until(() -> expected.equals(ReceiverOutageTest.read(victoria)), Duration.ofSeconds(20),
                () -> "VictoriaMetrics holds " + ReceiverOutageTest.differences(expected,
                    ReceiverOutageTest.read(victoria)));
        }
    }

    /** Scrapes every 200 ms until the condition holds or the time is up; returns the most shards seen. */
    private static int scrapeUntil(final ScrapeWorkload workload, final BooleanSupplier done,
        final long millis) throws InterruptedException
    {
        final long end = System.currentTimeMillis() + millis;
        int most = 0;
        while (!done.getAsBoolean() && System.currentTimeMillis() < end)
        {
            workload.scrape();
            most = Math.max(most, workload.endpoint.metrics().shards());
            Thread.sleep(SCRAPE_EVERY_MS);
        }
        return Math.max(most, workload.endpoint.metrics().shards());
    }
}
