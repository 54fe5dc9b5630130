package dev.sluice.pipeline.forward;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;

/**
 * The shards of one endpoint and the number of them in use, which resharding changes without reordering the samples
 * of a series.
 *
 * <p>Each change opens a new generation. Workers adopt it one by one, at their next duty cycle: a worker first seals
 * the batches it is filling (they belong to the old generation), then maps series over the new count, and its batches
 * carry the new generation. A shard sends a batch only once its generation is open; a newer one it meets first is held
 * back, in order, while it goes on sending older ones. The new generation opens when every worker has adopted it and
 * every batch of the old one is done (delivered, rejected or abandoned). So a series whose shard changed has all its
 * older samples sent before any newer one, as Prometheus gets by stopping the old shards before starting the new ones,
 * but without blocking a worker or dropping a sample. At most one change is under way at a time.
 *
 * <p>Senders are made on demand up to the most shards allowed and stay, idle, when the count falls.
 */
final class ShardSet
{
    private static final int COUNT_BITS = 32;

    private final ShardSender[] senders;
    private final SenderFactory newSender;
    /** The generation workers must adopt (high half) and its shard count (low half). */
    private volatile long target;
    private volatile int openGeneration;
    private final AtomicInteger workersToSwitch = new AtomicInteger();
    /** Batches sealed and not yet done, by generation parity: only the open one and the next are ever counted. */
    private final AtomicLongArray unfinished = new AtomicLongArray(2);
    private int workers;

    /**
     * Creates the set with its first senders.
     *
     * @param initial   the shards to run at first.
     * @param maxShards the most shards the set may grow to.
     * @param newSender makes the sender of a shard index.
     */
    ShardSet(final int initial, final int maxShards, final SenderFactory newSender)
    {
        this.senders = new ShardSender[maxShards];
        this.newSender = newSender;
        for (int shard = 0; shard < initial; shard++)
        {
            senders[shard] = newSender.make(this, shard);
        }
        this.target = initial;
    }

    static int generationOf(final long layout)
    {
        return (int)(layout >>> COUNT_BITS);
    }

    static int countOf(final long layout)
    {
        return (int)layout;
    }

    /**
     * The generation and shard count workers must use; decode with {@link #generationOf} and {@link #countOf}.
     *
     * @return the layout.
     */
    long target()
    {
        return target;
    }

    /**
     * The shards in use (or being switched to).
     *
     * @return the count.
     */
    int count()
    {
        return countOf(target);
    }

    /**
     * The sender of a shard index, made once the index was first used.
     *
     * @param shard the index.
     * @return the sender, null for an index never used.
     */
    ShardSender sender(final int shard)
    {
        return senders[shard];
    }

    /**
     * The most shards the set may hold.
     *
     * @return the length of the sender table.
     */
    int capacity()
    {
        return senders.length;
    }

    /**
     * Registers a worker's batcher; it starts on the target layout and is waited for by every later change.
     *
     * @return the layout it starts with.
     */
    synchronized long register()
    {
        workers++;
        return target;
    }

    /**
     * Starts a change of the shard count, making the senders it needs; refused while a change is under way.
     *
     * @param count the new count, at most {@link #capacity()}.
     * @param made  receives the index of each sender made, to start its thread.
     * @return whether the change was started.
     */
    synchronized boolean change(final int count, final IntConsumer made)
    {
        final long current = target;
        if (openGeneration != generationOf(current) || count == countOf(current))
        {
            return false;
        }
        for (int shard = 0; shard < count; shard++)
        {
            if (senders[shard] == null)
            {
                senders[shard] = newSender.make(this, shard);
                made.accept(shard);
            }
        }
        workersToSwitch.set(workers);
        target = ((long)(generationOf(current) + 1) << COUNT_BITS) | count;
        tryOpen();
        return true;
    }

    /** A worker has sealed its batches of the old generation and uses the target one from now on. */
    void switched()
    {
        workersToSwitch.decrementAndGet();
        tryOpen();
    }

    /**
     * A batch of a generation was sealed; worker thread, once per batch.
     *
     * @param generation the batch's generation.
     */
    void sealed(final int generation)
    {
        unfinished.incrementAndGet(generation & 1);
    }

    /**
     * A batch of a generation is done: delivered, rejected, abandoned or written to disk; shard thread.
     *
     * @param generation the batch's generation.
     */
    void finished(final int generation)
    {
        unfinished.decrementAndGet(generation & 1);
    }

    /**
     * The newest generation whose batches may be sent.
     *
     * @return the generation.
     */
    int openGeneration()
    {
        return openGeneration;
    }

    /** Opens the target generation once every worker adopted it and no batch of the one before is left; any thread. */
    void tryOpen()
    {
        final int generation = generationOf(target);
        if (openGeneration != generation && workersToSwitch.get() == 0 && unfinished.get((generation - 1) & 1) == 0)
        {
            openGeneration = generation;
        }
    }

    /** Makes the sender of one shard index of a set. */
    @FunctionalInterface
    interface SenderFactory
    {
        /**
         * Makes a sender.
         *
         * @param set   the set it belongs to, whose generations it follows.
         * @param shard its index.
         * @return the sender, its thread not started.
         */
        ShardSender make(ShardSet set, int shard);
    }
}
