package dev.sluice.pipeline.forward.durable;

/**
 * What a durable shard queue reports to the endpoint's counters; called on the shard thread only, never per
 * sample.
 */
public interface DurableQueueEvents
{
    /**
     * Samples dropped because the queue was full ({@link FullPolicy}): those of a deleted oldest segment, or of a
     * new batch refused.
     *
     * @param samples the samples lost.
     */
    void droppedFull(long samples);

    /** A torn or corrupt record was found at the tail of a segment on recovery, and it and what follows were cut. */
    void tailTruncated();
}
