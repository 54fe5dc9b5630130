package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.forward.ScriptedWriteReceiver.Answer;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import io.netty.handler.codec.http.DefaultHttpHeaders;

class WriteEndpointTest
{
    private static final long TARGET = 7;
    private static final long T0 = 1_700_000_000_000L;

    private final SeriesTable table = new SeriesTable();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ClosingStack closing = new ClosingStack();



    @AfterEach
    void close() throws Exception
    {
        closing.closeAll();
    }

    private ScriptedWriteReceiver receiver(final Answer... answers)
    {
        final ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0, answers);
        closing.add(receiver);
        return receiver;
    }

    private WriteEndpoint endpoint(final ScriptedWriteReceiver receiver, final QueueConfig queue)
    {
        final WriteEndpoint endpoint = new WriteEndpoint("test", TestEventLoop.group(),
            URI.create("http://127.0.0.1:" + receiver.port() + "/write"), Duration.ofSeconds(5), queue, 1,
            SeriesLineEncoder::new, () -> BodyCompression.IDENTITY, new DefaultHttpHeaders(), log::add);
        closing.add(endpoint);
        endpoint.start();
        return endpoint;
    }

    private int series(final String name, final String instance)
    {
        return table.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, name).set("instance", instance));
    }

    private void append(final EndpointBatcher batcher, final int seriesId, final long timestampMs, final double value)
    {
        batcher.append(TARGET, table.buffer(), table.recordOffset(seriesId), seriesId, timestampMs,
            Double.doubleToRawLongBits(value));
    }

    private static String line(final String name, final String instance, final long timestampMs, final double value)
    {
        return "__name__=" + name + ",instance=" + instance + "," + timestampMs + " " +
            Double.doubleToRawLongBits(value) + "\n";
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        Awaits.until(condition, Duration.ofSeconds(10), () -> "condition not met");
    }

    private static List<String> bodies(final ScriptedWriteReceiver receiver)
    {
        final List<String> bodies = new ArrayList<>();
        for (final ScriptedWriteReceiver.Received r : receiver.received())
        {
            bodies.add(new String(r.body(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    @Test
    void exemplarAndMetadataSettingsAreRefusedOnceABatcherExists()
    {
        final WriteEndpoint endpoint = endpoint(receiver(), QueueConfig.DEFAULTS);
        endpoint.sendExemplars(true).sendMetadata(RemoteWriteConfig.MetadataConfig.DEFAULTS);
        endpoint.batcher(0);
        assertThrows(IllegalStateException.class, () -> endpoint.sendExemplars(false));
        assertThrows(IllegalStateException.class,
            () -> endpoint.sendMetadata(RemoteWriteConfig.MetadataConfig.DEFAULTS));
    }

    @Test
    void fullBatchesAreSentAtMaxSamplesPerSendAndTheRestOnFlush() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver();
        final WriteEndpoint endpoint = endpoint(receiver, QueueConfig.DEFAULTS.withBatch(2, Duration.ofHours(1)));
        final EndpointBatcher batcher = endpoint.batcher(0);
        final int up = series("up", "a:1");
        for (int i = 0; i < 5; i++)
        {
            append(batcher, up, T0 + i, i);
        }
        await(() -> receiver.received().size() == 2);
        batcher.flushAll();
        await(() -> receiver.received().size() == 3);
        assertEquals(List.of(
            "[" + line("up", "a:1", T0, 0) + line("up", "a:1", T0 + 1, 1) + "]",
            "[" + line("up", "a:1", T0 + 2, 2) + line("up", "a:1", T0 + 3, 3) + "]",
            "[" + line("up", "a:1", T0 + 4, 4) + "]"), bodies(receiver));
        await(() -> endpoint.metrics().samplesPending() == 0);
        assertEquals(5, endpoint.metrics().samplesSent());
        assertEquals(T0 + 4, endpoint.metrics().highestSentTimestampMs());
        assertEquals("text/x-sluice-test", receiver.received().get(0).contentType());
    }

    @Test
    void aBatchThatIsNotFullIsSentOnceItsDeadlinePassed() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver();
        final WriteEndpoint endpoint = endpoint(receiver, QueueConfig.DEFAULTS.withBatch(1000, Duration.ofMillis(200)));
        final EndpointBatcher batcher = endpoint.batcher(0);
        final int up = series("up", "a:1");
        final long started = System.nanoTime();
        append(batcher, up, T0, 1);
        append(batcher, up, T0 + 1, 2);
        assertEquals(0, batcher.flushDue(started));
        assertEquals(0, batcher.flushDue(started + TimeUnit.MILLISECONDS.toNanos(100)));
        assertEquals(1, batcher.flushDue(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200)));
        await(() -> receiver.received().size() == 1);
        assertEquals("[" + line("up", "a:1", T0, 1) + line("up", "a:1", T0 + 1, 2) + "]", bodies(receiver).get(0));
        assertEquals(0, batcher.flushDue(System.nanoTime() + TimeUnit.HOURS.toNanos(1)), "nothing left to send");
    }

    @Test
    void whileABatchWaitsTheDeadlineKeepsFillingTheOpenOneInsteadOfSealingIt() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver(Answer.of(0));
        final WriteEndpoint endpoint = endpoint(receiver, QueueConfig.DEFAULTS.withBatch(1000, Duration.ofMillis(1)));
        final EndpointBatcher batcher = endpoint.batcher(0);
        final int up = series("up", "a:1");
        final long later = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        append(batcher, up, T0, 1);
        assertEquals(1, batcher.flushDue(later), "nothing queued: the deadline seals");
        await(() -> receiver.received().size() == 1);
        append(batcher, up, T0 + 1, 2);
        assertEquals(1, batcher.flushDue(later), "the first is in flight, none queued: the deadline seals");
        append(batcher, up, T0 + 2, 3);
        assertEquals(0, batcher.flushDue(later), "one is queued behind the stalled one: keep filling");
        append(batcher, up, T0 + 3, 4);
        assertEquals(2, endpoint.metrics().samplesPending());
    }

    @Test
    void whenEveryBatchOfAShardIsWaitingNewSamplesAreDroppedAndCounted() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver(Answer.of(0));
        final QueueConfig queue = new QueueConfig(2, 1, 1, Duration.ofHours(1), Duration.ofMillis(5),
            Duration.ofMillis(5), false);
        final WriteEndpoint endpoint = endpoint(receiver, queue);
        final EndpointBatcher batcher = endpoint.batcher(0);
        final int up = series("up", "a:1");
        for (int i = 0; i < 5; i++)
        {
            append(batcher, up, T0 + i, i);
        }
        assertEquals(3, endpoint.metrics().samplesDropped());
        assertEquals(2, endpoint.metrics().samplesPending());
        await(() -> receiver.received().size() == 1);
        endpoint.close(Duration.ZERO);
        assertEquals(2, endpoint.metrics().samplesAbandoned(), "the batch in flight and the queued one");
        assertEquals(0, endpoint.metrics().samplesPending());
        assertEquals(0, endpoint.metrics().samplesSent());
    }

    @Test
    void eachSeriesStaysInOrderAcrossShardsAndEverySampleArrivesOnce() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver(Answer.of(500), Answer.of(503));
        final WriteEndpoint endpoint = endpoint(receiver,
            new QueueConfig(100, 4, 7, Duration.ofHours(1), Duration.ofMillis(1), Duration.ofMillis(5), false));
        final EndpointBatcher batcher = endpoint.batcher(0);
        final int[] ids = new int[40];
        for (int s = 0; s < ids.length; s++)
        {
            ids[s] = series("s" + s, "a:1");
        }
        for (int round = 0; round < 10; round++)
        {
            for (final int id : ids)
            {
                append(batcher, id, T0 + round, round);
            }
            batcher.flushAll();
            await(() -> endpoint.metrics().samplesPending() == 0);
        }
        assertEquals(400, endpoint.metrics().samplesSent());
        assertEquals(0, endpoint.metrics().samplesDropped());
        assertTrue(endpoint.metrics().requestsRetried() == 2, "the two scripted server errors were retried");
        final Map<String, Long> lastTimestamp = new HashMap<>();
        int lines = 0;
        for (final String body : bodies(receiver).subList(2, receiver.received().size()))
        {
            for (final String l : body.substring(1, body.length() - 1).split("\n"))
            {
                final String[] parts = l.split(",");
                final long ts = Long.parseLong(parts[2].split(" ")[0]);
                final Long previous = lastTimestamp.put(parts[0], ts);
                assertTrue(previous == null || previous < ts, "out of order: " + l);
                lines++;
            }
        }
        assertEquals(400, lines, "every sample once, the retried bodies aside");
        assertTrue(receiver.connections() >= 2, "the shards send on connections of their own");
    }

    @Test
    void aStalledEndpointDoesNotHoldBackAnother() throws InterruptedException
    {
        final ScriptedWriteReceiver stalled = receiver(Answer.of(0));
        final ScriptedWriteReceiver healthy = receiver();
        final QueueConfig queue = QueueConfig.DEFAULTS.withBatch(10, Duration.ofHours(1));
        final WriteEndpoint slow = endpoint(stalled, queue);
        final WriteEndpoint fast = endpoint(healthy, queue);
        final ForwardingSink sink = new ForwardingSink(table, slow.batcher(0), fast.batcher(0));
        final int up = series("up", "a:1");
        sink.beginCommit(TARGET, 1, 0);
        for (int i = 0; i < 100; i++)
        {
            sink.sample(up, T0 + i, Double.doubleToRawLongBits(i));
        }
        sink.endCommit(TARGET, 1, 0);
        await(() -> fast.metrics().samplesSent() == 100);
        assertEquals(10, healthy.received().size());
        assertEquals(0, slow.metrics().samplesSent());
        assertEquals(100, slow.metrics().samplesPending() + slow.metrics().samplesDropped());
    }
}
