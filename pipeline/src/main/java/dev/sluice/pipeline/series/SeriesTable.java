package dev.sluice.pipeline.series;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.util.Arrays;

import dev.sluice.pipeline.record.SeriesHash;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Relabeled series, each stored once off-heap with a stable id: the id a worker stages samples under and a
 * forwarder shards by and reads labels from ({@link SeriesRecordDescriptor}). Interning the same label set again
 * gives the same id; ids are dense from 0 and never reused, so a forwarder may keep them.
 *
 * <p>Interning runs only for a series new to a target's {@link SeriesCache}, so it may allocate (UTF-8 encoding of
 * the builder's strings, growth); looking a series up by id does not. Owned by one worker thread; series are not
 * removed yet.
 */
public final class SeriesTable
{
    private static final int INITIAL_SLOTS = 1024;
    private static final int INITIAL_RECORD_BYTES = 64 * 1024;

    private final ExpandableDirectByteBuffer records = new ExpandableDirectByteBuffer(INITIAL_RECORD_BYTES);
    private final ExpandableDirectByteBuffer scratch = new ExpandableDirectByteBuffer(1024);
    private int recordsEnd;
    private int[] recordOffsets = new int[INITIAL_SLOTS];
    private long[] recordHashes = new long[INITIAL_SLOTS];
    /** Open addressing, linear probing: id + 1 per slot, 0 for an empty slot. */
    private int[] slots = new int[INITIAL_SLOTS];
    private int size;

    /**
     * The id of a label set, storing it first if it is new.
     *
     * @param labels the relabeled labels, sorted as a {@link LabelSetBuilder} keeps them.
     * @return the id.
     */
    public int intern(final LabelSetBuilder labels)
    {
        final int labelsLength = encode(labels, scratch, SeriesRecordDescriptor.HEADER_LENGTH);
        final int labelsOffset = SeriesRecordDescriptor.HEADER_LENGTH;
        final long hash = SeriesHash.hash(scratch, labelsOffset, labelsLength);
        final int mask = slots.length - 1;
        int slot = (int)hash & mask;
        for (int entry; (entry = slots[slot]) != 0; slot = (slot + 1) & mask)
        {
            final int id = entry - 1;
            final int offset = recordOffsets[id];
            if (recordHashes[id] == hash &&
                records.getInt(SeriesRecordDescriptor.labelsLengthOffset(offset), LITTLE_ENDIAN) == labelsLength &&
                ByteRanges.equal(records, SeriesRecordDescriptor.labelsOffset(offset), scratch, labelsOffset,
                labelsLength))
            {
                return id;
            }
        }
        return append(slot, hash, labels.size(), labelsLength);
    }

    /**
     * Number of series stored.
     *
     * @return the count; ids are below it.
     */
    public int size()
    {
        return size;
    }

    /**
     * The buffer the series records are in. The buffer may be replaced when the table grows, so read it again
     * after interning.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return records;
    }

    /**
     * Index in {@link #buffer()} of the record of a series, laid out as {@link SeriesRecordDescriptor} says.
     *
     * @param id a series id.
     * @return the index.
     */
    public int recordOffset(final int id)
    {
        return recordOffsets[id];
    }

    /**
     * Number of labels of a series, {@code __name__} included.
     *
     * @param id a series id.
     * @return the count.
     */
    public int labelCount(final int id)
    {
        return records.getInt(SeriesRecordDescriptor.labelCountOffset(recordOffsets[id]), LITTLE_ENDIAN);
    }

    /**
     * Loads the labels of a series into a builder. Allocates strings: for the edges and tests.
     *
     * @param id      a series id.
     * @param builder the builder, cleared first.
     * @return {@code builder}.
     */
    public LabelSetBuilder load(final int id, final LabelSetBuilder builder)
    {
        builder.clear();
        final SeriesLabelCursor labels = new SeriesLabelCursor().wrap(records, recordOffsets[id]);
        while (labels.next())
        {
            builder.set(records.getStringWithoutLengthUtf8(labels.nameOffset(), labels.nameLength()),
                records.getStringWithoutLengthUtf8(labels.valueOffset(), labels.valueLength()));
        }
        return builder.markUnchanged();
    }

    /**
     * Memory the table holds: record bytes stored plus the index arrays.
     *
     * @return bytes.
     */
    public long bytesUsed()
    {
        return recordsEnd + (long)slots.length * Integer.BYTES +
            (long)recordOffsets.length * (Integer.BYTES + Long.BYTES);
    }

    /**
     * Writes the labels of a builder as length-prefixed UTF-8 name and value pairs.
     *
     * @param labels the labels.
     * @param buffer where to write.
     * @param offset first byte to write.
     * @return the number of bytes written.
     */
    private static int encode(final LabelSetBuilder labels, final MutableDirectBuffer buffer, final int offset)
    {
        int position = offset;
        for (int i = 0, n = labels.size(); i < n; i++)
        {
            position += putText(buffer, position, labels.name(i));
            position += putText(buffer, position, labels.value(i));
        }
        return position - offset;
    }

    private static int putText(final MutableDirectBuffer buffer, final int offset, final String text)
    {
        final int length = buffer.putStringWithoutLengthUtf8(offset + SeriesRecordDescriptor.TEXT_LENGTH_PREFIX, text);
        buffer.putInt(offset, length, LITTLE_ENDIAN);
        return SeriesRecordDescriptor.TEXT_LENGTH_PREFIX + length;
    }

    private int append(final int freeSlot, final long hash, final int labelCount, final int labelsLength)
    {
        final int id = size;
        final int offset = recordsEnd;
        scratch.putInt(SeriesRecordDescriptor.labelsLengthOffset(0), labelsLength, LITTLE_ENDIAN);
        scratch.putInt(SeriesRecordDescriptor.labelCountOffset(0), labelCount, LITTLE_ENDIAN);
        final int recordLength = SeriesRecordDescriptor.HEADER_LENGTH + labelsLength;
        records.putBytes(offset, scratch, 0, recordLength);
        recordsEnd += recordLength;
        if (id == recordOffsets.length)
        {
            recordOffsets = Arrays.copyOf(recordOffsets, id * 2);
            recordHashes = Arrays.copyOf(recordHashes, id * 2);
        }
        recordOffsets[id] = offset;
        recordHashes[id] = hash;
        slots[freeSlot] = id + 1;
        size++;
        if (size * 2 > slots.length)
        {
            rehash(slots.length * 2);
        }
        return id;
    }

    private void rehash(final int slotCount)
    {
        final int[] newSlots = new int[slotCount];
        final int mask = slotCount - 1;
        for (int id = 0; id < size; id++)
        {
            int slot = (int)recordHashes[id] & mask;
            while (newSlots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            newSlots[slot] = id + 1;
        }
        slots = newSlots;
    }
}
