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
 * A real VictoriaMetrics goes away for 30 seconds in the middle of a steady workload and comes back on the same
 * port and data: afterwards it holds every committed sample exactly once (VictoriaMetrics keeps duplicates, so a
 * sample sent twice would show), and the counters say what happened: attempts retried, nothing dropped or failed.
 */
class ReceiverOutageTest
{
    private static final long OUTAGE_MS = 30_000;
    private static final long BEFORE_AND_AFTER_MS = 4_000;
    private static final long SCRAPE_EVERY_MS = 200;



    @Test
    void everySampleArrivesOnceAfterTheReceiverWasDownForThirtySeconds() throws IOException, InterruptedException
    {
        // Scrapes are 15 s apart in sample time but 200 ms apart in real time: start an hour back so that all of
        // them stay in the past.
        final long startMs = (System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1)) / 1000 * 1000;
        final QueueConfig queue = new QueueConfig(10_000, 1, 200, Duration.ofMillis(100), Duration.ofMillis(30),
            Duration.ofSeconds(1), false);
        try (LocalServerProcess victoria = LocalServerProcess.start(DebianServers.victoriaMetrics());
            ScrapeWorkload workload =
                new ScrapeWorkload(TestEventLoop.group(), victoria.uri("/api/v1/write"), queue, startMs))
        {
            final ForwarderMetrics metrics = workload.endpoint.metrics();
            scrapeFor(workload, BEFORE_AND_AFTER_MS);
            final long deliveredBeforeOutage = metrics.samplesSent();
            victoria.stopForOutage();
            scrapeFor(workload, OUTAGE_MS);
            final long pendingAtRestart = metrics.samplesPending();
            victoria.restart();
            scrapeFor(workload, BEFORE_AND_AFTER_MS);
            workload.flush();

            final long committed = workload.committed.sampleCount() +
                workload.committed.staleMarkers().values().stream().mapToInt(Integer::intValue).sum();
            Awaits.until(() -> metrics.samplesSent() == committed, Duration.ofSeconds(30),
                () -> "sent " + metrics.samplesSent() + " of " + committed + ", pending " +
                    metrics.samplesPending() + ", dropped " + metrics.samplesDropped() + ", failed " +
                    metrics.samplesFailed());
            assertTrue(deliveredBeforeOutage > 0, "samples went through before the outage");
            assertTrue(pendingAtRestart > 0, "samples waited during the outage: " + pendingAtRestart);
            assertTrue(metrics.requestsRetried() > 0, "attempts failed and were retried");
            assertTrue(metrics.samplesRetried() >= metrics.requestsRetried(), "each retry counts its batch's samples");
            assertEquals(0, metrics.samplesDropped(), "the queue held the outage");
            assertEquals(0, metrics.samplesFailed(), "no batch was rejected");
            assertEquals(0, metrics.samplesPending());

            final Map<String, List<String>> expected = workload.committed.samples();
            Awaits.until(() -> expected.equals(read(victoria)), Duration.ofSeconds(20),
                () -> "VictoriaMetrics holds " + differences(expected, read(victoria)));
        }
    }

    static void scrapeFor(final ScrapeWorkload workload, final long millis) throws InterruptedException
    {
        final long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end)
        {
            workload.scrape();
            Thread.sleep(SCRAPE_EVERY_MS);
        }
    }

    static Map<String, List<String>> read(final LocalServerProcess victoria)
    {
        return TsdbReadBack.victoriaMetricsOrFailure(victoria.port());
    }

    static String differences(final Map<String, List<String>> expected, final Map<String, List<String>> held)
    {
        final StringBuilder out = new StringBuilder();
        for (final Map.Entry<String, List<String>> series : expected.entrySet())
        {
            final List<String> got = held.get(series.getKey());
            if (!series.getValue().equals(got))
            {
                out.append(series.getKey()).append(": expected ").append(series.getValue().size())
                    .append(" samples, held ").append(got == null ? 0 : got.size()).append('\n');
            }
        }
        held.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> out.append("extra ").append(k));
        return out.toString();
    }
}
