package dev.sluice.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Work done per benchmark call, reported by JMH next to ops/s as {@code bytes} (input bytes per second) and
 * {@code samples} (samples per second). The counters are of type {@link AuxCounters.Type#OPERATIONS}, which JMH
 * divides by the iteration time; {@link AuxCounters.Type#EVENTS} would report iteration totals instead.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class WorkCounters
{
    /** Input bytes parsed in this iteration. */
    public long bytes;
    /** Samples parsed in this iteration. */
    public long samples;

    /** Creates the counters. */
    public WorkCounters()
    {
    }

    /** Zeroes the counters at the start of each iteration. */
    @Setup(Level.Iteration)
    public void clear()
    {
        bytes = 0;
        samples = 0;
    }
}
