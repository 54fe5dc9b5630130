package dev.sluice.pipeline.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus writes them in its configuration: units from years to milliseconds, each at most once and
 * from the largest down, such as {@code 30s}, {@code 1m30s}, {@code 5ms} or {@code 1h}; a year is 365 days, a week
 * 7 days; {@code 0} alone is zero.
 */
public final class PrometheusDuration
{
    private static final Pattern SYNTAX = Pattern.compile(
        "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3_600_000, 7L * 24 * 3_600_000, 24L * 3_600_000, 3_600_000, 60_000, 1_000, 1};

    private PrometheusDuration()
    {
    }

    /**
     * Reads a duration.
     *
     * @param text the text, such as {@code 1m30s}.
     * @return the duration.
     * @throws IllegalArgumentException in Prometheus' words when the text is not a duration or is too long.
     */
    public static Duration parse(final String text)
    {
        if ("0".equals(text))
        {
            return Duration.ZERO;
        }
        final Matcher matcher = SYNTAX.matcher(text);
        if (text.isEmpty() || !matcher.matches())
        {
            throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
        }
        long millis = 0;
        try
        {
            for (int unit = 0; unit < UNIT_MILLIS.length; unit++)
            {
                final String digits = matcher.group(unit + 1);
                if (digits != null)
                {
                    millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(digits), UNIT_MILLIS[unit]));
                }
            }
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            throw new IllegalArgumentException("duration out of range: \"" + text + "\"");
        }
        return Duration.ofMillis(millis);
    }
}
