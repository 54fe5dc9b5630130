package dev.sluice.pipeline.record;

/**
 * Message type ids of the records a scraper writes into a worker's ring buffer, as passed to
 * {@link org.agrona.concurrent.ringbuffer.RingBuffer#tryClaim}; Agrona requires them to be positive.
 */
public final class RecordType
{
    /** Start of one scrape of one target: {@link ScrapeBeginDescriptor}. */
    public static final int SCRAPE_BEGIN = 1;
    /** One float sample of the scrape under way: {@link SampleDescriptor}. */
    public static final int SAMPLE = 2;
    /** End of the scrape, with its status and counts: {@link ScrapeEndDescriptor}. */
    public static final int SCRAPE_END = 3;
    /** One native histogram sample of the scrape under way: {@link HistogramDescriptor}. */
    public static final int HISTOGRAM = 4;
    /** The metadata of one metric family, written when it changed: {@link MetadataDescriptor}. */
    public static final int METADATA = 5;

    private RecordType()
    {
    }
}
