package dev.sluice.parser;

/**
 * Metric family types across the exposition formats. Prometheus text knows COUNTER, GAUGE, HISTOGRAM,
 * SUMMARY and UNTYPED; OpenMetrics adds GAUGE_HISTOGRAM, INFO, STATESET and calls untyped UNKNOWN.
 */
public enum MetricType
{
    /** Monotonic counter. */
    COUNTER("counter"),
    /** Gauge. */
    GAUGE("gauge"),
    /** Classic or native histogram. */
    HISTOGRAM("histogram"),
    /** OpenMetrics gauge histogram. */
    GAUGE_HISTOGRAM("gaugehistogram"),
    /** Summary with quantiles, sum and count. */
    SUMMARY("summary"),
    /** OpenMetrics info. */
    INFO("info"),
    /** OpenMetrics state set. */
    STATESET("stateset"),
    /** No declared type: {@code untyped} in Prometheus text, {@code unknown} in OpenMetrics. */
    UNTYPED("untyped");

    private final String textName;

    MetricType(final String textName)
    {
        this.textName = textName;
    }

    /**
     * The spelling used on a {@code # TYPE} line of the Prometheus text format (OpenMetrics writes
     * {@code unknown} for {@link #UNTYPED}).
     *
     * @return the lower-case type name.
     */
    public String textName()
    {
        return textName;
    }
}
