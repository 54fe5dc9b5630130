package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.TextView;
import dev.sluice.parser.write.PrometheusTextWriter;

/**
 * Findings of the fuzzing that wait for a fix in parser-core, one test each, stating the behaviour the fix must
 * bring: these fail today. They carry the tag {@code open-finding}, which the default build excludes, and run with
 * {@code ./mvnw -pl fuzz -am verify -Pfindings}. Each is described, with its input, under "Findings" in
 * docs/fuzzing.md; a fixed one moves to the ordinary tests.
 */
@Tag("open-finding")
class OpenFindingsTest
{
    private final TextView view = new TextView();

    /**
     * F1: the text cursor clears no name position between entries, so {@code name()} of a COMMENT entry (for which
     * the contract defines no name) returns the view of an earlier entry, even of an earlier body: here 18..21 of a
     * 4-byte body. Reading it throws with Agrona's bounds checks on and reads outside the body with them off.
     */
    @Test
    void viewsOfAnEntryStayInsideTheBodyAfterReset()
    {
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT);
        final byte[] first = ascii("a{b=\"c\"} 1\n# HELP abc\n");
        cursor.reset(first, 0, first.length);
        while (cursor.next() != EntryKind.END)
        {
            continue;
        }
        final byte[] second = ascii("# c\n");
        cursor.reset(second, 0, second.length);
        assertEquals(EntryKind.COMMENT, cursor.next());
        cursor.name(view);
        assertTrue(view.offset() >= 0 && view.offset() + view.length() <= second.length,
            () -> "name view [" + view.offset() + ", +" + view.length() + ") of a " + second.length + "-byte body");
    }

    /**
     * F2: a comment or HELP text of Prometheus text may end in a carriage return, when its line ends CR CR LF or the
     * body ends in CR; the text writer ends the line with a newline, which makes that CR part of a CRLF line end, so
     * the rewritten body reads back without it.
     */
    @Test
    void aTextEndingInACarriageReturnSurvivesTheTextWriter()
    {
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT);
        for (final String text : new String[] {"# a\r", "# a\r\r\n", "# HELP m a\r\r\n"})
        {
            final byte[] body = ascii(text);
            final List<Entry> original = Entries.read(cursor, body);
            final byte[] written = WriterRoundTrip.rewrite(cursor, body, new PrometheusTextWriter());
            assertEquals(original, Entries.read(cursor, written), () -> text.replace("\r", "\\r"));
        }
    }

    /**
     * F3: the text cursor gives no family type to the {@code _bucket}, {@code _count} and {@code _sum} samples of a
     * histogram (or summary) whose quoted name holds an escape sequence, so they come UNTYPED and their {@code le}
     * is not normalised; without the escape the same body is typed. formats.md promises the type for the family
     * name plus those suffixes.
     */
    @Test
    void aHistogramWithAnEscapeInItsQuotedNameTypesItsBuckets()
    {
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT);
        final byte[] body = ascii("# TYPE \"a\\\\b\" histogram\n{\"a\\\\b_bucket\",le=\"1\"} 0\n");
        cursor.reset(body, 0, body.length);
        assertEquals(EntryKind.TYPE, cursor.next());
        assertEquals(EntryKind.SAMPLE, cursor.next());
        assertEquals(MetricType.HISTOGRAM, cursor.type());
        assertEquals("1.0", cursor.labelValue(0, view).toString());
    }

    /**
     * F4: the OpenMetrics cursor counts a backslash pair that is no escape sequence ({@code \z}, which the value
     * keeps as two characters, as the conformance suite's {@code escaping} case requires) as one code point towards
     * the 128 an exemplar's labels may have. Here the name and value hold 129 code points and are accepted; the
     * OpenMetrics writer escapes the backslash of such a value, and the cursor rejects its output.
     */
    @Test
    void anExemplarOf129CodePointsWithABackslashPairIsRejected()
    {
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.OPENMETRICS);
        final byte[] body = ascii("# TYPE a counter\na_total 1 # {a=\"" + "x".repeat(126) + "\\z\"} 1\n# EOF\n");
        cursor.reset(body, 0, body.length);
        assertEquals(EntryKind.TYPE, cursor.next());
        assertThrows(ParseException.class, cursor::next);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
