package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.MutableDirectBuffer;

/**
 * Reads and writes a {@link RecordType#SCRAPE_BEGIN} record in place ({@link ScrapeBeginDescriptor}). Reusable:
 * {@link #wrap} points it at another record without allocating.
 */
public final class ScrapeBeginFlyweight
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
    public ScrapeBeginFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * The target id.
     *
     * @return the id.
     */
    public long targetId()
    {
        return buffer.getLong(ScrapeBeginDescriptor.targetIdOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Sets the target id.
     *
     * @param targetId the id.
     * @return this flyweight.
     */
    public ScrapeBeginFlyweight targetId(final long targetId)
    {
        buffer.putLong(ScrapeBeginDescriptor.targetIdOffset(offset), targetId, LITTLE_ENDIAN);
        return this;
    }

    /**
     * The scrape id.
     *
     * @return the id.
     */
    public long scrapeId()
    {
        return buffer.getLong(ScrapeBeginDescriptor.scrapeIdOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Sets the scrape id.
     *
     * @param scrapeId the id.
     * @return this flyweight.
     */
    public ScrapeBeginFlyweight scrapeId(final long scrapeId)
    {
        buffer.putLong(ScrapeBeginDescriptor.scrapeIdOffset(offset), scrapeId, LITTLE_ENDIAN);
        return this;
    }

    /**
     * The scrape time in milliseconds since the epoch.
     *
     * @return the time.
     */
    public long scrapeTimeMs()
    {
        return buffer.getLong(ScrapeBeginDescriptor.scrapeTimeOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Sets the scrape time.
     *
     * @param timeMs milliseconds since the epoch.
     * @return this flyweight.
     */
    public ScrapeBeginFlyweight scrapeTimeMs(final long timeMs)
    {
        buffer.putLong(ScrapeBeginDescriptor.scrapeTimeOffset(offset), timeMs, LITTLE_ENDIAN);
        return this;
    }
}
