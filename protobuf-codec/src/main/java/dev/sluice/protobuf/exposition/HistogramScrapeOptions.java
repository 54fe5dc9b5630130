package dev.sluice.protobuf.exposition;

import dev.sluice.parser.NativeHistogramView;

/**
 * The scrape-time histogram options of a Prometheus {@code scrape_config} (and of Grafana Alloy's {@code
 * prometheus.scrape}), which decide what a protobuf histogram is ingested as. Given to {@link
 * ProtobufExpositionCursor#histogramOptions}; {@code docs/formats.md} states each rule and where it comes from.
 *
 * @param scrapeNativeHistograms         {@code scrape_native_histograms}: ingest the native part of histograms.
 *                                       When false, every histogram is read as a classic one, native part ignored.
 * @param scrapeClassicHistograms        {@code scrape_classic_histograms} ({@code always_scrape_classic_histograms}
 *                                       in Prometheus 3): also yield the classic series of a histogram that is
 *                                       ingested as a native one (its own native part, or converted to NHCB).
 * @param convertClassicHistogramsToNhcb {@code convert_classic_histograms_to_nhcb}: a histogram read as classic
 *                                       becomes a native histogram with custom buckets (schema -53).
 * @param nativeHistogramBucketLimit     {@code native_histogram_bucket_limit}: the most buckets a native histogram
 *                                       may have; exponential ones are reduced to fit, the scrape fails when they
 *                                       cannot (or when a custom-bucket one has more). 0 for no limit.
 * @param nativeHistogramMinBucketFactor {@code native_histogram_min_bucket_factor}: the smallest growth factor from
 *                                       one bucket to the next; exponential histograms are reduced until theirs is
 *                                       at least this. 0 (or anything up to 1) for no limit.
 */
public record HistogramScrapeOptions(
    boolean scrapeNativeHistograms,
    boolean scrapeClassicHistograms,
    boolean convertClassicHistogramsToNhcb,
    int nativeHistogramBucketLimit,
    double nativeHistogramMinBucketFactor)
{
    /** Prometheus' defaults: native histograms not scraped, no conversion, no limits. */
    public static final HistogramScrapeOptions PROMETHEUS_DEFAULTS =
        new HistogramScrapeOptions(false, false, false, 0, 0);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException when the bucket limit is negative or the factor negative or NaN.
     */
    public HistogramScrapeOptions
    {
        if (nativeHistogramBucketLimit < 0)
        {
            throw new IllegalArgumentException("native_histogram_bucket_limit " + nativeHistogramBucketLimit +
                " is negative");
        }
        if (!(nativeHistogramMinBucketFactor >= 0))
        {
            throw new IllegalArgumentException("native_histogram_min_bucket_factor " + nativeHistogramMinBucketFactor +
                " is negative or NaN");
        }
    }

    /**
     * The highest schema {@link #nativeHistogramMinBucketFactor()} allows, {@value
     * NativeHistogramView#MAX_EXPONENTIAL_SCHEMA} when it sets no limit.
     *
     * @return the schema, from -4 to 8.
     */
    public int maxSchema()
    {
        return SchemaReduction.maxSchemaForBucketFactor(nativeHistogramMinBucketFactor);
    }
}
