package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.forward.ScriptedWriteReceiver.Answer;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import io.netty.handler.codec.http.DefaultHttpHeaders;

/**
 * Switching the shard count of a running endpoint: batches of the new count wait until every batch of the old one is
 * done, so each series arrives in order, every sample once, even while an old batch is being retried and while two
 * workers fill batches on their own threads.
 */
class ReshardingTest
{
    private static final long TARGET = 7;
    private static final long T0 = 1_700_000_000_000L;
    private static final int SERIES = 40;

    private final SeriesTable table = new SeriesTable();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ClosingStack closing = new ClosingStack();

    @AfterEach
    void close() throws Exception
    {
        closing.closeAll();
    }

    @Test
    void eachSeriesStaysInOrderAcrossReshardsWhileAnOldBatchIsRetried() throws Exception
    {
        // The first request is refused for two seconds: the batches of the next count must wait for it.
        final ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0,
            new Answer(503, "2", ""));
        closing.add(receiver);
        final WriteEndpoint endpoint = new WriteEndpoint("reshard", TestEventLoop.group(),
            URI.create("http://127.0.0.1:" + receiver.port() + "/write"), Duration.ofSeconds(5),
            new QueueConfig(1000, 1, 7, Duration.ofHours(1), Duration.ofMillis(1), Duration.ofMillis(5), false)
                .withShards(1, 8),
            1, SeriesLineEncoder::new, () -> BodyCompression.IDENTITY, new DefaultHttpHeaders(), log::add)
            .shardUpdatePeriod(Duration.ofHours(1));
        closing.add(endpoint);
        endpoint.start();
        final EndpointBatcher batcher = endpoint.batcher(0);
        final int[] ids = new int[SERIES];
        for (int s = 0; s < SERIES; s++)
        {
            ids[s] = table.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "s" + s).set("i", "a"));
        }
        round(batcher, ids, 0);
        Awaits.until(() -> receiver.received().size() == 1, Duration.ofSeconds(5), () -> "no first request");
        assertTrue(endpoint.reshard(4));
        assertFalse(endpoint.reshard(2), "one reshard at a time");
        for (int round = 1; round < 5; round++)
        {
            round(batcher, ids, round);
        }
        Awaits.until(() -> endpoint.metrics().samplesSent() == 5 * SERIES, Duration.ofSeconds(10),
            () -> "sent " + endpoint.metrics().samplesSent() + "; " + log);
        assertTrue(endpoint.metrics().enqueueRetries() > 0, "new batches were held back");
        assertArrayEquals(receiver.received().get(0).body(), receiver.received().get(1).body(),
            "the refused batch went through first, before any batch of the new count");
        assertEquals(4, endpoint.metrics().shards());

        Awaits.until(() -> endpoint.reshard(2), Duration.ofSeconds(5), () -> "the first reshard never settled");
        for (int round = 5; round < 10; round++)
        {
            round(batcher, ids, round);
        }
        Awaits.until(() -> endpoint.metrics().samplesSent() == 10 * SERIES && endpoint.metrics().samplesPending() == 0,
            Duration.ofSeconds(10), () -> "sent " + endpoint.metrics().samplesSent() + "; " + log);
        assertEquals(2, endpoint.metrics().shards());
        assertEquals(0, endpoint.metrics().samplesDropped());

        // Every delivered request, in arrival order: each series' timestamps must go up one by one.
        final Map<String, Long> last = new HashMap<>();
        final List<ScriptedWriteReceiver.Received> received = receiver.received();
        for (int r = 1; r < received.size(); r++)
        {
            final String body = new String(received.get(r).body(), StandardCharsets.UTF_8);
            for (final String line : body.substring(1, body.length() - 1).split("\n"))
            {
                final String series = line.substring(0, line.indexOf(",i="));
                final String rest = line.substring(line.indexOf(",i=a,") + 5);
                final long timestamp = Long.parseLong(rest.substring(0, rest.indexOf(' ')));
                final long previous = last.getOrDefault(series, T0 - 1);
                assertEquals(previous + 1, timestamp, series + " after " + previous + " in request " + r);
                last.put(series, timestamp);
            }
        }
        assertEquals(SERIES, last.size());
        for (final long timestamp : last.values())
        {
            assertEquals(T0 + 9, timestamp);
        }
    }

    private void round(final EndpointBatcher batcher, final int[] ids, final int round)
    {
        for (final int id : ids)
        {
            batcher.append(TARGET, table.buffer(), table.recordOffset(id), id, T0 + round,
                Double.doubleToRawLongBits(round));
        }
        batcher.flushAll();
    }

    @Test
    void twoWorkersKeepEverySeriesInOrderThroughReshardsUpAndDown() throws Exception
    {
        final ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0);
        closing.add(receiver);
        final WriteEndpoint endpoint = new WriteEndpoint("workers", TestEventLoop.group(),
            URI.create("http://127.0.0.1:" + receiver.port() + "/write"), Duration.ofSeconds(5),
            new QueueConfig(2000, 1, 50, Duration.ofMillis(5), Duration.ofMillis(1), Duration.ofMillis(5), false)
                .withShards(1, 4),
            2, SeriesLineEncoder::new, () -> BodyCompression.IDENTITY, new DefaultHttpHeaders(), log::add)
            .shardUpdatePeriod(Duration.ofHours(1));
        closing.add(endpoint);
        endpoint.start();
        final int rounds = 1000;
        final Thread[] workers = new Thread[2];
        for (int w = 0; w < workers.length; w++)
        {
            final EndpointBatcher batcher = endpoint.batcher(w);
            final SeriesTable own = new SeriesTable();
            final int[] ids = new int[SERIES / 2];
            for (int s = 0; s < ids.length; s++)
            {
                ids[s] = own.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "w" + w + "s" + s)
                    .set("i", "a"));
            }
            workers[w] = new Thread(() ->
            {
                for (int round = 0; round < rounds; round++)
                {
                    for (final int id : ids)
                    {
                        batcher.append(TARGET, own.buffer(), own.recordOffset(id), id, T0 + round,
                            Double.doubleToRawLongBits(round));
                    }
                    batcher.flushDue(System.nanoTime());
                    LockSupport.parkNanos(2_000_000);
                }
                batcher.flushAll();
            }, "worker-" + w);
            workers[w].start();
        }
        int changes = 0;
        for (final int count : new int[] {3, 2, 4, 1, 2})
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            boolean changed = false;
            while (!changed && workers[0].isAlive() && System.nanoTime() < deadline)
            {
                changed = endpoint.reshard(count);
                Thread.sleep(changed ? 200 : 5);
            }
            changes += changed ? 1 : 0;
        }
        for (final Thread worker : workers)
        {
            worker.join();
        }
        final long total = (long)rounds * SERIES;
        Awaits.until(() -> endpoint.metrics().samplesSent() + endpoint.metrics().samplesDropped() == total &&
            endpoint.metrics().samplesPending() == 0, Duration.ofSeconds(20),
            () -> "sent " + endpoint.metrics().samplesSent() + " of " + total + "; " + log);
        assertTrue(changes >= 3, "reshards started while the workers ran: " + changes);

        final Map<String, Long> last = new HashMap<>();
        long lines = 0;
        for (final ScriptedWriteReceiver.Received request : receiver.received())
        {
            final String body = new String(request.body(), StandardCharsets.UTF_8);
            for (final String line : body.substring(1, body.length() - 1).split("\n"))
            {
                final String series = line.substring(0, line.indexOf(",i="));
                final String rest = line.substring(line.indexOf(",i=a,") + 5);
                final long timestamp = Long.parseLong(rest.substring(0, rest.indexOf(' ')));
                final long previous = last.getOrDefault(series, T0 - 1);
                assertTrue(timestamp > previous, series + ": " + timestamp + " after " + previous);
                last.put(series, timestamp);
                lines++;
            }
        }
        assertEquals(endpoint.metrics().samplesSent(), lines, "each sample arrived once");
        assertEquals(SERIES, last.size());
    }
}
