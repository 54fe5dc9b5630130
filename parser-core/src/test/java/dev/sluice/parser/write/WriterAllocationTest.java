package dev.sluice.parser.write;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.TextView;
import dev.sluice.parser.text.OpenMetricsCursor;
import dev.sluice.parser.text.PrometheusTextCursor;

import static dev.sluice.parser.write.PrometheusTextWriterTest.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing allocates nothing once the buffers have grown, whether samples come from calls or from a cursor. */
class WriterAllocationTest
{
    private static final int ROUNDS = 20;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void writingSelfMetricsAllocatesNothing()
    {
        final PrometheusTextWriter text = new PrometheusTextWriter();
        final OpenMetricsWriter openMetrics = new OpenMetricsWriter();
        final TextView route = view("/api/v1/\\\"write\\\"", TextView.ESCAPES_QUOTED);
        final TextView routeName = view("route", TextView.ESCAPES_NONE);
        for (int round = 0; round < ROUNDS; round++)
        {
            selfMetrics(text.reset(), route, routeName);
            selfMetrics(openMetrics.reset(), route, routeName);
        }

        final long before = threads.getCurrentThreadAllocatedBytes();
        final int written = selfMetrics(text.reset(), route, routeName) + selfMetrics(openMetrics.reset(), route,
            routeName);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(written > 100_000);
        assertEquals(0, allocated, "bytes allocated while writing " + written + " bytes");
    }

    @Test
    void copyingParsedBodiesAllocatesNothing()
    {
        final byte[] textBody = Corpus.bytes("real-world/node_exporter/e2e-output.txt");
        final byte[] openMetricsBody = Corpus.bytes("prometheus-textparse/textparse-testdata/1histogram.om.txt");
        final MetricCursor textCursor = new PrometheusTextCursor();
        final MetricCursor openMetricsCursor = new OpenMetricsCursor();
        final PrometheusTextWriter text = new PrometheusTextWriter();
        final OpenMetricsWriter openMetrics = new OpenMetricsWriter();
        for (int round = 0; round < ROUNDS; round++)
        {
            copy(textCursor, textBody, text.reset());
            copy(openMetricsCursor, openMetricsBody, openMetrics.reset());
        }

        final long before = threads.getCurrentThreadAllocatedBytes();
        final int written = copy(textCursor, textBody, text.reset()) +
            copy(openMetricsCursor, openMetricsBody, openMetrics.reset());
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(written > textBody.length / 2);
        assertEquals(0, allocated, "bytes allocated while parsing and copying " + written + " bytes");
    }

    private static int selfMetrics(final TextExpositionWriter<?> writer, final TextView route, final TextView name)
    {
        writer.help("http_requests_total", "Requests \"served\".").type("http_requests_total", MetricType.COUNTER);
        for (int i = 0; i < 2000; i++)
        {
            writer.beginSample("http_requests_total").label("code", "200").label(name, route)
                .endSample(i * 1.5, 1700000000000L + i);
            writer.beginSample("my.utf8.metric").label("zone", "eu-west").endSample(i);
        }
        return writer.finish();
    }

    private static int copy(final MetricCursor cursor, final byte[] body, final TextExpositionWriter<?> writer)
    {
        cursor.reset(body, 0, body.length);
        writer.copyRemaining(cursor);
        return writer.finish();
    }
}
