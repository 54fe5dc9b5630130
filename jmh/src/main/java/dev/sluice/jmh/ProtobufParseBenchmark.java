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
 * Protobuf exposition (delimited {@code MetricFamily} messages): one operation parses a whole body with the Sluice
 * protobuf cursor and reads every field of every sample, native histograms bucket by bucket, as a collector would
 * ({@link CollectorSampleReader}). Inputs: a kube-state-metrics scrape, an old Prometheus server's own metrics, and
 * the corpus' native-histogram families.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class ProtobufParseBenchmark
{
    /** Which input: a corpus file. */
    @Param({"ksm-protobuf", "prometheus-2016", "native-histograms"})
    public String input;

    private final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROTOBUF);
    private final CollectorSampleReader reader = new CollectorSampleReader();
    private byte[] body;

    /** Creates the benchmark state. */
    public ProtobufParseBenchmark()
    {
    }

    /** Loads the input. */
    @Setup(Level.Trial)
    public void load()
    {
        body = BenchmarkInputs.body(ExpositionFormat.PROTOBUF, input);
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
