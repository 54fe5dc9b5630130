package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

import dev.sluice.parser.NativeHistogramView;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The native histogram part of a {@link RecordType#HISTOGRAM} record, also the form a worker stages a histogram in
 * and hands to its {@link dev.sluice.pipeline.worker.SampleSink}: every field of a {@link NativeHistogramView},
 * self-contained (no offset points outside it). Little-endian, offsets from the payload's start; the payload follows
 * the label bytes, so it has no alignment.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |   Count (unsigned integer, or double bits with FLAG_FLOAT)    |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |  Zero Count (unsigned integer, or double bits with FLAG_FLOAT)|
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                       Sum (double bits)                       |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Zero Threshold (double bits)                 |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |         Schema (-4..8 exponential, -53 custom buckets)        |
 *  +---------------------------------------------------------------+
 *  |    Reset Hint (0 unknown, 1 yes, 2 no, 3 gauge, as in RW)     |
 *  +---------------------------------------------------------------+
 *  |                  Payload Flags (FLAG_FLOAT)                   |
 *  +---------------------------------------------------------------+
 *  |                      Custom Value Count                       |
 *  +---------------------------------------------------------------+
 *  |                      Positive Span Count                      |
 *  +---------------------------------------------------------------+
 *  |                      Negative Span Count                      |
 *  +---------------------------------------------------------------+
 *  |   Positive Bucket Count (deltas, or float counts)             |
 *  +---------------------------------------------------------------+
 *  |   Negative Bucket Count (deltas, or float counts)             |
 *  +---------------------------------------------------------------+
 *  |   Custom values: Custom Value Count doubles                 ...
 *  +---------------------------------------------------------------+
 *  |   Positive spans, then negative spans: offset (4), length (4)...
 *  +---------------------------------------------------------------+
 *  |   Positive, then negative buckets: 8 bytes each, a delta of an |
 *  |   integer histogram or the double bits of a float count     ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Writing and reading copy the lists as they are, without checking that the spans cover as many buckets as are
 * listed: what the cursor accepted reaches the encoder unchanged.
 */
public final class HistogramPayload
{
    /** Payload flag: the counts are floats (a float histogram), not unsigned integers and deltas. */
    public static final int FLAG_FLOAT = 1;

    /** Offset of the observation count. */
    public static final int COUNT_OFFSET = 0;
    /** Offset of the zero-bucket count. */
    public static final int ZERO_COUNT_OFFSET = COUNT_OFFSET + SIZE_OF_LONG;
    /** Offset of the sum of the observations. */
    public static final int SUM_OFFSET = ZERO_COUNT_OFFSET + SIZE_OF_LONG;
    /** Offset of the zero threshold. */
    public static final int ZERO_THRESHOLD_OFFSET = SUM_OFFSET + SIZE_OF_LONG;
    /** Offset of the schema. */
    public static final int SCHEMA_OFFSET = ZERO_THRESHOLD_OFFSET + SIZE_OF_LONG;
    /** Offset of the counter-reset hint. */
    public static final int RESET_HINT_OFFSET = SCHEMA_OFFSET + SIZE_OF_INT;
    /** Offset of the payload flags. */
    public static final int FLAGS_OFFSET = RESET_HINT_OFFSET + SIZE_OF_INT;
    /** Offset of the number of custom bucket bounds. */
    public static final int CUSTOM_VALUE_COUNT_OFFSET = FLAGS_OFFSET + SIZE_OF_INT;
    /** Offset of the number of positive spans. */
    public static final int POSITIVE_SPAN_COUNT_OFFSET = CUSTOM_VALUE_COUNT_OFFSET + SIZE_OF_INT;
    /** Offset of the number of negative spans. */
    public static final int NEGATIVE_SPAN_COUNT_OFFSET = POSITIVE_SPAN_COUNT_OFFSET + SIZE_OF_INT;
    /** Offset of the number of positive bucket counts. */
    public static final int POSITIVE_BUCKET_COUNT_OFFSET = NEGATIVE_SPAN_COUNT_OFFSET + SIZE_OF_INT;
    /** Offset of the number of negative bucket counts. */
    public static final int NEGATIVE_BUCKET_COUNT_OFFSET = POSITIVE_BUCKET_COUNT_OFFSET + SIZE_OF_INT;
    /** Offset of the lists: custom values, spans, bucket counts. */
    public static final int LISTS_OFFSET = NEGATIVE_BUCKET_COUNT_OFFSET + SIZE_OF_INT;
    /** Bytes of one span: offset and length. */
    public static final int SPAN_LENGTH = 2 * SIZE_OF_INT;

    private static final NativeHistogramView.ResetHint[] RESET_HINTS = NativeHistogramView.ResetHint.values();

    private HistogramPayload()
    {
    }

    /**
     * Bytes the payload of a histogram takes.
     *
     * @param histogram the histogram.
     * @return the length.
     */
    public static int length(final NativeHistogramView histogram)
    {
        final NativeHistogramView.Buckets positive = histogram.positive();
        final NativeHistogramView.Buckets negative = histogram.negative();
        return LISTS_OFFSET + SIZE_OF_LONG * histogram.customValueCount() +
            SPAN_LENGTH * (positive.spanCount() + negative.spanCount()) +
            SIZE_OF_LONG * (listedBuckets(histogram, positive) + listedBuckets(histogram, negative));
    }

    /**
     * Writes the payload of a histogram.
     *
     * @param buffer    where to write.
     * @param offset    the payload's start.
     * @param histogram the histogram.
     * @return the index after the payload.
     */
    public static int write(final MutableDirectBuffer buffer, final int offset, final NativeHistogramView histogram)
    {
        final boolean isFloat = histogram.isFloat();
        final NativeHistogramView.Buckets positive = histogram.positive();
        final NativeHistogramView.Buckets negative = histogram.negative();
        final int positiveBuckets = listedBuckets(histogram, positive);
        final int negativeBuckets = listedBuckets(histogram, negative);
        buffer.putLong(offset + COUNT_OFFSET,
            isFloat ? Double.doubleToRawLongBits(histogram.floatCount()) : histogram.count(), LITTLE_ENDIAN);
        buffer.putLong(offset + ZERO_COUNT_OFFSET,
            isFloat ? Double.doubleToRawLongBits(histogram.floatZeroCount()) : histogram.zeroCount(), LITTLE_ENDIAN);
        buffer.putLong(offset + SUM_OFFSET, Double.doubleToRawLongBits(histogram.sum()), LITTLE_ENDIAN);
        buffer.putLong(offset + ZERO_THRESHOLD_OFFSET, Double.doubleToRawLongBits(histogram.zeroThreshold()),
            LITTLE_ENDIAN);
        buffer.putInt(offset + SCHEMA_OFFSET, histogram.schema(), LITTLE_ENDIAN);
        buffer.putInt(offset + RESET_HINT_OFFSET, histogram.resetHint().ordinal(), LITTLE_ENDIAN);
        buffer.putInt(offset + FLAGS_OFFSET, isFloat ? FLAG_FLOAT : 0, LITTLE_ENDIAN);
        buffer.putInt(offset + CUSTOM_VALUE_COUNT_OFFSET, histogram.customValueCount(), LITTLE_ENDIAN);
        buffer.putInt(offset + POSITIVE_SPAN_COUNT_OFFSET, positive.spanCount(), LITTLE_ENDIAN);
        buffer.putInt(offset + NEGATIVE_SPAN_COUNT_OFFSET, negative.spanCount(), LITTLE_ENDIAN);
        buffer.putInt(offset + POSITIVE_BUCKET_COUNT_OFFSET, positiveBuckets, LITTLE_ENDIAN);
        buffer.putInt(offset + NEGATIVE_BUCKET_COUNT_OFFSET, negativeBuckets, LITTLE_ENDIAN);
        int position = offset + LISTS_OFFSET;
        for (int i = 0, n = histogram.customValueCount(); i < n; i++)
        {
            buffer.putLong(position, Double.doubleToRawLongBits(histogram.customValue(i)), LITTLE_ENDIAN);
            position += SIZE_OF_LONG;
        }
        position = writeSpans(buffer, position, positive);
        position = writeSpans(buffer, position, negative);
        position = writeBuckets(buffer, position, positive, positiveBuckets, isFloat);
        return writeBuckets(buffer, position, negative, negativeBuckets, isFloat);
    }

    /**
     * Fills a view with the histogram of a payload; allocates nothing once the view's lists have grown to the
     * payload's.
     *
     * @param buffer the buffer holding the payload.
     * @param offset the payload's start.
     * @param view   the view to fill, cleared first.
     * @return {@code view}.
     */
    public static NativeHistogramView read(final DirectBuffer buffer, final int offset, final NativeHistogramView view)
    {
        view.clear();
        final boolean isFloat = (buffer.getInt(offset + FLAGS_OFFSET, LITTLE_ENDIAN) & FLAG_FLOAT) != 0;
        final long count = buffer.getLong(offset + COUNT_OFFSET, LITTLE_ENDIAN);
        final long zeroCount = buffer.getLong(offset + ZERO_COUNT_OFFSET, LITTLE_ENDIAN);
        if (isFloat)
        {
            view.floatCount(Double.longBitsToDouble(count)).floatZeroCount(Double.longBitsToDouble(zeroCount));
        }
        else
        {
            view.count(count).zeroCount(zeroCount);
        }
        view.isFloat(isFloat)
            .sum(Double.longBitsToDouble(buffer.getLong(offset + SUM_OFFSET, LITTLE_ENDIAN)))
            .zeroThreshold(Double.longBitsToDouble(buffer.getLong(offset + ZERO_THRESHOLD_OFFSET, LITTLE_ENDIAN)))
            .schema(buffer.getInt(offset + SCHEMA_OFFSET, LITTLE_ENDIAN))
            .resetHint(RESET_HINTS[buffer.getInt(offset + RESET_HINT_OFFSET, LITTLE_ENDIAN)]);
        int position = offset + LISTS_OFFSET;
        for (int i = 0, n = buffer.getInt(offset + CUSTOM_VALUE_COUNT_OFFSET, LITTLE_ENDIAN); i < n; i++)
        {
            view.addCustomValue(Double.longBitsToDouble(buffer.getLong(position, LITTLE_ENDIAN)));
            position += SIZE_OF_LONG;
        }
        position = readSpans(buffer, position, buffer.getInt(offset + POSITIVE_SPAN_COUNT_OFFSET, LITTLE_ENDIAN),
            view.positive());
        position = readSpans(buffer, position, buffer.getInt(offset + NEGATIVE_SPAN_COUNT_OFFSET, LITTLE_ENDIAN),
            view.negative());
        position = readBuckets(buffer, position, buffer.getInt(offset + POSITIVE_BUCKET_COUNT_OFFSET, LITTLE_ENDIAN),
            view.positive(), isFloat);
        readBuckets(buffer, position, buffer.getInt(offset + NEGATIVE_BUCKET_COUNT_OFFSET, LITTLE_ENDIAN),
            view.negative(), isFloat);
        return view;
    }

    private static int listedBuckets(final NativeHistogramView histogram, final NativeHistogramView.Buckets side)
    {
        return histogram.isFloat() ? side.floatBucketCount() : side.deltaCount();
    }

    private static int writeSpans(
        final MutableDirectBuffer buffer, final int offset, final NativeHistogramView.Buckets side)
    {
        int position = offset;
        for (int i = 0, n = side.spanCount(); i < n; i++)
        {
            buffer.putInt(position, side.spanOffset(i), LITTLE_ENDIAN);
            buffer.putInt(position + SIZE_OF_INT, side.spanLength(i), LITTLE_ENDIAN);
            position += SPAN_LENGTH;
        }
        return position;
    }

    private static int writeBuckets(
        final MutableDirectBuffer buffer,
        final int offset,
        final NativeHistogramView.Buckets side,
        final int buckets,
        final boolean isFloat)
    {
        int position = offset;
        for (int i = 0; i < buckets; i++)
        {
            buffer.putLong(position, isFloat ? Double.doubleToRawLongBits(side.floatBucket(i)) : side.delta(i),
                LITTLE_ENDIAN);
            position += SIZE_OF_LONG;
        }
        return position;
    }

    private static int readSpans(
        final DirectBuffer buffer, final int offset, final int spans, final NativeHistogramView.Buckets side)
    {
        int position = offset;
        for (int i = 0; i < spans; i++)
        {
            side.addSpan(buffer.getInt(position, LITTLE_ENDIAN), buffer.getInt(position + SIZE_OF_INT, LITTLE_ENDIAN));
            position += SPAN_LENGTH;
        }
        return position;
    }

    private static int readBuckets(
        final DirectBuffer buffer,
        final int offset,
        final int buckets,
        final NativeHistogramView.Buckets side,
        final boolean isFloat)
    {
        int position = offset;
        for (int i = 0; i < buckets; i++)
        {
            final long bits = buffer.getLong(position, LITTLE_ENDIAN);
            if (isFloat)
            {
                side.addFloatBucket(Double.longBitsToDouble(bits));
            }
            else
            {
                side.addDelta(bits);
            }
            position += SIZE_OF_LONG;
        }
        return position;
    }
}
