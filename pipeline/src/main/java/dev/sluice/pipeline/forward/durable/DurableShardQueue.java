package dev.sluice.pipeline.forward.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The durable queue of one shard: the compressed request bodies of its batches, in the order they are to be sent,
 * in {@link SegmentFile segment files} of one directory, and the sequence up to which they were acknowledged
 * (delivered or rejected for good) in a small file {@code acked} beside them.
 *
 * <p>The shard thread {@link #append appends} each batch it takes, {@link #readNext reads} the oldest one not yet
 * sent, sends it and {@link #acknowledge acknowledges} it; one record is in flight at a time. Segments whose records
 * are all acknowledged are deleted, except one kept aside and renamed to be the next segment, so that a queue that
 * keeps up cycles through the same pages instead of allocating a file page by page. Opened again over the same
 * directory, the queue reads from the first record not acknowledged, so a restart of Sluice sends what the last run
 * left unsent (at-least-once: a batch delivered just before a crash whose acknowledgement did not reach the disk is
 * sent again).
 *
 * <p>Shard thread only. Appending, reading and acknowledging allocate nothing, except when a segment is full and
 * the next one is created.
 */
public final class DurableShardQueue implements AutoCloseable
{
    private static final String ACKED_FILE = "acked";
    private static final String META_FILE = "queue.meta";
    private static final int META_VERSION = 1;

    private final Path directory;
    private final DurableQueueConfig config;
    private final DurableQueueEvents events;
    private final CRC32C crc = new CRC32C();
    private final List<SegmentFile> segments = new ArrayList<>();
    private final MappedByteBuffer ackedMapped;
    private final UnsafeBuffer ackedBuffer;
    private long acked;
    private long nextSequence;
    private long unacknowledgedSamples;
    private SegmentFile spare;
    private SegmentFile readSegment;
    private int readPosition;
    private long lastReadSequence;
    private long inFlightSequence;
    private int inFlightSamples;
    private int inFlightHistograms;
    private long inFlightNewestTimestampMs;
    private boolean inFlightOnDisk;
    private boolean closed;

    /**
     * Opens (or creates) the queue of one shard and recovers its segments: a torn or corrupt tail is cut and
     * reported.
     *
     * @param directory the shard's directory, created when missing.
     * @param config    the queue settings.
     * @param events    receives drops and truncations.
     * @throws UncheckedIOException when the directory or its files cannot be created, read or mapped.
     */
    public DurableShardQueue(final Path directory, final DurableQueueConfig config, final DurableQueueEvents events)
    {
        this.directory = directory;
        this.config = config;
        this.events = events;
        try
        {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(directory.resolve(ACKED_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                ackedMapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
            }
            ackedBuffer = new UnsafeBuffer(ackedMapped);
            acked = ackedBuffer.getLongVolatile(0);
            openSegments();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("durable queue directory " + directory + " cannot be used: " + ex, ex);
        }
        long last = acked;
        for (final SegmentFile segment : segments)
        {
            unacknowledgedSamples += segment.samplesAfter(acked, 0);
            last = Math.max(last, segment.lastSequence());
        }
        nextSequence = last + 1;
        lastReadSequence = acked;
        deleteAcknowledged(segments.size() - 1);
    }

    /**
     * Opens the queues of all shards of an endpoint, in {@code <config.directory>/<endpoint>/shard-<n>}. The shard
     * count and the wire format are kept in {@code queue.meta} and must not change: a series maps to its shard by
     * the count, and the bodies on disk are in the format they were written in.
     *
     * @param config   the queue settings.
     * @param endpoint the endpoint's name.
     * @param shards   the endpoint's shard count.
     * @param format   the request headers that identify the wire format, as one line.
     * @param events   receives drops and truncations.
     * @return one queue per shard.
     * @throws IllegalStateException when the directory holds a queue of another shard count or format.
     * @throws UncheckedIOException  when the directory cannot be used.
     */
    public static DurableShardQueue[] openShards(
        final DurableQueueConfig config,
        final String endpoint,
        final int shards,
        final String format,
        final DurableQueueEvents events)
    {
        final Path directory = config.directory().resolve(endpoint);
        final Path meta = directory.resolve(META_FILE);
        final String expected = "version " + META_VERSION + "\nshards " + shards + "\nformat " + format + "\n";
        try
        {
            Files.createDirectories(directory);
            if (Files.exists(meta))
            {
                final String found = Files.readString(meta, StandardCharsets.UTF_8);
                if (!found.equals(expected))
                {
                    throw new IllegalStateException("durable queue " + directory + " was written with\n" + found +
                        "but endpoint " + endpoint + " now has\n" + expected + "send or delete the old queue first");
                }
            }
            else
            {
                Files.writeString(meta, expected, StandardCharsets.UTF_8);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("durable queue directory " + directory + " cannot be used: " + ex, ex);
        }
        final DurableShardQueue[] queues = new DurableShardQueue[shards];
        for (int shard = 0; shard < shards; shard++)
        {
            queues[shard] = new DurableShardQueue(directory.resolve("shard-" + shard), config, events);
        }
        return queues;
    }

    private void openSegments() throws IOException
    {
        final List<Long> firstSequences = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory))
        {
            files.map(file -> file.getFileName().toString())
                .filter(SegmentFile::isSegmentName)
                .forEach(name -> firstSequences.add(SegmentFile.firstSequenceOf(name)));
        }
        firstSequences.sort(null);
        for (final long first : firstSequences)
        {
            final SegmentFile segment = SegmentFile.open(directory.resolve(SegmentFile.fileName(first)), first, crc);
            if (segment.tailTruncated())
            {
                events.tailTruncated();
            }
            segments.add(segment);
        }
    }

    /**
     * Appends a batch without native histograms, as {@link #append(DirectBuffer, int, int, int, long)} does.
     *
     * @param body              the compressed request body.
     * @param length            its length.
     * @param samples           samples in the batch.
     * @param newestTimestampMs its newest sample timestamp.
     * @return the batch's sequence, or 0 when it was dropped.
     */
    public long append(final DirectBuffer body, final int length, final int samples, final long newestTimestampMs)
    {
        return append(body, length, samples, 0, newestTimestampMs);
    }

    /**
     * Appends a batch after the last one. When the last segment is full, the next is created; when that would
     * exceed {@code max_bytes}, or the segment cannot be created (a full disk), the {@link FullPolicy} decides what
     * is dropped: the oldest segment, whose file is then used again, or this batch.
     *
     * @param body              the compressed request body.
     * @param length            its length.
     * @param samples           samples in the batch, histograms included.
     * @param histograms        native histograms among them.
     * @param newestTimestampMs its newest sample timestamp.
     * @return the batch's sequence, or 0 when it was dropped.
     */
    public long append(final DirectBuffer body, final int length, final int samples, final int histograms,
        final long newestTimestampMs)
    {
        SegmentFile active = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        if (active == null || !active.fits(length))
        {
            if (active != null && active.lastSequence() > acked)
            {
                active.force();
            }
            ackedMapped.force();
            deleteAcknowledged(segments.size());
            if (segments.size() >= config.maxSegments())
            {
                if (config.policy() == FullPolicy.DROP_NEWEST)
                {
                    events.droppedFull(samples, histograms);
                    return 0;
                }
                dropOldest();
            }
            active = createSegment(length);
            if (active == null && config.policy() == FullPolicy.DROP_OLDEST && !segments.isEmpty())
            {
                dropOldest();
                active = createSegment(length);
            }
            if (active == null)
            {
                events.droppedFull(samples, histograms);
                return 0;
            }
        }
        final long sequence = nextSequence++;
        active.append(sequence, body, length, samples, histograms, newestTimestampMs);
        unacknowledgedSamples += samples;
        if (config.fsyncEachBatch())
        {
            active.force();
        }
        return sequence;
    }

    /** The next segment, the one kept aside if it fits; null (counted) when no file could be made for it. */
    private SegmentFile createSegment(final int length)
    {
        final int size = Math.max(config.segmentBytes(),
            SegmentFile.HEADER_LENGTH + SegmentFile.recordBytes(length) + SegmentFile.RECORD_HEADER_LENGTH);
        final Path path = directory.resolve(SegmentFile.fileName(nextSequence));
        try
        {
            final SegmentFile segment;
            if (spare != null && size == spare.capacity())
            {
                segment = spare;
                spare = null;
                segment.recycle(path, nextSequence);
            }
            else
            {
                segment = SegmentFile.create(path, nextSequence, size, crc);
            }
            segments.add(segment);
            return segment;
        }
        catch (final IOException ex)
        {
            events.segmentRefused();
            return null;
        }
    }

    private void dropOldest()
    {
        final SegmentFile oldest = segments.get(0);
        final boolean holdsInFlight = inFlightOnDisk && inFlightSequence >= oldest.firstSequence() &&
            inFlightSequence <= oldest.lastSequence();
        final long except = holdsInFlight ? inFlightSequence : 0;
        final long dropped = oldest.samplesAfter(acked, except);
        if (holdsInFlight)
        {
            inFlightOnDisk = false;
            unacknowledgedSamples -= inFlightSamples;
        }
        unacknowledgedSamples -= dropped;
        events.droppedFull(dropped, oldest.histogramsAfter(acked, except));
        removeOldest();
    }

    private void deleteAcknowledged(final int candidates)
    {
        for (int i = 0; i < candidates && !segments.isEmpty() && segments.get(0).lastSequence() <= acked; i++)
        {
            removeOldest();
        }
    }

    private void removeOldest()
    {
        final SegmentFile oldest = segments.remove(0);
        if (readSegment == oldest)
        {
            readSegment = null;
        }
        if (spare == null && oldest.capacity() == config.segmentBytes())
        {
            spare = oldest;
        }
        else
        {
            delete(oldest);
        }
    }

    private void delete(final SegmentFile segment)
    {
        try
        {
            segment.delete();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("durable queue cannot delete segment of " + directory + ": " + ex, ex);
        }
    }

    /**
     * Reads the oldest batch not yet read into {@code target}; it is in flight until {@link #acknowledge()}.
     *
     * @param target receives the compressed body from index 0.
     * @return the body's length, or -1 when every batch was read.
     * @throws IllegalStateException when a batch is still in flight.
     */
    public int readNext(final MutableDirectBuffer target)
    {
        if (inFlightSequence != 0)
        {
            throw new IllegalStateException("batch " + inFlightSequence + " is still in flight");
        }
        while (!segments.isEmpty())
        {
            if (readSegment == null)
            {
                readSegment = segments.get(0);
                readPosition = SegmentFile.HEADER_LENGTH;
            }
            if (readPosition < readSegment.writePosition())
            {
                final int position = readPosition;
                readPosition = readSegment.nextPosition(position);
                final long sequence = readSegment.sequenceAt(position);
                if (sequence > acked)
                {
                    lastReadSequence = sequence;
                    inFlightSequence = sequence;
                    inFlightSamples = readSegment.samplesAt(position);
                    inFlightHistograms = readSegment.histogramsAt(position);
                    inFlightNewestTimestampMs = readSegment.newestTimestampMsAt(position);
                    inFlightOnDisk = true;
                    return readSegment.copyBody(position, target);
                }
            }
            else
            {
                final int next = segments.indexOf(readSegment) + 1;
                if (next == segments.size())
                {
                    break;
                }
                readSegment = segments.get(next);
                readPosition = SegmentFile.HEADER_LENGTH;
            }
        }
        lastReadSequence = nextSequence - 1;
        return -1;
    }

    /**
     * Whether every batch appended was read: none waits on disk behind the one in flight.
     *
     * @return true when {@link #readNext} would find nothing.
     */
    public boolean allRead()
    {
        return lastReadSequence >= nextSequence - 1;
    }

    /**
     * Samples of the batch in flight.
     *
     * @return the count given to {@link #append}.
     */
    public int inFlightSamples()
    {
        return inFlightSamples;
    }

    /**
     * Native histograms among the samples of the batch in flight.
     *
     * @return the count given to {@link #append(DirectBuffer, int, int, int, long)}.
     */
    public int inFlightHistograms()
    {
        return inFlightHistograms;
    }

    /**
     * Newest sample timestamp of the batch in flight.
     *
     * @return milliseconds since the epoch.
     */
    public long inFlightNewestTimestampMs()
    {
        return inFlightNewestTimestampMs;
    }

    /**
     * Whether the batch in flight is still on disk: {@link FullPolicy#DROP_OLDEST} may have deleted its segment.
     *
     * @return true when a restart would send it again.
     */
    public boolean inFlightOnDisk()
    {
        return inFlightOnDisk;
    }

    /** Marks the batch in flight as done (delivered or rejected for good): it will not be sent again. */
    public void acknowledge()
    {
        acked = inFlightSequence;
        ackedBuffer.putLongVolatile(0, acked);
        if (config.fsyncEachBatch())
        {
            ackedMapped.force();
        }
        if (inFlightOnDisk)
        {
            unacknowledgedSamples -= inFlightSamples;
        }
        inFlightSequence = 0;
        inFlightOnDisk = false;
        deleteAcknowledged(segments.size() - 1);
    }

    /**
     * Samples on disk not acknowledged: what a restart would send.
     *
     * @return the count.
     */
    public long unacknowledgedSamples()
    {
        return unacknowledgedSamples;
    }

    /**
     * Segment files the queue holds.
     *
     * @return the count.
     */
    public int segmentCount()
    {
        return segments.size();
    }

    /** Forces the segments and the acknowledged sequence to the device and unmaps them; once only. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final SegmentFile segment : segments)
        {
            segment.force();
            segment.close();
        }
        segments.clear();
        if (spare != null)
        {
            delete(spare);
            spare = null;
        }
        ackedMapped.force();
        IoUtil.unmap(ackedMapped);
    }
}
