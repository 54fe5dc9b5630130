package dev.sluice.jmh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fixed amount of parser-like work, timed, whose rate says how fast the host is running the calling thread's
 * processor at the moment: {@link #PASSES} passes over a {@link #TEXT_BYTES}-byte array of pseudo-random
 * exposition-like text, each byte classified through a 256-entry table and sent down a data-dependent branch (name
 * byte, digit, separator) that updates a name hash, a number and a running checksum, each pass starting from the
 * checksum of the one before. The array is generated from a fixed seed, so every run does the same work; it stays in
 * the core's caches, so the rate follows the core's speed rather than memory's. A run allocates nothing, and its
 * checksum is kept in a field, so the JIT cannot drop the work. Not thread-safe: one instance per calibrating thread.
 */
final class HostSpeedCalibration
{
    /** Bytes of text scanned by one pass: small enough to stay in the L1 and L2 caches. */
    static final int TEXT_BYTES = 16 * 1024;
    /** Passes of one run: about 130 ms on this project's 2-core machine at its fast speed. */
    static final int PASSES = 12_000;
    /**
     * Timed chunks of one run. The run reports the median chunk's rate, so that another process taking the core for
     * a few milliseconds does not pass for a slow host, while a host slowdown, which lasts seconds, slows every chunk.
     */
    private static final int CHUNKS = 5;
    private static final int PASSES_PER_CHUNK = PASSES / CHUNKS;

    private static final byte NAME = 1;
    private static final byte DIGIT = 2;
    private static final long SEED = 0x5EED_CAFE_F00DL;
    private static final double NANOS_PER_MICRO = 1_000.0;

    private final byte[] text = new byte[TEXT_BYTES];
    /** Class of each byte value: {@link #NAME}, {@link #DIGIT}, or 0 for separators and every other byte. */
    private final byte[] classes = new byte[256];
    private final long[] chunkNanos = new long[CHUNKS];
    private long checksum;

    /** Generates the text and the class table. */
    HostSpeedCalibration()
    {
        for (int c = 'a'; c <= 'z'; c++)
        {
            classes[c] = NAME;
        }
        classes['_'] = NAME;
        for (int c = '0'; c <= '9'; c++)
        {
            classes[c] = DIGIT;
        }
        final byte[] separators = "{}=\",. \n".getBytes(StandardCharsets.US_ASCII);
        long state = SEED;
        for (int i = 0; i < text.length; i++)
        {
            // xorshift64: a fixed, portable sequence.
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            final int percent = (int)Long.remainderUnsigned(state >>> 32, 100);
            final int pick = (int)(state & 0xFFFF);
            final int b;
            if (percent < 55)
            {
                b = 'a' + pick % 26;
            }
            else if (percent < 75)
            {
                b = '0' + pick % 10;
            }
            else if (percent < 83)
            {
                b = '_';
            }
            else
            {
                b = separators[pick % separators.length];
            }
            text[i] = (byte)b;
        }
    }

    /**
     * Does the fixed work once, in {@link #CHUNKS} timed chunks.
     *
     * @return bytes scanned per microsecond of wall-clock time by the median chunk: higher is a faster host.
     */
    double run()
    {
        long sum = 0;
        for (int chunk = 0; chunk < CHUNKS; chunk++)
        {
            final long start = System.nanoTime();
            for (int pass = 0; pass < PASSES_PER_CHUNK; pass++)
            {
                sum = scan(sum);
            }
            chunkNanos[chunk] = System.nanoTime() - start;
        }
        checksum = sum;
        Arrays.sort(chunkNanos);
        final long medianNanos = Math.max(1, chunkNanos[CHUNKS / 2]);
        return (double)PASSES_PER_CHUNK * TEXT_BYTES / (medianNanos / NANOS_PER_MICRO);
    }

    /**
     * The checksum of the last run, the same for every run: the work is deterministic.
     *
     * @return the checksum.
     */
    long checksum()
    {
        return checksum;
    }

    private long scan(final long seed)
    {
        final byte[] bytes = text;
        final byte[] kinds = classes;
        long sum = seed;
        long name = 0;
        long number = 0;
        for (int i = 0; i < bytes.length; i++)
        {
            final int b = bytes[i] & 0xFF;
            final int kind = kinds[b];
            if (kind == NAME)
            {
                name = name * 31 + b;
            }
            else if (kind == DIGIT)
            {
                number = number * 10 + b - '0';
            }
            else
            {
                sum = sum * 17 + (name ^ number) + b;
                name = 0;
                number = 0;
            }
        }
        return sum + name + number;
    }
}
