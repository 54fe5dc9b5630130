package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.MutableDirectBuffer;

/**
 * Reads and writes a {@link RecordType#SCRAPE_END} record in place ({@link ScrapeEndDescriptor}). Reusable:
 * {@link #wrap} points it at another record without allocating.
 */
public final class ScrapeEndFlyweight
{
    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a record.
     *
     * @param buffer the buffer holding the record.
     * @param offset the start of the record.
     * @return this flyweight.
     */
    public ScrapeEndFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Reads the target id.
     *
     * @return the value.
     */
    public long targetId()
    {
        return buffer.getLong(ScrapeEndDescriptor.targetIdOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Writes the target id.
     *
     * @param id the value.
     * @return this flyweight.
     */
    public ScrapeEndFlyweight targetId(final long id)
    {
        buffer.putLong(ScrapeEndDescriptor.targetIdOffset(offset), id, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the scrape id.
     *
     * @return the value.
     */
    public long scrapeId()
    {
        return buffer.getLong(ScrapeEndDescriptor.scrapeIdOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Writes the scrape id.
     *
     * @param id the value.
     * @return this flyweight.
     */
    public ScrapeEndFlyweight scrapeId(final long id)
    {
        buffer.putLong(ScrapeEndDescriptor.scrapeIdOffset(offset), id, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the scrape duration in nanoseconds.
     *
     * @return the value.
     */
    public long durationNs()
    {
        return buffer.getLong(ScrapeEndDescriptor.durationOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Writes the scrape duration in nanoseconds.
     *
     * @param duration the value.
     * @return this flyweight.
     */
    public ScrapeEndFlyweight durationNs(final long duration)
    {
        buffer.putLong(ScrapeEndDescriptor.durationOffset(offset), duration, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the body size in bytes.
     *
     * @return the value.
     */
    public long bodySize()
    {
        return buffer.getLong(ScrapeEndDescriptor.bodySizeOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Writes the body size in bytes.
     *
     * @param size the value.
     * @return this flyweight.
     */
    public ScrapeEndFlyweight bodySize(final long size)
    {
        buffer.putLong(ScrapeEndDescriptor.bodySizeOffset(offset), size, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the number of SAMPLE records written for the scrape.
     *
     * @return the value.
     */
    public long samplesScraped()
    {
        return buffer.getLong(ScrapeEndDescriptor.samplesScrapedOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Writes the number of SAMPLE records written for the scrape.
     *
     * @param count the value.
     * @return this flyweight.
     */
    public ScrapeEndFlyweight samplesScraped(final long count)
    {
        buffer.putLong(ScrapeEndDescriptor.samplesScrapedOffset(offset), count, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the status, one of {@link ScrapeStatus}.
     *
     * @return the value.
     */
    public int status()
    {
        return buffer.getInt(ScrapeEndDescriptor.statusOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Writes the status, one of {@link ScrapeStatus}.
     *
     * @param status the value.
     * @return this flyweight.
     */
    public ScrapeEndFlyweight status(final int status)
    {
        buffer.putInt(ScrapeEndDescriptor.statusOffset(offset), status, LITTLE_ENDIAN);
        return this;
    }
}
