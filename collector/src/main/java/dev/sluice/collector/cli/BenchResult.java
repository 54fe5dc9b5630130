package dev.sluice.collector.cli;

import java.util.Locale;

/**
 * What {@code sluice bench} measured, and its two renderings.
 *
 * @param format         short name of the parsed format.
 * @param bytes          size of the input.
 * @param samples        samples in one pass over the input.
 * @param passes         passes in the measured phase.
 * @param nanos          duration of the measured phase.
 * @param allocatedBytes bytes the benchmark thread allocated in the measured phase, or -1 when the JVM cannot tell.
 */
record BenchResult(String format, long bytes, long samples, long passes, long nanos, long allocatedBytes)
{
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double BYTES_PER_MB = 1e6;

    /**
     * Length of the measured phase.
     *
     * @return seconds.
     */
    double seconds()
    {
        return nanos / NANOS_PER_SECOND;
    }

    /**
     * Throughput in megabytes (10^6 bytes) of input per second.
     *
     * @return MB/s.
     */
    double mbPerSecond()
    {
        return bytes * passes / BYTES_PER_MB / seconds();
    }

    /**
     * Throughput in samples per second.
     *
     * @return samples/s.
     */
    double samplesPerSecond()
    {
        return samples * passes / seconds();
    }

    /**
     * Heap allocation per parsed sample; the goal is 0.
     *
     * @return bytes per sample, or -1 when the JVM cannot measure allocation.
     */
    double allocatedBytesPerSample()
    {
        return allocatedBytes < 0 ? -1 : (double)allocatedBytes / (samples * passes);
    }

    /**
     * The one-line JSON form of {@code bench --json}.
     *
     * @return the line, without a line break.
     */
    String toJson()
    {
        return String.format(Locale.ROOT, "{\"format\": \"%s\", \"bytes\": %d, \"samples\": %d, \"seconds\": %.3f, " +
            "\"mb_per_s\": %.2f, \"samples_per_s\": %.0f, \"alloc_bytes_per_sample\": %.3f}",
            format, bytes, samples, seconds(), mbPerSecond(), samplesPerSecond(), allocatedBytesPerSample());
    }

    /**
     * The human-readable form.
     *
     * @return aligned lines, without a final line break.
     */
    String toText()
    {
        return String.format(Locale.ROOT,
            "format       %s%n" +
            "input        %,d bytes, %,d samples%n" +
            "measured     %,d passes in %.3f s%n" +
            "throughput   %,.1f MB/s, %,.0f samples/s%n" +
            "allocation   %s",
            format, bytes, samples, passes, seconds(), mbPerSecond(), samplesPerSecond(),
            allocatedBytes < 0 ? "not measurable on this JVM" :
                String.format(Locale.ROOT, "%.3f bytes/sample", allocatedBytesPerSample()));
    }
}
