package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.write.OpenMetricsWriter;
import dev.sluice.parser.write.PrometheusTextWriter;
import dev.sluice.parser.write.TextExpositionWriter;

/**
 * Re-exposes an accepted body through the writer of its own format and checks that the output parses to the same
 * entries: nothing a cursor accepts may be lost or changed by {@code copyEntry}, except what the format's own
 * timestamp rule changes (OpenMetrics seconds read back into milliseconds, see {@link Entries#openMetricsReadBack}).
 */
final class WriterRoundTrip
{
    private WriterRoundTrip()
    {
    }

    /**
     * Fails when the rewritten body is rejected or parses to other entries.
     *
     * @param format the format of {@code body}, which its cursor accepts.
     * @param body   the body.
     */
    static void assertRewritesToSameEntries(final ExpositionFormat format, final byte[] body)
    {
        final MetricCursor cursor = MetricCursors.create(format);
        final List<Entry> original = Entries.read(cursor, body);
        final byte[] written = rewrite(cursor, body, format == ExpositionFormat.OPENMETRICS ?
            new OpenMetricsWriter() : new PrometheusTextWriter());
        final List<Entry> reparsed;
        try
        {
            reparsed = Entries.read(cursor, written);
        }
        catch (final ParseException ex)
        {
            throw new AssertionError("the " + format.shortName() + " writer's output of an accepted body is rejected",
                ex);
        }
        final List<Entry> expected = format == ExpositionFormat.OPENMETRICS ?
            original.stream().map(Entries::afterOpenMetricsRewrite).collect(Collectors.toList()) : original;
        assertEquals(expected, reparsed, "entries after parse, write and parse again");
    }

    /**
     * Copies every entry of an accepted body to a writer.
     *
     * @param cursor a cursor for the body's format.
     * @param body   the body.
     * @param writer a fresh writer.
     * @return the body the writer wrote.
     */
    private static byte[] rewrite(final MetricCursor cursor, final byte[] body, final TextExpositionWriter<?> writer)
    {
        cursor.reset(body, 0, body.length);
        writer.copyRemaining(cursor);
        final int length = writer.finish();
        final byte[] written = new byte[length];
        writer.buffer().getBytes(writer.offset(), written);
        return written;
    }
}
