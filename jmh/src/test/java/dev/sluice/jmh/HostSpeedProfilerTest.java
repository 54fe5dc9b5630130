package dev.sluice.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.Set;
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
 * The calibration does deterministic work without allocating and yields a usable rate, on one thread and on every
 * processor at once; JMH loads the profiler by class and records the slowest and fastest processor's speed, with
 * their names and unit, per measurement iteration. Nothing here is timed: a rate is only required to be a positive,
 * finite number, and the slowest no faster than the fastest.
 */
class HostSpeedProfilerTest
{
    private static final int MEASUREMENT_ITERATIONS = 3;
    private static final int WARM_UP_RUNS = 4;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void calibrationAllocatesNothingAndRepeatsTheSameWork()
    {
        final HostSpeedCalibration calibration = new HostSpeedCalibration();
        for (int i = 0; i < WARM_UP_RUNS; i++)
        {
            calibration.run();
        }
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
    void calibratingEveryProcessorAllocatesNothingOnAnyThread()
    {
        final HostSpeedProfiler profiler = new HostSpeedProfiler();
        profiler.beforeIteration(null, null);
        final long[] helpers = calibrationThreadIds(profiler);
        assertEquals(Runtime.getRuntime().availableProcessors() - 1, helpers.length, "one calibration thread per " +
            "processor beside the calling thread's");
        final long[] helpersBefore = new long[helpers.length];
        final long[] helpersAfter = new long[helpers.length];

        // Read into arrays made beforehand: the counters of single threads return a primitive and allocate nothing.
        for (int i = 0; i < helpers.length; i++)
        {
            helpersBefore[i] = threads.getThreadAllocatedBytes(helpers[i]);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        profiler.calibrate();
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        for (int i = 0; i < helpers.length; i++)
        {
            helpersAfter[i] = threads.getThreadAllocatedBytes(helpers[i]);
        }

        assertEquals(0, allocated, "bytes allocated by the calling thread");
        for (int i = 0; i < helpers.length; i++)
        {
            assertEquals(0, helpersAfter[i] - helpersBefore[i], "bytes allocated by calibration thread " + helpers[i]);
        }
        assertTrue(profiler.slowest() > 0 && Double.isFinite(profiler.slowest()), "slowest " + profiler.slowest());
        assertTrue(profiler.slowest() <= profiler.fastest(), profiler.slowest() + " > " + profiler.fastest());
    }

    @Test
    void jmhRecordsTheSlowestAndFastestHostSpeedPerMeasurementIteration() throws RunnerException
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
        int iterations = 0;
        for (final BenchmarkResult benchmark : runs.iterator().next().getBenchmarkResults())
        {
            for (final IterationResult iteration : benchmark.getIterationResults())
            {
                final Result<?> slowest = iteration.getSecondaryResults().get(HostSpeedProfiler.SLOWEST);
                final Result<?> fastest = iteration.getSecondaryResults().get(HostSpeedProfiler.FASTEST);
                final Set<String> names = iteration.getSecondaryResults().keySet();
                assertNotNull(slowest, "slowest processor's speed, secondary results " + names);
                assertNotNull(fastest, "fastest processor's speed, secondary results " + names);
                assertEquals("host.speed.min", slowest.getLabel());
                assertEquals("host.speed.max", fastest.getLabel());
                assertEquals("bytes/us", slowest.getScoreUnit());
                assertEquals("bytes/us", fastest.getScoreUnit());
                assertTrue(slowest.getScore() > 0 && Double.isFinite(fastest.getScore()),
                    slowest.getScore() + " to " + fastest.getScore());
                assertTrue(slowest.getScore() <= fastest.getScore(), slowest.getScore() + " > " + fastest.getScore());
                iterations++;
            }
        }
        assertEquals(MEASUREMENT_ITERATIONS, iterations);
    }

    private static long[] calibrationThreadIds(final HostSpeedProfiler profiler)
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith(profiler.threadNamePrefix()))
            .mapToLong(Thread::getId)
            .toArray();
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
