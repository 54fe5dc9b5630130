package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.forward.ScriptedWriteReceiver.Answer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

class BatchSenderTest
{
    private static final int SAMPLES = 17;
    private static final byte[] BATCH = "a compressed write request".getBytes(StandardCharsets.US_ASCII);

    private final ForwarderMetrics metrics = new ForwarderMetrics();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private ScriptedWriteReceiver receiver;
    private HttpWriteConnection connection;



    @AfterEach
    void close()
    {
        background.shutdownNow();
        if (connection != null)
        {
            connection.close();
        }
        if (receiver != null)
        {
            receiver.close();
        }
    }

    private BatchSender sender(
        final String scheme, final int port, final boolean retryOnRateLimit, final Duration timeout)
    {
        connection = new HttpWriteConnection(TestEventLoop.group(),
            URI.create(scheme + "://127.0.0.1:" + port + "/api/v1/write"), timeout);
        return new BatchSender(connection, new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(40)),
            retryOnRateLimit, metrics, log::add);
    }

    private BatchSender senderTo(final Answer... answers)
    {
        receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0, answers);
        return sender("http", receiver.port(), false, Duration.ofSeconds(5));
    }

    private static HttpHeaders headers()
    {
        return new DefaultHttpHeaders()
            .set(HttpHeaderNames.CONTENT_TYPE, "application/x-protobuf")
            .set(HttpHeaderNames.CONTENT_ENCODING, "snappy");
    }

    private static ByteBuf batch()
    {
        return Unpooled.wrappedBuffer(BATCH);
    }

    @Test
    void aDeliveredBatchArrivesOnceWithItsHeadersAndIsCounted() throws InterruptedException
    {
        final BatchSender sender = senderTo(Answer.of(204));
        assertEquals(SendVerdict.DELIVERED, sender.send(batch(), headers(), SAMPLES));
        assertEquals(1, receiver.received().size());
        assertArrayEquals(BATCH, receiver.received().get(0).body());
        assertEquals("/api/v1/write", receiver.received().get(0).uri());
        assertEquals("application/x-protobuf", receiver.received().get(0).contentType());
        assertEquals(SAMPLES, metrics.samplesSent());
        assertEquals(BATCH.length, metrics.bytesSent());
        assertEquals(0, metrics.samplesRetried());
    }

    @Test
    void serverErrorsAreRetriedWithTheSameBodyUntilDelivered() throws InterruptedException
    {
        final BatchSender sender = senderTo(Answer.of(500), Answer.of(503), Answer.of(200));
        assertEquals(SendVerdict.DELIVERED, sender.send(batch(), headers(), SAMPLES));
        assertEquals(3, receiver.received().size());
        for (final ScriptedWriteReceiver.Received r : receiver.received())
        {
            assertArrayEquals(BATCH, r.body());
        }
        assertEquals(2 * SAMPLES, metrics.samplesRetried());
        assertEquals(2, metrics.requestsRetried());
        assertEquals(SAMPLES, metrics.samplesSent());
        assertEquals(0, metrics.samplesFailed());
    }

    @Test
    void keepAliveCarriesEveryBatchOfAShardOnOneConnection() throws InterruptedException
    {
        final BatchSender sender = senderTo();
        for (int i = 0; i < 5; i++)
        {
            assertEquals(SendVerdict.DELIVERED, sender.send(batch(), headers(), SAMPLES));
        }
        assertEquals(5, receiver.received().size());
        assertEquals(1, receiver.connections());
    }

    @Test
    void aBadRequestIsDroppedCountedAndLoggedWithTheReceiversReason() throws InterruptedException
    {
        final BatchSender sender = senderTo(new Answer(400, null, "out of order sample\n"), Answer.of(204));
        assertEquals(SendVerdict.REJECTED, sender.send(batch(), headers(), SAMPLES));
        assertEquals(1, receiver.received().size(), "a rejected batch is not sent again");
        assertEquals(SAMPLES, metrics.samplesFailed());
        assertEquals(1, metrics.requestsRejected());
        assertEquals(0, metrics.samplesSent());
        assertTrue(log.get(0).contains("400") && log.get(0).endsWith("out of order sample"), log.get(0));
    }

    @Test
    void aTooLargeBatchIsRejected() throws InterruptedException
    {
        final BatchSender sender = senderTo(Answer.of(413));
        assertEquals(SendVerdict.REJECTED, sender.send(batch(), headers(), SAMPLES));
        assertEquals(SAMPLES, metrics.samplesFailed());
    }

    @Test
    void rateLimitingIsARejectionUnlessRetryOnHttp429IsSet() throws InterruptedException
    {
        final BatchSender sender = senderTo(Answer.of(429));
        assertEquals(SendVerdict.REJECTED, sender.send(batch(), headers(), SAMPLES));
        assertEquals(SAMPLES, metrics.samplesFailed());
    }

    @Test
    void withRetryOnHttp429TheReceiversRetryAfterIsObeyed() throws InterruptedException
    {
        receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0, new Answer(429, "1", ""), Answer.of(204));
        final BatchSender sender = sender("http", receiver.port(), true, Duration.ofSeconds(5));
        final long start = System.nanoTime();
        assertEquals(SendVerdict.DELIVERED, sender.send(batch(), headers(), SAMPLES));
        final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMs >= 1000, "Retry-After: 1 must hold the retry back a second (backoff alone is 5 ms), "
            + "waited " + waitedMs + " ms");
        assertEquals(2, receiver.received().size());
        assertEquals(SAMPLES, metrics.samplesRetried());
    }

    @Test
    void aRefusedConnectionIsRetriedUntilTheReceiverComesUp() throws Exception
    {
        final int port = freePort();
        final BatchSender sender = sender("http", port, false, Duration.ofSeconds(2));
        final Future<SendVerdict> sent = background.submit(() -> sender.send(batch(), headers(), SAMPLES));
        while (metrics.requestsRetried() < 3)
        {
            Thread.sleep(5);
        }
        receiver = new ScriptedWriteReceiver(TestEventLoop.group(), port);
        assertEquals(SendVerdict.DELIVERED, sent.get(10, TimeUnit.SECONDS));
        assertEquals(1, receiver.received().size());
        assertEquals(SAMPLES, metrics.samplesSent());
        assertTrue(log.get(0).startsWith("cannot connect to http://127.0.0.1:" + port), log.get(0));
    }

    @Test
    void aReceiverThatDoesNotAnswerWithinRemoteTimeoutIsRetriedOnAFreshConnection() throws InterruptedException
    {
        receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0, Answer.of(0), Answer.of(204));
        final BatchSender sender = sender("http", receiver.port(), false, Duration.ofMillis(300));
        assertEquals(SendVerdict.DELIVERED, sender.send(batch(), headers(), SAMPLES));
        assertEquals(2, receiver.received().size());
        assertEquals(2, receiver.connections(), "the timed-out connection is closed, not reused");
        assertTrue(log.get(0).contains("no answer") && log.get(0).contains("within PT0.3S"), log.get(0));
    }

    @Test
    void aTlsFailureIsRetriedAndAStoppedSenderHandsTheBatchBack() throws Exception
    {
        receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0);
        final BatchSender sender = sender("https", receiver.port(), false, Duration.ofSeconds(2));
        final Future<SendVerdict> sent = background.submit(() -> sender.send(batch(), headers(), SAMPLES));
        while (metrics.requestsRetried() < 2)
        {
            Thread.sleep(5);
        }
        sender.stop();
        assertEquals(SendVerdict.RETRY, sent.get(10, TimeUnit.SECONDS));
        assertEquals(0, metrics.samplesSent());
        assertEquals(0, metrics.samplesFailed(), "a batch handed back is neither sent nor failed");
        assertTrue(receiver.received().isEmpty(), "a plain HTTP server cannot complete a TLS handshake");
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void stoppingBeforeSendingSendsNothing() throws InterruptedException, ExecutionException
    {
        final BatchSender sender = senderTo();
        sender.stop();
        assertEquals(SendVerdict.RETRY, sender.send(batch(), headers(), SAMPLES));
        assertTrue(receiver.received().isEmpty());
    }
}
