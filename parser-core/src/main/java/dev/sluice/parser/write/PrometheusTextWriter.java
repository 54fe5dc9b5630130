package dev.sluice.parser.write;

import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.TextView;

/**
 * Writes Prometheus text format 0.0.4, with the quoted UTF-8 names of text 1.0.0 where a name is not a legacy
 * one:
 * <pre>
 *   # HELP http_requests_total Requests served.\nBy code.
 *   # TYPE http_requests_total counter
 *   http_requests_total{code="200"} 1027 1395066363000
 *   {"my.metric","label.name"="v"} 1.5
 * </pre>
 * HELP texts escape {@code \\} and newline; label values escape {@code \\}, {@code "} and newline. Timestamps
 * are integer milliseconds. The format has no units and no exemplars: {@link #copyEntry} skips UNIT entries and
 * drops exemplars. OpenMetrics types without a text 0.0.4 spelling (gauge histogram, info, state set) are
 * written as {@code untyped}, so that a text reader types their samples as the OpenMetrics reader did not
 * claim. Comment entries are copied as they were.
 */
public final class PrometheusTextWriter extends TextExpositionWriter<PrometheusTextWriter>
{
    private static final byte[][] TYPE_NAMES = typeNames();

    /** Creates a writer with its own growing buffer; {@link #wrap} directs it elsewhere. */
    public PrometheusTextWriter()
    {
    }

    @Override
    PrometheusTextWriter self()
    {
        return this;
    }

    @Override
    byte[] typeName(final MetricType type)
    {
        return TYPE_NAMES[type.ordinal()];
    }

    @Override
    boolean helpEscapesQuotes()
    {
        return false;
    }

    @Override
    void timestamp(final long timestampMs)
    {
        putByte(' ');
        putLong(timestampMs);
    }

    @Override
    void copySampleEnd(final MetricCursor cursor, final TextView nameView, final TextView valueView)
    {
        if (cursor.hasTimestamp())
        {
            endSample(cursor.value(), cursor.timestampMs());
        }
        else
        {
            endSample(cursor.value());
        }
    }

    @Override
    boolean copyUnit(final TextView name, final TextView unit)
    {
        return false;
    }

    @Override
    boolean copyComment(final TextView text)
    {
        requireState(IDLE, "write a comment");
        putByte('#');
        resolve(text);
        putText();
        putByte('\n');
        return true;
    }

    @Override
    void writeTrailer()
    {
    }

    private static byte[][] typeNames()
    {
        final MetricType[] types = MetricType.values();
        final byte[][] names = new byte[types.length][];
        for (final MetricType type : types)
        {
            final boolean known = type == MetricType.COUNTER || type == MetricType.GAUGE ||
                type == MetricType.HISTOGRAM || type == MetricType.SUMMARY || type == MetricType.UNTYPED;
            names[type.ordinal()] = asciiBytes(known ? type.textName() : MetricType.UNTYPED.textName());
        }
        return names;
    }
}
