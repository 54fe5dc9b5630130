package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;

/**
 * Walks a run of label pairs in place, each a length-prefixed name then a length-prefixed value (the
 * {@link SampleDescriptor#TEXT_LENGTH_PREFIX} little-endian prefix): the layout of a series record's labels and of an
 * exemplar entry's labels alike, so one walk serves both. Reusable; allocates nothing.
 */
public class LabelPairCursor
{
    private DirectBuffer buffer;
    private int position;
    private int left;
    private int nameOffset;
    private int nameLength;
    private int valueOffset;
    private int valueLength;

    /** Creates a cursor; point it at a run of pairs with {@link #wrapPairs} before use. */
    public LabelPairCursor()
    {
    }

    /**
     * Points the cursor before the first of {@code count} pairs starting at {@code offset}.
     *
     * @param buffer the buffer holding the pairs.
     * @param offset index of the first pair's name length prefix.
     * @param count  the number of pairs.
     */
    public final void wrapPairs(final DirectBuffer buffer, final int offset, final int count)
    {
        this.buffer = buffer;
        this.position = offset;
        this.left = count;
    }

    /**
     * Moves to the next label.
     *
     * @return false after the last one.
     */
    public final boolean next()
    {
        if (left == 0)
        {
            return false;
        }
        left--;
        nameLength = buffer.getInt(position, LITTLE_ENDIAN);
        nameOffset = position + SampleDescriptor.TEXT_LENGTH_PREFIX;
        final int valueLengthOffset = nameOffset + nameLength;
        valueLength = buffer.getInt(valueLengthOffset, LITTLE_ENDIAN);
        valueOffset = valueLengthOffset + SampleDescriptor.TEXT_LENGTH_PREFIX;
        position = valueOffset + valueLength;
        return true;
    }

    /**
     * The buffer the name and value bytes are in.
     *
     * @return the buffer given to {@link #wrapPairs}.
     */
    public final DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Index of the current label's name, UTF-8.
     *
     * @return the index.
     */
    public final int nameOffset()
    {
        return nameOffset;
    }

    /**
     * Length of the current label's name in bytes.
     *
     * @return the length.
     */
    public final int nameLength()
    {
        return nameLength;
    }

    /**
     * Index of the current label's value, UTF-8.
     *
     * @return the index.
     */
    public final int valueOffset()
    {
        return valueOffset;
    }

    /**
     * Length of the current label's value in bytes.
     *
     * @return the length.
     */
    public final int valueLength()
    {
        return valueLength;
    }
}
