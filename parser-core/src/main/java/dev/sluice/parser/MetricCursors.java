package dev.sluice.parser;

import dev.sluice.parser.text.OpenMetricsCursor;
import dev.sluice.parser.text.PrometheusTextCursor;

/** Creates the cursor for a format, so callers need not know the implementing classes. */
public final class MetricCursors
{
    private MetricCursors()
    {
    }

    /**
     * A new cursor for a format. Cursors are reusable; keep one per thread.
     *
     * @param format the format of the bodies the cursor will read.
     * @return the cursor.
     * @throws UnsupportedOperationException for a format this build cannot read yet.
     */
    public static MetricCursor create(final ExpositionFormat format)
    {
        switch (format)
        {
            case PROMETHEUS_TEXT:
                return new PrometheusTextCursor();
            case OPENMETRICS:
                return new OpenMetricsCursor();
            default:
                throw new UnsupportedOperationException("no cursor for " + format.shortName() + " yet");
        }
    }
}
