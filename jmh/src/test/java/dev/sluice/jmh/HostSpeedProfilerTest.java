package dev.sluice.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The calibration does deterministic work without allocating and yields a usable rate; JMH loads the profiler by
 * class and records one host speed, with its name and unit, per measurement iteration. Nothing here is timed: the
 * rate is only required to be a positive, finite number.
 */
class HostSpeedProfilerTest
{
    private static final int MEASUREMENT_ITERATIONS = 3;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void calibrationAllocatesNothingAndRepeatsTheSameWork()
    {
        final HostSpeedCalibration calibration = new HostSpeedCalibration();
        calibration.warmUp();
        final long warmChecksum = calibration.checksum();

        final long before = threads.getCurrentThreadAllocatedBytes();
        final double rate = calibration.run();
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, "bytes allocated by one calibration run");
        assertTrue(rate > 0 && Double.isFinite(rate), "rate " + rate);
        assertNotEquals(0, calibration.checksum());
        assertEquals(warmChecksum, calibration.checksum(), "each run does the same work");

        final HostSpeedCalibration other = new HostSpeedCalibration();
        other.run();
        assertEquals(calibration.checksum(), other.checksum(), "every instance generates the same text");
    }

    @Test
    void jmhRecordsOneHostSpeedPerMeasurementIteration() throws RunnerException
    {
        final Options options = new OptionsBuilder()
            .include("^" + Pattern.quote(TextParseBenchmark.class.getName() + ".parse") + "$")
            .param("input", "cadvisor")
            .forks(0)
            .warmupIterations(1)
            .warmupTime(TimeValue.milliseconds(50))
            .measurementIterations(MEASUREMENT_ITERATIONS)
            .measurementTime(TimeValue.milliseconds(50))
            .addProfiler(HostSpeedProfiler.class)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .build();

        final Collection<RunResult> runs = runIgnoringOtherJmhRuns(options);

        assertEquals(1, runs.size());
        final List<Result<?>> speeds = new ArrayList<>();
        for (final BenchmarkResult benchmark : runs.iterator().next().getBenchmarkResults())
        {
            for (final IterationResult iteration : benchmark.getIterationResults())
            {
                final Result<?> speed = iteration.getSecondaryResults().get(HostSpeedProfiler.LABEL);
                assertNotNull(speed, "host speed of iteration, secondary results " +
                    iteration.getSecondaryResults().keySet());
                speeds.add(speed);
            }
        }
        assertEquals(MEASUREMENT_ITERATIONS, speeds.size());
        for (final Result<?> speed : speeds)
        {
            assertEquals("bytes/us", speed.getScoreUnit());
            assertTrue(speed.getScore() > 0 && Double.isFinite(speed.getScore()), "host speed " + speed.getScore());
        }
    }

    /**
     * Runs JMH in this JVM without taking its machine-wide lock: this run measures nothing, and a benchmark run
     * elsewhere on the machine must not make the test fail.
     */
    private static Collection<RunResult> runIgnoringOtherJmhRuns(final Options options) throws RunnerException
    {
        final String property = "jmh.ignoreLock";
        final String previous = System.getProperty(property);
        System.setProperty(property, "true");
        try
        {
            return new Runner(options).run();
        }
        finally
        {
            if (previous == null)
            {
                System.clearProperty(property);
            }
            else
            {
                System.setProperty(property, previous);
            }
        }
    }
}
