package dev.sluice.pipeline.forward.durable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Any sequence of appends, reads, acknowledgements and reopenings leaves a shard's durable queue holding exactly the
 * batches not acknowledged, in the order they were appended, with their bodies and sample counts; a batch read but
 * not acknowledged before a reopening is read again.
 */
class DurableShardQueueProperties
{
    private static final int APPEND = 0;
    private static final int READ = 1;
    private static final int ACKNOWLEDGE = 2;
    private static final int REOPEN = 3;

    @Property(tries = 200)
    void theQueueHoldsExactlyTheUnacknowledgedBatchesInOrder(
        @ForAll @Size(max = 120) final List<@IntRange(min = 0, max = 9) Integer> actions,
        @ForAll @Size(min = 1, max = 20) final List<@IntRange(min = 1, max = 3000) Integer> bodyLengths)
        throws IOException
    {
        final Path root = Files.createTempDirectory("sluice-durable");
        final DurableQueueConfig config = new DurableQueueConfig(root, DurableQueueConfig.MIN_SEGMENT_BYTES,
            1L << 30, FullPolicy.DROP_OLDEST, false);
        final DurableShardQueueTest.CountingEvents events = new DurableShardQueueTest.CountingEvents();
        final ExpandableDirectByteBuffer read = new ExpandableDirectByteBuffer(64);
        final List<byte[]> appended = new ArrayList<>();
        int acknowledged = 0;
        int cursor = 0;
        boolean inFlight = false;
        DurableShardQueue queue = new DurableShardQueue(root.resolve("shard-0"), config, events);
        try
        {
            for (final int action : actions)
            {
                final int kind = action < 4 ? APPEND : action < 6 ? READ : action < 9 ? ACKNOWLEDGE : REOPEN;
                if (kind == APPEND)
                {
                    final byte[] body = body(appended.size(), bodyLengths.get(appended.size() % bodyLengths.size()));
                    assertEquals(appended.size() + 1,
                        queue.append(new UnsafeBuffer(body), body.length, appended.size(), appended.size()));
                    appended.add(body);
                }
                else if (kind == READ && !inFlight && cursor < appended.size())
                {
                    expectRecord(queue, read, appended, cursor);
                    cursor++;
                    inFlight = true;
                }
                else if (kind == ACKNOWLEDGE && inFlight)
                {
                    queue.acknowledge();
                    acknowledged = cursor;
                    inFlight = false;
                }
                else if (kind == REOPEN)
                {
                    queue.close();
                    queue = new DurableShardQueue(root.resolve("shard-0"), config, events);
                    cursor = acknowledged;
                    inFlight = false;
                }
            }
            queue.close();
            queue = new DurableShardQueue(root.resolve("shard-0"), config, events);
            long unacknowledgedSamples = 0;
            for (int i = acknowledged; i < appended.size(); i++)
            {
                unacknowledgedSamples += i;
            }
            assertEquals(unacknowledgedSamples, queue.unacknowledgedSamples());
            for (int i = acknowledged; i < appended.size(); i++)
            {
                expectRecord(queue, read, appended, i);
                queue.acknowledge();
            }
            assertEquals(-1, queue.readNext(read), "nothing beyond what was appended");
            assertEquals(0, events.truncated, "a clean close leaves nothing torn");
        }
        finally
        {
            queue.close();
            try (Stream<Path> files = Files.walk(root))
            {
                for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.delete(file);
                }
            }
        }
    }

    private static byte[] body(final int batch, final int length)
    {
        final byte[] body = new byte[length];
        for (int i = 0; i < length; i++)
        {
            body[i] = (byte)(batch * 31 + i);
        }
        return body;
    }

    private static void expectRecord(
        final DurableShardQueue queue,
        final ExpandableDirectByteBuffer read,
        final List<byte[]> appended,
        final int index)
    {
        final int length = queue.readNext(read);
        final byte[] bytes = new byte[length];
        read.getBytes(0, bytes);
        assertArrayEquals(appended.get(index), bytes, "batch " + index);
        assertEquals(index, queue.inFlightSamples());
        assertEquals(index, queue.inFlightNewestTimestampMs());
    }
}
