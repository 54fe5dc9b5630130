package dev.sluice.collector.cli;

import java.util.Locale;

/** The {@code --output} option of {@code parse}. */
enum OutputFormat
{
    /** One compact JSON object per sample. */
    JSONL,
    /** Re-exposition as Prometheus text. */
    TEXT,
    /** Re-exposition as OpenMetrics text. */
    OPENMETRICS;

    /**
     * The spelling on the command line, also shown in help.
     *
     * @return the lower-case name.
     */
    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
