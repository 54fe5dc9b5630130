package dev.sluice.pipeline.forward;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.sluice.pipeline.forward.durable.DurableShardQueue;
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
 *
 * <p>With a {@link #durable durable queue}, the thread first writes every batch it takes to disk (also while it
 * waits between attempts), hands the batch back at once, and sends from the queue, oldest first.
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
    private final IdleStrategy idle = new BackoffIdleStrategy(
        16, 16, TimeUnit.MICROSECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(1));
    private final ExpandableDirectByteBuffer compressed = new ExpandableDirectByteBuffer(64 * 1024);
    private final ExpandableDirectByteBuffer persisting = new ExpandableDirectByteBuffer(64 * 1024);
    private final Runnable persistSealed = this::persistSealed;
    private ByteBuffer wrappedBytes;
    private ByteBuf wrapped;
    private final long sampleAgeLimitMs;
    private DurableShardQueue durable;
    private volatile boolean unsentOnDisk;
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
     * instead, so the shard's batches hold {@code capacity} samples however long the wait. With a durable queue,
     * batches on disk not yet sent wait too: the records stay full-sized through an outage.
     *
     * @return true when the queue is empty.
     */
    boolean nothingQueued()
    {
        return sealed.isEmpty() && !unsentOnDisk;
    }

    /**
     * Gives the shard a durable queue, before its thread starts: batches are then written to disk as soon as the
     * thread takes them, sent from there in order (first what a run before left unsent), and what is unsent at
     * close stays on disk.
     *
     * @param queue the shard's queue, opened; the thread closes it when it ends.
     */
    void durable(final DurableShardQueue queue)
    {
        durable = queue;
        metrics.replayed(queue.unacknowledgedSamples());
    }

    @Override
    public void run()
    {
        try
        {
            if (durable == null)
            {
                sendFromMemory();
            }
            else
            {
                sendFromDisk();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            if (durable == null)
            {
                abandonQueued();
            }
            else
            {
                persistSealed();
                metrics.keptOnDisk(durable.unacknowledgedSamples());
                durable.close();
            }
            connection.close();
        }
    }

    private void sendFromMemory() throws InterruptedException
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

    private void send(final EncodedBatch batch) throws InterruptedException
    {
        final int samples = batch.samples();
        final int length = compression.compress(batch.body(), batch.length(), compressed);
        final SendVerdict verdict =
            deliver(length, samples, batch.newestTimestampMs(), BatchSender.NOTHING_BETWEEN_ATTEMPTS);
        metrics.settled(verdict, batch.exemplars(), batch.metadata());
        if (verdict == SendVerdict.RETRY)
        {
            abandon(samples);
        }
        batch.release();
    }

    private void sendFromDisk() throws InterruptedException
    {
        while (true)
        {
            persistSealed();
            final int length = durable.readNext(compressed);
            noteUnsentOnDisk();
            if (length < 0)
            {
                if (closing && sealed.isEmpty())
                {
                    return;
                }
                idle.idle();
                continue;
            }
            idle.reset();
            final int samples = durable.inFlightSamples();
            if (deliver(length, samples, durable.inFlightNewestTimestampMs(), persistSealed) == SendVerdict.RETRY)
            {
                if (!durable.inFlightOnDisk())
                {
                    abandon(samples);
                }
                return;
            }
            durable.acknowledge();
        }
    }

    /** Compresses every sealed batch into the durable queue and gives it back to its worker at once. */
    private void persistSealed()
    {
        for (EncodedBatch batch; (batch = sealed.poll()) != null; )
        {
            final int length = compression.compress(batch.body(), batch.length(), persisting);
            durable.append(persisting, length, batch.samples(), batch.newestTimestampMs());
            batch.release();
        }
        noteUnsentOnDisk();
    }

    private void noteUnsentOnDisk()
    {
        final boolean unsent = !durable.allRead();
        if (unsent != unsentOnDisk)
        {
            unsentOnDisk = unsent;
        }
    }

    private SendVerdict deliver(final int length, final int samples, final long newestTimestampMs,
        final Runnable whileWaiting) throws InterruptedException
    {
        final long expiresAtMs = sampleAgeLimitMs > 0 ? newestTimestampMs + sampleAgeLimitMs : Long.MAX_VALUE;
        final SendVerdict verdict = sender.send(wrap(length), headers, samples, expiresAtMs, whileWaiting);
        if (verdict != SendVerdict.RETRY)
        {
            metrics.unqueued(samples);
        }
        if (verdict == SendVerdict.DELIVERED)
        {
            metrics.sentUpTo(newestTimestampMs);
        }
        return verdict;
    }

    private void abandon(final int samples)
    {
        metrics.unqueued(samples);
        metrics.abandoned(samples);
        log.accept("sender of " + connection.url() + " stopped with " + samples + " samples unsent");
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

    /**
     * Makes a batch that is being retried give up (it is counted as abandoned, or stays in the durable queue), so the
     * thread ends soon.
     */
    void stopRetrying()
    {
        closing = true;
        sender.stop();
        connection.abort();
    }
}
