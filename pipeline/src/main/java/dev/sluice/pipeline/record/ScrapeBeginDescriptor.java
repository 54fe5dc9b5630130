package dev.sluice.pipeline.record;

import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a {@link RecordType#SCRAPE_BEGIN} record, the body of a ring-buffer message (Agrona's own record
 * header comes before it). Little-endian, fixed length; every field 8-byte aligned because ring-buffer
 * messages start on an 8-byte boundary.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                           Target Id                           |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Scrape Id                           |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Scrape Time (ms since epoch)                 |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ScrapeBeginDescriptor
{
    /** Offset of the target id, a long the embedder assigns to each target. */
    public static final int TARGET_ID_OFFSET = 0;
    /** Offset of the scrape id, a long that grows from one scrape of a target to the next. */
    public static final int SCRAPE_ID_OFFSET = TARGET_ID_OFFSET + SIZE_OF_LONG;
    /** Offset of the scrape time: the default timestamp of samples written without one. */
    public static final int SCRAPE_TIME_OFFSET = SCRAPE_ID_OFFSET + SIZE_OF_LONG;
    /** Length of the record. */
    public static final int LENGTH = SCRAPE_TIME_OFFSET + SIZE_OF_LONG;

    private ScrapeBeginDescriptor()
    {
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
     * Offset of the scrape id in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int scrapeIdOffset(final int recordOffset)
    {
        return recordOffset + SCRAPE_ID_OFFSET;
    }

    /**
     * Offset of the scrape time in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int scrapeTimeOffset(final int recordOffset)
    {
        return recordOffset + SCRAPE_TIME_OFFSET;
    }
}
