package dev.sluice.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;

/**
 * One operation parses a whole body with the Sluice cursor of a format and reads every field of every sample as a
 * collector would ({@link CollectorSampleReader}). The body is a heap array; the cursor and reader are reused
 * across operations, as on a scrape thread. Each format is a subclass that names its inputs in a {@code @Param}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public abstract class CursorParseBenchmark
{
    private final ExpositionFormat format;
    private final MetricCursor cursor;
    private final CollectorSampleReader reader = new CollectorSampleReader();
    private byte[] body;

    /**
     * Creates the benchmark state for a format.
     *
     * @param format the format of the inputs.
     */
    protected CursorParseBenchmark(final ExpositionFormat format)
    {
        this.format = format;
        this.cursor = MetricCursors.create(format);
    }

    /**
     * The {@code @Param} input of the subclass.
     *
     * @return the input name.
     */
    protected abstract String input();

    /** Loads the input. */
    @Setup(Level.Trial)
    public void load()
    {
        body = BenchmarkInputs.body(format, input());
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
