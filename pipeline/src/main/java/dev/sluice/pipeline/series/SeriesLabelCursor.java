package dev.sluice.pipeline.series;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import dev.sluice.pipeline.record.LabelPairCursor;
import org.agrona.DirectBuffer;

/**
 * Walks the label pairs of one series record ({@link SeriesRecordDescriptor}) in place, name by name in sorted
 * order: what a wire format reads when it writes a series out. Reusable; allocates nothing.
 */
public final class SeriesLabelCursor extends LabelPairCursor
{
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
        wrapPairs(buffer, SeriesRecordDescriptor.labelsOffset(recordOffset),
            buffer.getInt(SeriesRecordDescriptor.labelCountOffset(recordOffset), LITTLE_ENDIAN));
        return this;
    }
}
