package dev.sluice.pipeline.forward;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.jctools.queues.MpscArrayQueue;

/**
 * The sending side of one shard of a write endpoint: a thread that takes sealed batches in the order the workers
 * sealed them, compresses each and sends it through a {@link BatchSender}, then hands the batch back to the worker
 * that filled it. Batches of one shard go out one after another, so the samples of a series stay in order. A batch
 * whose newest sample is older than {@code sample_age_limit} when its turn comes, or when it is about to be sent
 * again (it waited out an outage), is not sent; its samples are counted as too old.
 */
final class ShardSender implements Runnable
{
    private final MpscArrayQueue<EncodedBatch> sealed;
    private final BatchSender sender;
    private final HttpWriteConnection connection;
    private final BodyCompression compression;
    private final HttpHeaders headers;
    private final ForwarderMetrics metrics;
    private final Consumer<String> log;
    private final long sampleAgeLimitMs;
    private final IdleStrategy idle = new BackoffIdleStrategy(
        16, 16, TimeUnit.MICROSECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(1));
    private final ExpandableDirectByteBuffer compressed = new ExpandableDirectByteBuffer(64 * 1024);
    private ByteBuffer wrappedBytes;
    private ByteBuf wrapped;
    private volatile boolean closing;

    ShardSender(
        final int sealedCapacity,
        final HttpWriteConnection connection,
        final BatchSender sender,
        final BodyCompression compression,
        final HttpHeaders headers,
        final ForwarderMetrics metrics,
        final long sampleAgeLimitMs,
        final Consumer<String> log)
    {
        this.sealed = new MpscArrayQueue<>(sealedCapacity);
        this.sampleAgeLimitMs = sampleAgeLimitMs;
        this.connection = connection;
        this.sender = sender;
        this.compression = compression;
        this.headers = headers;
        this.metrics = metrics;
        this.log = log;
    }

    /**
     * Queues a sealed batch; any worker thread. The queue holds every batch of the shard, so it never refuses.
     *
     * @param batch the finished batch.
     */
    void offer(final EncodedBatch batch)
    {
        metrics.queued(batch.samples());
        if (!sealed.offer(batch))
        {
            throw new IllegalStateException("shard queue smaller than the shard's batches");
        }
    }

    /**
     * Whether no sealed batch waits: then a batch that is not full is worth sealing at its deadline. While batches
     * wait (the endpoint is slow or down), the worker keeps filling the open one to {@code max_samples_per_send}
     * instead, so the shard's batches hold {@code capacity} samples however long the wait.
     *
     * @return true when the queue is empty.
     */
    boolean nothingQueued()
    {
        return sealed.isEmpty();
    }

    @Override
    public void run()
    {
        try
        {
            while (true)
            {
                final EncodedBatch batch = sealed.poll();
                if (batch == null)
                {
                    if (closing)
                    {
                        return;
                    }
                    idle.idle();
                    continue;
                }
                idle.reset();
                send(batch);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            abandonQueued();
            connection.close();
        }
    }

    private void send(final EncodedBatch batch) throws InterruptedException
    {
        final int samples = batch.samples();
        final long expiresAtMs = sampleAgeLimitMs > 0 ? batch.newestTimestampMs() + sampleAgeLimitMs : Long.MAX_VALUE;
        final int length = compression.compress(batch.body(), batch.length(), compressed);
        final SendVerdict verdict = sender.send(wrap(length), headers, samples, expiresAtMs);
        metrics.unqueued(samples);
        if (verdict == SendVerdict.DELIVERED)
        {
            metrics.sentUpTo(batch.newestTimestampMs());
        }
        else if (verdict == SendVerdict.RETRY)
        {
            metrics.abandoned(samples);
            log.accept("sender of " + connection.url() + " stopped with " + samples + " samples unsent");
        }
        batch.release();
    }

    private ByteBuf wrap(final int length)
    {
        if (wrappedBytes != compressed.byteBuffer())
        {
            wrappedBytes = compressed.byteBuffer();
            wrapped = Unpooled.wrappedBuffer(wrappedBytes.duplicate().clear());
        }
        return wrapped.setIndex(0, length);
    }

    private void abandonQueued()
    {
        for (EncodedBatch batch; (batch = sealed.poll()) != null; )
        {
            metrics.unqueued(batch.samples());
            metrics.abandoned(batch.samples());
            batch.release();
        }
    }

    /** Lets the thread finish: it sends what is queued, then ends. */
    void drainAndEnd()
    {
        closing = true;
    }

    /** Makes a batch that is being retried give up (it is counted as abandoned), so the thread ends soon. */
    void stopRetrying()
    {
        closing = true;
        sender.stop();
        connection.abort();
    }
}
