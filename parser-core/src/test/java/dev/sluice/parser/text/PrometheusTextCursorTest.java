package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.EntryRenderer;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.TextView;

class PrometheusTextCursorTest
{
    private static void parses(final String body, final String... expected)
    {
        assertEquals(List.of(expected), EntryRenderer.render(new PrometheusTextCursor(), body), body);
    }

    private static void fails(final String body, final String reason, final int line, final int column)
    {
        final ParseException ex = assertThrows(ParseException.class,
            () -> EntryRenderer.render(new PrometheusTextCursor(), body));
        assertTrue(ex.reason().contains(reason), ex.getMessage());
        assertEquals(line, ex.line(), ex.getMessage());
        assertEquals(column, ex.column(), ex.getMessage());
    }

    @Test
    void samplesWithAndWithoutLabelsAndTimestamps()
    {
        parses("a 1\nb{x=\"y\"} 2.5 1700000000000\n",
            "SAMPLE a{} 1.0 type=untyped",
            "SAMPLE b{x=\"y\"} 2.5 @1700000000000 type=untyped");
        parses("c{x=\"1\",y=\"\"} -3e-2 -5\n", "SAMPLE c{x=\"1\",y=\"\"} -0.03 @-5 type=untyped");
    }

    @Test
    void timestampsCoverTheWholeSignedRange()
    {
        parses("a 1 9223372036854775807\nb 1 -9223372036854775808\nc 1 +7\n",
            "SAMPLE a{} 1.0 @9223372036854775807 type=untyped", "SAMPLE b{} 1.0 @-9223372036854775808 type=untyped",
            "SAMPLE c{} 1.0 @7 type=untyped");
        fails("a 1 9223372036854775808\n", "timestamp out of range", 1, 5);
        fails("a 1 -9223372036854775809\n", "timestamp out of range", 1, 5);
        // 18 digits take the unchecked path, more the checked one, leading zeros included.
        parses("a 1 999999999999999999\nb 1 -000000000000000000042\nc 1 0000000000000000009223372036854775807\n",
            "SAMPLE a{} 1.0 @999999999999999999 type=untyped", "SAMPLE b{} 1.0 @-42 type=untyped",
            "SAMPLE c{} 1.0 @9223372036854775807 type=untyped");
    }

    @Test
    void whitespaceIsLenientAsInPrometheus()
    {
        parses("  a \t{ x = \"1\" , y=\"2\", }   7   \t 12  \n\n   \n",
            "SAMPLE a{x=\"1\",y=\"2\"} 7.0 @12 type=untyped");
    }

    @Test
    void crlfLineEndsAreAccepted()
    {
        parses("# HELP a h\r\n# TYPE a gauge\r\na 1\r\n\r\nb 2 3\r\n",
            "HELP a h", "TYPE a gauge", "SAMPLE a{} 1.0 type=gauge", "SAMPLE b{} 2.0 @3 type=untyped");
    }

    @Test
    void lastLineMayLackNewline()
    {
        parses("a 1\nb 2", "SAMPLE a{} 1.0 type=untyped", "SAMPLE b{} 2.0 type=untyped");
    }

    @Test
    void specialValues()
    {
        parses("a NaN\nb +Inf\nc -Inf\nd Inf\ne -0\nf inf\n",
            "SAMPLE a{} NaN type=untyped", "SAMPLE b{} Infinity type=untyped",
            "SAMPLE c{} -Infinity type=untyped", "SAMPLE d{} Infinity type=untyped",
            "SAMPLE e{} -0.0 type=untyped", "SAMPLE f{} Infinity type=untyped");
    }

    @Test
    void labelValueEscapesAreResolvedLazily()
    {
        parses("a{x=\"q\\\"b\\\\s\\nn\\z\"} 1\n", "SAMPLE a{x=\"q\"b\\s\nn\\z\"} 1.0 type=untyped");
        final byte[] body = "a{x=\"a\\nb\"} 1\n".getBytes(StandardCharsets.UTF_8);
        final PrometheusTextCursor cursor = new PrometheusTextCursor();
        cursor.reset(body, 0, body.length);
        assertEquals(EntryKind.SAMPLE, cursor.next());
        final TextView view = cursor.labelValue(0, new TextView());
        assertEquals(4, view.length());
        assertEquals(3, view.unescapedLength());
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[8]);
        assertEquals(3, view.unescapeTo(dst, 0));
        assertEquals('\n', dst.getByte(1));
    }

    @Test
    void quotedUtf8NamesOfText100()
    {
        parses("# HELP \"my.metric\" help me\n# TYPE \"my.metric\" counter\n"
                + "{\"my.metric\", \"label.name\"=\"v\", le=\"1\"} 1\n{\"ünï\"} 2\n",
            "HELP my.metric help me", "TYPE my.metric counter",
            "SAMPLE my.metric{label.name=\"v\",le=\"1\"} 1.0 type=counter",
            "SAMPLE ünï{} 2.0 type=untyped");
    }

    @Test
    void helpTypeAndComments()
    {
        parses("# HELP a one\\ntwo\\\\ \\\"x\\\"\n#TYPE a gauge\n# TYPE a gauge\n# just a comment\n#\n# EOF\n",
            "HELP a one\ntwo\\ \\\"x\\\"", "COMMENT TYPE a gauge", "TYPE a gauge", "COMMENT  just a comment",
            "COMMENT ", "COMMENT  EOF");
        parses("# HELP a\n", "HELP a ");
    }

    @Test
    void rememberedBoundsAreKeyedByAllTheirBytes()
    {
        // Bounds of one to eight bytes are remembered by their bytes as one word: the same bytes must hit, those that
        // differ only in a last byte or in length must not; at the body's very end the word is read byte by byte.
        parses("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"10\"} 1\nh_bucket{le=\"1\"} 2\n"
                + "h_bucket{le=\"12345678\"} 1\nh_bucket{le=\"12345679\"} 1\nh_bucket{le=\"123456789\"} 1\n"
                + "h_bucket{le=\"1\"} 3",
            "TYPE h histogram",
            "SAMPLE h_bucket{le=\"1.0\"} 1.0 type=histogram",
            "SAMPLE h_bucket{le=\"10.0\"} 1.0 type=histogram",
            "SAMPLE h_bucket{le=\"1.0\"} 2.0 type=histogram",
            "SAMPLE h_bucket{le=\"1.2345678e+07\"} 1.0 type=histogram",
            "SAMPLE h_bucket{le=\"1.2345679e+07\"} 1.0 type=histogram",
            "SAMPLE h_bucket{le=\"1.23456789e+08\"} 1.0 type=histogram",
            "SAMPLE h_bucket{le=\"1.0\"} 3.0 type=histogram");
    }

    @Test
    void histogramAndSummaryLabelsAreNormalised()
    {
        parses("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"05\"} 1\nh_bucket{le=\"1000000\"} 2\n"
                + "h_bucket{le=\"+Inf\"} 3\nh_bucket{le=\"0.000001\"} 3\nh_bucket{le=\"100000\"} 3\nh_sum 1\n"
                + "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns{quantile=\"1\"} 2\ns_count 2\n"
                + "# TYPE u untyped\nu{le=\"1\"} 1\n",
            "TYPE h histogram",
            "SAMPLE h_bucket{le=\"1.0\"} 1.0 type=histogram",
            "SAMPLE h_bucket{le=\"5.0\"} 1.0 type=histogram",
            "SAMPLE h_bucket{le=\"1e+06\"} 2.0 type=histogram",
            "SAMPLE h_bucket{le=\"+Inf\"} 3.0 type=histogram",
            "SAMPLE h_bucket{le=\"1e-06\"} 3.0 type=histogram",
            "SAMPLE h_bucket{le=\"100000.0\"} 3.0 type=histogram",
            "SAMPLE h_sum{} 1.0 type=histogram",
            "TYPE s summary",
            "SAMPLE s{quantile=\"0.5\"} 1.0 type=summary",
            "SAMPLE s{quantile=\"1.0\"} 2.0 type=summary",
            "SAMPLE s_count{} 2.0 type=summary",
            "TYPE u untyped",
            "SAMPLE u{le=\"1\"} 1.0 type=untyped");
    }

    @Test
    void errorsNameLineColumnAndReason()
    {
        fails("a 1\nb{x=1} 2\n", "expected '\"'", 2, 5);
        fails("a\n", "expected whitespace and a value", 1, 2);
        fails("a 1 2 3\n", "unexpected text", 1, 7);
        fails("a 0x10\n", "invalid value", 1, 3);
        fails("a 1 1.5\n", "invalid timestamp", 1, 5);
        fails("a 1 99999999999999999999\n", "timestamp out of range", 1, 5);
        fails("a{x=\"1\",x=\"2\"} 1\n", "duplicate label name", 1, 9);
        fails("a{__name__=\"b\"} 1\n", "__name__", 1, 3);
        fails("a{x=\"1\n\"} 1\n", "unterminated quoted string", 1, 7);
        fails("a{x=\"1\"", "expected ',' or '}' after label", 1, 8);
        fails("# TYPE a gauges\n", "invalid metric type", 1, 10);
        fails("# TYPE a\n", "expected whitespace and a type", 1, 9);
        fails("{x=\"y\"} 1\n", "metric name missing", 1, 1);
        fails("@a 1\n", "expected metric name", 1, 1);
        fails("a 1\r2\n", "unexpected text after value", 1, 4);
    }

    @Test
    void neverReadsPastTheGivenLength()
    {
        final byte[] body = "a{x=\"yy\"} 1 2\nb 3\nJUNK{\"".getBytes(StandardCharsets.UTF_8);
        final PrometheusTextCursor cursor = new PrometheusTextCursor();
        cursor.reset(body, 0, 18);
        assertEquals(List.of("SAMPLE a{x=\"yy\"} 1.0 @2 type=untyped", "SAMPLE b{} 3.0 type=untyped"),
            EntryRenderer.renderAll(cursor));
        cursor.reset(body, 4, 4);
        assertThrows(ParseException.class, cursor::next);
    }

    @Test
    void repeatedNamesAreStillCheckedByteForByte()
    {
        parses("abc{x=\"1\"} 1\nabcd{xy=\"1\"} 2\nab{x=\"2\"} 3\nabc{x=\"1\",y=\"2\"} 4\n",
            "SAMPLE abc{x=\"1\"} 1.0 type=untyped", "SAMPLE abcd{xy=\"1\"} 2.0 type=untyped",
            "SAMPLE ab{x=\"2\"} 3.0 type=untyped", "SAMPLE abc{x=\"1\",y=\"2\"} 4.0 type=untyped");
        fails("m{\"a.b\"=\"1\"} 1\nm{a.b=\"1\"} 1\n", "expected '='", 2, 4);
        fails("m_x 1\nm_x.y 1\n", "expected whitespace and a value", 2, 4);
    }

    @Test
    void entriesWithoutANameHaveAnEmptyNameInsideTheBody()
    {
        final PrometheusTextCursor cursor = new PrometheusTextCursor();
        final byte[] first = "a{b=\"c\"} 1\n# HELP abc\n".getBytes(StandardCharsets.US_ASCII);
        cursor.reset(first, 0, first.length);
        EntryRenderer.renderAll(cursor);
        final byte[] second = "# c\n".getBytes(StandardCharsets.US_ASCII);
        cursor.reset(second, 0, second.length);
        assertEquals(EntryKind.COMMENT, cursor.next());
        final TextView view = cursor.name(new TextView());
        assertEquals(0, view.length());
        assertEquals(0, cursor.seriesLength());
    }

    @Test
    void commentAndHelpTextsNeverEndInCarriageReturn()
    {
        parses("# a\r", "COMMENT  a");
        parses("# a\r\r\n# HELP m b\r\r\n", "COMMENT  a", "HELP m b");
    }

    @Test
    void quotedHistogramNamesWithEscapesTypeTheirBuckets()
    {
        parses("# TYPE \"a\\\\b\" histogram\n{\"a\\\\b_bucket\",le=\"1\"} 0\n",
            "TYPE a\\b histogram", "SAMPLE a\\b_bucket{le=\"1.0\"} 0.0 type=histogram");
    }

    @Test
    void endIsSticky()
    {
        final PrometheusTextCursor cursor = new PrometheusTextCursor();
        cursor.reset(new byte[0], 0, 0);
        assertEquals(EntryKind.END, cursor.next());
        assertEquals(EntryKind.END, cursor.next());
    }
}
