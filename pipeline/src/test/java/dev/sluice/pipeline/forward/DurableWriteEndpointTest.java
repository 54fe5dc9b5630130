package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.parser.testkit.LocalServerProcess;
import dev.sluice.pipeline.forward.ScriptedWriteReceiver.Answer;
import dev.sluice.pipeline.forward.durable.DurableQueueConfig;
import dev.sluice.pipeline.forward.durable.FullPolicy;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;

/**
 * A write endpoint with a durable queue: while the database is unreachable the shard moves batches to disk, so the
 * workers' few in-memory batches never run out; closing keeps what is unsent on disk; the next endpoint over the
 * same directory sends it first, in order, and what was delivered or rejected is never sent again.
 */
class DurableWriteEndpointTest
{
    private static final long TARGET = 7;
    private static final long T0 = 1_700_000_000_000L;
    /** Two batches of one sample per shard: without the disk, the third sample of an outage would be dropped. */
    private static final QueueConfig ONE_SAMPLE_BATCHES = new QueueConfig(2, 1, 1, Duration.ofHours(1),
        Duration.ofMillis(5), Duration.ofMillis(5), false);
    private static EventLoopGroup group;

    @TempDir
    Path directory;

    private final SeriesTable table = new SeriesTable();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ClosingStack closing = new ClosingStack();

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

    @AfterEach
    void close() throws Exception
    {
        closing.closeAll();
    }

    private WriteEndpoint endpoint(final int port, final QueueConfig queue)
    {
        return endpoint(port, queue, new DurableQueueConfig(directory, 4096, 64 * 4096, FullPolicy.DROP_OLDEST,
            false));
    }

    private WriteEndpoint endpoint(final int port, final QueueConfig queue, final DurableQueueConfig durable)
    {
        final WriteEndpoint endpoint = new WriteEndpoint("db", group,
            URI.create("http://127.0.0.1:" + port + "/write"), Duration.ofSeconds(5), queue, 1,
            SeriesLineEncoder::new, () -> BodyCompression.IDENTITY, new DefaultHttpHeaders(), log::add);
        closing.add(endpoint);
        endpoint.durable(durable);
        endpoint.start();
        return endpoint;
    }

    /**
     * Eight batches of 20 samples (about 1.2 kB each, three to a 4 KiB segment) into a queue of two segments while
     * the endpoint is unreachable; the first is in flight before the others come.
     */
    private ForwarderMetrics overfill(final FullPolicy policy) throws InterruptedException
    {
        final int up = table.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "up")
            .set("instance", "a:1"));
        final WriteEndpoint down = endpoint(LocalServerProcess.freeLoopbackPort(),
            new QueueConfig(40, 1, 20, Duration.ofHours(1), Duration.ofMillis(5), Duration.ofMillis(5), false),
            new DurableQueueConfig(directory, 4096, 2 * 4096, policy, false));
        final EndpointBatcher batcher = down.batcher(0);
        for (int batch = 0; batch < 8; batch++)
        {
            for (int i = 0; i < 20; i++)
            {
                append(batcher, up, T0 + batch * 20 + i);
            }
            if (batch == 0)
            {
                await(() -> down.metrics().requestsRetried() > 1, () -> "no attempt refused: " + log);
            }
            Thread.sleep(100);
        }
        down.close(Duration.ZERO);
        final ForwarderMetrics metrics = down.metrics();
        assertEquals(0, metrics.samplesDropped(), "the disk took every batch off the workers' hands");
        assertEquals(0, metrics.samplesPending());
        return metrics;
    }

    @Test
    void dropOldestDeletesTheOldestSegmentButStillSendsTheBatchInFlight() throws InterruptedException
    {
        final ForwarderMetrics metrics = overfill(FullPolicy.DROP_OLDEST);
        assertEquals(2 * 20, metrics.samplesDroppedDurableFull(), "batches 2 and 3, in the first segment");
        assertEquals(20, metrics.samplesAbandoned(), "batch 1, in flight when its segment went");
        assertEquals(5 * 20, metrics.samplesKeptOnDisk(), "batches 4 to 8");
    }

    @Test
    void dropNewestRefusesTheBatchesThatDoNotFit() throws InterruptedException
    {
        final ForwarderMetrics metrics = overfill(FullPolicy.DROP_NEWEST);
        assertEquals(2 * 20, metrics.samplesDroppedDurableFull(), "batches 7 and 8");
        assertEquals(0, metrics.samplesAbandoned());
        assertEquals(6 * 20, metrics.samplesKeptOnDisk(), "batches 1 to 6, the one in flight included");
    }

    private void append(final EndpointBatcher batcher, final int seriesId, final long timestampMs)
    {
        batcher.append(TARGET, table.buffer(), table.recordOffset(seriesId), seriesId, timestampMs,
            Double.doubleToRawLongBits(timestampMs - T0));
    }

    private static String body(final long timestampMs)
    {
        return "[__name__=up,instance=a:1," + timestampMs + " " + Double.doubleToRawLongBits(timestampMs - T0) +
            "\n]";
    }

    private static void await(final BooleanSupplier condition, final Supplier<String> what)
        throws InterruptedException
    {
        Awaits.until(condition, Duration.ofSeconds(10), what);
    }

    @Test
    void batchesUnsentAtCloseAreSentByTheNextRunFirstInOrderAndNeverAgainOnceDone() throws InterruptedException
    {
        final int up = table.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "up")
            .set("instance", "a:1"));
        final WriteEndpoint down = endpoint(LocalServerProcess.freeLoopbackPort(), ONE_SAMPLE_BATCHES);
        final EndpointBatcher batcher = down.batcher(0);
        append(batcher, up, T0);
        // The first attempt opens the event loop's first connection, which takes a while; then refusals are quick.
        await(() -> down.metrics().requestsRetried() > 1, () -> "no attempt refused: " + log);
        for (int i = 1; i < 20; i++)
        {
            // The shard takes each batch to disk between its attempts, and the worker gets it back.
            await(() -> batcher.freeBatches(0) > 0, () -> "no batch came back from the shard: " + log);
            append(batcher, up, T0 + i);
        }
        down.close(Duration.ZERO);
        final ForwarderMetrics first = down.metrics();
        assertEquals(0, first.samplesDropped(), "the two batches in memory were enough");
        assertEquals(0, first.samplesSent());
        assertEquals(20, first.samplesKeptOnDisk());
        assertEquals(0, first.samplesAbandoned());
        assertEquals(0, first.samplesPending());

        final ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(group, 0, Answer.of(503), Answer.of(400));
        closing.add(receiver);
        final WriteEndpoint restarted = endpoint(receiver.port(), ONE_SAMPLE_BATCHES);
        final ForwarderMetrics second = restarted.metrics();
        assertEquals(20, second.samplesReplayed());
        await(() -> second.samplesPending() == 0, () -> "pending " + second.samplesPending() + ", log " + log);
        append(restarted.batcher(0), up, T0 + 20);
        await(() -> second.samplesSent() == 20, () -> "sent " + second.samplesSent() + ", log " + log);
        final List<String> bodies = new ArrayList<>();
        for (final ScriptedWriteReceiver.Received request : receiver.received())
        {
            bodies.add(new String(request.body(), StandardCharsets.UTF_8));
        }
        final List<String> expected = new ArrayList<>(List.of(body(T0), body(T0)));
        for (int i = 1; i <= 20; i++)
        {
            expected.add(body(T0 + i));
        }
        assertEquals(expected, bodies, "retried after 503, rejected with 400, then the rest in order, new last");
        assertEquals(1, second.samplesFailed());
        restarted.close(Duration.ofSeconds(5));
        assertEquals(0, second.samplesKeptOnDisk());

        final WriteEndpoint third = endpoint(receiver.port(), ONE_SAMPLE_BATCHES);
        assertEquals(0, third.metrics().samplesReplayed(), "delivered and rejected batches are done for good");
        assertEquals(expected.size(), receiver.received().size(), "nothing sent again");
    }

    @Test
    void whileBatchesWaitOnDiskTheDeadlineKeepsFillingTheOpenOne() throws InterruptedException
    {
        final int up = table.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "up")
            .set("instance", "a:1"));
        final WriteEndpoint down = endpoint(LocalServerProcess.freeLoopbackPort(),
            QueueConfig.DEFAULTS.withBatch(1000, Duration.ofMillis(1)));
        final EndpointBatcher batcher = down.batcher(0);
        final long later = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        append(batcher, up, T0);
        assertEquals(1, batcher.flushDue(later), "nothing waits: the deadline seals");
        await(() -> down.metrics().requestsRetried() > 1, () -> "no attempt refused: " + log);
        append(batcher, up, T0 + 1);
        assertEquals(1, batcher.flushDue(later), "the first is in flight, nothing behind it: the deadline seals");
        append(batcher, up, T0 + 2);
        // The shard moves the second batch to disk between two attempts.
        Thread.sleep(200);
        assertEquals(0, batcher.flushDue(later), "the second waits on disk: keep filling");
        down.close(Duration.ZERO);
        assertEquals(2, down.metrics().samplesKeptOnDisk(), "the batch in flight and the one behind it");
    }

    @Test
    void aDurableQueueIsRefusedOnceTheEndpointRuns()
    {
        final WriteEndpoint running = endpoint(LocalServerProcess.freeLoopbackPort(), ONE_SAMPLE_BATCHES);
        assertThrows(IllegalStateException.class, () -> running.durable(DurableQueueConfig.in(directory)));
    }

    @Test
    void aQueueWrittenWithAnotherShardCountIsRefused()
    {
        final int port = LocalServerProcess.freeLoopbackPort();
        endpoint(port, ONE_SAMPLE_BATCHES).close();
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> endpoint(port, ONE_SAMPLE_BATCHES.withShards(2)));
        assertTrue(ex.getMessage().contains("shards 1"), ex.getMessage());
    }
}
