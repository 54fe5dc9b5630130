package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.ParseException;

/**
 * Differential fuzz target of the Prometheus text and OpenMetrics cursors on the same bytes: the text cursor reads
 * the body, the OpenMetrics cursor reads it with {@code # EOF} appended when it does not end with it, and when both
 * accept they yield the same samples (name, labels, value bits, timestamp). The same timestamp token is
 * milliseconds in text and seconds in OpenMetrics: text's {@code t} must be OpenMetrics' {@code (long)(t * 1000.0)}
 * (formats.md). Generated families valid in both formats are compared by
 * {@code ExpositionRoundTripProperties.textAndOpenMetricsRenderingsReadAsTheSameSamples}; this target covers the
 * bodies no generator writes. Seeds are in {@code TextOpenMetricsDifferentialFuzzTestInputs/readsTheSameSamples/}.
 */
class TextOpenMetricsDifferentialFuzzTest
{
    private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EOF_WITHOUT_NEWLINE = Arrays.copyOf(EOF, EOF.length - 1);
    private static final double MILLIS_PER_SECOND = 1000.0;
    private static final String SEEDS = "TextOpenMetricsDifferentialFuzzTestInputs/readsTheSameSamples/";

    private final MetricCursor text = MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT);
    private final MetricCursor openMetrics = MetricCursors.create(ExpositionFormat.OPENMETRICS);

    /**
     * Seeds that are valid in both formats, typed families, a timestamp, NaN and infinities among them, are accepted
     * by both cursors and read as the same samples: the comparison of the target is not vacuous.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "openmetrics-suite/simple_histogram", "openmetrics-suite/simple_summary", "openmetrics-suite/simple_gauge",
        "openmetrics-suite/simple_counter", "made-here/integer-timestamps", "openmetrics-suite/nan",
        "openmetrics-suite/labels_and_infinite", "openmetrics-suite/label_escaping",
        "openmetrics-suite/histogram_noncanonical", "prometheus-textparse/1histogram.om.txt",
        "prometheus-common-expfmt/minimal"})
    void seedsValidInBothReadAlike(final String seed) throws IOException
    {
        final byte[] body = FuzzTargets.seed(SEEDS + seed);
        final List<Entry> fromText = Entries.samples(Entries.read(text, body));
        assertFalse(fromText.isEmpty(), "samples of " + seed);
        assertSameSamples(fromText, Entries.samples(Entries.read(openMetrics, withEof(body))));
    }

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void readsTheSameSamples(final byte[] body)
    {
        final List<Entry> fromText;
        final List<Entry> fromOpenMetrics;
        try
        {
            fromText = Entries.samples(Entries.read(text, body));
            fromOpenMetrics = Entries.samples(Entries.read(openMetrics, withEof(body)));
        }
        catch (final ParseException ex)
        {
            return;
        }
        assertSameSamples(fromText, fromOpenMetrics);
    }

    private static void assertSameSamples(final List<Entry> fromText, final List<Entry> fromOpenMetrics)
    {
        assertEquals(fromText.stream().map(TextOpenMetricsDifferentialFuzzTest::timestampInSeconds)
            .collect(Collectors.toList()), fromOpenMetrics, "samples of the text and the OpenMetrics cursor");
    }

    /** The body as an OpenMetrics body: {@code # EOF} at the end, on a line of its own. */
    private static byte[] withEof(final byte[] body)
    {
        if (endsWith(body, EOF) || endsWith(body, EOF_WITHOUT_NEWLINE))
        {
            return body;
        }
        final boolean newline = body.length > 0 && body[body.length - 1] != '\n';
        final byte[] withEof = Arrays.copyOf(body, body.length + (newline ? 1 : 0) + EOF.length);
        if (newline)
        {
            withEof[body.length] = '\n';
        }
        System.arraycopy(EOF, 0, withEof, withEof.length - EOF.length, EOF.length);
        return withEof;
    }

    private static boolean endsWith(final byte[] body, final byte[] suffix)
    {
        return body.length >= suffix.length &&
            Arrays.equals(body, body.length - suffix.length, body.length, suffix, 0, suffix.length);
    }

    /** A text sample as OpenMetrics reads the same line: its timestamp token taken as seconds. */
    private static Entry timestampInSeconds(final Entry sample)
    {
        return new Entry(sample.kind(), sample.type(), sample.name(), sample.text(), sample.labels(),
            sample.valueBits(), sample.hasTimestamp(),
            sample.hasTimestamp() ? (long)(sample.timestampMs() * MILLIS_PER_SECOND) : 0, null, false, 0);
    }
}
