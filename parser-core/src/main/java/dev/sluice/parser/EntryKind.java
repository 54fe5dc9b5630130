package dev.sluice.parser;

/**
 * What a {@link MetricCursor} stands on after {@link MetricCursor#next()}.
 * The accessors that are meaningful for each kind are listed on the constant.
 */
public enum EntryKind
{
    /** One float sample: name, labels, value, optional timestamp, exemplar and created timestamp. */
    SAMPLE,
    /**
     * One native histogram sample (protobuf exposition only): name, labels, {@link MetricCursor#histogram},
     * timestamp, created timestamp and exemplars.
     */
    HISTOGRAM,
    /** A {@code # TYPE} line: {@link MetricCursor#name} and {@link MetricCursor#type}. */
    TYPE,
    /** A {@code # HELP} line: {@link MetricCursor#name} and {@link MetricCursor#metadataText}. */
    HELP,
    /** A {@code # UNIT} line (OpenMetrics): {@link MetricCursor#name} and {@link MetricCursor#metadataText}. */
    UNIT,
    /** Any other comment line (Prometheus text only); {@link MetricCursor#metadataText} holds the text after '#'. */
    COMMENT,
    /** The end of the input, or the OpenMetrics {@code # EOF} line; every later call returns END again. */
    END
}
