package dev.sluice.jmh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursors;

/**
 * The in-run baseline of {@link ProtobufParseBenchmark}: the generated {@code protobuf-java} classes of
 * {@code MetricFamily} (as the Prometheus Java client ships them, protobuf runtime shaded), reading one delimited
 * stream over the whole body with {@code parseDelimitedFrom} and then every name, label, value, timestamp, bucket
 * and native-histogram count, span, delta and float count of the objects it built: the fields that the Sluice side
 * hands its consumer, which copies a native histogram's spans and listed counts as the pipeline's record writer
 * does ({@link CollectorSampleReader}).
 *
 * <p>The {@code samples} counter reports the samples of the input as the Sluice cursor counts them, so that samples
 * per second compare the same work.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class ProtobufJavaParseBenchmark
{
    /** Which input: the same as {@link ProtobufParseBenchmark}'s. */
    @Param({"ksm-protobuf", "prometheus-2016", "native-histograms", "synthetic-protobuf",
        "synthetic-native"})
    public String input;

    private byte[] body;
    private int inputSamples;

    /** Creates the benchmark state. */
    public ProtobufJavaParseBenchmark()
    {
    }

    /** Loads the input and counts its samples once with the Sluice cursor. */
    @Setup(Level.Trial)
    public void load()
    {
        body = BenchmarkInputs.body(ExpositionFormat.PROTOBUF, input);
        final CollectorSampleReader reader = new CollectorSampleReader();
        reader.readAll(MetricCursors.create(ExpositionFormat.PROTOBUF).reset(body, 0, body.length));
        inputSamples = reader.samples();
    }

    /**
     * Parses the whole body into generated {@code MetricFamily} objects and reads them.
     *
     * @param counters bytes and samples of this iteration.
     * @return the checksum of everything read.
     * @throws IOException never: the body is in memory.
     */
    @Benchmark
    public long parse(final WorkCounters counters) throws IOException
    {
        final long checksum = parseAndRead(body);
        counters.bytes += body.length;
        counters.samples += inputSamples;
        return checksum;
    }

    /**
     * Parses a delimited body with the generated classes and folds everything they hold into a checksum.
     *
     * @param body the exposition.
     * @return the checksum.
     * @throws IOException never for an in-memory body.
     */
    public static long parseAndRead(final byte[] body) throws IOException
    {
        final ByteArrayInputStream in = new ByteArrayInputStream(body);
        long checksum = 0;
        Metrics.MetricFamily family;
        while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null)
        {
            checksum = checksum * 31 + family.getName().length() + family.getType().getNumber();
            final List<Metrics.Metric> metrics = family.getMetricList();
            for (int i = 0, n = metrics.size(); i < n; i++)
            {
                checksum = checksum * 31 + readMetric(metrics.get(i));
            }
        }
        return checksum;
    }

    private static long readMetric(final Metrics.Metric metric)
    {
        long checksum = metric.getTimestampMs();
        for (int i = 0, n = metric.getLabelCount(); i < n; i++)
        {
            final Metrics.LabelPair label = metric.getLabel(i);
            checksum += label.getName().length() * 31L + label.getValue().length();
        }
        if (metric.hasCounter())
        {
            checksum += Double.doubleToRawLongBits(metric.getCounter().getValue());
        }
        if (metric.hasGauge())
        {
            checksum += Double.doubleToRawLongBits(metric.getGauge().getValue());
        }
        if (metric.hasUntyped())
        {
            checksum += Double.doubleToRawLongBits(metric.getUntyped().getValue());
        }
        if (metric.hasSummary())
        {
            final Metrics.Summary summary = metric.getSummary();
            checksum += summary.getSampleCount() + Double.doubleToRawLongBits(summary.getSampleSum());
            for (int i = 0, n = summary.getQuantileCount(); i < n; i++)
            {
                final Metrics.Quantile quantile = summary.getQuantile(i);
                checksum += Double.doubleToRawLongBits(quantile.getQuantile()) +
                    Double.doubleToRawLongBits(quantile.getValue());
            }
        }
        if (metric.hasHistogram())
        {
            checksum += readHistogram(metric.getHistogram());
        }
        return checksum;
    }

    private static long readHistogram(final Metrics.Histogram histogram)
    {
        long checksum = histogram.getSampleCount() + Double.doubleToRawLongBits(histogram.getSampleSum()) +
            histogram.getSchema() + Double.doubleToRawLongBits(histogram.getZeroThreshold()) +
            histogram.getZeroCount() + Double.doubleToRawLongBits(histogram.getSampleCountFloat()) +
            Double.doubleToRawLongBits(histogram.getZeroCountFloat());
        for (int i = 0, n = histogram.getBucketCount(); i < n; i++)
        {
            final Metrics.Bucket bucket = histogram.getBucket(i);
            checksum += Double.doubleToRawLongBits(bucket.getUpperBound()) + bucket.getCumulativeCount();
        }
        for (int i = 0, n = histogram.getPositiveSpanCount(); i < n; i++)
        {
            checksum += histogram.getPositiveSpan(i).getOffset() * 31L + histogram.getPositiveSpan(i).getLength();
        }
        for (int i = 0, n = histogram.getNegativeSpanCount(); i < n; i++)
        {
            checksum += histogram.getNegativeSpan(i).getOffset() * 31L + histogram.getNegativeSpan(i).getLength();
        }
        for (int i = 0, n = histogram.getPositiveDeltaCount(); i < n; i++)
        {
            checksum += histogram.getPositiveDelta(i);
        }
        for (int i = 0, n = histogram.getNegativeDeltaCount(); i < n; i++)
        {
            checksum += histogram.getNegativeDelta(i);
        }
        for (int i = 0, n = histogram.getPositiveCountCount(); i < n; i++)
        {
            checksum += Double.doubleToRawLongBits(histogram.getPositiveCount(i));
        }
        for (int i = 0, n = histogram.getNegativeCountCount(); i < n; i++)
        {
            checksum += Double.doubleToRawLongBits(histogram.getNegativeCount(i));
        }
        return checksum;
    }
}
