package dev.sluice.pipeline.forward.durable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One memory-mapped segment of a durable shard queue: a file header, then records appended one after another, each
 * a record header and the compressed request body, 8-byte aligned. A record's length is written last, after a zero
 * length that ends the records behind it, so a scan stops at the first record not completely written; its CRC32C
 * (over sequence, timestamp, counts and body) finds one that is torn or damaged.
 *
 * <pre>
 * file header (32 bytes)          record header (32 bytes)                          body
 * +-------+---------+-----------+  +--------+-------+----------+--------+---------+-------+-------------+
 * | magic | version | first seq |  | length | crc32c| sequence | newest | samples | hists | length bytes| pad to 8
 * | int   | int     | long      |  | int    | int   | long     | ts long| int     | int   |             |
 * +-------+---------+-----------+  +--------+-------+----------+--------+---------+-------+-------------+
 *                                   crc32c covers sequence .. end of body
 * </pre>
 *
 * <p>Version 2 keeps the native histograms among the batch's samples where version 1 wrote a reserved zero, so a
 * version 1 segment reads as batches without histograms and is replayed as it is.
 *
 * <p>A new segment is preallocated: its blocks are written with zeros through the file channel before it is mapped,
 * so a full disk is an {@link IOException} there, and never a fault on a mapped page later.
 *
 * <p>Shard thread only. Appending and reading allocate nothing.
 */
final class SegmentFile
{
    /** Bytes before the first record. */
    static final int HEADER_LENGTH = 32;
    /** Bytes of a record before its body. */
    static final int RECORD_HEADER_LENGTH = 32;
    static final int MAGIC = 0x534C_5153;
    static final int VERSION = 2;
    /** Version 1: the same layout, with zero where version 2 counts histograms. */
    static final int VERSION_1 = 1;
    static final String SUFFIX = ".seg";

    private static final int NAME_DIGITS = 20;
    private static final int VERSION_OFFSET = 4;
    private static final int FIRST_SEQUENCE_OFFSET = 8;
    private static final int LENGTH_OFFSET = 0;
    private static final int CRC_OFFSET = 4;
    private static final int SEQUENCE_OFFSET = 8;
    private static final int NEWEST_OFFSET = 16;
    private static final int SAMPLES_OFFSET = 24;
    private static final int HISTOGRAMS_OFFSET = 28;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024).asReadOnlyBuffer();

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final CRC32C crc;
    private Path path;
    private long firstSequence;
    private long lastSequence;
    private int writePosition = HEADER_LENGTH;
    private boolean tailTruncated;

    private SegmentFile(final Path path, final MappedByteBuffer mapped, final CRC32C crc, final long firstSequence)
    {
        this.path = path;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.crc = crc;
        this.firstSequence = firstSequence;
        this.lastSequence = firstSequence - 1;
    }

    /**
     * The file name of a segment: its first sequence, zero-padded so that names sort as the sequences do.
     *
     * @param firstSequence the sequence of its first record.
     * @return the name.
     */
    static String fileName(final long firstSequence)
    {
        final String digits = Long.toString(firstSequence);
        return "0".repeat(NAME_DIGITS - digits.length()) + digits + SUFFIX;
    }

    /**
     * Whether a file name is one {@link #fileName} makes; other files in a queue's directory are left alone.
     *
     * @param name a file name.
     * @return true for 20 digits, the first 0, and the suffix.
     */
    static boolean isSegmentName(final String name)
    {
        return name.length() == NAME_DIGITS + SUFFIX.length() && name.endsWith(SUFFIX) && name.charAt(0) == '0' &&
            name.chars().limit(NAME_DIGITS).allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * The first sequence a segment's file name says.
     *
     * @param name a name {@link #isSegmentName} accepts.
     * @return the sequence.
     */
    static long firstSequenceOf(final String name)
    {
        return Long.parseLong(name, 0, NAME_DIGITS, 10);
    }

    /**
     * Bytes a record of a body takes in a segment.
     *
     * @param bodyLength the body's length.
     * @return header, body and padding.
     */
    static int recordBytes(final int bodyLength)
    {
        return BitUtil.align(RECORD_HEADER_LENGTH + bodyLength, 8);
    }

    /**
     * Creates a new, empty segment file.
     *
     * @param path          the file, which must not exist.
     * @param firstSequence the sequence its first record will have.
     * @param size          the file's size.
     * @param crc           the shard's checksum, reused.
     * @return the segment, mapped.
     * @throws IOException when the file cannot be created, preallocated (the file is then deleted) or mapped.
     */
    static SegmentFile create(final Path path, final long firstSequence, final int size, final CRC32C crc)
        throws IOException
    {
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
            StandardOpenOption.CREATE_NEW))
        {
            try
            {
                preallocate(channel, size);
                mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            }
            catch (final IOException ex)
            {
                Files.deleteIfExists(path);
                throw ex;
            }
        }
        final SegmentFile segment = new SegmentFile(path, mapped, crc, firstSequence);
        segment.writeHeader();
        return segment;
    }

    /** Writes zeros over the whole file, so that its blocks exist before a page of it is written through a map. */
    private static void preallocate(final FileChannel channel, final int size) throws IOException
    {
        final ByteBuffer zeros = ZEROS.duplicate();
        long position = 0;
        while (position < size)
        {
            zeros.clear().limit((int)Math.min(zeros.capacity(), size - position));
            position += channel.write(zeros, position);
        }
    }

    /**
     * Opens a segment written before, finds its records and cuts a torn or corrupt tail (a damaged file header
     * makes the whole segment a tail).
     *
     * @param path          the file.
     * @param firstSequence the first sequence, from the file name.
     * @param crc           the shard's checksum, reused.
     * @return the segment, mapped, ready to append after its last good record.
     * @throws IOException when the file cannot be mapped.
     */
    static SegmentFile open(final Path path, final long firstSequence, final CRC32C crc) throws IOException
    {
        final long size = Math.max(Files.size(path), HEADER_LENGTH + RECORD_HEADER_LENGTH);
        final SegmentFile segment = new SegmentFile(path, map(path, (int)Math.min(size, Integer.MAX_VALUE)),
            crc, firstSequence);
        segment.recover();
        return segment;
    }

    /**
     * Makes an emptied segment the next one, under a new name, so that its file and pages are used again instead of
     * a new file being allocated page by page. Records behind the first one's zero length are never read.
     *
     * @param newPath          the file name for its new first sequence.
     * @param newFirstSequence the sequence its first record will have.
     * @throws IOException when the file cannot be renamed.
     */
    void recycle(final Path newPath, final long newFirstSequence) throws IOException
    {
        firstSequence = newFirstSequence;
        lastSequence = newFirstSequence - 1;
        writePosition = HEADER_LENGTH;
        writeHeader();
        Files.move(path, newPath);
        path = newPath;
    }

    private static MappedByteBuffer map(final Path path, final int size, final StandardOpenOption... extra)
        throws IOException
    {
        final StandardOpenOption[] options = new StandardOpenOption[extra.length + 2];
        options[0] = StandardOpenOption.READ;
        options[1] = StandardOpenOption.WRITE;
        System.arraycopy(extra, 0, options, 2, extra.length);
        try (FileChannel channel = FileChannel.open(path, options))
        {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
    }

    private void writeHeader()
    {
        buffer.putInt(0, MAGIC);
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putLong(FIRST_SEQUENCE_OFFSET, firstSequence);
        buffer.putIntVolatile(HEADER_LENGTH + LENGTH_OFFSET, 0);
    }

    private void recover()
    {
        final int version = buffer.getInt(VERSION_OFFSET);
        if (buffer.getInt(0) != MAGIC || version != VERSION && version != VERSION_1 ||
            buffer.getLong(FIRST_SEQUENCE_OFFSET) != firstSequence)
        {
            writeHeader();
            tailTruncated = true;
            return;
        }
        int position = HEADER_LENGTH;
        while (position + RECORD_HEADER_LENGTH <= buffer.capacity())
        {
            final int length = buffer.getIntVolatile(position + LENGTH_OFFSET);
            if (length == 0)
            {
                break;
            }
            final long sequence = buffer.getLong(position + SEQUENCE_OFFSET);
            if (length < 0 || length > buffer.capacity() - position - RECORD_HEADER_LENGTH ||
                sequence <= lastSequence || checksum(position, length) != buffer.getInt(position + CRC_OFFSET))
            {
                buffer.putIntVolatile(position + LENGTH_OFFSET, 0);
                tailTruncated = true;
                break;
            }
            lastSequence = sequence;
            position += recordBytes(length);
        }
        writePosition = position;
    }

    private int checksum(final int position, final int length)
    {
        mapped.limit(position + RECORD_HEADER_LENGTH + length).position(position + SEQUENCE_OFFSET);
        crc.reset();
        crc.update(mapped);
        return (int)crc.getValue();
    }

    /**
     * Whether a body fits after the last record.
     *
     * @param bodyLength the body's length.
     * @return true when {@link #append} will take it.
     */
    boolean fits(final int bodyLength)
    {
        return writePosition + (long)recordBytes(bodyLength) <= buffer.capacity();
    }

    /**
     * Appends a record; {@link #fits} must have said it fits.
     *
     * @param sequence          its sequence, above every sequence in the segment.
     * @param body              the compressed request body.
     * @param length            its length.
     * @param samples           samples in the batch.
     * @param histograms        native histograms among them.
     * @param newestTimestampMs the newest sample timestamp of the batch.
     */
    void append(final long sequence, final DirectBuffer body, final int length, final int samples,
        final int histograms, final long newestTimestampMs)
    {
        final int position = writePosition;
        final int next = position + recordBytes(length);
        if (next + RECORD_HEADER_LENGTH <= buffer.capacity())
        {
            buffer.putIntVolatile(next + LENGTH_OFFSET, 0);
        }
        buffer.putLong(position + SEQUENCE_OFFSET, sequence);
        buffer.putLong(position + NEWEST_OFFSET, newestTimestampMs);
        buffer.putInt(position + SAMPLES_OFFSET, samples);
        buffer.putInt(position + HISTOGRAMS_OFFSET, histograms);
        buffer.putBytes(position + RECORD_HEADER_LENGTH, body, 0, length);
        buffer.putInt(position + CRC_OFFSET, checksum(position, length));
        buffer.putIntVolatile(position + LENGTH_OFFSET, length);
        writePosition = next;
        lastSequence = sequence;
    }

    /**
     * Where the records end: a read position equal to it has no record.
     *
     * @return the offset after the last record.
     */
    int writePosition()
    {
        return writePosition;
    }

    /**
     * The record after the one at {@code position}.
     *
     * @param position a record's offset.
     * @return the next record's offset, or {@link #writePosition()}.
     */
    int nextPosition(final int position)
    {
        return position + recordBytes(buffer.getInt(position + LENGTH_OFFSET));
    }

    long sequenceAt(final int position)
    {
        return buffer.getLong(position + SEQUENCE_OFFSET);
    }

    int samplesAt(final int position)
    {
        return buffer.getInt(position + SAMPLES_OFFSET);
    }

    int histogramsAt(final int position)
    {
        return buffer.getInt(position + HISTOGRAMS_OFFSET);
    }

    long newestTimestampMsAt(final int position)
    {
        return buffer.getLong(position + NEWEST_OFFSET);
    }

    /**
     * Copies the body of a record.
     *
     * @param position the record's offset.
     * @param target   receives the body from index 0.
     * @return the body's length.
     */
    int copyBody(final int position, final MutableDirectBuffer target)
    {
        final int length = buffer.getInt(position + LENGTH_OFFSET);
        target.putBytes(0, buffer, position + RECORD_HEADER_LENGTH, length);
        return length;
    }

    /**
     * Samples of the records above a sequence, except one.
     *
     * @param after  records up to this sequence are not counted.
     * @param except a sequence not counted either (the batch in flight).
     * @return the sum.
     */
    long samplesAfter(final long after, final long except)
    {
        return countAfter(after, except, SAMPLES_OFFSET);
    }

    /**
     * Native histograms of the records above a sequence, except one.
     *
     * @param after  records up to this sequence are not counted.
     * @param except a sequence not counted either (the batch in flight).
     * @return the sum.
     */
    long histogramsAfter(final long after, final long except)
    {
        return countAfter(after, except, HISTOGRAMS_OFFSET);
    }

    private long countAfter(final long after, final long except, final int field)
    {
        long count = 0;
        for (int position = HEADER_LENGTH; position < writePosition; position = nextPosition(position))
        {
            final long sequence = sequenceAt(position);
            if (sequence > after && sequence != except)
            {
                count += buffer.getInt(position + field);
            }
        }
        return count;
    }

    /**
     * The file's size.
     *
     * @return bytes mapped.
     */
    int capacity()
    {
        return buffer.capacity();
    }

    long firstSequence()
    {
        return firstSequence;
    }

    /**
     * The sequence of the last record.
     *
     * @return it, or {@code firstSequence - 1} when the segment has none.
     */
    long lastSequence()
    {
        return lastSequence;
    }

    /**
     * Whether {@link #open} cut a torn or corrupt tail.
     *
     * @return true when it did.
     */
    boolean tailTruncated()
    {
        return tailTruncated;
    }

    /** Writes what was appended to the device. */
    void force()
    {
        mapped.force();
    }

    /** Unmaps the file; the segment must not be used after. */
    void close()
    {
        IoUtil.unmap(mapped);
    }

    /**
     * Unmaps and deletes the file.
     *
     * @throws IOException when it cannot be deleted.
     */
    void delete() throws IOException
    {
        close();
        Files.deleteIfExists(path);
    }
}
