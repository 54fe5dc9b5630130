package dev.sluice.pipeline.record;

import java.util.concurrent.TimeUnit;

/**
 * What a {@link ScrapeRecordWriter} does when the ring buffer has no room for a record: wait up to a bound for
 * the worker to free space, then fail the scrape; or fail it at once. Either way the failure is counted and the
 * scrape commits nothing, so a full buffer never drops samples silently or commits half a scrape.
 */
public final class BackPressurePolicy
{
    private static final BackPressurePolicy FAIL_SCRAPE = new BackPressurePolicy(0);

    private final long maxWaitNs;

    private BackPressurePolicy(final long maxWaitNs)
    {
        this.maxWaitNs = maxWaitNs;
    }

    /**
     * Fail the scrape as soon as a record does not fit: the scraper never blocks.
     *
     * @return the policy.
     */
    public static BackPressurePolicy failScrape()
    {
        return FAIL_SCRAPE;
    }

    /**
     * Wait for room up to a bound per record, then fail the scrape: slows the scraper down to the worker's pace.
     *
     * @param maxWait the longest wait for one record, positive.
     * @param unit    the unit of {@code maxWait}.
     * @return the policy.
     */
    public static BackPressurePolicy boundedWait(final long maxWait, final TimeUnit unit)
    {
        if (maxWait <= 0)
        {
            throw new IllegalArgumentException("maxWait must be positive: " + maxWait);
        }
        return new BackPressurePolicy(unit.toNanos(maxWait));
    }

    /**
     * The longest wait for room for one record.
     *
     * @return nanoseconds; 0 means no wait.
     */
    public long maxWaitNs()
    {
        return maxWaitNs;
    }

    @Override
    public String toString()
    {
        return maxWaitNs == 0 ? "fail-scrape" : "bounded-wait(" + maxWaitNs + "ns)";
    }
}
