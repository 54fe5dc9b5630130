package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;

/**
 * Reads an exemplar block ({@link ExemplarDescriptor}) in place: entry by entry, and the labels of the current entry
 * one by one. Reusable: {@link #wrap} points it at another block without allocating. {@link #next()} visits the
 * exemplars to send and passes over skipped ones; {@link #nextEntry()} visits every entry, for the worker that marks
 * them.
 */
public final class ExemplarFlyweight
{
    private DirectBuffer buffer;
    private int blockOffset;
    private int blockEnd;
    private int entry;
    private int nextEntry;
    private final LabelPairCursor labels = new LabelPairCursor();

    /**
     * Points this flyweight at a block, before its first entry.
     *
     * @param buffer the buffer holding the block.
     * @param offset the start of the block.
     * @param length the length of the block.
     * @return this flyweight.
     */
    public ExemplarFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.blockOffset = offset;
        this.blockEnd = offset + length;
        rewind();
        return this;
    }

    /** Goes back before the first entry. */
    public void rewind()
    {
        entry = -1;
        nextEntry = blockOffset + ExemplarDescriptor.BLOCK_HEADER_LENGTH;
    }

    /**
     * The buffer the block is in: labels are read from it.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Entries in the block, skipped ones included.
     *
     * @return the count.
     */
    public int entryCount()
    {
        return buffer.getInt(blockOffset + ExemplarDescriptor.ENTRY_COUNT_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Entries not skipped: the exemplars to send.
     *
     * @return the count.
     */
    public int keptCount()
    {
        return buffer.getInt(blockOffset + ExemplarDescriptor.KEPT_COUNT_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Moves to the next entry that is not skipped.
     *
     * @return false when there is none.
     */
    public boolean next()
    {
        while (nextEntry())
        {
            if ((flags() & ExemplarDescriptor.ENTRY_SKIPPED) == 0)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Moves to the next entry, skipped or not.
     *
     * @return false when there is none.
     */
    public boolean nextEntry()
    {
        if (nextEntry >= blockEnd)
        {
            return false;
        }
        entry = nextEntry;
        nextEntry = entry + buffer.getInt(entry + ExemplarDescriptor.ENTRY_LENGTH_OFFSET, LITTLE_ENDIAN);
        labels.wrapPairs(buffer, labelsOffset(), labelCount());
        return true;
    }

    /**
     * Index of the current entry in {@link #buffer()}, for the worker that rewrites its flags and timestamp.
     *
     * @return the index.
     */
    public int entryOffset()
    {
        return entry;
    }

    /**
     * The current entry's flags, {@link ExemplarDescriptor#ENTRY_HAS_TIMESTAMP} and
     * {@link ExemplarDescriptor#ENTRY_SKIPPED}.
     *
     * @return the flags.
     */
    public int flags()
    {
        return buffer.getInt(entry + ExemplarDescriptor.ENTRY_FLAGS_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Whether the current entry has a timestamp; after staging every kept entry has one.
     *
     * @return true when {@link #timestampMs()} is meaningful.
     */
    public boolean hasTimestamp()
    {
        return (flags() & ExemplarDescriptor.ENTRY_HAS_TIMESTAMP) != 0;
    }

    /**
     * The raw bits of the current entry's value.
     *
     * @return the bits.
     */
    public long valueBits()
    {
        return buffer.getLong(entry + ExemplarDescriptor.ENTRY_VALUE_BITS_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * The current entry's timestamp in milliseconds.
     *
     * @return the timestamp.
     */
    public long timestampMs()
    {
        return buffer.getLong(entry + ExemplarDescriptor.ENTRY_TIMESTAMP_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * The number of labels of the current entry.
     *
     * @return the count.
     */
    public int labelCount()
    {
        return buffer.getInt(entry + ExemplarDescriptor.ENTRY_LABEL_COUNT_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Index of the current entry's label bytes.
     *
     * @return the index.
     */
    public int labelsOffset()
    {
        return entry + ExemplarDescriptor.ENTRY_LABELS_OFFSET;
    }

    /**
     * Length of the current entry's label bytes, prefixes included.
     *
     * @return the length.
     */
    public int labelsLength()
    {
        return nextEntry - labelsOffset();
    }

    /**
     * Moves to the next label of the current entry.
     *
     * @return false when there is none.
     */
    public boolean nextLabel()
    {
        return labels.next();
    }

    /**
     * Index of the current label's name.
     *
     * @return the index.
     */
    public int nameOffset()
    {
        return labels.nameOffset();
    }

    /**
     * Length of the current label's name in bytes.
     *
     * @return the length.
     */
    public int nameLength()
    {
        return labels.nameLength();
    }

    /**
     * Index of the current label's value.
     *
     * @return the index.
     */
    public int valueOffset()
    {
        return labels.valueOffset();
    }

    /**
     * Length of the current label's value in bytes.
     *
     * @return the length.
     */
    public int valueLength()
    {
        return labels.valueLength();
    }
}
