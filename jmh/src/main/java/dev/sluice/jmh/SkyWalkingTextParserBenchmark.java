package dev.sluice.jmh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.skywalking.oap.server.library.util.prometheus.metrics.Counter;
import org.apache.skywalking.oap.server.library.util.prometheus.metrics.Gauge;
import org.apache.skywalking.oap.server.library.util.prometheus.metrics.Histogram;
import org.apache.skywalking.oap.server.library.util.prometheus.metrics.Metric;
import org.apache.skywalking.oap.server.library.util.prometheus.metrics.MetricFamily;
import org.apache.skywalking.oap.server.library.util.prometheus.metrics.Summary;
import org.apache.skywalking.oap.server.library.util.prometheus.parser.TextParser;
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
 * The in-run baseline: Apache SkyWalking's Prometheus text parser ({@code library-util}) on the same inputs as
 * {@link TextParseBenchmark}. One operation parses the whole body into SkyWalking's metric families and reads
 * every name, label, value and timestamp of the result.
 *
 * <p>{@link TextParser#parse} returns null both at the end of the input and for a family without samples
 * (node_exporter's output starts with such families), so the loop goes on until the input stream has been read
 * to its end; {@code BenchmarkCorrectnessTest} checks that every family of every input is returned.
 *
 * <p>The {@code samples} counter reports the samples of the input as the Sluice cursor counts them, so that
 * samples per second compare the same work; SkyWalking itself folds histogram and summary lines into one
 * object per series and skips samples of families without a {@code TYPE} line or of type {@code untyped}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class SkyWalkingTextParserBenchmark
{
    /** Which input: a corpus file or the synthetic exposition. */
    @Param({"alltypes.237mfs", "node_exporter", "ksm", "cadvisor", BenchmarkInputs.SYNTHETIC})
    public String input;

    private byte[] body;
    private int inputSamples;
    private long scrapeTimeMs;

    /** Creates the benchmark state. */
    public SkyWalkingTextParserBenchmark()
    {
    }

    /** Loads the input and counts its samples once with the Sluice cursor. */
    @Setup(Level.Trial)
    public void load()
    {
        body = BenchmarkInputs.body(ExpositionFormat.PROMETHEUS_TEXT, input);
        final CollectorSampleReader reader = new CollectorSampleReader();
        reader.readAll(MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT).reset(body, 0, body.length));
        inputSamples = reader.samples();
        scrapeTimeMs = System.currentTimeMillis();
    }

    /**
     * Parses the whole body with SkyWalking's {@link TextParser} and reads the result.
     *
     * @param counters bytes and samples of this iteration.
     * @return the checksum of everything read.
     * @throws IOException never: the body is in memory.
     */
    @Benchmark
    public long parse(final WorkCounters counters) throws IOException
    {
        final long checksum = parseAndRead(body, scrapeTimeMs);
        counters.bytes += body.length;
        counters.samples += inputSamples;
        return checksum;
    }

    /**
     * Parses a body with SkyWalking's parser and folds everything it returned into a checksum.
     *
     * @param body         the exposition.
     * @param scrapeTimeMs the time SkyWalking stamps on samples without a timestamp.
     * @return the checksum.
     * @throws IOException never for an in-memory body.
     */
    public static long parseAndRead(final byte[] body, final long scrapeTimeMs) throws IOException
    {
        final EndAwareInputStream in = new EndAwareInputStream(body);
        final TextParser parser = new TextParser(in);
        long checksum = 0;
        MetricFamily family;
        while ((family = parser.parse(scrapeTimeMs)) != null || !in.endReached())
        {
            if (family == null)
            {
                continue;
            }
            checksum = checksum * 31 + family.getName().length() + family.getType().ordinal();
            final List<Metric> metrics = family.getMetrics();
            for (int i = 0, n = metrics.size(); i < n; i++)
            {
                checksum = checksum * 31 + readMetric(metrics.get(i));
            }
        }
        return checksum;
    }

    /**
     * The names of the families SkyWalking's parser returns for a body.
     *
     * @param body the exposition.
     * @return the family names, as written on their HELP or TYPE lines.
     * @throws IOException never for an in-memory body.
     */
    public static Set<String> familyNames(final byte[] body) throws IOException
    {
        final EndAwareInputStream in = new EndAwareInputStream(body);
        final TextParser parser = new TextParser(in);
        final Set<String> names = new HashSet<>();
        MetricFamily family;
        while ((family = parser.parse(0)) != null || !in.endReached())
        {
            if (family != null)
            {
                names.add(family.getName());
            }
        }
        return names;
    }

    private static long readMetric(final Metric metric)
    {
        long checksum = metric.getName().length() + metric.getTimestamp();
        for (final Map.Entry<String, String> label : metric.getLabels().entrySet())
        {
            checksum += label.getKey().length() * 31L + label.getValue().length();
        }
        if (metric instanceof Counter)
        {
            checksum += Double.doubleToRawLongBits(((Counter)metric).getValue());
        }
        else if (metric instanceof Gauge)
        {
            checksum += Double.doubleToRawLongBits(((Gauge)metric).getValue());
        }
        else if (metric instanceof Histogram)
        {
            final Histogram histogram = (Histogram)metric;
            checksum += histogram.getSampleCount() + Double.doubleToRawLongBits(histogram.getSampleSum());
            for (final Map.Entry<Double, Long> bucket : histogram.getBuckets().entrySet())
            {
                checksum += Double.doubleToRawLongBits(bucket.getKey()) + bucket.getValue();
            }
        }
        else if (metric instanceof Summary)
        {
            final Summary summary = (Summary)metric;
            checksum += summary.getSampleCount() + Double.doubleToRawLongBits(summary.getSampleSum());
            for (final Map.Entry<Double, Double> quantile : summary.getQuantiles().entrySet())
            {
                checksum += Double.doubleToRawLongBits(quantile.getKey()) +
                    Double.doubleToRawLongBits(quantile.getValue());
            }
        }
        return checksum;
    }

    /** A body stream that remembers whether a reader has asked past its end. */
    private static final class EndAwareInputStream extends ByteArrayInputStream
    {
        private boolean endReached;

        private EndAwareInputStream(final byte[] body)
        {
            super(body);
        }

        @Override
        public synchronized int read(final byte[] buffer, final int offset, final int length)
        {
            final int read = super.read(buffer, offset, length);
            endReached |= read < 0;
            return read;
        }

        @Override
        public synchronized int read()
        {
            final int read = super.read();
            endReached |= read < 0;
            return read;
        }

        private boolean endReached()
        {
            return endReached;
        }
    }
}
