package dev.sluice.pipeline.forward.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sluice.pipeline.forward.EncodedBatch;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the labels, the line written for a sample reads back, as InfluxDB reads it, to the same tags (the labels
 * and the scrape URL), field key, value and time, with the tags in sorted order.
 */
class LineProtocolProperties
{
    private static final long TARGET = 3;
    /** Text pieces with every character line protocol escapes or treats specially, none ending in a backslash. */
    private static final List<String> TOKENS = List.of(
        "a", "url", "_", ",", "=", " ", "\"", "\\x", "\\,", "\\=", "\\ ", "\\\\y", "\u00e9", "\ud83d\ude00", "#", "\t");
    /** The same for metric names, without the backslashes a field key cannot carry before an escaped character. */
    private static final List<String> NAME_TOKENS = List.of(
        "m", "_total", ",", "=", " ", "\"", "\\x", "\u00e9", "\ud83d\ude00", ":");

    @Property(tries = 2000)
    void aLineReadsBackToItsLabelsValueAndTime(
        @ForAll("labelSets") final Map<String, String> labels,
        @ForAll("names") final String name,
        @ForAll("texts") final String url,
        @ForAll("values") final double value,
        @ForAll("timestamps") final long timestampMs)
    {
        final TargetUrls urls = new TargetUrls();
        urls.register(TARGET, url);
        final LineProtocolEncoder encoder = new LineProtocolEncoder(urls, TimestampPrecision.MILLISECONDS);
        final LabelSetBuilder builder = new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, name);
        labels.forEach(builder::set);
        final SeriesTable table = new SeriesTable();
        final int id = table.intern(builder);
        final EncodedBatch batch = new EncodedBatch();

        encoder.begin(batch);
        encoder.append(batch, TARGET, table.buffer(), table.recordOffset(id), timestampMs,
            Double.doubleToRawLongBits(value));
        encoder.finish(batch);

        final String body = batch.body().getStringWithoutLengthUtf8(0, batch.length());
        assertEquals('\n', body.charAt(body.length() - 1), body);
        final LineProtocolReader.Line line = LineProtocolReader.read(body.substring(0, body.length() - 1));
        final Map<String, String> expectedTags = new TreeMap<>(labels);
        if (!url.isEmpty())
        {
            expectedTags.putIfAbsent(LineProtocolEncoder.URL_TAG, url);
        }
        assertEquals("prometheus", line.measurement());
        assertEquals(expectedTags, line.tags(), body);
        assertEquals(new ArrayList<>(expectedTags.keySet()), new ArrayList<>(line.tags().keySet()), "tag order");
        assertEquals(name, line.fieldKey(), body);
        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(line.value()), body);
        assertEquals(timestampMs, line.timestamp());
        assertEquals(0, encoder.unrepresentable());
    }

    @Provide
    Arbitrary<String> texts()
    {
        return Arbitraries.of(TOKENS).list().ofMaxSize(4).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<String> names()
    {
        return Arbitraries.of(NAME_TOKENS).list().ofMinSize(1).ofMaxSize(4).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<Map<String, String>> labelSets()
    {
        final Arbitrary<String> nonEmpty = texts().filter(text -> !text.isEmpty());
        return Arbitraries.maps(nonEmpty.filter(text -> !text.equals(LabelSetBuilder.METRIC_NAME)), nonEmpty)
            .ofMaxSize(6);
    }

    @Provide
    Arbitrary<Double> values()
    {
        return Arbitraries.oneOf(
            Arbitraries.doubles(),
            Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
            Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e6, 1e-5));
    }

    @Provide
    Arbitrary<Long> timestamps()
    {
        return Arbitraries.longs().between(-9_223_372_036_854L, 9_223_372_036_854L);
    }
}
