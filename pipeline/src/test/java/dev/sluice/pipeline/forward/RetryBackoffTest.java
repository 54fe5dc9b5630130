package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryBackoffTest
{
    private static final long MS = 1_000_000L;
    private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(30), Duration.ofSeconds(5));

    @Test
    void waitDoublesFromMinBackoffUpToMaxBackoff()
    {
        assertEquals(30 * MS, backoff.delayNanos(1, null, 0));
        assertEquals(60 * MS, backoff.delayNanos(2, null, 0));
        assertEquals(120 * MS, backoff.delayNanos(3, null, 0));
        assertEquals(3840 * MS, backoff.delayNanos(8, null, 0));
        assertEquals(5000 * MS, backoff.delayNanos(9, null, 0));
        assertEquals(5000 * MS, backoff.delayNanos(1_000_000, null, 0));
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDateWins()
    {
        assertEquals(7_000 * MS, backoff.delayNanos(1, "7", 0));
        assertEquals(0, backoff.delayNanos(4, "0", 0));
        final long now = 1_445_412_480_000L; // Wed, 21 Oct 2015 07:28:00 GMT
        assertEquals(90_000 * MS, backoff.delayNanos(1, "Wed, 21 Oct 2015 07:29:30 GMT", now));
        assertEquals(0, backoff.delayNanos(1, "Wed, 21 Oct 2015 07:27:00 GMT", now), "a date in the past");
    }

    @Test
    void anUnreadableRetryAfterFallsBackToTheComputedWait()
    {
        assertEquals(60 * MS, backoff.delayNanos(2, "soon", 0));
        assertEquals(60 * MS, backoff.delayNanos(2, "-5", 0));
        assertEquals(60 * MS, backoff.delayNanos(2, "99999999999999", 0));
        assertEquals(60 * MS, backoff.delayNanos(2, " ", 0));
    }

    @Test
    void maxBackoffBelowMinBackoffIsAConfigurationError()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
