package dev.sluice.pipeline.forward.durable;

import java.nio.file.Path;

/**
 * Where and how a write endpoint keeps its unsent batches on disk.
 *
 * @param directory      the root directory; an endpoint keeps its queue in {@code <directory>/<endpoint name>}.
 * @param segmentBytes   size of each segment file (a batch larger than that gets a segment of its own size).
 * @param maxBytes       the most segment bytes one shard keeps, at least two segments; beyond, {@code policy}.
 * @param policy         what is dropped when a shard's queue is full.
 * @param fsyncEachBatch whether every appended batch and every acknowledgement is forced to the device; without it,
 *                       segments and the acknowledged sequence are forced when a segment is full and on close.
 */
public record DurableQueueConfig(
    Path directory,
    int segmentBytes,
    long maxBytes,
    FullPolicy policy,
    boolean fsyncEachBatch)
{
    /** Default segment size: 8 MiB. */
    public static final int DEFAULT_SEGMENT_BYTES = 8 * 1024 * 1024;
    /** Default bound per shard: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    /** The smallest segment accepted. */
    public static final int MIN_SEGMENT_BYTES = 4096;

    /**
     * Checks the values.
     *
     * @param directory      the root directory.
     * @param segmentBytes   size of each segment file.
     * @param maxBytes       the most segment bytes per shard.
     * @param policy         what is dropped when full.
     * @param fsyncEachBatch whether each batch is forced to the device.
     */
    public DurableQueueConfig
    {
        if (segmentBytes < MIN_SEGMENT_BYTES || maxBytes < 2L * segmentBytes)
        {
            throw new IllegalArgumentException("durable queue needs segment_bytes >= " + MIN_SEGMENT_BYTES +
                " and max_bytes >= 2 segments, got segment_bytes " + segmentBytes + ", max_bytes " + maxBytes);
        }
        if (directory == null || policy == null)
        {
            throw new IllegalArgumentException("durable queue needs a directory and a policy");
        }
    }

    /**
     * The defaults under a directory: 8 MiB segments, 256 MiB per shard, {@link FullPolicy#DROP_OLDEST}, forced on
     * segment roll and close only.
     *
     * @param directory the root directory.
     * @return the config.
     */
    public static DurableQueueConfig in(final Path directory)
    {
        return new DurableQueueConfig(directory, DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_BYTES, FullPolicy.DROP_OLDEST,
            false);
    }

    /**
     * The most segments one shard keeps.
     *
     * @return {@code maxBytes / segmentBytes}, at least 2.
     */
    int maxSegments()
    {
        return (int)Math.min(Integer.MAX_VALUE, maxBytes / segmentBytes);
    }
}
