package dev.sluice.protobuf.exposition;

/**
 * Builders of {@code io.prometheus.client} messages for hand-made test bodies, named after the schema's fields
 * so that a test reads like the text format. Each returns a writer that more fields can be appended to.
 */
final class Families
{
    static final int COUNTER = 0;
    static final int GAUGE = 1;
    static final int SUMMARY = 2;
    static final int UNTYPED = 3;
    static final int HISTOGRAM = 4;
    static final int GAUGE_HISTOGRAM = 5;

    static final int FAMILY_NAME = 1;
    static final int FAMILY_HELP = 2;
    static final int FAMILY_TYPE = 3;
    static final int FAMILY_METRIC = 4;
    static final int FAMILY_UNIT = 5;

    static final int METRIC_LABEL = 1;
    static final int METRIC_GAUGE = 2;
    static final int METRIC_COUNTER = 3;
    static final int METRIC_SUMMARY = 4;
    static final int METRIC_UNTYPED = 5;
    static final int METRIC_TIMESTAMP = 6;
    static final int METRIC_HISTOGRAM = 7;

    static final int HISTOGRAM_COUNT = 1;
    static final int HISTOGRAM_SUM = 2;
    static final int HISTOGRAM_BUCKET = 3;
    static final int HISTOGRAM_COUNT_FLOAT = 4;
    static final int HISTOGRAM_SCHEMA = 5;
    static final int HISTOGRAM_ZERO_THRESHOLD = 6;
    static final int HISTOGRAM_ZERO_COUNT = 7;
    static final int HISTOGRAM_ZERO_COUNT_FLOAT = 8;
    static final int HISTOGRAM_NEGATIVE_SPAN = 9;
    static final int HISTOGRAM_NEGATIVE_DELTA = 10;
    static final int HISTOGRAM_NEGATIVE_COUNT = 11;
    static final int HISTOGRAM_POSITIVE_SPAN = 12;
    static final int HISTOGRAM_POSITIVE_DELTA = 13;
    static final int HISTOGRAM_POSITIVE_COUNT = 14;
    static final int HISTOGRAM_CREATED = 15;
    static final int HISTOGRAM_EXEMPLARS = 16;

    private Families()
    {
    }

    static ProtoWriter family(final String name, final int type)
    {
        return new ProtoWriter().string(FAMILY_NAME, name).varint(FAMILY_TYPE, type);
    }

    static ProtoWriter label(final String name, final String value)
    {
        return new ProtoWriter().string(1, name).string(2, value);
    }

    /** A Metric with the given labels (name, value, name, value, ...). */
    static ProtoWriter metric(final String... labels)
    {
        final ProtoWriter metric = new ProtoWriter();
        for (int i = 0; i < labels.length; i += 2)
        {
            metric.message(METRIC_LABEL, label(labels[i], labels[i + 1]));
        }
        return metric;
    }

    /** A Gauge, Counter or Untyped message with a value. */
    static ProtoWriter value(final double value)
    {
        return new ProtoWriter().dbl(1, value);
    }

    static ProtoWriter span(final int offset, final int length)
    {
        return new ProtoWriter().signed(1, offset).varint(2, length);
    }

    static ProtoWriter bucket(final double upperBound, final long cumulativeCount)
    {
        return new ProtoWriter().varint(1, cumulativeCount).dbl(2, upperBound);
    }

    static ProtoWriter timestamp(final long seconds, final int nanos)
    {
        return new ProtoWriter().varint(1, seconds).varint(2, nanos);
    }

    static ProtoWriter exemplar(final double value, final String... labels)
    {
        final ProtoWriter exemplar = new ProtoWriter();
        for (int i = 0; i < labels.length; i += 2)
        {
            exemplar.message(1, label(labels[i], labels[i + 1]));
        }
        return exemplar.dbl(2, value);
    }

    /** A gauge family {@code name} with one metric of value {@code value} and the given labels. */
    static ProtoWriter gauge(final String name, final double value, final String... labels)
    {
        return family(name, GAUGE).message(FAMILY_METRIC, metric(labels).message(METRIC_GAUGE, value(value)));
    }
}
