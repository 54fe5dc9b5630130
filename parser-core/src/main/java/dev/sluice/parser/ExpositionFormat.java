package dev.sluice.parser;

/** The exposition formats Sluice reads and writes. */
public enum ExpositionFormat implements InputFormat
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
     * {@inheritDoc}
     *
     * @return {@code text}, {@code openmetrics} or {@code protobuf}.
     */
    @Override
    public String shortName()
    {
        return shortName;
    }
}
