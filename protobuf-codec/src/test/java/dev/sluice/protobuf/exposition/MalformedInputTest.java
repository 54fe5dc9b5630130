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
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_COUNT_FLOAT;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_NEGATIVE_COUNT;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_POSITIVE_DELTA;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_POSITIVE_SPAN;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_SCHEMA;
import static dev.sluice.protobuf.exposition.Families.HISTOGRAM_ZERO_COUNT;
import static dev.sluice.protobuf.exposition.Families.METRIC_GAUGE;
import static dev.sluice.protobuf.exposition.Families.METRIC_HISTOGRAM;
import static dev.sluice.protobuf.exposition.Families.METRIC_LABEL;
import static dev.sluice.protobuf.exposition.Families.METRIC_SUMMARY;
import static dev.sluice.protobuf.exposition.Families.SUMMARY;
import static dev.sluice.protobuf.exposition.Families.bucket;
import static dev.sluice.protobuf.exposition.Families.family;
import static dev.sluice.protobuf.exposition.Families.gauge;
import static dev.sluice.protobuf.exposition.Families.label;
import static dev.sluice.protobuf.exposition.Families.metric;
import static dev.sluice.protobuf.exposition.Families.span;
import static dev.sluice.protobuf.exposition.Families.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.ParseException;
import dev.sluice.protobuf.wire.LabelPairs;
import dev.sluice.protobuf.wire.WireInput;

/** Each malformed body with the exact reason and byte offset of its error, one case per line. */
class MalformedInputTest
{
    private static void f(final byte[] body, final String reason, final long offset)
    {
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor();
        cursor.reset(body, 0, body.length);
        final ParseException ex = assertThrows(ParseException.class, () ->
        {
            while (cursor.next() != EntryKind.END)
            {
                continue;
            }
        });
        assertEquals(reason, ex.reason());
        assertEquals(offset, ex.offset(), ex.getMessage());
        assertEquals(ExpositionFormat.PROTOBUF, ex.format());
        assertEquals(0, ex.line());
        assertEquals(EntryKind.END, cursor.next(), "the cursor stops after an error");
    }

    private static byte[] bytes(final int... values)
    {
        return new ProtoWriter().raw(values).toBytes();
    }

    private static byte[] histogram(final ProtoWriter histogram)
    {
        return ProtoWriter.stream(family("h", HISTOGRAM).message(FAMILY_METRIC,
            metric().message(METRIC_HISTOGRAM, histogram)));
    }

    /** A gauge family whose only metric carries the given labels. */
    private static byte[] labelled(final int type, final String... labels)
    {
        return ProtoWriter.stream(family("m", type).message(FAMILY_METRIC, metric(labels)));
    }

    @Test
    void wireFormatErrors()
    {
        f(bytes(0x80), "truncated varint", 1);
        f(bytes(0x05, 0x0A), "length 5 runs past the end of its message (1 bytes left)", 0);
        f(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01), "varint longer than 10 bytes", 0);
        f(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02), "varint overflows 64 bits", 9);
        f(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01), "negative length -1", 0);
        f(bytes(0x02, 0x0E, 0x00), "invalid wire type 6 of field 1", 1);
        f(bytes(0x02, 0x0F, 0x00), "invalid wire type 7 of field 1", 1);
        f(bytes(0x02, 0x00, 0x00), "invalid field number 0", 1);
        f(bytes(0x02, 0x08, 0x01), "MetricFamily field 1 has wire type 0, which its type does not allow", 1);
        f(bytes(0x01, 0x34), "end-group tag of field 6 without a group", 1);
        f(bytes(0x03, 0x33, 0x08, 0x01), "group of field 6 not closed before the end of its message", 4);
        f(bytes(0x02, 0x33, 0x3C), "end-group tag of field 7 closes the group of field 6", 2);
        f(bytes(0x04, 0x31, 0x01, 0x02, 0x03), "truncated 8-byte field", 2);
        f(bytes(0x03, 0x35, 0x01, 0x02), "truncated 4-byte field", 2);
        f(ProtoWriter.stream(family("g", GAUGE).message(FAMILY_METRIC, metric().message(METRIC_GAUGE,
            new ProtoWriter().varint(1, 4)))), "Gauge field 1 has wire type 0, which its type does not allow", 10);
    }

    @Test
    void groupsNestedTooDeeplyAreRejected()
    {
        final ProtoWriter groups = new ProtoWriter();
        for (int i = 0; i <= WireInput.MAX_GROUP_DEPTH; i++)
        {
            groups.tag(6, WireInput.START_GROUP);
        }
        f(groups.delimited(), "groups nested deeper than 64", 1 + WireInput.MAX_GROUP_DEPTH);
    }

    @Test
    void familyErrors()
    {
        f(ProtoWriter.stream(new ProtoWriter().message(FAMILY_METRIC, metric())), "metric family without a name", 1);
        f(ProtoWriter.stream(family("g", 6).message(FAMILY_METRIC, metric())), "unknown metric type 6", 4);
        f(ProtoWriter.stream(family("g", -1).message(FAMILY_METRIC, metric())), "unknown metric type -1", 4);
        f(ProtoWriter.stream(new ProtoWriter().bytes(FAMILY_NAME, new byte[] {'a', (byte)0xC3})
            .message(FAMILY_METRIC, metric())), "metric name is not valid UTF-8", 3);
        f(ProtoWriter.stream(gauge("g", 1).bytes(FAMILY_HELP, new byte[] {(byte)0xFF})),
            "help is not valid UTF-8", 21);
        f(ProtoWriter.stream(gauge("g_bytes", 1).string(FAMILY_UNIT, "seconds")),
            "unit is not a suffix of the metric name", 27);
        f(ProtoWriter.stream(gauge("bytes", 1).string(FAMILY_UNIT, "bytes")),
            "unit is not a suffix of the metric name", 25);
        f(ProtoWriter.stream(new ProtoWriter().string(FAMILY_NAME, "c_total").varint(FAMILY_TYPE, COUNTER)
            .string(FAMILY_UNIT, "total").message(FAMILY_METRIC, metric())), "unit is not a suffix of the metric name",
            14);
    }

    @Test
    void labelErrors()
    {
        f(labelled(GAUGE, "", "v"), "empty label name", 12);
        f(labelled(GAUGE, "__name__", "v"), "label __name__ in a label set", 12);
        f(labelled(GAUGE, "a", "1", "b", "2", "a", "3"), "duplicate label name", 28);
        f(labelled(HISTOGRAM, "le", "1"), "label le clashes with the label the series of this metric type carry", 12);
        f(ProtoWriter.stream(family("s", SUMMARY).message(FAMILY_METRIC, metric("quantile", "1")
            .message(METRIC_SUMMARY, new ProtoWriter().message(3, new ProtoWriter())))),
            "label quantile clashes with the label the series of this metric type carry", 12);
        f(ProtoWriter.stream(family("g", GAUGE).message(FAMILY_METRIC, metric()
            .message(METRIC_LABEL, label("a", "b").varint(2, 1)))),
            "LabelPair field 2 has wire type 0, which its type does not allow", 16);
    }

    @Test
    void tooManyLabelsAreRejected()
    {
        final String[] labels = new String[2 * (LabelPairs.MAX_LABELS + 1)];
        for (int i = 0; i < labels.length; i += 2)
        {
            labels[i] = "l" + i;
            labels[i + 1] = "";
        }
        final ParseException ex = assertThrows(ParseException.class, () -> ProtobufBodies.render(labelled(GAUGE,
            labels)));
        assertEquals("more than 1024 labels", ex.reason());
    }

    @Test
    void labelsMayRepeatAcrossMetricsAndLeIsFineOnANativeOnlyHistogram()
    {
        assertEquals(4, ProtobufBodies.render(ProtoWriter.stream(family("g", GAUGE)
            .message(FAMILY_METRIC, metric("a", "1").message(METRIC_GAUGE, value(1)))
            .message(FAMILY_METRIC, metric("a", "2").message(METRIC_GAUGE, value(2))),
            family("h", HISTOGRAM).message(FAMILY_METRIC, metric("le", "x")
                .message(METRIC_HISTOGRAM, new ProtoWriter().varint(HISTOGRAM_ZERO_COUNT, 1))))).size() - 1);
    }

    @Test
    void nativeHistogramErrors()
    {
        f(histogram(new ProtoWriter().message(HISTOGRAM_POSITIVE_SPAN, span(0, 3))
            .signed(HISTOGRAM_POSITIVE_DELTA, 1).signed(HISTOGRAM_POSITIVE_DELTA, 1)),
            "positive spans cover 3 buckets, but 2 deltas are given", 10);
        f(histogram(new ProtoWriter().dbl(HISTOGRAM_COUNT_FLOAT, 1).message(9, span(0, 1))),
            "negative spans cover 1 buckets, but 0 counts are given", 10);
        f(histogram(new ProtoWriter().dbl(HISTOGRAM_COUNT_FLOAT, 1).message(HISTOGRAM_POSITIVE_SPAN, span(0, 1))
            .signed(HISTOGRAM_POSITIVE_DELTA, 1)), "positive spans cover 1 buckets, but 0 counts are given", 10);
        f(histogram(new ProtoWriter().signed(HISTOGRAM_SCHEMA, 9).varint(HISTOGRAM_ZERO_COUNT, 1)),
            "native histogram schema 9 outside -4..8", 10);
        f(histogram(new ProtoWriter().signed(HISTOGRAM_SCHEMA, -53).varint(HISTOGRAM_ZERO_COUNT, 1)),
            "native histogram schema -53 outside -4..8", 10);
        f(histogram(new ProtoWriter().message(HISTOGRAM_POSITIVE_SPAN, span(0, Integer.MAX_VALUE))
            .message(HISTOGRAM_POSITIVE_SPAN, span(0, 1))), "spans cover more than 2147483647 buckets", 20);
        f(histogram(new ProtoWriter().message(HISTOGRAM_POSITIVE_SPAN, new ProtoWriter().varint(2, 0xFFFF_FFFFL))),
            "spans cover more than 2147483647 buckets", 10);
        f(histogram(new ProtoWriter().dbl(HISTOGRAM_COUNT_FLOAT, 1).tag(HISTOGRAM_NEGATIVE_COUNT,
            WireInput.LENGTH_DELIMITED).rawVarint(7).raw(new byte[7])),
            "packed doubles of 7 bytes, not a multiple of 8", 19);
        f(histogram(new ProtoWriter().message(HISTOGRAM_BUCKET, bucket(1, 1).varint(2, 1))),
            "Bucket field 2 has wire type 0, which its type does not allow", 23);
    }

    @Test
    void errorsAtTheEndOfLongDeltaAndCountListsPointAtTheirByte()
    {
        final ProtoWriter deltas = new ProtoWriter().message(HISTOGRAM_POSITIVE_SPAN, span(0, 40));
        final ProtoWriter counts = new ProtoWriter().dbl(HISTOGRAM_COUNT_FLOAT, 1);
        final long[] packed = new long[39];
        for (int i = 0; i < 39; i++)
        {
            deltas.signed(HISTOGRAM_POSITIVE_DELTA, 1000 * i);
            counts.dbl(HISTOGRAM_NEGATIVE_COUNT, i);
            packed[i] = -300 * i;
        }
        final byte[] truncatedDelta = histogram(deltas.tag(HISTOGRAM_POSITIVE_DELTA, WireInput.VARINT).raw(0x80));
        f(truncatedDelta, "truncated varint", truncatedDelta.length);
        final byte[] truncatedCount = histogram(counts.tag(HISTOGRAM_NEGATIVE_COUNT, WireInput.FIXED64).raw(1, 2, 3));
        f(truncatedCount, "truncated 8-byte field", truncatedCount.length - 3);
        final byte[] overlong = histogram(new ProtoWriter().packedSigned(HISTOGRAM_POSITIVE_DELTA, packed)
            .tag(HISTOGRAM_POSITIVE_DELTA, WireInput.VARINT)
            .raw(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
        f(overlong, "varint longer than 10 bytes", overlong.length - 11);
        final ProtoWriter overflowing = new ProtoWriter().rawVarint(Long.MAX_VALUE).raw(0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF, 0xFF, 0xFF, 0x02).rawVarint(1);
        final byte[] overflow = histogram(new ProtoWriter().tag(HISTOGRAM_POSITIVE_DELTA, WireInput.LENGTH_DELIMITED)
            .rawVarint(overflowing.toBytes().length).raw(overflowing.toBytes()));
        f(overflow, "varint overflows 64 bits", overflow.length - 2);
    }
}
