package dev.sluice.collector.cli;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;

import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.ParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sluice bench}: parses one file over and over on one thread and reports throughput and allocation. A quick
 * look for users and bug reports; the project's benchmarks of record are the JMH ones.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    header = "Measure parser throughput and allocation on one file.",
    description = {
        "Measure the parser on one file: load it in memory, then parse it over and over on one thread, reading " +
            "every field of every sample as a collector does.",
        "The first third of the time warms the JIT up and is not measured. Reports MB/s (MB = 10^6 bytes), " +
            "samples/s and heap bytes allocated per sample."},
    footer = {"", "With --json, one line:",
        "  {\"format\": \"text\", \"bytes\": N, \"samples\": N, \"seconds\": S, \"mb_per_s\": X, " +
            "\"samples_per_s\": X, \"alloc_bytes_per_sample\": X}"})
final class BenchCommand implements Callable<Integer>
{
    private static final double NANOS_PER_SECOND = 1e9;

    // A volatile store the JIT must perform, so the work folded into the checksum cannot be dropped as dead.
    @SuppressWarnings("unused")
    private static volatile long checksumSink;

    @ParentCommand
    private SluiceCommand sluice;

    @Spec
    private CommandSpec spec;

    @Option(
        names = "--format",
        defaultValue = "auto",
        paramLabel = "FORMAT",
        description = "Input format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, from the content).")
    private InputFormat format;

    @Option(
        names = "--seconds",
        defaultValue = "5",
        paramLabel = "S",
        description = "Total run time in seconds, warm-up included (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--json", description = "Print the result as one line of JSON.")
    private boolean json;

    @Parameters(
        paramLabel = "FILE",
        description = "The exposition: a file, - for standard input, or sample:node_exporter for the bundled sample.")
    private String file;

    /**
     * Runs the benchmark and prints the result.
     *
     * @return 0.
     * @throws CommandFailure when the input cannot be read, does not parse, or holds no sample.
     */
    @Override
    public Integer call()
    {
        if (!(seconds > 0) || seconds * NANOS_PER_SECOND > Long.MAX_VALUE)
        {
            throw new ParameterException(spec.commandLine(), "--seconds must be a positive number, got " + seconds);
        }
        final byte[] bytes = ExpositionSource.read(file, sluice.stdin());
        // Off heap, as a scraper's pooled network buffers are.
        final UnsafeBuffer body = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(1, bytes.length)));
        body.putBytes(0, bytes);
        final ExpositionFormat resolved = format.resolve(body, 0, bytes.length);
        final MetricCursor cursor = MetricCursors.create(resolved);
        final BenchPass pass = new BenchPass();
        final int samples;
        try
        {
            samples = pass.run(cursor, body, bytes.length);
        }
        catch (final ParseException ex)
        {
            throw new CommandFailure(file + ": " + ex.getMessage(), 1);
        }
        if (samples == 0)
        {
            throw new CommandFailure(file + ": no samples to measure", 1);
        }
        final BenchResult result = measure(resolved, pass, cursor, body, bytes.length, samples);
        spec.commandLine().getOut().println(json ? result.toJson() : result.toText());
        return 0;
    }

    private BenchResult measure(
        final ExpositionFormat resolved,
        final BenchPass pass,
        final MetricCursor cursor,
        final UnsafeBuffer body,
        final int length,
        final int samples)
    {
        final long totalNanos = (long)(seconds * NANOS_PER_SECOND);
        final long warmUpNanos = totalNanos / 3;
        final long warmUpStart = System.nanoTime();
        while (System.nanoTime() - warmUpStart < warmUpNanos)
        {
            pass.run(cursor, body, length);
        }

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final boolean allocationMeasured = threads.isThreadAllocatedMemorySupported() &&
            threads.isThreadAllocatedMemoryEnabled();
        final long measuredNanos = totalNanos - warmUpNanos;
        final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        final long start = System.nanoTime();
        long passes = 0;
        long elapsed;
        do
        {
            pass.run(cursor, body, length);
            passes++;
            elapsed = System.nanoTime() - start;
        }
        while (elapsed < measuredNanos);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        checksumSink = pass.checksum();
        return new BenchResult(resolved.shortName(), length, samples, passes, elapsed,
            allocationMeasured ? allocated : -1);
    }
}
