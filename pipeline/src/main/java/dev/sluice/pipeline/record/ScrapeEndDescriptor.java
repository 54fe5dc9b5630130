package dev.sluice.pipeline.record;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a {@link RecordType#SCRAPE_END} record. Little-endian, fixed length.
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
 *  |                     Duration (nanoseconds)                    |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                       Body Size (bytes)                       |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Samples Scraped                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Status (ScrapeStatus)                     |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class ScrapeEndDescriptor
{
    /** Offset of the target id. */
    public static final int TARGET_ID_OFFSET = 0;
    /** Offset of the scrape id; equal to the one of the matching {@link RecordType#SCRAPE_BEGIN}. */
    public static final int SCRAPE_ID_OFFSET = TARGET_ID_OFFSET + SIZE_OF_LONG;
    /** Offset of the duration of the scrape, fetch and parse, in nanoseconds. */
    public static final int DURATION_OFFSET = SCRAPE_ID_OFFSET + SIZE_OF_LONG;
    /** Offset of the size of the body in bytes, as read (after decompression). */
    public static final int BODY_SIZE_OFFSET = DURATION_OFFSET + SIZE_OF_LONG;
    /** Offset of the number of samples the scraper wrote as {@link RecordType#SAMPLE} records. */
    public static final int SAMPLES_SCRAPED_OFFSET = BODY_SIZE_OFFSET + SIZE_OF_LONG;
    /** Offset of the status, one of {@link ScrapeStatus}. */
    public static final int STATUS_OFFSET = SAMPLES_SCRAPED_OFFSET + SIZE_OF_LONG;
    /** Length of the record. */
    public static final int LENGTH = STATUS_OFFSET + SIZE_OF_INT;

    private ScrapeEndDescriptor()
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
     * Offset of the duration in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int durationOffset(final int recordOffset)
    {
        return recordOffset + DURATION_OFFSET;
    }

    /**
     * Offset of the body size in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int bodySizeOffset(final int recordOffset)
    {
        return recordOffset + BODY_SIZE_OFFSET;
    }

    /**
     * Offset of the samples-scraped count in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int samplesScrapedOffset(final int recordOffset)
    {
        return recordOffset + SAMPLES_SCRAPED_OFFSET;
    }

    /**
     * Offset of the status in a record starting at {@code recordOffset}.
     *
     * @param recordOffset start of the record.
     * @return the field's index.
     */
    public static int statusOffset(final int recordOffset)
    {
        return recordOffset + STATUS_OFFSET;
    }
}
