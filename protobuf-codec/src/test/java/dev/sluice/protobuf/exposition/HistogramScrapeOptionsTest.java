package dev.sluice.protobuf.exposition;

import static dev.sluice.protobuf.exposition.Families.FAMILY_METRIC;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_BUCKET;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_COUNT;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_COUNT_FLOAT;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_POSITIVE_DELTA;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_POSITIVE_SPAN;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_SCHEMA;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_SUM;
import static dev.sluice.protobuf.exposition.Families.METRIC_HISTOGRAM;
import static dev.sluice.protobuf.exposition.Families.bucket;
import static dev.sluice.protobuf.exposition.Families.family;
import static dev.sluice.protobuf.exposition.Families.metric;
import static dev.sluice.protobuf.exposition.Families.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.EntryKind;
import dev.sluice.parser.EntryRenderer;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.ParseException;

/**
 * What the cursor yields for histograms under each scrape option: the generated fixtures (the one with classic and
 * native buckets at once above all), classic histograms converted to custom buckets, native histograms reduced to a
 * bucket limit or a minimum growth factor, and the errors that fail a scrape.
 */
class HistogramScrapeOptionsTest
{
    private static final String DIR = "generated/protobuf-exposition/";
    private static final HistogramScrapeOptions DEFAULTS = HistogramScrapeOptions.PROMETHEUS_DEFAULTS;
    private static final HistogramScrapeOptions NATIVE = new HistogramScrapeOptions(true, false, false, 0, 0);
    private static final HistogramScrapeOptions NATIVE_AND_CLASSIC =
        new HistogramScrapeOptions(true, true, false, 0, 0);
    private static final HistogramScrapeOptions NHCB = new HistogramScrapeOptions(false, false, true, 0, 0);
    private static final HistogramScrapeOptions NHCB_AND_CLASSIC = new HistogramScrapeOptions(false, true, true, 0, 0);
    private static final HistogramScrapeOptions NATIVE_AND_NHCB = new HistogramScrapeOptions(true, false, true, 0, 0);

    private static final String MIXED = "demo_mixed_histogram_seconds";
    private static final String MIXED_TAIL = " created=1699990000000 type=histogram";
    private static final String MIXED_EXEMPLAR = " # {trace_id=\"abc123\"} 0.8 @1700000100000";
    private static final String MIXED_NATIVE = "HISTOGRAM " + MIXED + "{path=\"/checkout\"} {schema=2 " +
        "zeroThreshold=0.001 zeroCount=0 count=6 sum=6.99 hint=UNKNOWN negative=[] " +
        "positive=[-13:1,-4:1,-2:1,-1:1,4:1,7:1]}" + MIXED_EXEMPLAR + MIXED_TAIL;
    private static final String MIXED_NHCB = "HISTOGRAM " + MIXED + "{path=\"/checkout\"} {schema=-53 " +
        "zeroThreshold=0.0 zeroCount=0 count=6 sum=6.99 hint=UNKNOWN negative=[] positive=[0:1,1:3,2:1,3:1] " +
        "customValues=0.1,1.0,2.5}" + MIXED_EXEMPLAR + MIXED_TAIL;
    private static final List<String> MIXED_CLASSIC = List.of(
        "SAMPLE " + MIXED + "_bucket{path=\"/checkout\",le=\"0.1\"} 1.0" + MIXED_TAIL,
        "SAMPLE " + MIXED + "_bucket{path=\"/checkout\",le=\"1.0\"} 4.0" + MIXED_EXEMPLAR + MIXED_TAIL,
        "SAMPLE " + MIXED + "_bucket{path=\"/checkout\",le=\"2.5\"} 5.0" + MIXED_TAIL,
        "SAMPLE " + MIXED + "_bucket{path=\"/checkout\",le=\"+Inf\"} 6.0" + MIXED_TAIL,
        "SAMPLE " + MIXED + "_sum{path=\"/checkout\"} 6.99" + MIXED_TAIL,
        "SAMPLE " + MIXED + "_count{path=\"/checkout\"} 6.0" + MIXED_TAIL);

    /** The series entries (HISTOGRAM and SAMPLE) of a body read with the given options. */
    private static List<String> series(final byte[] body, final HistogramScrapeOptions options)
    {
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor().histogramOptions(options);
        cursor.reset(body, 0, body.length);
        final List<String> lines = new ArrayList<>();
        for (final String line : EntryRenderer.renderAll(cursor))
        {
            if (line.startsWith("HISTOGRAM ") || line.startsWith("SAMPLE "))
            {
                lines.add(line);
            }
        }
        return lines;
    }

    private static List<String> fixture(final String file, final HistogramScrapeOptions options)
    {
        return series(Corpus.bytes(DIR + file), options);
    }

    private static List<String> concat(final String first, final List<String> rest)
    {
        final List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** The reason of the ParseException reading the whole body throws. */
    private static String failure(final byte[] body, final HistogramScrapeOptions options)
    {
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor().histogramOptions(options);
        cursor.reset(body, 0, body.length);
        final ParseException ex = assertThrows(ParseException.class, () ->
        {
            while (cursor.next() != EntryKind.END)
            {
                continue;
            }
        });
        assertEquals(ExpositionFormat.PROTOBUF, ex.format());
        assertEquals(EntryKind.END, cursor.next(), "the cursor stops after an error");
        return ex.reason();
    }

    private static byte[] histogram(final ProtoWriter histogram)
    {
        return ProtoWriter.stream(family("h", HISTOGRAM).message(FAMILY_METRIC,
            metric().message(METRIC_HISTOGRAM, histogram)));
    }

    /** A classic histogram message with the given bounds and cumulative counts, count and sum 3.5. */
    private static ProtoWriter classic(final long count, final double[] bounds, final long[] cumulative)
    {
        final ProtoWriter h = new ProtoWriter().varint(HISTOGRAM_COUNT, count).dbl(HISTOGRAM_SUM, 3.5);
        for (int i = 0; i < bounds.length; i++)
        {
            h.message(HISTOGRAM_BUCKET, bucket(bounds[i], cumulative[i]));
        }
        return h;
    }

    /** The native histogram of the only HISTOGRAM entry of a body. */
    private static NativeHistogramView onlyHistogram(final byte[] body, final HistogramScrapeOptions options)
    {
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor().histogramOptions(options);
        cursor.reset(body, 0, body.length);
        final NativeHistogramView view = new NativeHistogramView();
        EntryKind kind;
        int histograms = 0;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind == EntryKind.HISTOGRAM)
            {
                cursor.histogram(view);
                histograms++;
            }
        }
        assertEquals(1, histograms);
        return view;
    }

    private static String spans(final NativeHistogramView.Buckets side)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < side.spanCount(); i++)
        {
            sb.append(i == 0 ? "" : " ").append('{').append(side.spanOffset(i)).append(',').append(side.spanLength(i))
                .append('}');
        }
        return sb.toString();
    }

    @Test
    void withoutOptionsANativeHistogramIsFollowedByItsClassicSeriesAsBefore()
    {
        assertEquals(concat(MIXED_NATIVE, MIXED_CLASSIC), fixture("05_native_and_classic.bin", null));
    }

    @Test
    void prometheusDefaultsIgnoreTheNativePartAndKeepTheClassicSeries()
    {
        assertEquals(MIXED_CLASSIC, fixture("05_native_and_classic.bin", DEFAULTS));
    }

    @Test
    void aNativeOnlyHistogramWithoutNativeScrapingIsItsCountAndSumAsClassicSeries()
    {
        final String tail = " @1700000075000 created=1700000000500 type=histogram";
        final String labels = "{service=\"api\",zone=\"eu-1\"";
        assertEquals(List.of(
            "SAMPLE demo_request_duration_seconds_bucket" + labels + ",le=\"+Inf\"} 22.0" + tail,
            "SAMPLE demo_request_duration_seconds_sum" + labels + "} 37.5" + tail,
            "SAMPLE demo_request_duration_seconds_count" + labels + "} 22.0" + tail),
            fixture("01_native_int_schema0.bin", DEFAULTS));
    }

    @Test
    void nativeScrapingPrefersTheNativePart()
    {
        assertEquals(List.of(MIXED_NATIVE), fixture("05_native_and_classic.bin", NATIVE));
    }

    @Test
    void classicScrapingAlsoYieldsTheClassicSeries()
    {
        assertEquals(concat(MIXED_NATIVE, MIXED_CLASSIC), fixture("05_native_and_classic.bin", NATIVE_AND_CLASSIC));
    }

    @Test
    void nativeDataWinsOverConversionToCustomBuckets()
    {
        assertEquals(List.of(MIXED_NATIVE), fixture("05_native_and_classic.bin", NATIVE_AND_NHCB));
    }

    @Test
    void withoutNativeScrapingTheClassicBucketsOfAMixedHistogramBecomeCustomBuckets()
    {
        assertEquals(List.of(MIXED_NHCB), fixture("05_native_and_classic.bin", NHCB));
        assertEquals(concat(MIXED_NHCB, MIXED_CLASSIC), fixture("05_native_and_classic.bin", NHCB_AND_CLASSIC));
    }

    @Test
    void aClassicHistogramWithAnExplicitInfBucketBecomesCustomBuckets()
    {
        final String nhcb = "HISTOGRAM demo_classic_histogram_seconds{} {schema=-53 zeroThreshold=0.0 zeroCount=0 " +
            "count=7 sum=3.3 hint=UNKNOWN negative=[] positive=[0:2,1:4,2:1] customValues=0.25,1.0} type=histogram";
        assertEquals(List.of(nhcb), fixture("11_classic_histogram.bin", NHCB));
        assertEquals(concat(nhcb, fixture("11_classic_histogram.bin", DEFAULTS)),
            fixture("11_classic_histogram.bin", NHCB_AND_CLASSIC));
        assertEquals(5, fixture("11_classic_histogram.bin", DEFAULTS).size());
    }

    @Test
    void entryKindsOfAllFixturesPerOption()
    {
        assertEquals("8 HISTOGRAM, 21 SAMPLE", kinds(null));
        assertEquals("0 HISTOGRAM, 42 SAMPLE", kinds(DEFAULTS));
        assertEquals("8 HISTOGRAM, 15 SAMPLE", kinds(NATIVE));
        assertEquals("8 HISTOGRAM, 21 SAMPLE", kinds(NATIVE_AND_CLASSIC));
        assertEquals("9 HISTOGRAM, 10 SAMPLE", kinds(NATIVE_AND_NHCB));
        assertEquals("9 HISTOGRAM, 10 SAMPLE", kinds(NHCB));
        assertEquals("9 HISTOGRAM, 42 SAMPLE", kinds(NHCB_AND_CLASSIC));
    }

    private static String kinds(final HistogramScrapeOptions options)
    {
        final List<String> lines = series(Corpus.bytes(DIR + "all-families.bin"), options);
        final long histograms = lines.stream().filter(l -> l.startsWith("HISTOGRAM ")).count();
        return histograms + " HISTOGRAM, " + (lines.size() - histograms) + " SAMPLE";
    }

    @Test
    void theBucketLimitLowersTheSchemaUntilTheHistogramFits()
    {
        assertEquals(List.of("HISTOGRAM demo_request_duration_seconds{service=\"api\",zone=\"eu-1\"} {schema=-2 " +
            "zeroThreshold=0.001 zeroCount=4 count=22 sum=37.5 hint=UNKNOWN negative=[0:1,1:2] positive=[0:11,1:4]} " +
            "@1700000075000 # {trace_id=\"4bf92f3577b34da6\"} 0.7 @1700000060250 # {trace_id=\"00f067aa0ba902b7\"} " +
            "12.5 @1700000061000 created=1700000000500 type=histogram"),
            fixture("01_native_int_schema0.bin", new HistogramScrapeOptions(true, false, false, 4, 0)));
        assertEquals(fixture("01_native_int_schema0.bin", NATIVE),
            fixture("01_native_int_schema0.bin", new HistogramScrapeOptions(true, false, false, 7, 0)));
    }

    @Test
    void aHistogramThatDoesNotFitEvenAtTheLowestSchemaFailsTheScrape()
    {
        assertEquals("native histogram has 4 buckets even at schema -4, more than native_histogram_bucket_limit 3",
            failure(Corpus.bytes(DIR + "01_native_int_schema0.bin"), new HistogramScrapeOptions(true, false, false,
                3, 0)));
        assertEquals("native histogram has 3 buckets even at schema -4, more than native_histogram_bucket_limit 2",
            failure(Corpus.bytes(DIR + "03_native_float.bin"), new HistogramScrapeOptions(true, false, false, 2, 0)));
    }

    @Test
    void theLimitDoesNotApplyToIgnoredNativeParts()
    {
        assertEquals(fixture("01_native_int_schema0.bin", DEFAULTS),
            fixture("01_native_int_schema0.bin", new HistogramScrapeOptions(false, false, false, 1, 65536)));
    }

    @Test
    void theMinBucketFactorCapsTheSchema()
    {
        final String tail = " hint=UNKNOWN negative=[] ";
        assertEquals(List.of(
            "HISTOGRAM demo_payload_bytes{schema=\"3\"} {schema=0 zeroThreshold=2.9387358770557188E-39 zeroCount=0 " +
                "count=9 sum=20.5" + tail + "positive=[1:3,2:6]} type=histogram",
            "HISTOGRAM demo_payload_bytes{schema=\"-4\"} {schema=-4 zeroThreshold=0.0 zeroCount=1 count=9 " +
                "sum=150000.5" + tail + "positive=[0:5,1:3]} type=histogram",
            "HISTOGRAM demo_payload_bytes{schema=\"8\"} {schema=0 zeroThreshold=2.9387358770557188E-39 zeroCount=0 " +
                "count=3 sum=3.003" + tail + "positive=[0:1,1:2]} type=histogram"),
            fixture("02_native_int_schemas.bin", new HistogramScrapeOptions(true, false, false, 0, 2)));
    }

    @Test
    void aGaugeHistogramStaysAGaugeWhenReduced()
    {
        assertEquals(List.of("HISTOGRAM demo_queue_item_age_seconds{} {schema=-4 zeroThreshold=0.0 zeroCount=0 " +
            "count=5 sum=17.5 hint=GAUGE negative=[] positive=[1:5]} type=gaugehistogram"),
            fixture("06_native_gauge_histogram.bin", new HistogramScrapeOptions(true, false, false, 0, 1e6)));
    }

    @Test
    void bucketsOutOfOrderAreSortedAndARepeatedBoundCountsOnce()
    {
        final byte[] body = histogram(classic(8, new double[] {2, 1, 2, 4, 3}, new long[] {5, 3, 9, 6, 6}));
        assertEquals(List.of("HISTOGRAM h{} {schema=-53 zeroThreshold=0.0 zeroCount=0 count=8 sum=3.5 hint=UNKNOWN " +
            "negative=[] positive=[0:3,1:2,2:1,3:0,4:2] customValues=1.0,2.0,3.0,4.0} type=histogram"),
            series(body, NHCB));
    }

    @Test
    void integerCustomBucketsKeepRunsOfUpToTwoEmptyBucketsInsideASpan()
    {
        final NativeHistogramView h = onlyHistogram(histogram(classic(3, new double[] {1, 2, 3, 4, 5, 6, 7},
            new long[] {1, 1, 1, 2, 2, 2, 2})), NHCB);
        assertEquals("{0,4} {3,1}", spans(h.positive()));
        assertEquals(5, h.positive().deltaCount());
        assertEquals(7, h.customValueCount());
        assertEquals(3, h.count());
    }

    @Test
    void fractionalCountsGiveAFloatHistogramWithoutEmptyBuckets()
    {
        final ProtoWriter message = new ProtoWriter().dbl(HISTOGRAM_COUNT_FLOAT, 2.5).dbl(HISTOGRAM_SUM, 1);
        final double[] cumulative = {0.5, 0.5, 0.5, 1.5, 1.5, 1.5, 1.5};
        for (int i = 0; i < cumulative.length; i++)
        {
            message.message(HISTOGRAM_BUCKET, new ProtoWriter().dbl(2, i + 1).dbl(4, cumulative[i]));
        }
        final NativeHistogramView h = onlyHistogram(histogram(message), NHCB);
        assertEquals("{schema=-53 zeroThreshold=0.0 zeroCount=0.0 count=2.5 sum=1.0 hint=UNKNOWN negative=[] " +
            "positive=[0:0.5,3:1.0,7:1.0] customValues=1.0,2.0,3.0,4.0,5.0,6.0,7.0}", EntryRenderer.histogram(h));
        assertEquals("{0,1} {2,1} {3,1}", spans(h.positive()));
    }

    @Test
    void customBucketsAreNeverReducedButCanFailTheBucketLimit()
    {
        final byte[] body = histogram(classic(6, new double[] {1, 2, 4}, new long[] {1, 3, 5}));
        assertEquals(series(body, NHCB), series(body, new HistogramScrapeOptions(false, false, true, 4, 65536)));
        assertEquals("custom-bucket histogram has 4 buckets, more than native_histogram_bucket_limit 3",
            failure(body, new HistogramScrapeOptions(false, false, true, 3, 0)));
    }

    @Test
    void classicBucketsThatCannotBecomeCustomBucketsFailTheScrape()
    {
        assertEquals("classic bucket bound NaN cannot become a custom bucket",
            failure(histogram(classic(2, new double[] {Double.NaN}, new long[] {1})), NHCB));
        assertEquals("histogram count 6.0 differs from the +Inf bucket's 5.0",
            failure(histogram(classic(6, new double[] {1, Double.POSITIVE_INFINITY}, new long[] {2, 5})), NHCB));
        assertEquals("classic bucket le=2.0 count 3.0 is not cumulative with its neighbours",
            failure(histogram(classic(6, new double[] {1, 2}, new long[] {5, 3})), NHCB));
        assertEquals("classic bucket le=1.0 has a negative count -1.0",
            failure(histogram(new ProtoWriter().message(HISTOGRAM_BUCKET, new ProtoWriter().dbl(2, 1).dbl(4, -1))),
                NHCB));
        assertEquals("histogram count -2.0 is negative",
            failure(histogram(new ProtoWriter().dbl(HISTOGRAM_COUNT_FLOAT, -2)), NHCB));
    }

    @Test
    void anIgnoredNativePartIsNotChecked()
    {
        final byte[] body = histogram(new ProtoWriter().varint(HISTOGRAM_COUNT, 1).signed(HISTOGRAM_SCHEMA, 9)
            .message(HISTOGRAM_POSITIVE_SPAN, span(0, 1)).signed(HISTOGRAM_POSITIVE_DELTA, 1));
        assertEquals(List.of("SAMPLE h_bucket{le=\"+Inf\"} 1.0 type=histogram", "SAMPLE h_sum{} 0.0 type=histogram",
            "SAMPLE h_count{} 1.0 type=histogram"), series(body, DEFAULTS));
        assertEquals("native histogram schema 9 outside -4..8", failure(body, NATIVE));
    }

    @Test
    void optionsCanBeReadBackAndNullGoesBackToReadingHistogramsAsTheyAre()
    {
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor();
        assertNull(cursor.histogramOptions());
        assertSame(cursor, cursor.histogramOptions(NATIVE));
        assertSame(NATIVE, cursor.histogramOptions());
        final byte[] body = Corpus.bytes(DIR + "05_native_and_classic.bin");
        cursor.histogramOptions(null).reset(body, 0, body.length);
        final List<String> lines = EntryRenderer.renderAll(cursor);
        assertEquals(concat(MIXED_NATIVE, MIXED_CLASSIC), lines.subList(2, lines.size()));
    }

    @Test
    void limitsMustNotBeNegative()
    {
        assertThrows(IllegalArgumentException.class, () -> new HistogramScrapeOptions(true, false, false, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new HistogramScrapeOptions(true, false, false, 0, -1));
        assertThrows(IllegalArgumentException.class,
            () -> new HistogramScrapeOptions(true, false, false, 0, Double.NaN));
        assertEquals(8, DEFAULTS.maxSchema());
        assertEquals(-1, new HistogramScrapeOptions(true, false, false, 0, 4).maxSchema());
    }
}
