package dev.sluice.pipeline.forward.durable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard's durable queue on its own: records come back in order with their counts, segments roll and go once
 * acknowledged, a reopened queue sends what was not acknowledged, a torn or damaged tail is cut and counted, and a
 * full queue drops by its policy and counts it.
 */
class DurableShardQueueTest
{
    private static final int SEGMENT = 4096;
    /** Three of these fill a 4 KiB segment; a fourth rolls it. */
    private static final int BODY = 1000;

    @TempDir
    Path root;

    private final CountingEvents events = new CountingEvents();
    private final ExpandableDirectByteBuffer read = new ExpandableDirectByteBuffer(64);
    private final List<DurableShardQueue> opened = new ArrayList<>();

    @AfterEach
    void closeQueues()
    {
        opened.forEach(DurableShardQueue::close);
    }

    private DurableShardQueue open(final long maxBytes, final FullPolicy policy)
    {
        final DurableShardQueue queue = new DurableShardQueue(root.resolve("shard-0"),
            new DurableQueueConfig(root, SEGMENT, maxBytes, policy, false), events);
        opened.add(queue);
        return queue;
    }

    private DurableShardQueue open()
    {
        return open(1 << 20, FullPolicy.DROP_OLDEST);
    }

    private void reopenAfterClose(final DurableShardQueue queue)
    {
        queue.close();
        opened.remove(queue);
    }

    /** A body whose bytes all say which batch it is. */
    private static UnsafeBuffer body(final int batch, final int length)
    {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte)batch);
        return new UnsafeBuffer(bytes);
    }

    private static long append(final DurableShardQueue queue, final int batch)
    {
        return queue.append(body(batch, BODY), BODY, batch, 1000L * batch);
    }

    /** Reads the next record, checks it is batch {@code batch}, and acknowledges it unless told not to. */
    private void expectNext(final DurableShardQueue queue, final int batch, final boolean acknowledge)
    {
        final int length = queue.readNext(read);
        assertEquals(BODY, length, "batch " + batch);
        final byte[] bytes = new byte[length];
        read.getBytes(0, bytes);
        assertArrayEquals(body(batch, BODY).byteArray(), bytes, "body of batch " + batch);
        assertEquals(batch, queue.inFlightSamples());
        assertEquals(1000L * batch, queue.inFlightNewestTimestampMs());
        if (acknowledge)
        {
            queue.acknowledge();
        }
    }

    private List<Path> segmentFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(root.resolve("shard-0")))
        {
            return files.filter(f -> f.toString().endsWith(".seg")).sorted().toList();
        }
    }

    private void overwrite(final Path file, final long offset, final byte... bytes) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    @Test
    void histogramCountsTravelWithTheirRecordsAcrossAReopenAndIntoTheDropCounts()
    {
        final DurableShardQueue queue = open(2 * SEGMENT, FullPolicy.DROP_OLDEST);
        queue.append(body(1, BODY), BODY, 10, 4, 1000L);
        queue.append(body(2, BODY), BODY, 20, 0, 2000L);
        reopenAfterClose(queue);
        final DurableShardQueue reopened = open(2 * SEGMENT, FullPolicy.DROP_OLDEST);
        assertEquals(BODY, reopened.readNext(read));
        assertEquals(10, reopened.inFlightSamples());
        assertEquals(4, reopened.inFlightHistograms());
        reopened.acknowledge();
        assertEquals(BODY, reopened.readNext(read));
        assertEquals(0, reopened.inFlightHistograms());
        reopened.acknowledge();
        // Batch 3 joins 1 and 2 in the first segment, 4 to 6 fill the second, 7 makes room by dropping the first.
        for (int batch = 3; batch <= 7; batch++)
        {
            reopened.append(body(batch, BODY), BODY, 5, 3, 1000L * batch);
        }
        assertEquals(5, events.dropped, "batch 3, the one unacknowledged batch of the oldest segment");
        assertEquals(3, events.droppedHistograms);
    }

    @Test
    void aVersion1SegmentIsReplayedAsBatchesWithoutHistogramsAndAnUnknownVersionIsCut() throws IOException
    {
        final DurableShardQueue queue = open();
        append(queue, 1);
        append(queue, 2);
        reopenAfterClose(queue);
        final Path segment = segmentFiles().get(0);
        overwrite(segment, 4, (byte)SegmentFile.VERSION_1, (byte)0, (byte)0, (byte)0);
        final DurableShardQueue version1 = open();
        assertEquals(0, events.truncated, "version 1 is read as it is");
        expectNext(version1, 1, true);
        assertEquals(0, version1.inFlightHistograms());
        reopenAfterClose(version1);
        overwrite(segment, 4, (byte)7, (byte)0, (byte)0, (byte)0);
        final DurableShardQueue unknown = open();
        assertEquals(1, events.truncated, "a version it does not know cuts the segment");
        assertEquals(-1, unknown.readNext(read));
    }

    @Test
    void batchesAreReadInOrderWithTheirCountsAndAcknowledgedOnce()
    {
        final DurableShardQueue queue = open();
        assertEquals(1, append(queue, 1));
        assertEquals(2, append(queue, 2));
        assertEquals(3, append(queue, 3));
        assertEquals(6, queue.unacknowledgedSamples());
        expectNext(queue, 1, true);
        expectNext(queue, 2, true);
        assertEquals(3, queue.unacknowledgedSamples());
        assertFalse(queue.allRead());
        expectNext(queue, 3, true);
        assertTrue(queue.allRead());
        assertEquals(-1, queue.readNext(read));
        assertEquals(0, queue.unacknowledgedSamples());
    }

    @Test
    void otherFilesInTheDirectoryAreLeftAlone() throws IOException
    {
        final Path shard = Files.createDirectories(root.resolve("shard-0"));
        final List<String> foreign = List.of("notes.seg", "99999999999999999999.seg", "00000000000000000001.seg.bak",
            "1.seg");
        for (final String name : foreign)
        {
            Files.writeString(shard.resolve(name), "not a segment");
        }
        final DurableShardQueue queue = open();
        assertEquals(1, append(queue, 1));
        expectNext(queue, 1, true);
        assertEquals(0, events.truncated);
        for (final String name : foreign)
        {
            assertEquals("not a segment", Files.readString(shard.resolve(name)), name);
        }
    }

    @Test
    void aSecondReadWhileABatchIsInFlightIsRefused()
    {
        final DurableShardQueue queue = open();
        append(queue, 1);
        append(queue, 2);
        expectNext(queue, 1, false);
        assertThrows(IllegalStateException.class, () -> queue.readNext(read));
    }

    @Test
    void fullSegmentsRollAndAcknowledgedOnesAreDeletedButOneIsRenamedToBeTheNext() throws IOException
    {
        final DurableShardQueue queue = open();
        for (int batch = 1; batch <= 10; batch++)
        {
            append(queue, batch);
        }
        assertEquals(4, queue.segmentCount());
        assertEquals(List.of(1L, 4L, 7L, 10L), segmentFirstSequences());
        final Object firstFile = Files.readAttributes(segmentFiles().get(0), BasicFileAttributes.class).fileKey();
        for (int batch = 1; batch <= 10; batch++)
        {
            expectNext(queue, batch, true);
        }
        assertEquals(1, queue.segmentCount());
        assertEquals(List.of(1L, 10L), segmentFirstSequences(), "the first segment is kept aside, the others go");
        append(queue, 11);
        append(queue, 12);
        append(queue, 13);
        assertEquals(List.of(10L, 13L), segmentFirstSequences());
        assertEquals(firstFile, Files.readAttributes(segmentFiles().get(1), BasicFileAttributes.class).fileKey(),
            "the segment kept aside became the next one");
        expectNext(queue, 11, false);
        reopenAfterClose(queue);

        final DurableShardQueue reopened = open();
        assertEquals(11 + 12 + 13, reopened.unacknowledgedSamples(), "the old records behind 13 are not read");
        for (int batch = 11; batch <= 13; batch++)
        {
            expectNext(reopened, batch, true);
        }
        assertEquals(-1, reopened.readNext(read));
        assertEquals(0, events.truncated);
    }

    private List<Long> segmentFirstSequences() throws IOException
    {
        return segmentFiles().stream()
            .map(f -> Long.parseLong(f.getFileName().toString().replace(".seg", "")))
            .toList();
    }

    @Test
    void aBatchLargerThanASegmentGetsASegmentOfItsOwn()
    {
        final DurableShardQueue queue = open();
        append(queue, 1);
        final int large = 3 * SEGMENT;
        assertEquals(2, queue.append(body(2, large), large, 2, 2000));
        expectNext(queue, 1, true);
        assertEquals(large, queue.readNext(read));
        assertEquals(2, read.getByte(large - 1));
    }

    @Test
    void aReopenedQueueReadsWhatWasNotAcknowledgedAndGoesOnNumbering()
    {
        final DurableShardQueue first = open();
        for (int batch = 1; batch <= 8; batch++)
        {
            append(first, batch);
        }
        expectNext(first, 1, true);
        expectNext(first, 2, true);
        expectNext(first, 3, true);
        expectNext(first, 4, false);
        reopenAfterClose(first);

        final DurableShardQueue second = open();
        assertEquals(4 + 5 + 6 + 7 + 8, second.unacknowledgedSamples(), "the batch in flight is sent again");
        assertFalse(second.allRead());
        assertEquals(9, append(second, 9));
        for (int batch = 4; batch <= 9; batch++)
        {
            expectNext(second, batch, true);
        }
        assertEquals(-1, second.readNext(read));
        assertEquals(0, events.truncated);
    }

    @Test
    void aQueueOpenedAgainWithoutACloseAsAfterAProcessCrashHasAllThatWasAppendedAndAcknowledged()
    {
        final DurableShardQueue crashed = open();
        for (int batch = 1; batch <= 5; batch++)
        {
            append(crashed, batch);
        }
        expectNext(crashed, 1, true);
        expectNext(crashed, 2, false);

        final DurableShardQueue restarted = open();
        assertEquals(2 + 3 + 4 + 5, restarted.unacknowledgedSamples());
        for (int batch = 2; batch <= 5; batch++)
        {
            expectNext(restarted, batch, true);
        }
        assertEquals(-1, restarted.readNext(read));
        assertEquals(0, events.truncated);
    }

    @Test
    void aCorruptBodyAtTheTailIsCutOnRecoveryAndCounted() throws IOException
    {
        final DurableShardQueue first = open();
        append(first, 1);
        append(first, 2);
        append(first, 3);
        reopenAfterClose(first);
        final long thirdBody = SegmentFile.HEADER_LENGTH + 2L * SegmentFile.recordBytes(BODY) +
            SegmentFile.RECORD_HEADER_LENGTH;
        overwrite(segmentFiles().get(0), thirdBody + 500, (byte)0x7F);

        final DurableShardQueue second = open();
        assertEquals(1, events.truncated);
        assertEquals(3, second.unacknowledgedSamples());
        assertEquals(3, append(second, 4), "the cut record's sequence is written again");
        expectNext(second, 1, true);
        expectNext(second, 2, true);
        expectNext(second, 4, false);
        reopenAfterClose(second);

        final DurableShardQueue third = open();
        assertEquals(1, events.truncated, "the new record replaced the torn one for good");
        expectNext(third, 4, true);
    }

    @Test
    void aChangedSampleCountFailsTheChecksum() throws IOException
    {
        final DurableShardQueue first = open();
        append(first, 1);
        append(first, 2);
        reopenAfterClose(first);
        final long secondSamples = SegmentFile.HEADER_LENGTH + SegmentFile.recordBytes(BODY) + 24;
        overwrite(segmentFiles().get(0), secondSamples, (byte)9);

        final DurableShardQueue second = open();
        assertEquals(1, events.truncated);
        expectNext(second, 1, true);
        assertEquals(-1, second.readNext(read));
    }

    @Test
    void aLengthBeyondTheFileIsCut() throws IOException
    {
        final DurableShardQueue first = open();
        append(first, 1);
        append(first, 2);
        reopenAfterClose(first);
        overwrite(segmentFiles().get(0), SegmentFile.HEADER_LENGTH + SegmentFile.recordBytes(BODY),
            (byte)0, (byte)0, (byte)1, (byte)0);

        final DurableShardQueue second = open();
        assertEquals(1, events.truncated);
        expectNext(second, 1, true);
        assertEquals(-1, second.readNext(read));
    }

    @Test
    void aDamagedFileHeaderCutsTheWholeSegmentButNotTheNext() throws IOException
    {
        final DurableShardQueue first = open();
        for (int batch = 1; batch <= 4; batch++)
        {
            append(first, batch);
        }
        reopenAfterClose(first);
        overwrite(segmentFiles().get(0), 0, (byte)'X');

        final DurableShardQueue second = open();
        assertEquals(1, events.truncated);
        assertEquals(4, second.unacknowledgedSamples());
        expectNext(second, 4, true);
        assertEquals(-1, second.readNext(read));
    }

    @Test
    void dropOldestDeletesTheOldestSegmentAndCountsItsSamples()
    {
        final DurableShardQueue queue = open(2 * SEGMENT, FullPolicy.DROP_OLDEST);
        for (int batch = 1; batch <= 7; batch++)
        {
            assertTrue(append(queue, batch) > 0, "drop_oldest always takes the new batch");
        }
        assertEquals(2, queue.segmentCount());
        assertEquals(1 + 2 + 3, events.dropped);
        assertEquals(4 + 5 + 6 + 7, queue.unacknowledgedSamples());
        for (int batch = 4; batch <= 7; batch++)
        {
            expectNext(queue, batch, true);
        }
        assertEquals(-1, queue.readNext(read));
    }

    @Test
    void dropOldestDoesNotCountTheBatchInFlightWhichIsStillSent()
    {
        final DurableShardQueue queue = open(2 * SEGMENT, FullPolicy.DROP_OLDEST);
        for (int batch = 1; batch <= 6; batch++)
        {
            append(queue, batch);
        }
        expectNext(queue, 1, false);
        append(queue, 7);
        assertFalse(queue.inFlightOnDisk());
        assertEquals(2 + 3, events.dropped);
        queue.acknowledge();
        assertEquals(4 + 5 + 6 + 7, queue.unacknowledgedSamples());
        expectNext(queue, 4, true);
    }

    @Test
    void dropNewestRefusesTheNewBatchAndCountsIt()
    {
        final DurableShardQueue queue = open(2 * SEGMENT, FullPolicy.DROP_NEWEST);
        for (int batch = 1; batch <= 6; batch++)
        {
            append(queue, batch);
        }
        assertEquals(0, append(queue, 7));
        assertEquals(0, append(queue, 8));
        assertEquals(7 + 8, events.dropped);
        expectNext(queue, 1, true);
        expectNext(queue, 2, true);
        expectNext(queue, 3, true);
        assertEquals(7, append(queue, 9), "room again once the first segment was acknowledged");
        for (final int batch : new int[] {4, 5, 6, 9})
        {
            expectNext(queue, batch, true);
        }
    }

    @Test
    void anotherShardCountOrFormatIsRefusedWithAClearError()
    {
        final DurableQueueConfig config = DurableQueueConfig.in(root);
        final DurableShardQueue[] two = DurableShardQueue.openShards(config, "db", 2, "content-type: a", events);
        assertEquals(2, two.length);
        for (final DurableShardQueue queue : two)
        {
            queue.close();
        }
        final IllegalStateException shards = assertThrows(IllegalStateException.class,
            () -> DurableShardQueue.openShards(config, "db", 3, "content-type: a", events));
        assertTrue(shards.getMessage().contains("shards 2") && shards.getMessage().contains("shards 3"),
            shards.getMessage());
        final IllegalStateException format = assertThrows(IllegalStateException.class,
            () -> DurableShardQueue.openShards(config, "db", 2, "content-type: b", events));
        assertTrue(format.getMessage().contains("content-type: b"), format.getMessage());
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAClearError() throws IOException
    {
        final Path file = Files.writeString(root.resolve("not-a-directory"), "x");
        final UncheckedIOException ex = assertThrows(UncheckedIOException.class, () -> new DurableShardQueue(
            file.resolve("shard-0"), DurableQueueConfig.in(root), events));
        assertTrue(ex.getMessage().contains("not-a-directory"), ex.getMessage());
    }

    @Test
    void segmentsSmallerThanAPageOrFewerThanTwoAreRefused()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new DurableQueueConfig(root, 1024, 1 << 20, FullPolicy.DROP_OLDEST, false));
        assertThrows(IllegalArgumentException.class,
            () -> new DurableQueueConfig(root, SEGMENT, SEGMENT, FullPolicy.DROP_OLDEST, false));
    }

    /** Counts what the queue reports. */
    static final class CountingEvents implements DurableQueueEvents
    {
        long dropped;
        long droppedHistograms;
        int truncated;
        int refused;

        @Override
        public void droppedFull(final long samples, final long histograms)
        {
            dropped += samples;
            droppedHistograms += histograms;
        }

        @Override
        public void segmentRefused()
        {
            refused++;
        }

        @Override
        public void tailTruncated()
        {
            truncated++;
        }
    }
}
