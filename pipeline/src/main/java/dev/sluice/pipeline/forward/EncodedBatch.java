package dev.sluice.pipeline.forward;

import org.agrona.ExpandableDirectByteBuffer;

/**
 * One request body being filled by a {@link BatchEncoder}, then sent by a shard: reused batch after batch, so it
 * grows to the largest request once and never allocates again.
 */
public final class EncodedBatch
{
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final ExpandableDirectByteBuffer body = new ExpandableDirectByteBuffer(INITIAL_CAPACITY);
    private int length;
    private int samples;

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

    /** Empties the batch for reuse. */
    public void clear()
    {
        length = 0;
        samples = 0;
    }
}
