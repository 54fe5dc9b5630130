package dev.sluice.pipeline.record;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a {@link RecordType#SAMPLE} record: one float sample with its series as the target exposed it.
 * Little-endian; the fixed part is 8-byte aligned, the label bytes that follow have any length.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                           Target Id                           |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Raw Series Hash (SeriesHash)                  |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |               Value (IEEE 754 bits, NaN payload kept)         |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |               Timestamp (ms, when FLAG_HAS_TIMESTAMP)         |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                             Flags                             |
 *  +---------------------------------------------------------------+
 *  |                Label Count (__name__ excluded)                |
 *  +---------------------------------------------------------------+
 *  |                         Name Length                           |
 *  +---------------------------------------------------------------+
 *  |                    Name (UTF-8, unescaped)                  ...
 *  +---------------------------------------------------------------+
 *  |     Label Count times: Name Length, Name, Value Length, Value ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The labels keep the order of the exposition and carry no escapes: each text is a 4-byte length and that
 * many UTF-8 bytes. The part from {@link #LABELS_OFFSET} to the end of the record is the raw series key that
 * the series cache compares on a hash hit.
 */
public final class SampleDescriptor
{
    /** The value Prometheus writes as a staleness marker: a NaN that no exposition produces by parsing. */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;
    /** Flag: the exposition gave the sample a timestamp. */
    public static final int FLAG_HAS_TIMESTAMP = 1;
    /** Flag: the value is the staleness marker {@link #STALE_NAN_BITS}. */
    public static final int FLAG_STALE = 2;

    /** Offset of the target id. */
    public static final int TARGET_ID_OFFSET = 0;
    /** Offset of the 64-bit hash of the raw series bytes (name and labels as written). */
    public static final int SERIES_HASH_OFFSET = TARGET_ID_OFFSET + SIZE_OF_LONG;
    /** Offset of the value's raw bits. */
    public static final int VALUE_BITS_OFFSET = SERIES_HASH_OFFSET + SIZE_OF_LONG;
    /** Offset of the timestamp in milliseconds. */
    public static final int TIMESTAMP_OFFSET = VALUE_BITS_OFFSET + SIZE_OF_LONG;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = TIMESTAMP_OFFSET + SIZE_OF_LONG;
    /** Offset of the number of labels after the name. */
    public static final int LABEL_COUNT_OFFSET = FLAGS_OFFSET + SIZE_OF_INT;
    /** Offset of the label bytes: the name, then the labels. */
    public static final int LABELS_OFFSET = LABEL_COUNT_OFFSET + SIZE_OF_INT;
    /** Length of the prefix of every text in the label bytes. */
    public static final int TEXT_LENGTH_PREFIX = SIZE_OF_INT;

    private SampleDescriptor()
    {
    }

    /**
     * Length of a record whose label bytes take {@code labelBytesLength} bytes.
     *
     * @param labelBytesLength the length of the name and labels with their prefixes.
     * @return the record length.
     */
    public static int length(final int labelBytesLength)
    {
        return LABELS_OFFSET + labelBytesLength;
    }

    /**
     * Bytes one text takes in the label bytes.
     *
     * @param utf8Length the length of the text in UTF-8 bytes.
     * @return the length with its prefix.
     */
    public static int textLength(final int utf8Length)
    {
        return TEXT_LENGTH_PREFIX + utf8Length;
    }

    /**
     * Offset of the target id in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int targetIdOffset(final int recordOffset)
    {
        return recordOffset + TARGET_ID_OFFSET;
    }

    /**
     * Offset of the raw series hash in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int seriesHashOffset(final int recordOffset)
    {
        return recordOffset + SERIES_HASH_OFFSET;
    }

    /**
     * Offset of the value bits in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int valueBitsOffset(final int recordOffset)
    {
        return recordOffset + VALUE_BITS_OFFSET;
    }

    /**
     * Offset of the timestamp in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int timestampOffset(final int recordOffset)
    {
        return recordOffset + TIMESTAMP_OFFSET;
    }

    /**
     * Offset of the flags in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int flagsOffset(final int recordOffset)
    {
        return recordOffset + FLAGS_OFFSET;
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
     * Offset of the label bytes in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int labelsOffset(final int recordOffset)
    {
        return recordOffset + LABELS_OFFSET;
    }
}
