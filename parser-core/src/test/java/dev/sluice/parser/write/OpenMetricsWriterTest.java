package dev.sluice.parser.write;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.text.OpenMetricsCursor;
import dev.sluice.parser.text.PrometheusTextCursor;

import static dev.sluice.parser.write.PrometheusTextWriterTest.bytes;
import static dev.sluice.parser.write.PrometheusTextWriterTest.view;
import static dev.sluice.parser.write.PrometheusTextWriterTest.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OpenMetricsWriterTest
{
    private final OpenMetricsWriter writer = new OpenMetricsWriter();

    @Test
    void writesAValidBodyWithUnitsExemplarsAndEof()
    {
        final String family = "rpc_duration_seconds";
        writer.type(family, MetricType.HISTOGRAM).unit(family, "seconds").help(family, "Latency of \"rpc\".\n")
            .beginSample("rpc_duration_seconds_bucket").label("le", "0.5").sampleValue(3)
            .exemplarLabel("trace_id", "abc").exemplarLabel("span", "s\"1").endExemplar(0.42, 1500)
            .beginSample("rpc_duration_seconds_bucket").label("le", "+Inf").sampleValue(5).endExemplar(1)
            .beginSample("rpc_duration_seconds_count").endSample(5)
            .beginSample("rpc_duration_seconds_sum").endSample(2.5)
            .type("temperature", MetricType.GAUGE)
            .beginSample("temperature").label("room", "a").endSample(21.5, 1700000000123L);
        writer.finish();
        final String expected =
            "# TYPE rpc_duration_seconds histogram\n" +
            "# UNIT rpc_duration_seconds seconds\n" +
            "# HELP rpc_duration_seconds Latency of \\\"rpc\\\".\\n\n" +
            "rpc_duration_seconds_bucket{le=\"0.5\"} 3 # {trace_id=\"abc\",span=\"s\\\"1\"} 0.42 1.5\n" +
            "rpc_duration_seconds_bucket{le=\"+Inf\"} 5 # {} 1\n" +
            "rpc_duration_seconds_count 5\n" +
            "rpc_duration_seconds_sum 2.5\n" +
            "# TYPE temperature gauge\n" +
            "temperature{room=\"a\"} 21.5 1700000000.123\n" +
            "# EOF\n";
        assertEquals(expected, written(writer));
        assertEquals(List.of(
            "TYPE rpc_duration_seconds HISTOGRAM",
            "UNIT rpc_duration_seconds seconds",
            "HELP rpc_duration_seconds Latency of \"rpc\".\n",
            "SAMPLE rpc_duration_seconds_bucket{le=\"0.5\",} 4008000000000000 type=HISTOGRAM" +
                " # {trace_id=\"abc\",span=\"s\"1\",} 3fdae147ae147ae1 @1500",
            "SAMPLE rpc_duration_seconds_bucket{le=\"+Inf\",} 4014000000000000 type=HISTOGRAM # {} 3ff0000000000000",
            "SAMPLE rpc_duration_seconds_count{} 4014000000000000 type=HISTOGRAM",
            "SAMPLE rpc_duration_seconds_sum{} 4004000000000000 type=HISTOGRAM",
            "TYPE temperature GAUGE",
            "SAMPLE temperature{room=\"a\",} 4035800000000000 type=GAUGE @1700000000123"),
            EntryRecords.of(new OpenMetricsCursor(), bytes(expected), true, true, true));
    }

    @Test
    void writesEveryOpenMetricsType()
    {
        for (final MetricType type : MetricType.values())
        {
            writer.type("m", type);
        }
        assertEquals(
            "# TYPE m counter\n# TYPE m gauge\n# TYPE m histogram\n# TYPE m gaugehistogram\n# TYPE m summary\n" +
            "# TYPE m info\n# TYPE m stateset\n# TYPE m unknown\n",
            written(writer));
    }

    @Test
    void writesTimestampsAsExactSeconds()
    {
        final long[] millis = { 1500, 1000, 0, 1, 10, 100, 123, 1010, -1500, -1, 2155975460740L, Long.MAX_VALUE,
            Long.MIN_VALUE };
        for (final long ms : millis)
        {
            writer.beginSample("t").endSample(1, ms);
        }
        assertEquals(
            "t 1 1.5\nt 1 1\nt 1 0\nt 1 0.001\nt 1 0.01\nt 1 0.1\nt 1 0.123\nt 1 1.01\nt 1 -1.5\nt 1 -0.001\n" +
            "t 1 2155975460.74\nt 1 9223372036854775.807\nt 1 -9223372036854775.808\n",
            written(writer));
    }

    @Test
    void quotesNamesOutsideTheLegacyCharacterSet()
    {
        writer.beginSample("my.metric").label("label.name", "v").endSample(1);
        writer.help(view("my.metric", 0), view("h", 0));
        assertEquals("{\"my.metric\",\"label.name\"=\"v\"} 1\n# HELP \"my.metric\" h\n", written(writer));
    }

    @Test
    void rejectsCallsOutOfOrder()
    {
        assertThrows(IllegalStateException.class, () -> writer.exemplarLabel("a", "b"));
        assertThrows(IllegalStateException.class, () -> writer.endExemplar(1));
        assertThrows(IllegalStateException.class, () -> writer.unit("a", "b").beginSample("a").unit("a", "b"));
        writer.label("l", "v").sampleValue(1);
        assertThrows(IllegalStateException.class, () -> writer.endSample(1));
        assertThrows(IllegalStateException.class, () -> writer.label("x", "y"));
        assertThrows(IllegalStateException.class, () -> writer.beginSample("b"));
        assertThrows(IllegalStateException.class, writer::finish);
        writer.endExemplar(2, 0);
        assertEquals("# UNIT a b\na{l=\"v\"} 1 # {} 2 0\n", written(writer));
    }

    @Test
    void copiesEntriesOfAnOpenMetricsBody()
    {
        final String body =
            "# TYPE c counter\n" +
            "# HELP c Count of \\\"x\\\" \\\\ y\\n.\n" +
            "c_total{a=\"1\"} 5 1.25 # {id=\"q\\\\\"} 1.5 2.5\n" +
            "c_created{a=\"1\"} 1700000000.5\n" +
            "# TYPE s stateset\n" +
            "s{s=\"on\"} 1\n" +
            "# TYPE u unknown\n" +
            "u 0.5\n" +
            "# EOF\n";
        final MetricCursor cursor = new OpenMetricsCursor();
        final byte[] bytes = bytes(body);
        cursor.reset(bytes, 0, bytes.length);
        writer.copyRemaining(cursor);
        writer.finish();
        assertEquals(
            "# TYPE c counter\n" +
            "# HELP c Count of \\\"x\\\" \\\\ y\\n.\n" +
            "c_total{a=\"1\"} 5 1.25 # {id=\"q\\\\\"} 1.5 2.5\n" +
            "c_created{a=\"1\"} 1.7000000005e+09\n" +
            "# TYPE s stateset\n" +
            "s{s=\"on\"} 1\n" +
            "# TYPE u unknown\n" +
            "u 0.5\n" +
            "# EOF\n",
            written(writer));
    }

    @Test
    void skipsCommentsOfPrometheusText()
    {
        final MetricCursor cursor = new PrometheusTextCursor();
        final byte[] bytes = bytes("# just a comment\nx 1\n");
        cursor.reset(bytes, 0, bytes.length);
        assertFalse(writer.copyEntry(cursor, cursor.next()));
        writer.copyEntry(cursor, cursor.next());
        writer.finish();
        assertEquals("x 1\n# EOF\n", written(writer));
    }
}
