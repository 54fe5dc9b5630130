package dev.sluice.pipeline.worker;

/**
 * Prometheus' {@code extra_scrape_metrics}: when enabled, every scrape also reports {@code scrape_timeout_seconds},
 * {@code scrape_sample_limit} and {@code scrape_body_size_bytes} beside {@code up} and the other report series.
 *
 * @param enabled         whether the three series are reported.
 * @param scrapeTimeoutMs the target's {@code scrape_timeout}, reported in seconds.
 */
public record ExtraScrapeMetrics(boolean enabled, long scrapeTimeoutMs)
{
    /** Prometheus' default: the extra series are not reported. */
    public static final ExtraScrapeMetrics OFF = new ExtraScrapeMetrics(false, 0);

    /**
     * Checks the timeout is not negative.
     *
     * @param enabled         whether the series are reported.
     * @param scrapeTimeoutMs the timeout in milliseconds.
     */
    public ExtraScrapeMetrics
    {
        if (scrapeTimeoutMs < 0)
        {
            throw new IllegalArgumentException("scrapeTimeoutMs must not be negative: " + scrapeTimeoutMs);
        }
    }
}
