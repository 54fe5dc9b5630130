package dev.sluice.pipeline.series;

import static org.agrona.BitUtil.SIZE_OF_INT;

/**
 * Layout of one interned series in a {@link SeriesTable}: the relabeled label set, {@code __name__} included,
 * sorted by name in UTF-8 byte order as Prometheus sorts labels. Little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |              Labels Length (bytes after this header)          |
 *  +---------------------------------------------------------------+
 *  |                          Label Count                          |
 *  +---------------------------------------------------------------+
 *  |   Label Count times: Name Length, Name, Value Length, Value  ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Each name and value is a 4-byte length and that many UTF-8 bytes. The labels part is what the table hashes and
 * compares when it interns, and what a forwarder copies into a Remote Write request.
 */
public final class SeriesRecordDescriptor
{
    /** Offset of the length of the labels part. */
    public static final int LABELS_LENGTH_OFFSET = 0;
    /** Offset of the label count. */
    public static final int LABEL_COUNT_OFFSET = LABELS_LENGTH_OFFSET + SIZE_OF_INT;
    /** Length of the header; the labels start here. */
    public static final int HEADER_LENGTH = LABEL_COUNT_OFFSET + SIZE_OF_INT;
    /** Length of the prefix of every name and value. */
    public static final int TEXT_LENGTH_PREFIX = SIZE_OF_INT;

    private SeriesRecordDescriptor()
    {
    }

    /**
     * Offset of the labels length in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int labelsLengthOffset(final int recordOffset)
    {
        return recordOffset + LABELS_LENGTH_OFFSET;
    }

    /**
     * Offset of the label count in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int labelCountOffset(final int recordOffset)
    {
        return recordOffset + LABEL_COUNT_OFFSET;
    }

    /**
     * Offset of the first label in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int labelsOffset(final int recordOffset)
    {
        return recordOffset + HEADER_LENGTH;
    }
}
