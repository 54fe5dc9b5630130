package dev.sluice.jmh;

import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports, beside every iteration's score, how fast the host was running the benchmark's JVM: after each warm-up and
 * measurement iteration, once the benchmark threads have stopped, it runs a fixed, parser-like
 * {@link HostSpeedCalibration} of about 130 ms on the benchmark's JVM and adds its rate (that of the median of five
 * timed chunks) as the secondary result {@value #LABEL}, in {@value #UNIT} (bytes classified per microsecond; higher
 * is a faster host).
 *
 * <p>Why: the project's VM host slows both vCPUs for tens of seconds at a time, without any steal time in
 * {@code /proc/stat}; the text parse benchmarks then run about a third slower, in whole forks or from the middle of
 * one, with no JIT event. An iteration's score means little without the host's speed during it, and this figure,
 * taken right after the iteration, tells a slow host apart from slow code. Use it as
 * {@code -prof dev.sluice.jmh.HostSpeedProfiler}. JMH prints and records secondary results of measurement
 * iterations only, so the warm-up iterations' figures are measured but not shown.
 */
public final class HostSpeedProfiler implements InternalProfiler
{
    /** Name of the secondary result. */
    public static final String LABEL = "host.speed";
    /** Unit of the secondary result: bytes of calibration text classified per microsecond. */
    public static final String UNIT = "bytes/us";

    private final HostSpeedCalibration calibration = new HostSpeedCalibration();
    private boolean warm;

    /** Creates the profiler; JMH does so in every forked JVM. */
    public HostSpeedProfiler()
    {
    }

    @Override
    public String getDescription()
    {
        return "Host speed after each iteration: " + UNIT + " of a fixed byte-classifying loop (higher is faster)";
    }

    /** Warms the calibration up before the first iteration of the JVM, so that every run measures compiled code. */
    @Override
    public void beforeIteration(final BenchmarkParams benchmarkParams, final IterationParams iterationParams)
    {
        if (!warm)
        {
            calibration.warmUp();
            warm = true;
        }
    }

    /** Runs the calibration, the benchmark threads having stopped, and reports its rate. */
    @Override
    public Collection<? extends Result<?>> afterIteration(
        final BenchmarkParams benchmarkParams,
        final IterationParams iterationParams,
        final IterationResult result)
    {
        return List.of(new ScalarResult(LABEL, calibration.run(), UNIT, AggregationPolicy.AVG));
    }
}
