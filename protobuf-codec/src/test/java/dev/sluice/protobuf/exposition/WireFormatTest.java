package dev.sluice.protobuf.exposition;

import static dev.sluice.protobuf.exposition.Families.COUNTER;
import static dev.sluice.protobuf.exposition.Families.FAMILY_HELP;
import static dev.sluice.protobuf.exposition.Families.FAMILY_METRIC;
import static dev.sluice.protobuf.exposition.Families.FAMILY_NAME;
import static dev.sluice.protobuf.exposition.Families.FAMILY_TYPE;
import static dev.sluice.protobuf.exposition.Families.FAMILY_UNIT;
import static dev.sluice.protobuf.exposition.Families.GAUGE;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_BUCKET;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_COUNT;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_COUNT_FLOAT;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_EXEMPLARS;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_NEGATIVE_COUNT;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_NEGATIVE_SPAN;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_POSITIVE_DELTA;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_POSITIVE_SPAN;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_SCHEMA;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_SUM;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_ZERO_COUNT;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_ZERO_COUNT_FLOAT;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_ZERO_THRESHOLD;
import static dev.sluice.protobuf.exposition.Families.METRIC_COUNTER;
import static dev.sluice.protobuf.exposition.Families.METRIC_GAUGE;
import static dev.sluice.protobuf.exposition.Families.METRIC_HISTOGRAM;
import static dev.sluice.protobuf.exposition.Families.METRIC_LABEL;
import static dev.sluice.protobuf.exposition.Families.METRIC_SUMMARY;
import static dev.sluice.protobuf.exposition.Families.METRIC_TIMESTAMP;
import static dev.sluice.protobuf.exposition.Families.SUMMARY;
import static dev.sluice.protobuf.exposition.Families.UNTYPED;
import static dev.sluice.protobuf.exposition.Families.bucket;
import static dev.sluice.protobuf.exposition.Families.exemplar;
import static dev.sluice.protobuf.exposition.Families.family;
import static dev.sluice.protobuf.exposition.Families.gauge;
import static dev.sluice.protobuf.exposition.Families.label;
import static dev.sluice.protobuf.exposition.Families.metric;
import static dev.sluice.protobuf.exposition.Families.span;
import static dev.sluice.protobuf.exposition.Families.timestamp;
import static dev.sluice.protobuf.exposition.Families.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.EntryKind;
import dev.sluice.parser.EntryRenderer;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;
import dev.sluice.protobuf.wire.WireInput;

/** What the cursor accepts and how it maps messages to entries, on hand-made bodies, one case per line. */
class WireFormatTest
{
    private static final String ALL_FAMILIES = "generated/protobuf-exposition/all-families.bin";

    private static void f(final byte[] body, final String... expected)
    {
        assertEquals(List.of(expected), ProtobufBodies.render(body));
    }

    /** Unknown fields of every wire type, a group holding a nested group among them. */
    private static ProtoWriter withUnknownFields(final ProtoWriter message)
    {
        return message.varint(100, 7).fixed64(101, -1L).string(102, "x").fixed32(103, 9)
            .tag(104, WireInput.START_GROUP).varint(1, 1).tag(105, WireInput.START_GROUP).string(2, "y")
            .tag(105, WireInput.END_GROUP).tag(104, WireInput.END_GROUP);
    }

    @Test
    void gaugeCounterAndUntypedGiveOneSampleNamedAsTheFamily()
    {
        f(ProtoWriter.stream(gauge("g", 1.5, "a", "b"),
            family("c_total", COUNTER).message(FAMILY_METRIC, metric().message(METRIC_COUNTER, value(2))),
            family("u", UNTYPED).message(FAMILY_METRIC, metric().message(5, value(-0.5)))),
            "TYPE g gauge", "SAMPLE g{a=\"b\"} 1.5 type=gauge",
            "TYPE c_total counter", "SAMPLE c_total{} 2.0 type=counter",
            "TYPE u untyped", "SAMPLE u{} -0.5 type=untyped");
    }

    @Test
    void unknownFieldsOfEveryWireTypeAreSkippedAtEveryLevel()
    {
        final ProtoWriter body = withUnknownFields(family("g", GAUGE).string(FAMILY_HELP, "h"))
            .message(FAMILY_METRIC, withUnknownFields(new ProtoWriter()
                .message(METRIC_LABEL, withUnknownFields(label("a", "b")))
                .message(METRIC_GAUGE, withUnknownFields(value(3)))));
        f(ProtoWriter.stream(body), "HELP g h", "TYPE g gauge", "SAMPLE g{a=\"b\"} 3.0 type=gauge");
    }

    @Test
    void fieldsMayComeInAnyOrder()
    {
        final ProtoWriter metric = new ProtoWriter().varint(METRIC_TIMESTAMP, 5).message(METRIC_GAUGE, value(1))
            .message(METRIC_LABEL, new ProtoWriter().string(2, "v").string(1, "n"));
        final ProtoWriter body = new ProtoWriter().message(FAMILY_METRIC, metric).varint(FAMILY_TYPE, GAUGE)
            .string(FAMILY_UNIT, "bytes").string(FAMILY_HELP, "h").string(FAMILY_NAME, "g_bytes");
        f(ProtoWriter.stream(body),
            "HELP g_bytes h", "UNIT g_bytes bytes", "TYPE g_bytes gauge", "SAMPLE g_bytes{n=\"v\"} 1.0 @5 type=gauge");
    }

    @Test
    void aScalarGivenTwiceTakesTheLastValue()
    {
        final ProtoWriter body = family("first", COUNTER).string(FAMILY_NAME, "g").varint(FAMILY_TYPE, GAUGE)
            .message(FAMILY_METRIC, metric().message(METRIC_GAUGE, value(1).dbl(1, 2)));
        f(ProtoWriter.stream(body), "TYPE g gauge", "SAMPLE g{} 2.0 type=gauge");
    }

    @Test
    void familiesWithoutMetricsGiveNoEntries()
    {
        final byte[] body = ProtoWriter.stream(new ProtoWriter(), family("empty", GAUGE).string(FAMILY_HELP, "h"),
            gauge("g", 1));
        f(body, "TYPE g gauge", "SAMPLE g{} 1.0 type=gauge");
    }

    @Test
    void anEmptyBodyHasNoEntries()
    {
        f(new byte[0]);
    }

    @Test
    void aFamilyWithoutTypeIsACounterAndAMetricWithoutValueIsZero()
    {
        final ProtoWriter body = new ProtoWriter().string(FAMILY_NAME, "c").message(FAMILY_METRIC, metric("a", "b")
            .message(METRIC_GAUGE, value(9)));
        f(ProtoWriter.stream(body), "TYPE c counter", "SAMPLE c{a=\"b\"} 0.0 type=counter");
    }

    @Test
    void timestampZeroMeansNoTimestampAsInPrometheus()
    {
        f(ProtoWriter.stream(family("g", GAUGE)
            .message(FAMILY_METRIC, metric().message(METRIC_GAUGE, value(1)).varint(METRIC_TIMESTAMP, 0))
            .message(FAMILY_METRIC, metric().message(METRIC_GAUGE, value(2)).varint(METRIC_TIMESTAMP, -5))),
            "TYPE g gauge", "SAMPLE g{} 1.0 type=gauge", "SAMPLE g{} 2.0 @-5 type=gauge");
    }

    @Test
    void unitMayPrecedeTotalOfACounter()
    {
        f(ProtoWriter.stream(family("x_seconds_total", COUNTER).string(FAMILY_UNIT, "seconds")
            .message(FAMILY_METRIC, metric().message(METRIC_COUNTER, value(1)))),
            "UNIT x_seconds_total seconds", "TYPE x_seconds_total counter",
            "SAMPLE x_seconds_total{} 1.0 type=counter");
    }

    @Test
    void summaryGivesQuantilesInFloatFormThenSumAndCount()
    {
        final ProtoWriter summary = new ProtoWriter().varint(1, 3).dbl(2, 1.25)
            .message(3, new ProtoWriter().dbl(1, 1).dbl(2, 0.5)).message(3, new ProtoWriter().dbl(1, 0).dbl(2, 0.1))
            .message(4, timestamp(10, 2_000_000));
        f(ProtoWriter.stream(family("s", SUMMARY).message(FAMILY_METRIC, metric("a", "b")
            .message(METRIC_SUMMARY, summary))),
            "TYPE s summary",
            "SAMPLE s{a=\"b\",quantile=\"1.0\"} 0.5 created=10002 type=summary",
            "SAMPLE s{a=\"b\",quantile=\"0.0\"} 0.1 created=10002 type=summary",
            "SAMPLE s_sum{a=\"b\"} 1.25 created=10002 type=summary",
            "SAMPLE s_count{a=\"b\"} 3.0 created=10002 type=summary");
    }

    @Test
    void summaryWithoutQuantilesGivesSumAndCount()
    {
        f(ProtoWriter.stream(family("s", SUMMARY).message(FAMILY_METRIC, metric()
            .message(METRIC_SUMMARY, new ProtoWriter().varint(1, 1)))),
            "TYPE s summary", "SAMPLE s_sum{} 0.0 type=summary", "SAMPLE s_count{} 1.0 type=summary");
    }

    @Test
    void classicHistogramWithoutBucketsStillHasTheInfBucket()
    {
        f(ProtoWriter.stream(family("h", HISTOGRAM).message(FAMILY_METRIC, metric()
            .message(METRIC_HISTOGRAM, new ProtoWriter().varint(HISTOGRAM_COUNT, 4).dbl(HISTOGRAM_SUM, 2)))),
            "TYPE h histogram",
            "SAMPLE h_bucket{le=\"+Inf\"} 4.0 type=histogram",
            "SAMPLE h_sum{} 2.0 type=histogram",
            "SAMPLE h_count{} 4.0 type=histogram");
    }

    @Test
    void bucketsAfterTheInfBucketAreIgnoredAndFloatCountsWin()
    {
        final ProtoWriter histogram = new ProtoWriter().varint(HISTOGRAM_COUNT, 1).dbl(HISTOGRAM_COUNT_FLOAT, 2.5)
            .message(HISTOGRAM_BUCKET, bucket(1e6, 1).dbl(4, 1.5))
            .message(HISTOGRAM_BUCKET, bucket(Double.POSITIVE_INFINITY, 1).dbl(4, 2.5))
            .message(HISTOGRAM_BUCKET, bucket(1e7, 9));
        f(ProtoWriter.stream(family("h", HISTOGRAM).message(FAMILY_METRIC, metric()
            .message(METRIC_HISTOGRAM, histogram))),
            "TYPE h histogram",
            "SAMPLE h_bucket{le=\"1e+06\"} 1.5 type=histogram",
            "SAMPLE h_bucket{le=\"+Inf\"} 2.5 type=histogram",
            "SAMPLE h_sum{} 0.0 type=histogram",
            "SAMPLE h_count{} 2.5 type=histogram");
    }

    @Test
    void unsignedCountsAbove2To63AreConvertedAsUnsigned()
    {
        f(ProtoWriter.stream(family("s", SUMMARY).message(FAMILY_METRIC, metric()
            .message(METRIC_SUMMARY, new ProtoWriter().varint(1, -1L)))),
            "TYPE s summary", "SAMPLE s_sum{} 0.0 type=summary", "SAMPLE s_count{} 1.8446744073709552E19 type=summary");
    }

    @Test
    void nativeIsDecidedFromContentAsPrometheusDoes()
    {
        final String classic = "SAMPLE h_bucket{le=\"+Inf\"} 0.0 type=histogram";
        nativeOrClassic(new ProtoWriter().dbl(HISTOGRAM_ZERO_THRESHOLD, 1e-3), true);
        nativeOrClassic(new ProtoWriter().varint(HISTOGRAM_ZERO_COUNT, 1), true);
        nativeOrClassic(new ProtoWriter().message(HISTOGRAM_NEGATIVE_SPAN, span(0, 0)), true);
        nativeOrClassic(new ProtoWriter().message(HISTOGRAM_POSITIVE_SPAN, new ProtoWriter()), true);
        nativeOrClassic(new ProtoWriter().varint(HISTOGRAM_SCHEMA, 6).dbl(HISTOGRAM_ZERO_COUNT_FLOAT, 2), false);
        assertEquals(classic, ProtobufBodies.render(histogramBody(new ProtoWriter().signed(HISTOGRAM_SCHEMA, 3)))
            .get(1));
    }

    private static void nativeOrClassic(final ProtoWriter histogram, final boolean isNative)
    {
        final List<String> lines = ProtobufBodies.render(histogramBody(histogram));
        assertEquals(isNative ? EntryKind.HISTOGRAM.name() : EntryKind.SAMPLE.name(), lines.get(1).split(" ")[0]);
        assertEquals(isNative ? 2 : 4, lines.size());
    }

    private static byte[] histogramBody(final ProtoWriter histogram)
    {
        return ProtoWriter.stream(family("h", HISTOGRAM)
            .message(FAMILY_METRIC, metric().message(METRIC_HISTOGRAM, histogram)));
    }

    @Test
    void packedAndUnpackedRepeatedFieldsMayBeMixed()
    {
        final ProtoWriter split = new ProtoWriter().varint(HISTOGRAM_COUNT, 6).signed(HISTOGRAM_SCHEMA, -1)
            .message(HISTOGRAM_POSITIVE_SPAN, span(-1, 2)).signed(HISTOGRAM_POSITIVE_DELTA, 1)
            .message(HISTOGRAM_POSITIVE_SPAN, span(3, 2)).packedSigned(HISTOGRAM_POSITIVE_DELTA, 1, -1)
            .signed(HISTOGRAM_POSITIVE_DELTA, 2)
            .dbl(HISTOGRAM_NEGATIVE_COUNT, 7);
        final ProtoWriter packed = new ProtoWriter().varint(HISTOGRAM_COUNT, 6).signed(HISTOGRAM_SCHEMA, -1)
            .message(HISTOGRAM_POSITIVE_SPAN, span(-1, 2)).message(HISTOGRAM_POSITIVE_SPAN, span(3, 2))
            .packedSigned(HISTOGRAM_POSITIVE_DELTA, 1, 1, -1, 2);
        final String expected = "HISTOGRAM h{} {schema=-1 zeroThreshold=0.0 zeroCount=0 count=6 sum=0.0 " +
            "hint=UNKNOWN negative=[] positive=[-1:1,0:2,4:1,5:3]} type=histogram";
        assertEquals(expected, ProtobufBodies.render(histogramBody(split)).get(1));
        assertEquals(expected, ProtobufBodies.render(histogramBody(packed)).get(1));
    }

    @Test
    void floatHistogramListsAbsoluteCountsPackedOrNot()
    {
        final ProtoWriter histogram = new ProtoWriter().dbl(HISTOGRAM_COUNT_FLOAT, 4.5)
            .message(HISTOGRAM_NEGATIVE_SPAN, span(2, 3)).dbl(HISTOGRAM_NEGATIVE_COUNT, 1)
            .packedDoubles(HISTOGRAM_NEGATIVE_COUNT, 0.5, 3);
        f(histogramBody(histogram), "TYPE h histogram", "HISTOGRAM h{} {schema=0 zeroThreshold=0.0 zeroCount=0.0 " +
            "count=4.5 sum=0.0 hint=UNKNOWN negative=[2:1.0,3:0.5,4:3.0] positive=[]} type=histogram");
    }

    @Test
    void longDeltaAndCountListsDecodeAlikeUnpackedPackedSplitAndOffHeap()
    {
        final int n = 1_000;
        final long[] deltas = new long[n];
        final double[] counts = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Every varint length from 1 to 10 bytes, both signs, and the extremes.
            final long magnitude = 1L << (i * 7 % 63);
            final long signed = i % 2 == 0 ? magnitude : -magnitude;
            deltas[i] = i % 97 == 0 ? Long.MIN_VALUE : i % 89 == 0 ? Long.MAX_VALUE : signed;
            counts[i] = i * 0.5;
        }
        final ProtoWriter unpacked = nativeLists(deltas, 0, n, false);
        final ProtoWriter packed = nativeLists(deltas, 0, n, true);
        final ProtoWriter split = nativeLists(deltas, 0, 300, false).dbl(HISTOGRAM_SUM, 2)
            .raw(nativeLists(deltas, 300, 700, true).toBytes()).raw(nativeLists(deltas, 700, n, false).toBytes());
        final ProtoWriter floats = new ProtoWriter().dbl(HISTOGRAM_COUNT_FLOAT, 1)
            .message(HISTOGRAM_NEGATIVE_SPAN, span(0, n)).packedDoubles(HISTOGRAM_NEGATIVE_COUNT,
                Arrays.copyOfRange(counts, 0, 400));
        for (int i = 400; i < n; i++)
        {
            floats.dbl(HISTOGRAM_NEGATIVE_COUNT, counts[i]);
        }
        for (final ProtoWriter histogram : List.of(unpacked, packed, split))
        {
            for (final NativeHistogramView view : decodedHistograms(histogramBody(histogram)))
            {
                final NativeHistogramView.Buckets positive = view.positive();
                assertEquals(n, positive.deltaCount());
                for (int i = 0; i < n; i++)
                {
                    assertEquals(deltas[i], positive.delta(i), "delta " + i);
                }
            }
        }
        for (final NativeHistogramView view : decodedHistograms(histogramBody(floats)))
        {
            final NativeHistogramView.Buckets negative = view.negative();
            assertEquals(n, negative.floatBucketCount());
            for (int i = 0; i < n; i++)
            {
                assertEquals(counts[i], negative.floatBucket(i), "count " + i);
            }
        }
    }

    /** A span over {@code deltas[from, to)} and those deltas, packed or one field each. */
    private static ProtoWriter nativeLists(final long[] deltas, final int from, final int to, final boolean packed)
    {
        final ProtoWriter histogram = new ProtoWriter().message(HISTOGRAM_POSITIVE_SPAN, span(0, to - from));
        if (packed)
        {
            return histogram.packedSigned(HISTOGRAM_POSITIVE_DELTA, Arrays.copyOfRange(deltas, from, to));
        }
        for (int i = from; i < to; i++)
        {
            histogram.signed(HISTOGRAM_POSITIVE_DELTA, deltas[i]);
        }
        return histogram;
    }

    /** The histogram of a body with one, decoded from the array and from off-heap memory at an offset. */
    private static List<NativeHistogramView> decodedHistograms(final byte[] body)
    {
        final ByteBuffer direct = ByteBuffer.allocateDirect(body.length + 5);
        direct.position(5);
        direct.put(body);
        final ProtobufExpositionCursor heap = new ProtobufExpositionCursor();
        final ProtobufExpositionCursor offHeap = new ProtobufExpositionCursor();
        heap.reset(body, 0, body.length);
        offHeap.reset(new UnsafeBuffer(direct), 5, body.length);
        return List.of(firstHistogram(heap), firstHistogram(offHeap));
    }

    private static NativeHistogramView firstHistogram(final ProtobufExpositionCursor cursor)
    {
        EntryKind kind;
        do
        {
            kind = cursor.next();
        }
        while (kind != EntryKind.HISTOGRAM);
        return cursor.histogram(new NativeHistogramView());
    }

    @Test
    void nativeHistogramViewKeepsTheSpansAsWritten()
    {
        final byte[] body = Corpus.bytes("generated/protobuf-exposition/01_native_int_schema0.bin");
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor();
        cursor.reset(body, 0, body.length);
        EntryKind kind;
        do
        {
            kind = cursor.next();
        }
        while (kind != EntryKind.HISTOGRAM);
        final NativeHistogramView view = cursor.histogram(new NativeHistogramView());
        final NativeHistogramView.Buckets positive = view.positive();
        assertEquals(2, positive.spanCount());
        assertArrayEquals(new int[] {-2, 3, 2, 2},
            new int[] {positive.spanOffset(0), positive.spanLength(0), positive.spanOffset(1), positive.spanLength(1)});
        assertEquals(5, positive.deltaCount());
        assertArrayEquals(new long[] {3, -1, 4, -5, 2},
            new long[] {positive.delta(0), positive.delta(1), positive.delta(2), positive.delta(3), positive.delta(4)});
        assertEquals(0, positive.floatBucketCount());
        assertEquals(2, view.negative().bucketCount());
        assertEquals(4, view.zeroCount());
        assertFalse(view.isFloat());
        assertEquals(EntryKind.END, cursor.next());
        assertEquals(0, cursor.histogram(view).positive().spanCount());
    }

    @Test
    void nativeHistogramTakesItsClassicBucketsExemplarsWhenItHasNone()
    {
        final ProtoWriter histogram = new ProtoWriter().varint(HISTOGRAM_ZERO_COUNT, 2).varint(HISTOGRAM_COUNT, 2)
            .message(HISTOGRAM_BUCKET, bucket(1, 1).message(3, exemplar(0.5, "t", "1")))
            .message(HISTOGRAM_BUCKET, bucket(2, 2).message(3, exemplar(1.5, "t", "2")));
        f(histogramBody(histogram), "TYPE h histogram",
            "HISTOGRAM h{} {schema=0 zeroThreshold=0.0 zeroCount=2 count=2 sum=0.0 hint=UNKNOWN negative=[] " +
                "positive=[]} # {t=\"1\"} 0.5 # {t=\"2\"} 1.5 type=histogram",
            "SAMPLE h_bucket{le=\"1.0\"} 1.0 # {t=\"1\"} 0.5 type=histogram",
            "SAMPLE h_bucket{le=\"2.0\"} 2.0 # {t=\"2\"} 1.5 type=histogram",
            "SAMPLE h_bucket{le=\"+Inf\"} 2.0 type=histogram",
            "SAMPLE h_sum{} 0.0 type=histogram",
            "SAMPLE h_count{} 2.0 type=histogram");
    }

    @Test
    void ownExemplarsOfANativeHistogramAreSelectedByIndex()
    {
        final ProtoWriter histogram = new ProtoWriter().varint(HISTOGRAM_ZERO_COUNT, 1)
            .message(HISTOGRAM_EXEMPLARS, exemplar(1, "a", "x").message(3, timestamp(2, 0)))
            .message(HISTOGRAM_EXEMPLARS, exemplar(3))
            .message(HISTOGRAM_BUCKET, bucket(1, 1).message(3, exemplar(9)));
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor();
        final byte[] body = histogramBody(histogram);
        cursor.reset(body, 0, body.length);
        assertEquals(EntryKind.TYPE, cursor.next());
        assertEquals(EntryKind.HISTOGRAM, cursor.next());
        final TextView view = new TextView();
        assertEquals(2, cursor.exemplarCount());
        assertEquals("a=x 1.0 @2000", cursor.exemplarLabelName(0, view) + "=" +
            cursor.exemplarLabelValue(0, new TextView()) + " " + cursor.exemplarValue() + " @" +
            cursor.exemplarTimestampMs());
        assertTrue(cursor.selectExemplar(1));
        assertEquals(0, cursor.exemplarLabelCount());
        assertEquals(3.0, cursor.exemplarValue());
        assertFalse(cursor.exemplarHasTimestamp());
        assertFalse(cursor.selectExemplar(2));
        assertFalse(cursor.selectExemplar(-1));
        assertEquals(EntryKind.SAMPLE, cursor.next());
        assertEquals(1, cursor.exemplarCount());
        assertEquals(9.0, cursor.exemplarValue());
    }

    @Test
    void reservedLabelValuesAreFormattedOnlyOnRead()
    {
        final byte[] body = histogramBody(new ProtoWriter().message(HISTOGRAM_BUCKET, bucket(0.25, 1))
            .message(HISTOGRAM_BUCKET, bucket(100000, 1)));
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor();
        cursor.reset(body, 0, body.length);
        cursor.next();
        cursor.next();
        cursor.next();
        final TextView view = new TextView();
        assertEquals(1, cursor.labelCount());
        assertEquals("le", cursor.labelName(0, view).toString());
        assertEquals("100000.0", cursor.labelValue(0, view).toString());
        assertEquals("100000.0", cursor.labelValue(0, view).toString());
    }

    @Test
    void seriesBytesAreTheLabelFieldsOfTheMetric()
    {
        final ProtoWriter labels = new ProtoWriter().message(METRIC_LABEL, label("a", "1"))
            .message(METRIC_LABEL, label("b", "2"));
        final byte[] labelBytes = labels.toBytes();
        final byte[] body = ProtoWriter.stream(family("g", GAUGE).message(FAMILY_METRIC,
            new ProtoWriter().raw(labelBytes).message(METRIC_GAUGE, value(1))));
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor();
        cursor.reset(body, 0, body.length);
        assertEquals(EntryKind.TYPE, cursor.next());
        assertEquals(0, cursor.seriesLength());
        assertEquals(EntryKind.SAMPLE, cursor.next());
        assertArrayEquals(labelBytes,
            Arrays.copyOfRange(body, cursor.seriesOffset(), cursor.seriesOffset() + cursor.seriesLength()));
    }

    @Test
    void offHeapBodyAtAnOffsetDecodesLikeTheArray()
    {
        final byte[] body = Corpus.bytes(ALL_FAMILIES);
        final ByteBuffer direct = ByteBuffer.allocateDirect(body.length + 20);
        direct.position(7);
        direct.put(body);
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor();
        cursor.reset(new UnsafeBuffer(direct), 7, body.length);
        assertEquals(ProtobufBodies.render(body), EntryRenderer.renderAll(cursor));
    }

    @Test
    void aCursorIsReusableAcrossBodies()
    {
        final byte[] first = Corpus.bytes(ALL_FAMILIES);
        final byte[] second = Corpus.bytes("real-world/dd-agent/protobuf.bin");
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor();
        cursor.reset(first, 0, first.length);
        cursor.next();
        cursor.next();
        cursor.reset(second, 0, second.length);
        assertEquals(ProtobufBodies.render(second), EntryRenderer.renderAll(cursor));
        assertEquals(EntryKind.END, cursor.next());
    }

    @Test
    void metricCursorsFindsTheProtobufCursor()
    {
        assertInstanceOf(ProtobufExpositionCursor.class, MetricCursors.create(ExpositionFormat.PROTOBUF));
        assertEquals(ExpositionFormat.PROTOBUF, MetricCursors.create(ExpositionFormat.PROTOBUF).format());
    }
}
