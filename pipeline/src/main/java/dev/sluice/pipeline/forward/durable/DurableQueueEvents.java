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
     * @param samples    the samples lost, histograms included.
     * @param histograms the native histograms among them.
     */
    void droppedFull(long samples, long histograms);

    /**
     * A new segment could not be created or preallocated (the disk is full, most likely); the batch that needed it
     * was handled by the {@link FullPolicy} as if the queue were full.
     */
    void segmentRefused();

    /** A torn or corrupt record was found at the tail of a segment on recovery, and it and what follows were cut. */
    void tailTruncated();
}
