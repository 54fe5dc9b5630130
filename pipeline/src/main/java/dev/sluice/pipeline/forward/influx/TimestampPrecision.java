package dev.sluice.pipeline.forward.influx;

/**
 * The unit of the timestamps in a line-protocol request; the endpoint is told the same unit in its
 * {@code precision} query parameter. Sample times are milliseconds, so milliseconds lose nothing and are the
 * shortest; nanoseconds is InfluxDB's default.
 */
public enum TimestampPrecision
{
    /** Nanoseconds: {@code ns} for both APIs. */
    NANOSECONDS(1_000_000L, 0, "ns", "ns"),
    /** Microseconds: {@code u} for InfluxDB 1.x (which reads {@code us} as nanoseconds), {@code us} for 2.x. */
    MICROSECONDS(1_000L, 0, "u", "us"),
    /** Milliseconds: {@code ms}. */
    MILLISECONDS(1L, 0, "ms", "ms"),
    /** Seconds: {@code s}; the milliseconds are rounded down. */
    SECONDS(0L, 1_000L, "s", "s");

    private final long multiplier;
    private final long divisor;
    private final String v1Parameter;
    private final String v2Parameter;

    TimestampPrecision(final long multiplier, final long divisor, final String v1Parameter, final String v2Parameter)
    {
        this.multiplier = multiplier;
        this.divisor = divisor;
        this.v1Parameter = v1Parameter;
        this.v2Parameter = v2Parameter;
    }

    /**
     * Converts a sample time; the caller keeps it within InfluxDB's range first (about the years 1677 to 2262), so
     * nothing overflows.
     *
     * @param timestampMs milliseconds since the epoch.
     * @return the time in this unit, rounded down.
     */
    public long fromMillis(final long timestampMs)
    {
        return divisor == 0 ? timestampMs * multiplier : Math.floorDiv(timestampMs, divisor);
    }

    /**
     * The {@code precision} value of InfluxDB 1.x's {@code /write}.
     *
     * @return {@code ns}, {@code u}, {@code ms} or {@code s}.
     */
    public String v1Parameter()
    {
        return v1Parameter;
    }

    /**
     * The {@code precision} value of InfluxDB 2.x's {@code /api/v2/write}.
     *
     * @return {@code ns}, {@code us}, {@code ms} or {@code s}.
     */
    public String v2Parameter()
    {
        return v2Parameter;
    }
}
