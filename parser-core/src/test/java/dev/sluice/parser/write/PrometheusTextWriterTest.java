package dev.sluice.parser.write;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.TextView;
import dev.sluice.parser.text.OpenMetricsCursor;
import dev.sluice.parser.text.PrometheusTextCursor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextWriterTest
{
    private final PrometheusTextWriter writer = new PrometheusTextWriter();

    static String written(final TextExpositionWriter<?> writer)
    {
        final byte[] bytes = new byte[writer.length()];
        writer.buffer().getBytes(writer.offset(), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void writesAFamilyWithEscapes()
    {
        writer.help("http_requests_total", "Requests served.\nBy code \\ path \"quoted\"")
            .type("http_requests_total", MetricType.COUNTER)
            .beginSample("http_requests_total").label("code", "200").label("path", "/a\"b\\c\nd")
            .endSample(1027, 1395066363000L)
            .beginSample("up").endSample(1)
            .beginSample("empty").label("l", "").endSample(0, -5);
        assertEquals(
            "# HELP http_requests_total Requests served.\\nBy code \\\\ path \"quoted\"\n" +
            "# TYPE http_requests_total counter\n" +
            "http_requests_total{code=\"200\",path=\"/a\\\"b\\\\c\\nd\"} 1027 1395066363000\n" +
            "up 1\n" +
            "empty{l=\"\"} 0 -5\n",
            written(writer));
        assertEquals(written(writer).length(), writer.finish());
    }

    @Test
    void writesEveryTypeWithATextSpelling()
    {
        for (final MetricType type : MetricType.values())
        {
            writer.type("m", type);
        }
        assertEquals(
            "# TYPE m counter\n# TYPE m gauge\n# TYPE m histogram\n# TYPE m untyped\n# TYPE m summary\n" +
            "# TYPE m untyped\n# TYPE m untyped\n# TYPE m untyped\n",
            written(writer));
    }

    @Test
    void writesValuesAsGoDoes()
    {
        final double[] values = { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e6, 0.1,
            1e-6, 123456789, 100000, 5e-324 };
        for (final double value : values)
        {
            writer.beginSample("v").endSample(value);
        }
        assertEquals(
            "v NaN\nv +Inf\nv -Inf\nv -0\nv 1e+06\nv 0.1\nv 1e-06\nv 1.23456789e+08\nv 100000\nv 5e-324\n",
            written(writer));
    }

    @Test
    void quotesNamesOutsideTheLegacyCharacterSet()
    {
        writer.help("my.metric", "h").type("my.metric", MetricType.GAUGE)
            .beginSample("my.metric").label("label.name", "v").label("ok", "x").endSample(1)
            .beginSample("my.metric").endSample(2)
            .beginSample("a:b").label("a:b", "1").label("1st", "2").label("q\"\\", "3").endSample(3)
            .beginSample("0day").endSample(4);
        assertEquals(
            "# HELP \"my.metric\" h\n" +
            "# TYPE \"my.metric\" gauge\n" +
            "{\"my.metric\",\"label.name\"=\"v\",ok=\"x\"} 1\n" +
            "{\"my.metric\"} 2\n" +
            "a:b{\"a:b\"=\"1\",\"1st\"=\"2\",\"q\\\"\\\\\"=\"3\"} 3\n" +
            "{\"0day\"} 4\n",
            written(writer));
        assertEquals(List.of(
            "HELP my.metric h",
            "TYPE my.metric GAUGE",
            "SAMPLE my.metric{label.name=\"v\",ok=\"x\",} 3ff0000000000000 type=GAUGE",
            "SAMPLE my.metric{} 4000000000000000 type=GAUGE",
            "SAMPLE a:b{a:b=\"1\",1st=\"2\",q\"\\=\"3\",} 4008000000000000 type=UNTYPED",
            "SAMPLE 0day{} 4010000000000000 type=UNTYPED"),
            EntryRecords.of(new PrometheusTextCursor(), bytes(written(writer)), false, false, true));
    }

    @Test
    void encodesUnicodeAsUtf8()
    {
        final String value = "日本語 é \uD83D\uDE00";
        writer.beginSample("ü.total").label("名前", value).label("bad", "\uD800x").endSample(1);
        assertEquals("{\"ü.total\",\"名前\"=\"" + value + "\",bad=\"\uFFFDx\"} 1\n", written(writer));
        assertEquals(
            List.of("SAMPLE ü.total{名前=\"" + value + "\",bad=\"\uFFFDx\",} 3ff0000000000000 type=UNTYPED"),
            EntryRecords.of(new PrometheusTextCursor(), bytes(written(writer)), false, false, true));
    }

    @Test
    void resolvesTheEscapesOfViewsBeforeEscapingForTheOutput()
    {
        final TextView name = view("metric", TextView.ESCAPES_NONE);
        final TextView labelName = view("path", TextView.ESCAPES_NONE);
        final TextView labelValue = view("a\\\"b\\\\c\\nd\\t", TextView.ESCAPES_QUOTED);
        final TextView help = view("x\\\\y\\nz\\\"", TextView.ESCAPES_HELP);
        writer.help(name, help).type(name, MetricType.GAUGE).beginSample(name).label(labelName, labelValue)
            .endSample(1);
        assertEquals(
            "# HELP metric x\\\\y\\nz\\\\\"\n" +
            "# TYPE metric gauge\n" +
            "metric{path=\"a\\\"b\\\\c\\nd\\\\t\"} 1\n",
            written(writer));
    }

    @Test
    void rejectsCallsOutOfOrder()
    {
        assertThrows(IllegalStateException.class, () -> writer.label("a", "b"));
        assertThrows(IllegalStateException.class, () -> writer.endSample(1));
        writer.beginSample("m");
        assertThrows(IllegalStateException.class, () -> writer.beginSample("n"));
        assertThrows(IllegalStateException.class, () -> writer.type("m", MetricType.GAUGE));
        assertThrows(IllegalStateException.class, () -> writer.help("m", "h"));
        assertThrows(IllegalStateException.class, writer::finish);
        writer.label("a", "b").endSample(1);
        assertEquals("m{a=\"b\"} 1\n", written(writer));
    }

    @Test
    void writesAtAnOffsetOfAGrowingBufferAndResets()
    {
        final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(16);
        writer.wrap(buffer, 3);
        for (int i = 0; i < 1000; i++)
        {
            writer.beginSample("sample_number").label("i", Integer.toString(i)).endSample(i);
        }
        assertEquals(3, writer.offset());
        assertTrue(buffer.capacity() >= 3 + writer.length());
        assertTrue(written(writer).startsWith("sample_number{i=\"0\"} 0\nsample_number{i=\"1\"} 1\n"));
        assertTrue(written(writer).endsWith("sample_number{i=\"999\"} 999\n"));
        writer.reset().beginSample("x").endSample(2);
        assertEquals("x 2\n", written(writer));
        assertEquals(3, writer.offset());
    }

    @Test
    void copiesEntriesOfAPrometheusTextBody()
    {
        final String body =
            "# A comment\n" +
            "# HELP a_total Help with \\\\ and \\n.\n" +
            "# TYPE a_total counter\n" +
            "a_total{x=\"1\",y=\"q\\\"\"} 3 1500\n" +
            "# TYPE h histogram\n" +
            "h_bucket{le=\"1\"} 1\n" +
            "h_bucket{le=\"+Inf\"} 2\n" +
            "{\"odd.name\",\"label.x\"=\"v\"} NaN\n";
        copyAll(new PrometheusTextCursor(), body);
        assertEquals(
            "# A comment\n" +
            "# HELP a_total Help with \\\\ and \\n.\n" +
            "# TYPE a_total counter\n" +
            "a_total{x=\"1\",y=\"q\\\"\"} 3 1500\n" +
            "# TYPE h histogram\n" +
            "h_bucket{le=\"1.0\"} 1\n" +
            "h_bucket{le=\"+Inf\"} 2\n" +
            "{\"odd.name\",\"label.x\"=\"v\"} NaN\n",
            written(writer));
    }

    @Test
    void dropsUnitsAndExemplarsOfOpenMetricsEntries()
    {
        final String body =
            "# TYPE d_seconds counter\n" +
            "# UNIT d_seconds seconds\n" +
            "d_seconds_total 5 1.5 # {trace=\"t\"} 1 2\n" +
            "d_seconds_created 1000\n" +
            "# TYPE i info\n" +
            "i_info{v=\"1\"} 1\n" +
            "# EOF\n";
        final MetricCursor cursor = new OpenMetricsCursor();
        final byte[] bytes = bytes(body);
        cursor.reset(bytes, 0, bytes.length);
        assertTrue(writer.copyEntry(cursor, cursor.next()));
        assertFalse(writer.copyEntry(cursor, cursor.next()));
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            writer.copyEntry(cursor, kind);
        }
        assertFalse(writer.copyEntry(cursor, kind));
        writer.finish();
        assertEquals(
            "# TYPE d_seconds counter\n" +
            "d_seconds_total 5 1500\n" +
            "d_seconds_created 1000\n" +
            "# TYPE i untyped\n" +
            "i_info{v=\"1\"} 1\n",
            written(writer));
    }

    private void copyAll(final MetricCursor cursor, final String body)
    {
        final byte[] bytes = bytes(body);
        cursor.reset(bytes, 0, bytes.length);
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            assertTrue(writer.copyEntry(cursor, kind));
        }
    }

    static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static TextView view(final String raw, final int escapes)
    {
        final byte[] bytes = bytes(raw);
        return new TextView().wrap(new UnsafeBuffer(bytes), 0, bytes.length, escapes);
    }
}
