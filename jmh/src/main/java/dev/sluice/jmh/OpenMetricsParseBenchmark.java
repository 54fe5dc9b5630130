package dev.sluice.jmh;

import java.util.concurrent.TimeUnit;

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
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;

/**
 * OpenMetrics 1.0: one operation parses a whole body with the strict Sluice cursor and reads every field of every
 * sample, exemplars and created timestamps included, as a collector would ({@link CollectorSampleReader}). The
 * body is a heap array; the cursor and reader are reused across operations, as on a scrape thread.
 *
 * <p>Prometheus' {@code alltypes.5mfs.om.txt} is not an input: it breaks OpenMetrics 1.0 (a {@code _sum} beside
 * negative buckets, negative summary quantiles and sums), so the strict cursor rejects it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class OpenMetricsParseBenchmark
{
    /** Which input: a corpus file or the synthetic exposition. */
    @Param({"1histogram", BenchmarkInputs.SYNTHETIC})
    public String input;

    private final MetricCursor cursor = MetricCursors.create(ExpositionFormat.OPENMETRICS);
    private final CollectorSampleReader reader = new CollectorSampleReader();
    private byte[] body;

    /** Creates the benchmark state. */
    public OpenMetricsParseBenchmark()
    {
    }

    /** Loads the input. */
    @Setup(Level.Trial)
    public void load()
    {
        body = BenchmarkInputs.body(ExpositionFormat.OPENMETRICS, input);
    }

    /**
     * Parses the whole body.
     *
     * @param counters bytes and samples of this iteration.
     * @return the checksum of everything read.
     */
    @Benchmark
    public long parse(final WorkCounters counters)
    {
        final long checksum = reader.readAll(cursor.reset(body, 0, body.length));
        counters.bytes += body.length;
        counters.samples += reader.samples();
        return checksum;
    }
}
