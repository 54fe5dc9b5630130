package dev.sluice.pipeline.forward.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once warmed up, the shard thread's work per batch in the durable queue (append with its checksum, read back,
 * acknowledge) allocates nothing while the segment has room.
 */
class DurableShardQueueAllocationTest
{
    private static final int SEGMENT_BYTES = 32 * 1024 * 1024;
    private static final int BODY = 2_000;
    private static final int WARM_UP_BATCHES = 3_000;
    private static final int MEASURED_BATCHES = 500;
    private static final int ROUNDS = 5;

    @TempDir
    Path root;

    @Test
    void appendingReadingAndAcknowledgingABatchAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final DurableShardQueueTest.CountingEvents events = new DurableShardQueueTest.CountingEvents();
        final UnsafeBuffer body = new UnsafeBuffer(new byte[BODY]);
        final ExpandableDirectByteBuffer read = new ExpandableDirectByteBuffer(BODY);
        try (DurableShardQueue queue = new DurableShardQueue(root.resolve("shard-0"),
            new DurableQueueConfig(root, SEGMENT_BYTES, 2L * SEGMENT_BYTES, FullPolicy.DROP_OLDEST, false), events))
        {
            for (int i = 0; i < WARM_UP_BATCHES; i++)
            {
                roundTrip(queue, body, read, i);
            }
            // The least of a few rounds, so that a one-off event of the JVM (a compilation) does not count.
            long allocated = Long.MAX_VALUE;
            for (int round = 0; round < ROUNDS; round++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < MEASURED_BATCHES; i++)
                {
                    roundTrip(queue, body, read, i);
                }
                allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertEquals(0L, allocated, "bytes allocated by " + MEASURED_BATCHES + " batches of " + BODY + " bytes");
            assertEquals(1, queue.segmentCount(), "every batch fitted in the first segment");
            assertEquals(0, queue.unacknowledgedSamples());
        }
    }

    private static void roundTrip(
        final DurableShardQueue queue,
        final UnsafeBuffer body,
        final ExpandableDirectByteBuffer read,
        final int batch)
    {
        body.putInt(0, batch);
        queue.append(body, BODY, 100, batch);
        if (queue.readNext(read) != BODY || read.getInt(0) != batch)
        {
            throw new AssertionError("batch " + batch + " read back wrong");
        }
        queue.acknowledge();
    }
}
