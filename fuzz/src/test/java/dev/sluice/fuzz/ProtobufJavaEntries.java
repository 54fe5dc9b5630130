package dev.sluice.fuzz;

import java.util.ArrayList;
import java.util.List;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.Timestamp;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;

/**
 * The entries the protobuf cursor must yield for families that protobuf-java's generated classes decoded, derived
 * from the rules of docs/formats.md and not from the cursor: HELP and UNIT when not empty, TYPE, then per metric
 * the family name (counter, gauge, untyped), quantiles with {@code _sum} and {@code _count} (summary), or a native
 * histogram (a span, a zero threshold above 0 or a zero count above 0) followed by the classic series when it has
 * classic buckets, which are the buckets up to the first {@code +Inf} one, a {@code +Inf} bucket with the count
 * when there is none, {@code _sum} and {@code _count}. {@code le} and {@code quantile} come last in OpenMetrics
 * float form; {@code timestamp_ms} 0 is no timestamp; counts prefer the float field when it is not 0; created and
 * exemplar timestamps are {@code seconds * 1000 + nanos / 10^6}; a native histogram's exemplars are its own list,
 * or when that is empty those of its classic buckets. Families without metrics give no entries.
 */
final class ProtobufJavaEntries
{
    private static final int NANOS_PER_MILLI = 1_000_000;
    private static final int MILLIS_PER_SECOND = 1000;

    private ProtobufJavaEntries()
    {
    }

    /**
     * The entries of a decoded body.
     *
     * @param families the families in body order.
     * @return the entries the cursor must yield, END excluded.
     */
    static List<Entry> of(final List<Metrics.MetricFamily> families)
    {
        final List<Entry> entries = new ArrayList<>();
        for (final Metrics.MetricFamily family : families)
        {
            if (family.getMetricCount() == 0)
            {
                continue;
            }
            final String name = family.getName();
            final MetricType type = MetricType.valueOf(family.getType().name());
            if (!family.getHelp().isEmpty())
            {
                entries.add(Entry.metadata(EntryKind.HELP, name, family.getHelp()));
            }
            if (!family.getUnit().isEmpty())
            {
                entries.add(Entry.metadata(EntryKind.UNIT, name, family.getUnit()));
            }
            entries.add(Entry.type(name, type));
            for (final Metrics.Metric metric : family.getMetricList())
            {
                new MetricEntries(entries, name, type, metric).add();
            }
        }
        return entries;
    }

    /** The entries of one metric, which share its labels and timestamps. */
    private static final class MetricEntries
    {
        private final List<Entry> out;
        private final String name;
        private final MetricType type;
        private final Metrics.Metric metric;
        private final List<Label> labels = new ArrayList<>();
        private boolean hasCreated;
        private long createdMs;

        MetricEntries(final List<Entry> out, final String name, final MetricType type, final Metrics.Metric metric)
        {
            this.out = out;
            this.name = name;
            this.type = type;
            this.metric = metric;
            for (final Metrics.LabelPair label : metric.getLabelList())
            {
                labels.add(new Label(label.getName(), label.getValue()));
            }
        }

        void add()
        {
            switch (type)
            {
                case SUMMARY:
                    summary(metric.getSummary());
                    break;
                case HISTOGRAM:
                case GAUGE_HISTOGRAM:
                    histogram(metric.getHistogram());
                    break;
                case COUNTER:
                    final Metrics.Counter counter = metric.getCounter();
                    created(counter.hasCreatedTimestamp(), counter.getCreatedTimestamp());
                    sample(name, null, 0, counter.getValue(),
                        counter.hasExemplar() ? exemplar(counter.getExemplar()) : null);
                    break;
                case GAUGE:
                    sample(name, null, 0, metric.getGauge().getValue(), null);
                    break;
                default:
                    sample(name, null, 0, metric.getUntyped().getValue(), null);
                    break;
            }
        }

        private void summary(final Metrics.Summary summary)
        {
            created(summary.hasCreatedTimestamp(), summary.getCreatedTimestamp());
            for (final Metrics.Quantile quantile : summary.getQuantileList())
            {
                sample(name, "quantile", quantile.getQuantile(), quantile.getValue(), null);
            }
            sample(name + "_sum", null, 0, summary.getSampleSum(), null);
            sample(name + "_count", null, 0, unsigned(summary.getSampleCount()), null);
        }

        private void histogram(final Metrics.Histogram histogram)
        {
            created(histogram.hasCreatedTimestamp(), histogram.getCreatedTimestamp());
            final boolean isNative = histogram.getPositiveSpanCount() > 0 || histogram.getNegativeSpanCount() > 0 ||
                histogram.getZeroThreshold() > 0 || histogram.getZeroCount() != 0;
            if (isNative)
            {
                out.add(new Entry(EntryKind.HISTOGRAM, type, name, "", labels, 0, hasTimestamp(), timestampMs(), null,
                    hasCreated, createdMs, nativeHistogram(histogram)));
                if (histogram.getBucketCount() == 0)
                {
                    return;
                }
            }
            final double count = histogram.getSampleCountFloat() != 0 ? histogram.getSampleCountFloat() :
                unsigned(histogram.getSampleCount());
            boolean infinite = false;
            for (final Metrics.Bucket bucket : histogram.getBucketList())
            {
                final double value = bucket.getCumulativeCountFloat() != 0 ? bucket.getCumulativeCountFloat() :
                    unsigned(bucket.getCumulativeCount());
                sample(name + "_bucket", "le", bucket.getUpperBound(), value,
                    bucket.hasExemplar() ? exemplar(bucket.getExemplar()) : null);
                if (bucket.getUpperBound() == Double.POSITIVE_INFINITY)
                {
                    infinite = true;
                    break;
                }
            }
            if (!infinite)
            {
                sample(name + "_bucket", "le", Double.POSITIVE_INFINITY, count, null);
            }
            sample(name + "_sum", null, 0, histogram.getSampleSum(), null);
            sample(name + "_count", null, 0, count, null);
        }

        private NativeHistogram nativeHistogram(final Metrics.Histogram histogram)
        {
            final List<Exemplar> exemplars = new ArrayList<>();
            for (final Metrics.Exemplar exemplar : histogram.getExemplarsList())
            {
                exemplars.add(exemplar(exemplar));
            }
            if (exemplars.isEmpty())
            {
                for (final Metrics.Bucket bucket : histogram.getBucketList())
                {
                    if (bucket.hasExemplar())
                    {
                        exemplars.add(exemplar(bucket.getExemplar()));
                    }
                }
            }
            final boolean isFloat = histogram.getSampleCountFloat() > 0 || histogram.getZeroCountFloat() > 0;
            return new NativeHistogram(histogram.getSchema(), Double.doubleToRawLongBits(histogram.getZeroThreshold()),
                isFloat, histogram.getSampleCount(), Double.doubleToRawLongBits(histogram.getSampleCountFloat()),
                histogram.getZeroCount(), Double.doubleToRawLongBits(histogram.getZeroCountFloat()),
                Double.doubleToRawLongBits(histogram.getSampleSum()), type == MetricType.GAUGE_HISTOGRAM ?
                NativeHistogramView.ResetHint.GAUGE : NativeHistogramView.ResetHint.UNKNOWN,
                spans(histogram.getPositiveSpanList()), new ArrayList<>(histogram.getPositiveDeltaList()),
                bits(histogram.getPositiveCountList()), spans(histogram.getNegativeSpanList()),
                new ArrayList<>(histogram.getNegativeDeltaList()), bits(histogram.getNegativeCountList()), exemplars);
        }

        /**
         * Adds a sample of the metric.
         *
         * @param series    the series name.
         * @param boundName {@code le} or {@code quantile}, added after the metric's labels; null for none.
         * @param bound     its value.
         * @param value     the sample value.
         * @param exemplar  the exemplar, or null.
         */
        private void sample(
            final String series, final String boundName, final double bound, final double value,
            final Exemplar exemplar)
        {
            final List<Label> all = new ArrayList<>(labels);
            if (boundName != null)
            {
                all.add(new Label(boundName, FamilyRendering.floatForm(bound)));
            }
            out.add(new Entry(EntryKind.SAMPLE, type, series, "", all, Double.doubleToRawLongBits(value),
                hasTimestamp(), timestampMs(), exemplar, hasCreated, createdMs));
        }

        private void created(final boolean present, final Timestamp timestamp)
        {
            hasCreated = present;
            createdMs = present ? millis(timestamp) : 0;
        }

        private boolean hasTimestamp()
        {
            return metric.getTimestampMs() != 0;
        }

        private long timestampMs()
        {
            return metric.getTimestampMs();
        }
    }

    private static Exemplar exemplar(final Metrics.Exemplar exemplar)
    {
        final List<Label> labels = new ArrayList<>();
        for (final Metrics.LabelPair label : exemplar.getLabelList())
        {
            labels.add(new Label(label.getName(), label.getValue()));
        }
        return new Exemplar(labels, Double.doubleToRawLongBits(exemplar.getValue()), exemplar.hasTimestamp(),
            exemplar.hasTimestamp() ? millis(exemplar.getTimestamp()) : 0);
    }

    private static long millis(final Timestamp timestamp)
    {
        return timestamp.getSeconds() * MILLIS_PER_SECOND + timestamp.getNanos() / NANOS_PER_MILLI;
    }

    /** An unsigned 64-bit count as the nearest double. */
    private static double unsigned(final long count)
    {
        return Double.parseDouble(Long.toUnsignedString(count));
    }

    private static List<Integer> spans(final List<Metrics.BucketSpan> spans)
    {
        final List<Integer> flat = new ArrayList<>();
        for (final Metrics.BucketSpan span : spans)
        {
            flat.add(span.getOffset());
            flat.add(span.getLength());
        }
        return flat;
    }

    private static List<Long> bits(final List<Double> counts)
    {
        final List<Long> bits = new ArrayList<>();
        for (final double count : counts)
        {
            bits.add(Double.doubleToRawLongBits(count));
        }
        return bits;
    }
}
