package dev.sluice.pipeline.forward.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A durable queue on a file system that fills up: a 96 KiB tmpfs mounted for the test (it needs root, and is skipped
 * with a message when the mount is refused). The queue's own bound is far above, so only the disk stops it: a
 * segment that cannot be preallocated is refused and counted, the policy drops by its rule and counts the samples,
 * and the JVM never meets a fault on a mapped page. What is not dropped is read back whole, in order.
 */
class DurableQueueFullDiskTest
{
    private static final int SEGMENT = 16 * 1024;
    private static final int BODY = 5000;
    private static final int BATCHES = 60;

    @TempDir
    Path parent;
    private Path mountPoint;
    private boolean mounted;

    @BeforeEach
    void mount() throws IOException, InterruptedException
    {
        mountPoint = parent.resolve("tmpfs");
        Files.createDirectories(mountPoint);
        final Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs",
            mountPoint.toString()).redirectErrorStream(true).start();
        final boolean done = mount.waitFor(10, TimeUnit.SECONDS);
        final String output = new String(mount.getInputStream().readAllBytes());
        mounted = done && mount.exitValue() == 0;
        assumeTrue(mounted, "cannot mount a small tmpfs here (root needed): " + output.strip());
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException
    {
        if (mounted)
        {
            new ProcessBuilder("umount", mountPoint.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(FullPolicy.class)
    void aFullDiskIsACountedDropByThePolicyNeverACrash(final FullPolicy policy)
    {
        final Counting events = new Counting();
        final List<Integer> kept = new ArrayList<>();
        final DurableQueueConfig config = new DurableQueueConfig(mountPoint, SEGMENT, 64L << 20, policy, false);
        try (DurableShardQueue queue = new DurableShardQueue(mountPoint.resolve("shard-0"), config, events))
        {
            for (int batch = 1; batch <= BATCHES; batch++)
            {
                if (queue.append(body(batch), BODY, batch, 0, batch) != 0)
                {
                    kept.add(batch);
                }
            }
            assertTrue(events.refused > 0, "the disk filled up: no segment refused");
            final ExpandableDirectByteBuffer read = new ExpandableDirectByteBuffer(BODY);
            final List<Integer> readBack = new ArrayList<>();
            long samplesRead = 0;
            for (int length = queue.readNext(read); length >= 0; length = queue.readNext(read))
            {
                assertEquals(BODY, length);
                final int batch = queue.inFlightSamples();
                assertEquals((byte)batch, read.getByte(0));
                assertEquals((byte)batch, read.getByte(BODY - 1));
                readBack.add(batch);
                samplesRead += batch;
                queue.acknowledge();
            }
            final long appended = (long)BATCHES * (BATCHES + 1) / 2;
            assertEquals(appended, samplesRead + events.dropped, "every sample is read back or counted dropped");
            if (policy == FullPolicy.DROP_NEWEST)
            {
                assertEquals(kept, readBack, "the batches taken, in order");
                assertEquals(readBack.size(), readBack.get(readBack.size() - 1), "the first ones were kept");
            }
            else
            {
                assertEquals(BATCHES, readBack.get(readBack.size() - 1), "the newest batches were kept");
                for (int i = 1; i < readBack.size(); i++)
                {
                    assertEquals(readBack.get(i - 1) + 1, readBack.get(i), "a run of the newest, in order");
                }
            }
        }
    }

    private static UnsafeBuffer body(final int batch)
    {
        final byte[] bytes = new byte[BODY];
        Arrays.fill(bytes, (byte)batch);
        return new UnsafeBuffer(bytes);
    }

    /** Counts drops and refused segments. */
    private static final class Counting implements DurableQueueEvents
    {
        private long dropped;
        private int refused;

        @Override
        public void droppedFull(final long samples, final long histograms)
        {
            dropped += samples;
        }

        @Override
        public void tailTruncated()
        {
        }

        @Override
        public void segmentRefused()
        {
            refused++;
        }
    }
}
