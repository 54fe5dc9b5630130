package dev.sluice.protobuf.remote;

import static dev.sluice.protobuf.wire.WireInput.FIXED64;
import static dev.sluice.protobuf.wire.WireInput.LENGTH_DELIMITED;
import static dev.sluice.protobuf.wire.WireInput.TAG_SHIFT;
import static dev.sluice.protobuf.wire.WireInput.VARINT;

import org.agrona.MutableDirectBuffer;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.protobuf.wire.WireOutput;

/**
 * Writes the {@code Sample} and {@code Histogram} messages and the value and timestamp of {@code Exemplar}, which
 * Remote Write 1.0 and 2.0 lay out alike (2.0 only adds a start timestamp, field 3 of {@code Sample} and 17 of
 * {@code Histogram}; 1.0 callers pass 0, which proto3 leaves out). Fields are written in ascending order and, as
 * proto3 does, left out when zero: a double when all its bits are 0 (so -0.0 and every NaN are written, bit-exact),
 * an integer or enum when 0. The two {@code oneof} counts are written when they apply even if 0, so that a receiver
 * can tell a float histogram from an integer one; the zero-bucket count, also a {@code oneof}, is left out when 0,
 * which reads back the same.
 */
final class PointOutput
{
    static final int SAMPLE_VALUE = 1 << TAG_SHIFT | FIXED64;
    static final int SAMPLE_TIMESTAMP = 2 << TAG_SHIFT | VARINT;
    static final int SAMPLE_START_TIMESTAMP = 3 << TAG_SHIFT | VARINT;

    static final int COUNT_INT = 1 << TAG_SHIFT | VARINT;
    static final int COUNT_FLOAT = 2 << TAG_SHIFT | FIXED64;
    static final int SUM = 3 << TAG_SHIFT | FIXED64;
    static final int SCHEMA = 4 << TAG_SHIFT | VARINT;
    static final int ZERO_THRESHOLD = 5 << TAG_SHIFT | FIXED64;
    static final int ZERO_COUNT_INT = 6 << TAG_SHIFT | VARINT;
    static final int ZERO_COUNT_FLOAT = 7 << TAG_SHIFT | FIXED64;
    static final int NEGATIVE_SPANS = 8 << TAG_SHIFT | LENGTH_DELIMITED;
    static final int NEGATIVE_DELTAS = 9 << TAG_SHIFT | LENGTH_DELIMITED;
    static final int NEGATIVE_COUNTS = 10 << TAG_SHIFT | LENGTH_DELIMITED;
    static final int POSITIVE_SPANS = 11 << TAG_SHIFT | LENGTH_DELIMITED;
    static final int POSITIVE_DELTAS = 12 << TAG_SHIFT | LENGTH_DELIMITED;
    static final int POSITIVE_COUNTS = 13 << TAG_SHIFT | LENGTH_DELIMITED;
    static final int RESET_HINT = 14 << TAG_SHIFT | VARINT;
    static final int TIMESTAMP = 15 << TAG_SHIFT | VARINT;
    static final int CUSTOM_VALUES = 16 << TAG_SHIFT | LENGTH_DELIMITED;
    static final int START_TIMESTAMP = 17 << TAG_SHIFT | VARINT;

    static final int SPAN_OFFSET = 1 << TAG_SHIFT | VARINT;
    static final int SPAN_LENGTH = 2 << TAG_SHIFT | VARINT;

    static final int EXEMPLAR_VALUE = 2 << TAG_SHIFT | FIXED64;
    static final int EXEMPLAR_TIMESTAMP = 3 << TAG_SHIFT | VARINT;

    private PointOutput()
    {
    }

    /**
     * Writes a {@code Sample} field.
     *
     * @param buffer           where to write.
     * @param index            where the field starts.
     * @param tag              the tag of the field holding the sample.
     * @param value            the value, bits kept.
     * @param timestampMs      milliseconds since the epoch.
     * @param startTimestampMs start timestamp (2.0 only), 0 for none.
     * @return the index after the field.
     */
    static int writeSample(
        final MutableDirectBuffer buffer,
        final int index,
        final int tag,
        final double value,
        final long timestampMs,
        final long startTimestampMs)
    {
        final long bits = Double.doubleToRawLongBits(value);
        final int size = (bits != 0 ? 1 + Long.BYTES : 0) + varintFieldSize(timestampMs) +
            varintFieldSize(startTimestampMs);
        int p = WireOutput.putVarint(buffer, WireOutput.putVarint(buffer, index, tag), size);
        if (bits != 0)
        {
            p = WireOutput.putFixed64(buffer, WireOutput.putVarint(buffer, p, SAMPLE_VALUE), bits);
        }
        p = putNonZero(buffer, p, SAMPLE_TIMESTAMP, timestampMs);
        return putNonZero(buffer, p, SAMPLE_START_TIMESTAMP, startTimestampMs);
    }

    /**
     * Writes a {@code Histogram} field from a view: the counts that apply to its kind (integer: {@code count_int},
     * {@code zero_count_int} and the deltas; float: {@code count_float}, {@code zero_count_float} and the float
     * counts), schema, zero threshold, sum, spans, reset hint, custom values, timestamps.
     *
     * @param buffer           where to write.
     * @param index            where the field starts.
     * @param tag              the tag of the field holding the histogram.
     * @param histogram        the histogram.
     * @param timestampMs      milliseconds since the epoch.
     * @param startTimestampMs start timestamp (2.0 only), 0 for none.
     * @return the index after the field.
     */
    static int writeHistogram(
        final MutableDirectBuffer buffer,
        final int index,
        final int tag,
        final NativeHistogramView histogram,
        final long timestampMs,
        final long startTimestampMs)
    {
        final NativeHistogramView h = histogram;
        final boolean isFloat = h.isFloat();
        final int start = WireOutput.openMessage(buffer, index, tag);
        int p = start;
        if (isFloat)
        {
            p = WireOutput.putDoubleField(buffer, p, COUNT_FLOAT, h.floatCount());
        }
        else
        {
            p = WireOutput.putVarintField(buffer, p, COUNT_INT, h.count());
        }
        p = putNonZero(buffer, p, SUM, h.sum());
        p = putNonZero(buffer, p, SCHEMA, WireOutput.zigzag32(h.schema()));
        p = putNonZero(buffer, p, ZERO_THRESHOLD, h.zeroThreshold());
        p = isFloat ? putNonZero(buffer, p, ZERO_COUNT_FLOAT, h.floatZeroCount()) :
            putNonZero(buffer, p, ZERO_COUNT_INT, h.zeroCount());
        p = writeSide(buffer, p, h.negative(), isFloat, NEGATIVE_SPANS, NEGATIVE_DELTAS, NEGATIVE_COUNTS);
        p = writeSide(buffer, p, h.positive(), isFloat, POSITIVE_SPANS, POSITIVE_DELTAS, POSITIVE_COUNTS);
        p = putNonZero(buffer, p, RESET_HINT, h.resetHint().ordinal());
        p = putNonZero(buffer, p, TIMESTAMP, timestampMs);
        final int customValueCount = h.customValueCount();
        if (customValueCount > 0)
        {
            p = WireOutput.putVarint(buffer, WireOutput.putVarint(buffer, p, CUSTOM_VALUES),
                customValueCount * Double.BYTES);
            for (int i = 0; i < customValueCount; i++)
            {
                p = WireOutput.putFixed64(buffer, p, Double.doubleToRawLongBits(h.customValue(i)));
            }
        }
        p = putNonZero(buffer, p, START_TIMESTAMP, startTimestampMs);
        return WireOutput.closeMessage(buffer, start, p);
    }

    private static int writeSide(
        final MutableDirectBuffer buffer,
        final int index,
        final NativeHistogramView.Buckets side,
        final boolean isFloat,
        final int spansTag,
        final int deltasTag,
        final int countsTag)
    {
        int p = index;
        for (int i = 0, n = side.spanCount(); i < n; i++)
        {
            final long offset = WireOutput.zigzag32(side.spanOffset(i));
            final long length = side.spanLength(i) & 0xFFFF_FFFFL;
            p = WireOutput.putVarint(buffer, WireOutput.putVarint(buffer, p, spansTag),
                varintFieldSize(offset) + varintFieldSize(length));
            p = putNonZero(buffer, p, SPAN_OFFSET, offset);
            p = putNonZero(buffer, p, SPAN_LENGTH, length);
        }
        if (!isFloat && side.deltaCount() > 0)
        {
            int size = 0;
            for (int i = 0, n = side.deltaCount(); i < n; i++)
            {
                size += WireOutput.varintSize(WireOutput.zigzag64(side.delta(i)));
            }
            p = WireOutput.putVarint(buffer, WireOutput.putVarint(buffer, p, deltasTag), size);
            for (int i = 0, n = side.deltaCount(); i < n; i++)
            {
                p = WireOutput.putVarint(buffer, p, WireOutput.zigzag64(side.delta(i)));
            }
        }
        if (isFloat && side.floatBucketCount() > 0)
        {
            final int n = side.floatBucketCount();
            p = WireOutput.putVarint(buffer, WireOutput.putVarint(buffer, p, countsTag), n * Double.BYTES);
            for (int i = 0; i < n; i++)
            {
                p = WireOutput.putFixed64(buffer, p, Double.doubleToRawLongBits(side.floatBucket(i)));
            }
        }
        return p;
    }

    /**
     * Size of the value and timestamp fields of an {@code Exemplar}.
     *
     * @param value       the value, left out when all its bits are 0.
     * @param timestampMs milliseconds since the epoch, left out when 0.
     * @return the size in bytes.
     */
    static int exemplarPointSize(final double value, final long timestampMs)
    {
        return (Double.doubleToRawLongBits(value) != 0 ? 1 + Double.BYTES : 0) + varintFieldSize(timestampMs);
    }

    /**
     * Writes the value and timestamp fields of an {@code Exemplar}, after its labels.
     *
     * @param buffer      where to write.
     * @param index       where the fields start.
     * @param value       the value, bits kept; left out when all its bits are 0.
     * @param timestampMs milliseconds since the epoch; left out when 0.
     * @return the index after the fields.
     */
    static int writeExemplarPoint(
        final MutableDirectBuffer buffer, final int index, final double value, final long timestampMs)
    {
        return putNonZero(buffer, putNonZero(buffer, index, EXEMPLAR_VALUE, value), EXEMPLAR_TIMESTAMP, timestampMs);
    }

    /** Size of a varint field with a one-byte tag, 0 when the value is 0 and the field is left out. */
    static int varintFieldSize(final long value)
    {
        return value != 0 ? 1 + WireOutput.varintSize(value) : 0;
    }

    /** Writes a varint field unless its value is 0. */
    static int putNonZero(final MutableDirectBuffer buffer, final int index, final int tag, final long value)
    {
        return value != 0 ? WireOutput.putVarintField(buffer, index, tag, value) : index;
    }

    /** Writes a double field unless all its bits are 0. */
    static int putNonZero(final MutableDirectBuffer buffer, final int index, final int tag, final double value)
    {
        return Double.doubleToRawLongBits(value) != 0 ? WireOutput.putDoubleField(buffer, index, tag, value) : index;
    }
}
