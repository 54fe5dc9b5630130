package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

import org.agrona.DirectBuffer;

/**
 * Layout of an exemplar block: the exemplars of one sample or native histogram. The same bytes travel the whole way:
 * the writer puts the block at the end of a {@link RecordType#SAMPLE} or {@link RecordType#HISTOGRAM} record that has
 * {@link #FLAG_HAS_EXEMPLARS}, followed by the block's length; the worker stages the block with one copy, fills in
 * missing timestamps and marks the exemplars it will not send; a sink reads it with an {@link ExemplarFlyweight}.
 * Little-endian.
 *
 * <pre>
 *  Record with FLAG_HAS_EXEMPLARS:
 *  +---------------------------------------------------------------+
 *  |  fixed part, label bytes (and histogram payload) as without   |
 *  +---------------------------------------------------------------+
 *  |  Exemplar block                                             ...
 *  +---------------------------------------------------------------+
 *  |                 Block Length (4, the record's last bytes)     |
 *  +---------------------------------------------------------------+
 *
 *  Exemplar block:
 *  +---------------------------------------------------------------+
 *  |                         Entry Count                           |
 *  +---------------------------------------------------------------+
 *  |                 Kept Count (entries not skipped)              |
 *  +---------------------------------------------------------------+
 *  |  Entry Count times:                                           |
 *  |  Entry Length (4, the whole entry) | Entry Flags (4)          |
 *  |  Value (IEEE 754 bits, 8) | Timestamp (ms, 8) | Label Count (4)|
 *  |  Label Count times: Name Length, Name, Value Length, Value  ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Labels are texts as in a {@link SampleDescriptor SAMPLE}'s label bytes: a 4-byte length and unescaped UTF-8
 * bytes, in exposition order. A record without the flag ends where it ended before exemplars existed.
 */
public final class ExemplarDescriptor
{
    /** Record flag (in a sample's and a histogram's flags): the record ends with an exemplar block and its length. */
    public static final int FLAG_HAS_EXEMPLARS = 4;
    /** Entry flag: the exemplar has a timestamp. */
    public static final int ENTRY_HAS_TIMESTAMP = 1;
    /** Entry flag: the exemplar is not to be sent (invalid, or a repeat of its series' previous exemplar). */
    public static final int ENTRY_SKIPPED = 2;

    /** Length of the block length that ends a record with exemplars. */
    public static final int TRAILER_LENGTH = SIZE_OF_INT;
    /** Offset of the entry count in a block. */
    public static final int ENTRY_COUNT_OFFSET = 0;
    /** Offset of the count of entries not skipped in a block. */
    public static final int KEPT_COUNT_OFFSET = ENTRY_COUNT_OFFSET + SIZE_OF_INT;
    /** Length of a block's header: where its first entry starts. */
    public static final int BLOCK_HEADER_LENGTH = KEPT_COUNT_OFFSET + SIZE_OF_INT;

    /** Offset of an entry's length in the entry. */
    public static final int ENTRY_LENGTH_OFFSET = 0;
    /** Offset of an entry's flags. */
    public static final int ENTRY_FLAGS_OFFSET = ENTRY_LENGTH_OFFSET + SIZE_OF_INT;
    /** Offset of an entry's value bits. */
    public static final int ENTRY_VALUE_BITS_OFFSET = ENTRY_FLAGS_OFFSET + SIZE_OF_INT;
    /** Offset of an entry's timestamp in milliseconds. */
    public static final int ENTRY_TIMESTAMP_OFFSET = ENTRY_VALUE_BITS_OFFSET + SIZE_OF_LONG;
    /** Offset of an entry's label count. */
    public static final int ENTRY_LABEL_COUNT_OFFSET = ENTRY_TIMESTAMP_OFFSET + SIZE_OF_LONG;
    /** Offset of an entry's labels: the length of its fixed part. */
    public static final int ENTRY_LABELS_OFFSET = ENTRY_LABEL_COUNT_OFFSET + SIZE_OF_INT;

    private ExemplarDescriptor()
    {
    }

    /**
     * Bytes an entry takes with labels of {@code labelBytesLength} bytes (prefixes included).
     *
     * @param labelBytesLength the length of the entry's labels with their prefixes.
     * @return the entry length.
     */
    public static int entryLength(final int labelBytesLength)
    {
        return ENTRY_LABELS_OFFSET + labelBytesLength;
    }

    /**
     * Length of a block's entries and header as the record writer sizes it.
     *
     * @param entriesLength the length of all entries.
     * @return the block length.
     */
    public static int blockLength(final int entriesLength)
    {
        return BLOCK_HEADER_LENGTH + entriesLength;
    }

    /**
     * Bytes the exemplar part (block and trailer) takes at the end of a record.
     *
     * @param buffer       the buffer holding the record.
     * @param recordOffset start of the record.
     * @param recordLength whole length of the record.
     * @param flags        the record's flags.
     * @return the length, 0 without {@link #FLAG_HAS_EXEMPLARS}.
     */
    public static int partLength(
        final DirectBuffer buffer, final int recordOffset, final int recordLength, final int flags)
    {
        if ((flags & FLAG_HAS_EXEMPLARS) == 0)
        {
            return 0;
        }
        return buffer.getInt(recordOffset + recordLength - TRAILER_LENGTH, LITTLE_ENDIAN) + TRAILER_LENGTH;
    }
}
