package dev.sluice.pipeline.forward;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long to wait before sending a batch again: {@code min_backoff} doubled after each failed attempt up to
 * {@code max_backoff}, unless the endpoint said when to come back with {@code Retry-After} (seconds or an HTTP
 * date), which then wins, as in Prometheus.
 */
public final class RetryBackoff
{
    private final long minNanos;
    private final long maxNanos;

    /**
     * Creates the policy.
     *
     * @param min the first wait ({@code min_backoff}, Prometheus default 30 ms).
     * @param max the longest computed wait ({@code max_backoff}, Prometheus default 5 s).
     */
    public RetryBackoff(final Duration min, final Duration max)
    {
        if (min.isNegative() || max.compareTo(min) < 0)
        {
            throw new IllegalArgumentException("backoff needs 0 <= min_backoff <= max_backoff, got " + min + ", " + max);
        }
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
    }

    /**
     * The wait before attempt {@code failedAttempts + 1}.
     *
     * @param failedAttempts attempts of this batch that failed so far (at least 1).
     * @param retryAfter     the last answer's {@code Retry-After} header, or {@code null}.
     * @param nowEpochMillis the wall clock, to resolve an HTTP date.
     * @return nanoseconds to wait.
     */
    public long delayNanos(final int failedAttempts, final String retryAfter, final long nowEpochMillis)
    {
        final long told = retryAfterNanos(retryAfter, nowEpochMillis);
        if (told >= 0)
        {
            return told;
        }
        long delay = minNanos;
        for (int i = 1; i < failedAttempts && delay < maxNanos; i++)
        {
            delay = Math.min(maxNanos, delay * 2);
        }
        return Math.min(delay, maxNanos);
    }

    /**
     * Reads a {@code Retry-After} value: a non-negative number of seconds or an IMF-fixdate (RFC 9110).
     *
     * @param value          the header, or {@code null}.
     * @param nowEpochMillis the wall clock, for a date.
     * @return nanoseconds to wait (0 for a date in the past), or -1 when absent or unreadable.
     */
    static long retryAfterNanos(final String value, final long nowEpochMillis)
    {
        if (value == null || value.isBlank())
        {
            return -1;
        }
        final String v = value.trim();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            return v.length() > 9 ? -1 : Duration.ofSeconds(Long.parseLong(v)).toNanos();
        }
        try
        {
            final long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Duration.ofMillis(Math.max(0, at - nowEpochMillis)).toNanos();
        }
        catch (final DateTimeParseException ex)
        {
            return -1;
        }
    }
}
