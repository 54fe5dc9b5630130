package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.testkit.DebianServers;
import dev.sluice.parser.testkit.LocalServerProcess;

/**
 * Remote Write 1.0 from the whole pipeline into real databases, started from their Debian packages: every sample
 * Sluice committed is read back through the database's own query API, value for value and timestamp for
 * timestamp, and nothing else is there.
 */
class RemoteWriteDeliveryTest
{
    private static final int SCRAPES = 8;
    private static final long SCRAPE_INTERVAL_MS = 15_000;



    /** Ten minutes ago, to the second: every scrape lies in the past, inside the databases' accepted window. */
    private static long startMs()
    {
        return (System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10)) / 1000 * 1000;
    }

    private static ScrapeWorkload runWorkload(final LocalServerProcess receiver, final long startMs)
        throws InterruptedException
    {
        final ScrapeWorkload workload = new ScrapeWorkload(TestEventLoop.group(), receiver.uri("/api/v1/write"),
            QueueConfig.DEFAULTS.withBatch(25, Duration.ofMillis(50)), startMs);
        for (int k = 0; k < SCRAPES; k++)
        {
            workload.scrape();
        }
        workload.flush();
        final ForwarderMetrics metrics = workload.endpoint.metrics();
        final long expected = workload.committed.sampleCount() +
            workload.committed.staleMarkers().values().stream().mapToInt(Integer::intValue).sum();
        Awaits.until(() -> metrics.samplesSent() + metrics.samplesFailed() == expected, Duration.ofSeconds(20),
            () -> "sent " + metrics.samplesSent() + " of " + expected + "; log " + workload.log);
        assertEquals(0, metrics.samplesFailed(), () -> "rejected: " + workload.log);
        assertEquals(0, metrics.samplesDropped());
        assertEquals(startMs + (SCRAPES - 1) * SCRAPE_INTERVAL_MS, metrics.highestSentTimestampMs());
        return workload;
    }

    @Test
    void prometheusHoldsExactlyWhatSluiceCommittedAndTheStaleMarker() throws IOException, InterruptedException
    {
        final long startMs = startMs();
        try (LocalServerProcess prometheus = LocalServerProcess.start(
                DebianServers.prometheus().withExtraArguments("--web.enable-remote-write-receiver"));
            ScrapeWorkload workload = runWorkload(prometheus, startMs))
        {
            final Map<String, List<String>> expected = workload.committed.samples();
            assertTrue(expected.size() >= 14, "counters, gauge, histogram, short-lived and report series");
            assertEquals(expected, TsdbReadBack.prometheus(prometheus.port(), System.currentTimeMillis()));
            assertEquals(Map.of("{__name__=\"sluice_e2e_short_lived\", instance=\"a:9100\", job=\"node\", " +
                "phase=\"first\"}", 1), workload.committed.staleMarkers());
            final long lastSeen = startMs + (ScrapeWorkload.SHORT_LIVED_SCRAPES - 1) * SCRAPE_INTERVAL_MS;
            assertEquals(1, TsdbReadBack.prometheusSeriesAt(prometheus.port(), "sluice_e2e_short_lived",
                lastSeen + 1_000), "present while it was scraped");
            assertEquals(0, TsdbReadBack.prometheusSeriesAt(prometheus.port(), "sluice_e2e_short_lived",
                lastSeen + SCRAPE_INTERVAL_MS + 1_000), "gone at once after its stale marker, not after 5 minutes");
        }
    }

    @Test
    void victoriaMetricsHoldsExactlyWhatSluiceCommitted() throws IOException, InterruptedException
    {
        try (LocalServerProcess victoria = LocalServerProcess.start(DebianServers.victoriaMetrics());
            ScrapeWorkload workload = runWorkload(victoria, startMs()))
        {
            final Map<String, List<String>> expected = workload.committed.samples();
            Awaits.until(() -> expected.equals(readVictoria(victoria)), Duration.ofSeconds(20),
                () -> "VictoriaMetrics holds " + readVictoria(victoria) + "\nexpected " + expected);
        }
    }

    private static Map<String, List<String>> readVictoria(final LocalServerProcess victoria)
    {
        return TsdbReadBack.victoriaMetricsOrFailure(victoria.port());
    }
}
