package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.forward.ScriptedWriteReceiver.Answer;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;

/** {@code sample_age_limit}: samples too old when appended, and batches that aged while waiting, are not sent. */
class SampleAgeLimitTest
{
    private static EventLoopGroup group;

    private final SeriesTable table = new SeriesTable();
    private final ClosingStack closing = new ClosingStack();
    private WriteEndpoint endpoint;
    private int up;

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

    private EndpointBatcher batcher(final ScriptedWriteReceiver receiver, final QueueConfig queue)
    {
        endpoint = new WriteEndpoint("age", group,
            URI.create("http://127.0.0.1:" + receiver.port() + "/write"), Duration.ofSeconds(5), queue, 1,
            SeriesLineEncoder::new, () -> BodyCompression.IDENTITY, new DefaultHttpHeaders(), line -> { });
        closing.add(endpoint);
        endpoint.start();
        up = table.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "up"));
        return endpoint.batcher(0);
    }

    private ScriptedWriteReceiver receiver(final Answer... answers)
    {
        final ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(group, 0, answers);
        closing.add(receiver);
        return receiver;
    }

    private void append(final EndpointBatcher batcher, final long timestampMs)
    {
        batcher.append(1, table.buffer(), table.recordOffset(up), up, timestampMs, Double.doubleToRawLongBits(1));
    }

    @Test
    void samplesOlderThanTheLimitWhenAppendedAreCountedAndNotSent() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver();
        final EndpointBatcher batcher = batcher(receiver,
            QueueConfig.DEFAULTS.withBatch(10, Duration.ofHours(1)).withSampleAgeLimit(Duration.ofHours(1)));
        final long now = System.currentTimeMillis();

        append(batcher, now - TimeUnit.HOURS.toMillis(2));
        append(batcher, now - TimeUnit.MINUTES.toMillis(59));
        append(batcher, now);
        batcher.flushAll();

        final ForwarderMetrics metrics = endpoint.metrics();
        Awaits.until(() -> metrics.samplesSent() == 2, Duration.ofSeconds(10), () -> "sent " + metrics.samplesSent());
        assertEquals(1, metrics.samplesDroppedTooOld());
    }

    @Test
    void withoutALimitOldSamplesAreSent() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver();
        final EndpointBatcher batcher = batcher(receiver, QueueConfig.DEFAULTS);

        append(batcher, 1_000);
        batcher.flushAll();

        final ForwarderMetrics metrics = endpoint.metrics();
        Awaits.until(() -> metrics.samplesSent() == 1, Duration.ofSeconds(10), () -> "sent " + metrics.samplesSent());
        assertEquals(0, metrics.samplesDroppedTooOld());
    }

    @Test
    void batchesThatAgePastTheLimitInRetriesOrInTheQueueAreNotSent() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver(Answer.of(503));
        final QueueConfig queue = new QueueConfig(100, 1, 2, Duration.ofHours(1), Duration.ofMillis(1500),
            Duration.ofMillis(1500), false).withSampleAgeLimit(Duration.ofMillis(500));
        final EndpointBatcher batcher = batcher(receiver, queue);
        final long now = System.currentTimeMillis();

        append(batcher, now);
        append(batcher, now);
        append(batcher, now + 1);
        append(batcher, now + 1);

        final ForwarderMetrics metrics = endpoint.metrics();
        Awaits.until(() -> metrics.samplesPending() == 0, Duration.ofSeconds(10), () -> "pending");
        assertEquals(4, metrics.samplesDroppedTooOld(), "the first aged while retried, the second while queued");
        assertEquals(0, metrics.samplesSent());
        assertEquals(1, receiver.received().size(), "the first attempt of the first batch only");
    }

    @Test
    void aBatchRetriedWithinTheLimitIsDelivered() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver(Answer.of(503));
        final QueueConfig queue = new QueueConfig(100, 1, 2, Duration.ofHours(1), Duration.ofMillis(5),
            Duration.ofMillis(5), false).withSampleAgeLimit(Duration.ofMinutes(1));
        final EndpointBatcher batcher = batcher(receiver, queue);
        final long now = System.currentTimeMillis();

        append(batcher, now);
        append(batcher, now);

        final ForwarderMetrics metrics = endpoint.metrics();
        Awaits.until(() -> metrics.samplesSent() == 2, Duration.ofSeconds(10), () -> "sent " + metrics.samplesSent());
        assertEquals(0, metrics.samplesDroppedTooOld());
        assertEquals(2, receiver.received().size());
    }
}
