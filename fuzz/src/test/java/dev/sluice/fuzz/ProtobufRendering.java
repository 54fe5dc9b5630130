package dev.sluice.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.Timestamp;

import dev.sluice.parser.MetricType;

/**
 * Renders generated families as protobuf-java {@code MetricFamily} messages, written delimited. A family's samples
 * are grouped into metrics by their labels without {@code le} and {@code quantile}; {@code _created} samples become
 * created timestamps; counts go to the integer field when they are whole numbers up to 2^53, to the float field
 * otherwise (summaries have only the integer one). Info and state set families have no protobuf type and are left
 * out by {@link #renders}.
 */
final class ProtobufRendering
{
    private static final double MAX_EXACT_COUNT = 0x1p53;
    private static final int MILLIS_PER_SECOND = 1000;
    private static final int NANOS_PER_MILLI = 1_000_000;

    private ProtobufRendering()
    {
    }

    /**
     * Whether a family type has a protobuf type.
     *
     * @param family a generated family.
     * @return false for info and state set families.
     */
    static boolean renders(final GeneratedFamily family)
    {
        return family.type() != MetricType.INFO && family.type() != MetricType.STATESET;
    }

    /**
     * The messages of generated families.
     *
     * @param families families of which {@link #renders} holds.
     * @return one message per family.
     */
    static List<Metrics.MetricFamily> messages(final List<GeneratedFamily> families)
    {
        final List<Metrics.MetricFamily> messages = new ArrayList<>();
        for (final GeneratedFamily family : families)
        {
            final Metrics.MetricFamily.Builder message = Metrics.MetricFamily.newBuilder().setName(family.name())
                .setType(Metrics.MetricType.valueOf(family.type().name()));
            if (family.help() != null)
            {
                message.setHelp(family.help());
            }
            if (family.unit() != null)
            {
                message.setUnit(family.unit());
            }
            for (final List<GeneratedSample> metric : metrics(family).values())
            {
                message.addMetric(metric(family.type(), metric));
            }
            messages.add(message.build());
        }
        return messages;
    }

    /**
     * Writes messages as a delimited body.
     *
     * @param messages the families.
     * @return the body.
     */
    static byte[] body(final List<Metrics.MetricFamily> messages)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try
        {
            for (final Metrics.MetricFamily message : messages)
            {
                message.writeDelimitedTo(out);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /** The samples of each metric, by the metric's labels, in writing order. */
    private static Map<List<Label>, List<GeneratedSample>> metrics(final GeneratedFamily family)
    {
        final Map<List<Label>, List<GeneratedSample>> metrics = new LinkedHashMap<>();
        for (final GeneratedSample sample : family.samples())
        {
            final List<Label> labels = sample.labels().stream()
                .filter(label -> !label.name().equals("le") && !label.name().equals("quantile")).toList();
            metrics.computeIfAbsent(labels, key -> new ArrayList<>()).add(sample);
        }
        return metrics;
    }

    private static Metrics.Metric metric(final MetricType type, final List<GeneratedSample> samples)
    {
        final GeneratedSample first = samples.get(0);
        final Metrics.Metric.Builder metric = Metrics.Metric.newBuilder();
        for (final Label label : first.labels())
        {
            if (!label.name().equals("le") && !label.name().equals("quantile"))
            {
                metric.addLabel(Metrics.LabelPair.newBuilder().setName(label.name()).setValue(label.value()));
            }
        }
        if (first.hasTimestamp())
        {
            metric.setTimestampMs(first.timestampMs());
        }
        switch (type)
        {
            case COUNTER:
                metric.setCounter(counter(samples));
                break;
            case GAUGE:
                metric.setGauge(Metrics.Gauge.newBuilder().setValue(first.value()));
                break;
            case SUMMARY:
                metric.setSummary(summary(samples));
                break;
            case HISTOGRAM:
            case GAUGE_HISTOGRAM:
                metric.setHistogram(histogram(samples));
                break;
            default:
                metric.setUntyped(Metrics.Untyped.newBuilder().setValue(first.value()));
                break;
        }
        return metric.build();
    }

    private static Metrics.Counter counter(final List<GeneratedSample> samples)
    {
        final Metrics.Counter.Builder counter = Metrics.Counter.newBuilder();
        for (final GeneratedSample sample : samples)
        {
            if (sample.suffix().equals("_created"))
            {
                counter.setCreatedTimestamp(createdTimestamp(sample.value()));
            }
            else
            {
                counter.setValue(sample.value());
                if (sample.exemplar() != null)
                {
                    counter.setExemplar(exemplar(sample.exemplar()));
                }
            }
        }
        return counter.build();
    }

    private static Metrics.Summary summary(final List<GeneratedSample> samples)
    {
        final Metrics.Summary.Builder summary = Metrics.Summary.newBuilder();
        for (final GeneratedSample sample : samples)
        {
            switch (sample.suffix())
            {
                case "_created":
                    summary.setCreatedTimestamp(createdTimestamp(sample.value()));
                    break;
                case "_count":
                    summary.setSampleCount((long)sample.value());
                    break;
                case "_sum":
                    summary.setSampleSum(sample.value());
                    break;
                default:
                    summary.addQuantile(Metrics.Quantile.newBuilder()
                        .setQuantile(Double.parseDouble(bound(sample, "quantile"))).setValue(sample.value()));
                    break;
            }
        }
        return summary.build();
    }

    private static Metrics.Histogram histogram(final List<GeneratedSample> samples)
    {
        final Metrics.Histogram.Builder histogram = Metrics.Histogram.newBuilder();
        for (final GeneratedSample sample : samples)
        {
            final double value = sample.value();
            switch (sample.suffix())
            {
                case "_created":
                    histogram.setCreatedTimestamp(createdTimestamp(value));
                    break;
                case "_count":
                case "_gcount":
                    if (isExactCount(value))
                    {
                        histogram.setSampleCount((long)value);
                    }
                    else
                    {
                        histogram.setSampleCountFloat(value);
                    }
                    break;
                case "_sum":
                case "_gsum":
                    histogram.setSampleSum(value);
                    break;
                default:
                    histogram.addBucket(bucket(sample));
                    break;
            }
        }
        return histogram.build();
    }

    private static Metrics.Bucket bucket(final GeneratedSample sample)
    {
        final Metrics.Bucket.Builder bucket = Metrics.Bucket.newBuilder()
            .setUpperBound(Double.parseDouble(bound(sample, "le").replace("Inf", "Infinity")));
        if (isExactCount(sample.value()))
        {
            bucket.setCumulativeCount((long)sample.value());
        }
        else
        {
            bucket.setCumulativeCountFloat(sample.value());
        }
        if (sample.exemplar() != null)
        {
            bucket.setExemplar(exemplar(sample.exemplar()));
        }
        return bucket.build();
    }

    /**
     * Whether a count is a whole number the integer count fields hold exactly; -0 is not.
     *
     * @param count the count.
     * @return whether it goes to the integer field.
     */
    static boolean isExactCount(final double count)
    {
        return count == Math.rint(count) && count >= 0 && count <= MAX_EXACT_COUNT &&
            Double.doubleToRawLongBits(count) != Double.doubleToRawLongBits(-0.0);
    }

    private static String bound(final GeneratedSample sample, final String name)
    {
        return sample.labels().stream().filter(label -> label.name().equals(name)).findFirst().orElseThrow().value();
    }

    /**
     * The message of a generated exemplar.
     *
     * @param exemplar the exemplar.
     * @return its message.
     */
    static Metrics.Exemplar exemplar(final Exemplar exemplar)
    {
        final Metrics.Exemplar.Builder message = Metrics.Exemplar.newBuilder()
            .setValue(Double.longBitsToDouble(exemplar.valueBits()));
        for (final Label label : exemplar.labels())
        {
            message.addLabel(Metrics.LabelPair.newBuilder().setName(label.name()).setValue(label.value()));
        }
        if (exemplar.hasTimestamp())
        {
            message.setTimestamp(timestamp(exemplar.timestampMs()));
        }
        return message.build();
    }

    /**
     * A created sample's seconds as a timestamp, to the millisecond the generator made them from.
     *
     * @param seconds the created sample's value.
     * @return the timestamp.
     */
    static Timestamp createdTimestamp(final double seconds)
    {
        return timestamp(Math.round(seconds * MILLIS_PER_SECOND));
    }

    /** A timestamp of milliseconds, negative ones too: seconds and non-negative nanoseconds. */
    private static Timestamp timestamp(final long ms)
    {
        return Timestamp.newBuilder().setSeconds(Math.floorDiv(ms, MILLIS_PER_SECOND))
            .setNanos(Math.floorMod(ms, MILLIS_PER_SECOND) * NANOS_PER_MILLI).build();
    }
}
