package dev.sluice.fuzz;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Bounds the work one fuzz input may cost: the heap bytes the current thread allocates and the wall-clock time.
 * Both limits are generous, a fixed allowance plus a share that grows with the input, so that only runaway work
 * fails: megabytes or a long loop for a small input. A run over either limit is repeated once before it fails,
 * because the first run of an input may pay for class loading, JIT compilation or a GC pause; the repeat must also
 * give the same result, since decoding is deterministic.
 */
final class InputBudget
{
    /**
     * The budget of a decoder: 256 KiB for any input (a rejected input builds an exception with its message and
     * stack trace) plus 64 bytes per input byte (label, family and metric tables grow with the input).
     */
    static final InputBudget DECODER = new InputBudget(256 * 1024, 64);
    /**
     * The budget of a configuration loader, which builds a YAML node tree, strings and compiled regexes by design:
     * 8 MiB plus 1 KiB per input byte, still far below what an alias bomb or a runaway expansion would take.
     */
    static final InputBudget CONFIG_LOADER = new InputBudget(8 * 1024 * 1024, 1024);

    /** Time an input of up to {@link #INPUT_BYTES_PER_TIME_SLICE} bytes may take; each further slice adds as much. */
    static final long TIME_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Input bytes one time slice covers. */
    static final int INPUT_BYTES_PER_TIME_SLICE = 64 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private final long fixedBytes;
    private final long bytesPerInputByte;

    private InputBudget(final long fixedBytes, final long bytesPerInputByte)
    {
        this.fixedBytes = fixedBytes;
        this.bytesPerInputByte = bytesPerInputByte;
    }

    /**
     * Runs {@code work} for an input of {@code inputLength} bytes and fails when it allocates or takes more than the
     * budget twice in a row.
     *
     * @param inputLength length of the input the work decodes.
     * @param work        the decoding, returning a summary of what it read.
     * @return what {@code work} returned.
     */
    long run(final int inputLength, final LongSupplier work)
    {
        final long allowedBytes = fixedBytes + bytesPerInputByte * inputLength;
        final long allowedNanos = TIME_SLICE_NANOS * (1 + inputLength / INPUT_BYTES_PER_TIME_SLICE);

        final long bytesBefore = THREADS.getCurrentThreadAllocatedBytes();
        final long start = System.nanoTime();
        final long result = work.getAsLong();
        final long nanos = System.nanoTime() - start;
        final long bytes = THREADS.getCurrentThreadAllocatedBytes() - bytesBefore;
        if (nanos <= allowedNanos && bytes <= allowedBytes)
        {
            return result;
        }

        final long repeatBytesBefore = THREADS.getCurrentThreadAllocatedBytes();
        final long repeatStart = System.nanoTime();
        final long repeatResult = work.getAsLong();
        final long repeatNanos = System.nanoTime() - repeatStart;
        final long repeatBytes = THREADS.getCurrentThreadAllocatedBytes() - repeatBytesBefore;
        if (repeatResult != result)
        {
            throw new AssertionError("the same input decoded twice gave different results: " + result + " then " +
                repeatResult);
        }
        if (repeatBytes > allowedBytes)
        {
            throw new AssertionError("an input of " + inputLength + " bytes allocated " + bytes + " then " +
                repeatBytes + " bytes; the budget is " + allowedBytes);
        }
        if (repeatNanos > allowedNanos)
        {
            throw new AssertionError("an input of " + inputLength + " bytes took " +
                TimeUnit.NANOSECONDS.toMillis(nanos) + " ms then " + TimeUnit.NANOSECONDS.toMillis(repeatNanos) +
                " ms; the budget is " + TimeUnit.NANOSECONDS.toMillis(allowedNanos) + " ms");
        }
        return repeatResult;
    }
}
