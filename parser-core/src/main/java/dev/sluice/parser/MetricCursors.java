package dev.sluice.parser;

import java.util.ServiceLoader;

import dev.sluice.parser.text.OpenMetricsCursor;
import dev.sluice.parser.text.PrometheusTextCursor;

/**
 * Creates the cursor for a format, so callers need not know the implementing classes. The text cursors live in
 * parser-core; a cursor from another module (protobuf, in {@code sluice-protobuf-codec}, which depends on
 * parser-core and not the other way round) is found through {@link ServiceLoader} as a {@link
 * MetricCursorProvider}. A service lookup rather than a class name keeps parser-core free of any name of the
 * other modules, checks the type at compile time, and lets any module supply a format.
 */
public final class MetricCursors
{
    private MetricCursors()
    {
    }

    /**
     * A new cursor for a format. Cursors are reusable; keep one per thread. Creating one for a format outside
     * parser-core runs a service lookup: do it once per thread, not per body.
     *
     * @param format the format of the bodies the cursor will read.
     * @return the cursor.
     * @throws UnsupportedOperationException when no module on the class path reads the format.
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
                return createFromProvider(format);
        }
    }

    private static MetricCursor createFromProvider(final ExpositionFormat format)
    {
        for (final MetricCursorProvider provider : ServiceLoader.load(MetricCursorProvider.class))
        {
            if (provider.format() == format)
            {
                return provider.create();
            }
        }
        throw new UnsupportedOperationException("no cursor for " + format.shortName() +
            " on the class path: the protobuf cursor is in sluice-protobuf-codec, add it as a dependency");
    }
}
