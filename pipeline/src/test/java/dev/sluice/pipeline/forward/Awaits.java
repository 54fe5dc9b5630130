package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for what other threads (shards, databases) do, failing with a description of the state when it times out. */
final class Awaits
{
    private Awaits()
    {
    }

    /**
     * Polls a condition every 20 ms.
     *
     * @param condition   what must become true.
     * @param timeout     how long to wait.
     * @param description describes the state when the wait fails.
     * @throws InterruptedException when interrupted.
     */
    static void until(final BooleanSupplier condition, final Duration timeout, final Supplier<String> description)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("not within " + timeout + ": " + description.get());
            }
            Thread.sleep(20);
        }
    }
}
