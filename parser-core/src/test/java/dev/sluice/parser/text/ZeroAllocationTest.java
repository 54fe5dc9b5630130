package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.TextView;

/**
 * After warm-up, parsing a real body with every field read allocates nothing: measured with the thread's
 * allocated-bytes counter around whole passes over the body.
 */
class ZeroAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private final TextView view = new TextView();
    private final ExpandableArrayBuffer unescaped = new ExpandableArrayBuffer(4096);

    @ParameterizedTest
    @CsvSource({
        "PROMETHEUS_TEXT, real-world/node_exporter/e2e-output.txt, 3027",
        "PROMETHEUS_TEXT, prometheus-textparse/textparse-testdata/alltypes.237mfs.prom.txt, 1857",
        "PROMETHEUS_TEXT, real-world/dd-agent/ksm.txt, 739",
        "OPENMETRICS, openmetrics-suite/parsers/roundtrip/metrics, 0",
        "OPENMETRICS, prometheus-textparse/textparse-testdata/1histogram.om.txt, 42",
    })
    void parsingARealBodyAllocatesNothing(final ExpositionFormat format, final String file, final int samples)
    {
        final byte[] body = Corpus.bytes(file);
        final MetricCursor cursor = MetricCursors.create(format);
        long sink = 0;
        for (int i = 0; i < 3000; i++)
        {
            sink += pass(cursor, body);
        }
        final int passes = 50;
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < passes; i++)
        {
            sink += pass(cursor, body);
        }
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, allocated, "bytes allocated over " + passes + " passes of " + file);
        if (samples > 0)
        {
            assertEquals(samples, countSamples(cursor, body));
        }
        assertTrue(sink != 0);
    }

    private int countSamples(final MetricCursor cursor, final byte[] body)
    {
        cursor.reset(body, 0, body.length);
        int n = 0;
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            n += kind == EntryKind.SAMPLE ? 1 : 0;
        }
        return n;
    }

    /** One pass reading every field of every entry, as a collector would. */
    private long pass(final MetricCursor cursor, final byte[] body)
    {
        cursor.reset(body, 0, body.length);
        long sink = 0;
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind != EntryKind.SAMPLE)
            {
                sink += cursor.name(view).length() + cursor.metadataText(view).unescapeTo(unescaped, 0);
                continue;
            }
            sink += cursor.name(view).unescapeTo(unescaped, 0);
            for (int i = 0, n = cursor.labelCount(); i < n; i++)
            {
                sink += cursor.labelName(i, view).unescapeTo(unescaped, 0);
                sink += cursor.labelValue(i, view).unescapeTo(unescaped, 0);
            }
            sink += Double.doubleToRawLongBits(cursor.value());
            sink += cursor.hasTimestamp() ? cursor.timestampMs() : 1;
            if (cursor.hasExemplar())
            {
                for (int i = 0, n = cursor.exemplarLabelCount(); i < n; i++)
                {
                    sink += cursor.exemplarLabelName(i, view).length() + cursor.exemplarLabelValue(i, view).length();
                }
                sink += Double.doubleToRawLongBits(cursor.exemplarValue()) + cursor.exemplarTimestampMs();
            }
            sink += cursor.hasCreatedTimestamp() ? cursor.createdTimestampMs() : 0;
            sink += cursor.seriesLength();
        }
        return sink;
    }
}
