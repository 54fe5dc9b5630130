package dev.sluice.pipeline.forward.influx;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import dev.sluice.pipeline.forward.EncodedBatch;
import dev.sluice.pipeline.record.SampleDescriptor;
import dev.sluice.pipeline.series.SeriesRecordDescriptor;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LineProtocolEncoderTest
{
    private static final long TARGET = 7;
    private static final String URL = "http://a:9100/metrics";
    private static final long TIME_MS = 1_700_000_000_123L;

    private final TargetUrls urls = new TargetUrls();
    private final LineProtocolEncoder encoder = new LineProtocolEncoder(urls, TimestampPrecision.MILLISECONDS);
    private final EncodedBatch batch = new EncodedBatch();

    LineProtocolEncoderTest()
    {
        urls.register(TARGET, URL);
        encoder.begin(batch);
    }

    /** A series record laid out as {@link SeriesRecordDescriptor} says, labels in the order given. */
    private static ExpandableArrayBuffer series(final String... pairs)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        int position = SeriesRecordDescriptor.HEADER_LENGTH;
        for (final String text : pairs)
        {
            final int length = buffer.putStringWithoutLengthUtf8(
                position + SeriesRecordDescriptor.TEXT_LENGTH_PREFIX, text);
            buffer.putInt(position, length, LITTLE_ENDIAN);
            position += SeriesRecordDescriptor.TEXT_LENGTH_PREFIX + length;
        }
        buffer.putInt(SeriesRecordDescriptor.LABELS_LENGTH_OFFSET,
            position - SeriesRecordDescriptor.HEADER_LENGTH, LITTLE_ENDIAN);
        buffer.putInt(SeriesRecordDescriptor.LABEL_COUNT_OFFSET, pairs.length / 2, LITTLE_ENDIAN);
        return buffer;
    }

    private void append(final LineProtocolEncoder to, final long timestampMs, final long valueBits,
        final String... pairs)
    {
        to.append(batch, TARGET, series(pairs), 0, timestampMs, valueBits);
    }

    private String body()
    {
        encoder.finish(batch);
        return batch.body().getStringWithoutLengthUtf8(0, batch.length());
    }

    /** The one line written for a sample of value 1 at {@link #TIME_MS}, without its newline; "" when skipped. */
    private String line(final String... pairs)
    {
        append(encoder, TIME_MS, Double.doubleToRawLongBits(1.0), pairs);
        final String body = body();
        return body.isEmpty() ? body : body.substring(0, body.length() - 1);
    }

    static Stream<Arguments> tagValues()
    {
        return Stream.of(
            Arguments.of("x,y", "x\\,y"),
            Arguments.of("x=y", "x\\=y"),
            Arguments.of("x y", "x\\ y"),
            Arguments.of("x\\y", "x\\y"),
            Arguments.of("x\\,y", "x\\\\,y"),
            Arguments.of("\\\\x", "\\\\x"),
            Arguments.of("say \"hi\"", "say\\ \"hi\""),
            Arguments.of("a\nb", "a\\nb"),
            Arguments.of("K\u00fcche \ud83d\ude00", "K\u00fcche\\ \ud83d\ude00"));
    }

    @ParameterizedTest
    @MethodSource("tagValues")
    void tagValuesEscapeCommasEqualsSignsAndSpacesAndKeepBackslashes(final String value, final String written)
    {
        assertEquals("prometheus,a=" + written + ",url=" + URL + " up=1 " + TIME_MS,
            line("__name__", "up", "a", value));
    }

    static Stream<Arguments> tagKeys()
    {
        return Stream.of(
            Arguments.of("a,b", "a\\,b"),
            Arguments.of("a=b", "a\\=b"),
            Arguments.of("a b", "a\\ b"),
            Arguments.of("a\\b", "a\\b"),
            Arguments.of("a\\=b", "a\\\\=b"),
            Arguments.of("a\nb", "a\\nb"));
    }

    @ParameterizedTest
    @MethodSource("tagKeys")
    void tagKeysEscapeCommasEqualsSignsAndSpaces(final String key, final String written)
    {
        assertEquals("prometheus," + written + "=v,url=" + URL + " up=1 " + TIME_MS, line("__name__", "up", key, "v"));
    }

    static Stream<Arguments> fieldKeys()
    {
        return Stream.of(
            Arguments.of("m,x", "m\\,x"),
            Arguments.of("m=x", "m\\=x"),
            Arguments.of("m x", "m\\ x"),
            Arguments.of("m\"x", "m\"x"),
            Arguments.of("m\\x", "m\\x"),
            Arguments.of("m\nx", "m\\nx"),
            Arguments.of("caf\u00e9.total", "caf\u00e9.total"));
    }

    @ParameterizedTest
    @MethodSource("fieldKeys")
    void metricNamesAreFieldKeysEscapedLikeTags(final String name, final String written)
    {
        assertEquals("prometheus,url=" + URL + " " + written + "=1 " + TIME_MS, line("__name__", name));
    }

    static Stream<Arguments> unrepresentableLabels()
    {
        return Stream.of(
            Arguments.of("a tag value ending in a backslash", new String[] {"__name__", "up", "a", "x\\"}),
            Arguments.of("a tag key ending in a backslash", new String[] {"__name__", "up", "a\\", "x"}),
            Arguments.of("an empty tag key", new String[] {"", "x", "__name__", "up"}),
            Arguments.of("a metric name ending in a backslash", new String[] {"__name__", "up\\"}),
            Arguments.of("a backslash before a comma in a metric name", new String[] {"__name__", "u\\,p"}),
            Arguments.of("a backslash before a quote in a metric name", new String[] {"__name__", "u\\\"p"}),
            Arguments.of("an empty metric name", new String[] {"__name__", "", "a", "x"}),
            Arguments.of("no metric name", new String[] {"a", "x"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unrepresentableLabels")
    void labelsLineProtocolCannotCarrySkipTheSampleAndCountIt(final String why, final String[] pairs)
    {
        append(encoder, TIME_MS, Double.doubleToRawLongBits(1.0), pairs);
        append(encoder, TIME_MS, Double.doubleToRawLongBits(2.0), "__name__", "up");

        assertEquals("prometheus,url=" + URL + " up=2 " + TIME_MS + "\n", body(), "a skipped line leaves nothing");
        assertEquals(1, batch.samples());
        assertEquals(1, encoder.unrepresentable());
    }

    static Stream<Arguments> measurements()
    {
        return Stream.of(
            Arguments.of("my,measurement", "my\\,measurement"),
            Arguments.of("my measurement", "my\\ measurement"),
            Arguments.of("a=b", "a=b"),
            Arguments.of("a\\b", "a\\b"),
            Arguments.of("a\nb", "a\\nb"));
    }

    @ParameterizedTest
    @MethodSource("measurements")
    void measurementsEscapeCommasAndSpaces(final String measurement, final String written)
    {
        final LineProtocolEncoder custom = new LineProtocolEncoder(measurement, urls, TimestampPrecision.SECONDS);
        append(custom, 2_000, Double.doubleToRawLongBits(1.0), "__name__", "up");
        assertEquals(written + ",url=" + URL + " up=1 2\n", body());
    }

    @Test
    void measurementsLineProtocolCannotCarryAreRefused()
    {
        for (final String measurement : new String[] {"", "#comment", "m\\"})
        {
            assertThrows(IllegalArgumentException.class,
                () -> new LineProtocolEncoder(measurement, urls, TimestampPrecision.SECONDS), measurement);
        }
    }

    static Stream<Arguments> values()
    {
        return Stream.of(
            Arguments.of(1.0, "1"),
            Arguments.of(-3.25, "-3.25"),
            Arguments.of(123456.0, "123456"),
            Arguments.of(1e6, "1e+06"),
            Arguments.of(0.1, "0.1"),
            Arguments.of(1e-7, "1e-07"),
            Arguments.of(1.0 / 3, "0.3333333333333333"),
            Arguments.of(-0.0, "-0"),
            Arguments.of(Double.MIN_VALUE, "5e-324"),
            Arguments.of(Double.MAX_VALUE, "1.7976931348623157e+308"));
    }

    @ParameterizedTest
    @MethodSource("values")
    void valuesAreFloatsInTheShortestFormThatReadsBackTheSame(final double value, final String written)
    {
        append(encoder, TIME_MS, Double.doubleToRawLongBits(value), "__name__", "m");
        assertEquals("prometheus,url=" + URL + " m=" + written + " " + TIME_MS + "\n", body());
        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(Double.parseDouble(written)));
    }

    @Test
    void nanInfinitiesAndStalenessMarkersAreSkippedAndCounted()
    {
        final long[] values = {
            Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
            Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), SampleDescriptor.STALE_NAN_BITS};
        for (final long bits : values)
        {
            append(encoder, TIME_MS, bits, "__name__", "up");
        }

        assertEquals("", body());
        assertEquals(0, batch.samples());
        assertEquals(values.length, encoder.unrepresentable());
    }

    @Test
    void theScrapeUrlIsInsertedAtItsSortedPlace()
    {
        assertEquals("prometheus,a=1,url=" + URL + ",zone=z up=1 " + TIME_MS,
            line("__name__", "up", "a", "1", "zone", "z"));
        batch.clear();
        assertEquals("prometheus,a=1,uri=2,url=" + URL + " up=1 " + TIME_MS,
            line("__name__", "up", "a", "1", "uri", "2"));
        batch.clear();
        assertEquals("prometheus,url=" + URL + ",url_path=/x,urm=3 up=1 " + TIME_MS,
            line("__name__", "up", "url_path", "/x", "urm", "3"));
        batch.clear();
        assertEquals("prometheus,Zone=z,url=" + URL + " up=1 " + TIME_MS, line("Zone", "z", "__name__", "up"));
    }

    @Test
    void aSeriesOwnUrlLabelWinsOverTheScrapeUrl()
    {
        assertEquals("prometheus,a=1,url=mine up=1 " + TIME_MS, line("__name__", "up", "a", "1", "url", "mine"));
    }

    @Test
    void emptyLabelValuesAreLeftOut()
    {
        assertEquals("prometheus,b=2,url=" + URL + " up=1 " + TIME_MS,
            line("__name__", "up", "a", "", "b", "2", "url", ""));
    }

    @Test
    void aTargetWithoutAScrapeUrlWritesNoUrlTag()
    {
        urls.unregister(TARGET);
        assertEquals("prometheus,a=1 up=1 " + TIME_MS, line("__name__", "up", "a", "1"));
        urls.register(TARGET, "");
        batch.clear();
        assertEquals("prometheus,a=1 up=1 " + TIME_MS, line("__name__", "up", "a", "1"));
    }

    @Test
    void scrapeUrlsAreEscapedOnceWhenRegistered()
    {
        urls.register(TARGET, "http://a:9100/metrics?module=x y,z");
        assertEquals("http://a:9100/metrics?module\\=x\\ y\\,z", new String(urls.escapedUrl(TARGET),
            StandardCharsets.UTF_8));
        assertNull(urls.escapedUrl(TARGET + 1));
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> urls.register(TARGET, "http://a/metrics?token=secret\\"));
        assertFalse(refused.getMessage().contains("secret"), refused.getMessage());
    }

    static Stream<Arguments> precisions()
    {
        return Stream.of(
            Arguments.of(TimestampPrecision.NANOSECONDS, 1_700_000_000_123L, "1700000000123000000"),
            Arguments.of(TimestampPrecision.MICROSECONDS, 1_700_000_000_123L, "1700000000123000"),
            Arguments.of(TimestampPrecision.MILLISECONDS, 1_700_000_000_123L, "1700000000123"),
            Arguments.of(TimestampPrecision.SECONDS, 1_700_000_000_999L, "1700000000"),
            Arguments.of(TimestampPrecision.SECONDS, -1_500L, "-2"),
            Arguments.of(TimestampPrecision.NANOSECONDS, 9_223_372_036_854L, "9223372036854000000"),
            Arguments.of(TimestampPrecision.NANOSECONDS, -9_223_372_036_854L, "-9223372036854000000"));
    }

    @ParameterizedTest
    @MethodSource("precisions")
    void timestampsAreWrittenInTheEndpointsPrecision(
        final TimestampPrecision precision, final long timestampMs, final String written)
    {
        final LineProtocolEncoder inPrecision = new LineProtocolEncoder(urls, precision);
        append(inPrecision, timestampMs, Double.doubleToRawLongBits(1.0), "__name__", "up");
        assertEquals("prometheus,url=" + URL + " up=1 " + written + "\n", body());
    }

    @Test
    void timesOutsideInfluxDbsRangeAreSkippedAndCounted()
    {
        for (final long timestampMs : new long[] {9_223_372_036_855L, -9_223_372_036_855L, Long.MAX_VALUE})
        {
            append(encoder, timestampMs, Double.doubleToRawLongBits(1.0), "__name__", "up");
        }
        assertEquals("", body());
        assertEquals(3, encoder.unrepresentable());
    }

    @Test
    void linesFollowEachOtherAndEachCountsOneSample()
    {
        append(encoder, TIME_MS, Double.doubleToRawLongBits(1.0), "__name__", "up", "job", "a");
        append(encoder, TIME_MS + 1, Double.doubleToRawLongBits(0.5), "__name__", "load", "job", "b");

        assertEquals("prometheus,job=a,url=" + URL + " up=1 " + TIME_MS + "\n" +
            "prometheus,job=b,url=" + URL + " load=0.5 " + (TIME_MS + 1) + "\n", body());
        assertEquals(2, batch.samples());
        assertEquals(0, encoder.unrepresentable());
    }

    @Test
    void theContentTypeIsPlainTextInUtf8()
    {
        final HttpHeaders headers = new DefaultHttpHeaders();
        encoder.headers(headers);
        assertEquals("text/plain; charset=utf-8", headers.get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals(1, headers.size(), headers::toString);
    }
}
