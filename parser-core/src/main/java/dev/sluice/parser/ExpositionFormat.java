package dev.sluice.parser;

/** The exposition formats Sluice reads and writes. */
public enum ExpositionFormat
{
    /** Prometheus text format 0.0.4, with the quoted UTF-8 names of text 1.0.0. */
    PROMETHEUS_TEXT("text"),
    /** OpenMetrics 1.0 text. */
    OPENMETRICS("openmetrics"),
    /** Delimited {@code io.prometheus.client.MetricFamily} protobuf messages. */
    PROTOBUF("protobuf");

    private final String shortName;

    ExpositionFormat(final String shortName)
    {
        this.shortName = shortName;
    }

    /**
     * The name used on the command line and in error messages.
     *
     * @return {@code text}, {@code openmetrics} or {@code protobuf}.
     */
    public String shortName()
    {
        return shortName;
    }
}
