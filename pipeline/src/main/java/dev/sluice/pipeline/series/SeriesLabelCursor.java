package dev.sluice.pipeline.series;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;

/**
 * Walks the label pairs of one series record ({@link SeriesRecordDescriptor}) in place, name by name in sorted
 * order: what a wire format reads when it writes a series out. Reusable; allocates nothing.
 */
public final class SeriesLabelCursor
{
    private DirectBuffer buffer;
    private int position;
    private int left;
    private int nameOffset;
    private int nameLength;
    private int valueOffset;
    private int valueLength;

    /** Creates a cursor; {@link #wrap} it around a record before use. */
    public SeriesLabelCursor()
    {
    }

    /**
     * Points the cursor before the first label of a record.
     *
     * @param buffer       the series table's buffer.
     * @param recordOffset index of the record.
     * @return this cursor.
     */
    public SeriesLabelCursor wrap(final DirectBuffer buffer, final int recordOffset)
    {
        this.buffer = buffer;
        this.position = SeriesRecordDescriptor.labelsOffset(recordOffset);
        this.left = buffer.getInt(SeriesRecordDescriptor.labelCountOffset(recordOffset), LITTLE_ENDIAN);
        return this;
    }

    /**
     * Moves to the next label.
     *
     * @return false after the last one.
     */
    public boolean next()
    {
        if (left == 0)
        {
            return false;
        }
        left--;
        nameLength = buffer.getInt(position, LITTLE_ENDIAN);
        nameOffset = position + SeriesRecordDescriptor.TEXT_LENGTH_PREFIX;
        final int valueLengthOffset = nameOffset + nameLength;
        valueLength = buffer.getInt(valueLengthOffset, LITTLE_ENDIAN);
        valueOffset = valueLengthOffset + SeriesRecordDescriptor.TEXT_LENGTH_PREFIX;
        position = valueOffset + valueLength;
        return true;
    }

    /**
     * The buffer the name and value bytes are in.
     *
     * @return the buffer given to {@link #wrap}.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Index of the current label's name, UTF-8.
     *
     * @return the index.
     */
    public int nameOffset()
    {
        return nameOffset;
    }

    /**
     * Length of the current label's name in bytes.
     *
     * @return the length.
     */
    public int nameLength()
    {
        return nameLength;
    }

    /**
     * Index of the current label's value, UTF-8.
     *
     * @return the index.
     */
    public int valueOffset()
    {
        return valueOffset;
    }

    /**
     * Length of the current label's value in bytes.
     *
     * @return the length.
     */
    public int valueLength()
    {
        return valueLength;
    }
}
