package dev.sluice.jmh;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports, beside every iteration's score, how fast the host was running each processor of the benchmark's JVM:
 * after each warm-up and measurement iteration, once the benchmark threads have stopped, it runs a fixed,
 * parser-like {@link HostSpeedCalibration} of about 130 ms on every processor at once (the JMH thread and one
 * thread per further processor, all started once and parked in between) and adds the slowest and the fastest rate
 * as the secondary results {@value #SLOWEST} and {@value #FASTEST}, in {@value #UNIT} (bytes classified per
 * microsecond; higher is faster). Use it as {@code -prof dev.sluice.jmh.HostSpeedProfiler}.
 *
 * <p>Why: the host of the project's VM slows a vCPU for seconds to tens of seconds at a time, with no steal time in
 * {@code /proc/stat}; a benchmark thread on that vCPU runs a third slower or more, in whole forks or from the middle
 * of one, with no JIT event. The slowdown can hit one vCPU while the other runs at full speed, and nothing says
 * which vCPU the benchmark thread was on, hence one figure per processor: when the slowest is well under the
 * fastest, a slow iteration may be the host's doing; when both are at their usual level, it is not.
 *
 * <p>JMH prints and records secondary results of measurement iterations only, so the warm-up iterations' figures
 * are measured but not shown. Calibrating takes no allocation, so it leaves no garbage for the next iteration.
 */
public final class HostSpeedProfiler implements InternalProfiler
{
    /** Name of the secondary result that holds the slowest processor's rate. */
    public static final String SLOWEST = "host.speed.min";
    /** Name of the secondary result that holds the fastest processor's rate. */
    public static final String FASTEST = "host.speed.max";
    /** Unit of both results: bytes of calibration text classified per microsecond. */
    public static final String UNIT = "bytes/us";
    private static final AtomicInteger PROFILERS = new AtomicInteger();
    /** Calibrations done before the first iteration, so that later ones measure compiled code. */
    private static final int WARM_UP_RUNS = 4;

    private final String threadNamePrefix = "sluice-host-speed-" + PROFILERS.incrementAndGet() + "-";
    private final HostSpeedCalibration[] calibrations;
    private final double[] rates;
    private final Thread[] helpers;
    private final AtomicInteger finished = new AtomicInteger();
    private volatile int round;
    private volatile Thread waiter;
    private boolean started;
    private double slowest;
    private double fastest;

    /** Creates the profiler, one calibration per processor; JMH does so in every forked JVM. */
    public HostSpeedProfiler()
    {
        final int processors = Math.max(1, Runtime.getRuntime().availableProcessors());
        calibrations = new HostSpeedCalibration[processors];
        for (int i = 0; i < processors; i++)
        {
            calibrations[i] = new HostSpeedCalibration();
        }
        rates = new double[processors];
        helpers = new Thread[processors - 1];
    }

    @Override
    public String getDescription()
    {
        return "Host speed after each iteration: " + UNIT + " of a fixed byte-classifying loop on every processor " +
            "at once, slowest and fastest (higher is faster)";
    }

    /**
     * Before the JVM's first iteration, starts the calibration threads and warms the calibration up.
     *
     * @param benchmarkParams unused.
     * @param iterationParams unused.
     */
    @Override
    public void beforeIteration(final BenchmarkParams benchmarkParams, final IterationParams iterationParams)
    {
        if (!started)
        {
            started = true;
            for (int i = 0; i < helpers.length; i++)
            {
                final int index = i + 1;
                helpers[i] = new Thread(() -> calibrateWhenAsked(index), threadNamePrefix + index);
                helpers[i].setDaemon(true);
                helpers[i].start();
            }
            for (int i = 0; i < WARM_UP_RUNS; i++)
            {
                calibrate();
            }
        }
    }

    /**
     * Calibrates every processor, the benchmark threads having stopped, and reports the slowest and fastest rate.
     *
     * @param benchmarkParams unused.
     * @param iterationParams unused.
     * @param result unused.
     * @return {@value #SLOWEST} and {@value #FASTEST}.
     */
    @Override
    public Collection<? extends Result<?>> afterIteration(
        final BenchmarkParams benchmarkParams,
        final IterationParams iterationParams,
        final IterationResult result)
    {
        calibrate();
        return List.of(
            new ScalarResult(SLOWEST, slowest, UNIT, AggregationPolicy.AVG),
            new ScalarResult(FASTEST, fastest, UNIT, AggregationPolicy.AVG));
    }

    /** Runs the calibration on this thread and, at the same time, on every calibration thread; allocates nothing. */
    void calibrate()
    {
        finished.set(0);
        waiter = Thread.currentThread();
        round++;
        for (final Thread helper : helpers)
        {
            LockSupport.unpark(helper);
        }
        rates[0] = calibrations[0].run();
        while (finished.get() < helpers.length)
        {
            LockSupport.park(this);
        }
        slowest = rates[0];
        fastest = rates[0];
        for (final double rate : rates)
        {
            slowest = Math.min(slowest, rate);
            fastest = Math.max(fastest, rate);
        }
    }

    /**
     * Names of this profiler's calibration threads start with this.
     *
     * @return {@code sluice-host-speed-}, the profiler's number and a dash.
     */
    String threadNamePrefix()
    {
        return threadNamePrefix;
    }

    /**
     * The slowest processor's rate in the last calibration.
     *
     * @return bytes per microsecond.
     */
    double slowest()
    {
        return slowest;
    }

    /**
     * The fastest processor's rate in the last calibration.
     *
     * @return bytes per microsecond.
     */
    double fastest()
    {
        return fastest;
    }

    private void calibrateWhenAsked(final int index)
    {
        int done = 0;
        while (!Thread.currentThread().isInterrupted())
        {
            final int asked = round;
            if (asked == done)
            {
                LockSupport.park(this);
            }
            else
            {
                done = asked;
                rates[index] = calibrations[index].run();
                finished.incrementAndGet();
                LockSupport.unpark(waiter);
            }
        }
    }
}
