package dev.sluice.pipeline.forward;

import java.util.Queue;

import org.agrona.ExpandableDirectByteBuffer;

/**
 * One request body being filled by a {@link BatchEncoder}, then sent by a shard: reused batch after batch, so it
 * grows to the largest request once and never allocates again.
 */
public final class EncodedBatch
{
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final ExpandableDirectByteBuffer body = new ExpandableDirectByteBuffer(INITIAL_CAPACITY);
    private final Queue<EncodedBatch> home;
    private int length;
    private int samples;
    private int histograms;
    private int generation;
    private int exemplars;
    private int metadata;
    private long newestTimestampMs = Long.MIN_VALUE;
    private long sealedNs;

    /** Creates a batch of its own, for encoding outside a forwarder. */
    public EncodedBatch()
    {
        this(null);
    }

    /**
     * Creates a batch of a shard's pool.
     *
     * @param home the pool it goes back to when sent.
     */
    EncodedBatch(final Queue<EncodedBatch> home)
    {
        this.home = home;
    }

    /**
     * The body bytes, valid from index 0 to {@link #length()}.
     *
     * @return the buffer; it may grow while an encoder writes.
     */
    public ExpandableDirectByteBuffer body()
    {
        return body;
    }

    /**
     * Bytes of the body written so far.
     *
     * @return the length.
     */
    public int length()
    {
        return length;
    }

    /**
     * Sets the number of body bytes written; encoders call it as they append.
     *
     * @param length the new length.
     */
    public void length(final int length)
    {
        this.length = length;
    }

    /**
     * Samples in the batch, the unit of the forwarder's counters.
     *
     * @return the count.
     */
    public int samples()
    {
        return samples;
    }

    /** Counts one more sample; encoders call it once per appended sample. */
    public void countSample()
    {
        samples++;
    }

    /**
     * Native histograms among the {@link #samples()}.
     *
     * @return the count.
     */
    public int histograms()
    {
        return histograms;
    }

    /** Counts the sample appended last as a native histogram; the batcher calls it after an encoder counted it. */
    void countHistogram()
    {
        histograms++;
    }

    /**
     * The shard generation the batch was filled in ({@link ShardSet}): a shard sends it once that generation is open.
     *
     * @return the generation.
     */
    int generation()
    {
        return generation;
    }

    void generation(final int value)
    {
        generation = value;
    }

    /**
     * Exemplars in the batch, for the exemplar counters.
     *
     * @return the count.
     */
    public int exemplars()
    {
        return exemplars;
    }

    /**
     * Counts exemplars written into the batch; encoders call it as they write them.
     *
     * @param count the exemplars just written.
     */
    public void countExemplars(final int count)
    {
        exemplars += count;
    }

    /**
     * Family metadata entries in the batch, which then holds nothing else.
     *
     * @return the count.
     */
    public int metadata()
    {
        return metadata;
    }

    /** Counts one more metadata entry; encoders call it once per appended entry. */
    public void countMetadata()
    {
        metadata++;
    }

    /**
     * The newest sample timestamp in the batch ({@code prometheus_remote_storage_queue_highest_sent_timestamp_seconds}
     * once delivered).
     *
     * @return milliseconds since the epoch, {@link Long#MIN_VALUE} for an empty batch.
     */
    public long newestTimestampMs()
    {
        return newestTimestampMs;
    }

    void noteTimestamp(final long timestampMs)
    {
        newestTimestampMs = Math.max(newestTimestampMs, timestampMs);
    }

    long sealedNs()
    {
        return sealedNs;
    }

    void sealedNs(final long nanoTime)
    {
        sealedNs = nanoTime;
    }

    /** Empties the batch for reuse. */
    public void clear()
    {
        length = 0;
        samples = 0;
        histograms = 0;
        exemplars = 0;
        metadata = 0;
        newestTimestampMs = Long.MIN_VALUE;
    }

    /** Empties the batch and gives it back to the pool of the worker that filled it. */
    void release()
    {
        clear();
        if (home != null && !home.offer(this))
        {
            throw new IllegalStateException("batch pool smaller than its batches");
        }
    }
}
