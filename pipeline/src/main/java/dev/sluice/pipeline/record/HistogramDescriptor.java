package dev.sluice.pipeline.record;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a {@link RecordType#HISTOGRAM} record: one native histogram sample with its series as the target exposed
 * it. Little-endian. The header and the label bytes are those of a {@link SampleDescriptor SAMPLE} record, with the
 * value replaced by the length of the label bytes, so that the histogram payload after them can be found; the
 * payload is laid out by {@link HistogramPayload} and is self-contained, so a worker stages it with one copy.
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
 *  |               Timestamp (ms, when FLAG_HAS_TIMESTAMP)         |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                             Flags                             |
 *  +---------------------------------------------------------------+
 *  |                Label Count (__name__ excluded)                |
 *  +---------------------------------------------------------------+
 *  |                Labels Length (bytes of the labels)            |
 *  +---------------------------------------------------------------+
 *  |   Name, then Label Count times Name and Value, each a 4-byte  |
 *  |   length and UTF-8 bytes, as in SAMPLE                      ...
 *  +---------------------------------------------------------------+
 *  |   Histogram payload (HistogramPayload), to the record's end ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The label bytes from {@link #LABELS_OFFSET} for Labels Length bytes are the raw series key the series cache
 * compares on a hash hit, in the same form as a sample's, so a series is one cache entry whatever it carries.
 */
public final class HistogramDescriptor
{
    /** Flag: the exposition gave the histogram a timestamp. */
    public static final int FLAG_HAS_TIMESTAMP = SampleDescriptor.FLAG_HAS_TIMESTAMP;

    /** Offset of the target id. */
    public static final int TARGET_ID_OFFSET = 0;
    /** Offset of the 64-bit hash of the raw series bytes. */
    public static final int SERIES_HASH_OFFSET = TARGET_ID_OFFSET + SIZE_OF_LONG;
    /** Offset of the timestamp in milliseconds. */
    public static final int TIMESTAMP_OFFSET = SERIES_HASH_OFFSET + SIZE_OF_LONG;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = TIMESTAMP_OFFSET + SIZE_OF_LONG;
    /** Offset of the number of labels after the name. */
    public static final int LABEL_COUNT_OFFSET = FLAGS_OFFSET + SIZE_OF_INT;
    /** Offset of the length of the label bytes. */
    public static final int LABELS_LENGTH_OFFSET = LABEL_COUNT_OFFSET + SIZE_OF_INT;
    /** Offset of the label bytes: the name, then the labels. */
    public static final int LABELS_OFFSET = LABELS_LENGTH_OFFSET + SIZE_OF_INT;

    private HistogramDescriptor()
    {
    }

    /**
     * Length of a record with the given label bytes and payload.
     *
     * @param labelBytesLength the length of the name and labels with their prefixes.
     * @param payloadLength    the length of the histogram payload, {@link HistogramPayload#length}.
     * @return the record length.
     */
    public static int length(final int labelBytesLength, final int payloadLength)
    {
        return LABELS_OFFSET + labelBytesLength + payloadLength;
    }
}
