package dev.sluice.pipeline.forward;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
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
 *
 * <p>While the endpoint reshards ({@link ShardSet}), a batch of a generation not open yet is held back, with those
 * after it, while the older batches behind it are sent.
 */
final class ShardSender implements Runnable
{
    private final MpscArrayQueue<EncodedBatch> sealed;
    /** Batches of a generation not open yet, in the order they were taken; shard thread only. */
    private final ArrayDeque<EncodedBatch> held;
    private final ShardSet shardSet;
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
    private volatile boolean holding;
    private volatile boolean closing;
    private volatile boolean stopped;

    ShardSender(
        final int sealedCapacity,
        final ShardSet shardSet,
        final HttpWriteConnection connection,
        final BatchSender sender,
        final BodyCompression compression,
        final HttpHeaders headers,
        final ForwarderMetrics metrics,
        final long sampleAgeLimitMs,
        final Consumer<String> log)
    {
        this.sealed = new MpscArrayQueue<>(sealedCapacity);
        this.held = new ArrayDeque<>(sealedCapacity);
        this.shardSet = shardSet;
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
        return sealed.isEmpty() && !holding && !unsentOnDisk;
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
            final EncodedBatch batch = nextBatch();
            if (batch == null)
            {
                if (stopped || closing && sealed.isEmpty() && held.isEmpty())
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

    /**
     * The next batch to send: the oldest held one once its generation is open, else the next one taken whose
     * generation is open; a batch of a generation not open yet is held, with every one after it.
     */
    private EncodedBatch nextBatch()
    {
        final int open = shardSet.openGeneration();
        if (!held.isEmpty() && held.peekFirst().generation() <= open)
        {
            final EncodedBatch batch = held.pollFirst();
            holding = !held.isEmpty();
            return batch;
        }
        for (EncodedBatch batch; (batch = sealed.poll()) != null; )
        {
            if (batch.generation() <= open)
            {
                // Nothing held is older: a batch of an open generation taken behind held ones goes first.
                return batch;
            }
            held.addLast(batch);
            holding = true;
            metrics.enqueueRetried();
        }
        if (!held.isEmpty())
        {
            shardSet.tryOpen();
        }
        return null;
    }

    private void send(final EncodedBatch batch) throws InterruptedException
    {
        final int samples = batch.samples();
        final int length = compression.compress(batch.body(), batch.length(), compressed);
        final SendVerdict verdict = deliver(length, samples, batch.histograms(), batch.newestTimestampMs(),
            BatchSender.NOTHING_BETWEEN_ATTEMPTS);
        metrics.settled(verdict, batch.exemplars(), batch.metadata());
        if (verdict == SendVerdict.RETRY)
        {
            abandon(samples, batch.histograms());
        }
        finish(batch);
    }

    /** Gives a batch back to its worker and counts it done for its generation. */
    private void finish(final EncodedBatch batch)
    {
        final int generation = batch.generation();
        batch.release();
        shardSet.finished(generation);
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
            final int histograms = durable.inFlightHistograms();
            if (deliver(length, samples, histograms, durable.inFlightNewestTimestampMs(), persistSealed) ==
                SendVerdict.RETRY)
            {
                if (!durable.inFlightOnDisk())
                {
                    abandon(samples, histograms);
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
            durable.append(persisting, length, batch.samples(), batch.histograms(), batch.newestTimestampMs());
            finish(batch);
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

    private SendVerdict deliver(final int length, final int samples, final int histograms,
        final long newestTimestampMs, final Runnable whileWaiting) throws InterruptedException
    {
        final long expiresAtMs = sampleAgeLimitMs > 0 ? newestTimestampMs + sampleAgeLimitMs : Long.MAX_VALUE;
        final long startNs = System.nanoTime();
        final SendVerdict verdict =
            sender.send(wrap(length), headers, samples, histograms, expiresAtMs, whileWaiting);
        if (verdict != SendVerdict.RETRY)
        {
            metrics.unqueued(samples);
        }
        if (verdict == SendVerdict.DELIVERED || verdict == SendVerdict.REJECTED)
        {
            metrics.sendCompleted(samples, System.nanoTime() - startNs, System.currentTimeMillis());
        }
        if (verdict == SendVerdict.DELIVERED)
        {
            metrics.sentUpTo(newestTimestampMs);
        }
        return verdict;
    }

    private void abandon(final int samples, final int histograms)
    {
        metrics.unqueued(samples);
        metrics.abandoned(samples, histograms);
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
        for (EncodedBatch batch; (batch = held.pollFirst()) != null || (batch = sealed.poll()) != null; )
        {
            metrics.unqueued(batch.samples());
            metrics.abandoned(batch.samples(), batch.histograms());
            finish(batch);
        }
        holding = false;
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
        stopped = true;
        sender.stop();
        connection.abort();
    }
}
