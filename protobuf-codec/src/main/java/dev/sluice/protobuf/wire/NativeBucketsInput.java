package dev.sluice.protobuf.wire;

import dev.sluice.parser.NativeHistogramView;

/**
 * Reads the bucket fields that every Prometheus native histogram message shares, whatever its field numbers: a
 * {@code BucketSpan} message ({@code sint32 offset = 1; uint32 length = 2}), {@code sint64} count deltas and
 * {@code double} counts, packed or one per field, into one side of a {@link NativeHistogramView}. Each list is
 * decoded in one loop straight into the view's array. Used by the exposition cursor
 * and by the Remote Write decoders, so that the three schemas decode spans and counts the same way.
 */
public final class NativeBucketsInput
{
    private static final int SPAN_OFFSET_FIELD = 1;
    private static final int SPAN_LENGTH_FIELD = 2;
    private static final int SPAN_OFFSET = SPAN_OFFSET_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int SPAN_LENGTH = SPAN_LENGTH_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final long SPAN_KNOWN_FIELDS = 1L << SPAN_OFFSET_FIELD | 1L << SPAN_LENGTH_FIELD;
    private static final long UNSIGNED_32_MASK = 0xFFFF_FFFFL;

    private NativeBucketsInput()
    {
    }

    /**
     * Reads a {@code BucketSpan} message, the input standing on its length prefix, and appends it to {@code side};
     * rejects spans whose lengths add up to more than {@link Integer#MAX_VALUE} buckets.
     *
     * @param in    the input.
     * @param limit end of the enclosing message.
     * @param side  the side the span belongs to.
     * @param tagAt index of the span field's tag, for errors.
     */
    public static void readSpan(
        final WireInput in, final int limit, final NativeHistogramView.Buckets side, final int tagAt)
    {
        final int spanEnd = in.readLengthDelimited(limit);
        int offset = 0;
        long length = 0;
        while (in.position() < spanEnd)
        {
            final int fieldAt = in.position();
            final int tag = in.readTag(spanEnd);
            if (tag == SPAN_OFFSET)
            {
                offset = in.readSignedVarint32(spanEnd);
            }
            else if (tag == SPAN_LENGTH)
            {
                length = in.readVarint(spanEnd) & UNSIGNED_32_MASK;
            }
            else
            {
                in.skipUnknown(tag, spanEnd, SPAN_KNOWN_FIELDS, "BucketSpan", fieldAt);
            }
        }
        if (side.bucketCount() + length > Integer.MAX_VALUE)
        {
            throw in.error("spans cover more than " + Integer.MAX_VALUE + " buckets", tagAt);
        }
        side.addSpan(offset, (int)length);
    }

    /**
     * Reads packed {@code sint64} count deltas, the input standing on the length prefix, and appends them.
     *
     * @param in    the input.
     * @param limit end of the enclosing message.
     * @param side  the side the deltas belong to.
     */
    public static void readPackedDeltas(final WireInput in, final int limit, final NativeHistogramView.Buckets side)
    {
        final int packedEnd = in.readLengthDelimited(limit);
        final long[] deltas = side.deltaArray(in.countVarintEnds(packedEnd));
        side.deltaCount(in.readPackedSignedVarints64(packedEnd, deltas, side.deltaCount()));
    }

    /**
     * Reads a count delta written as a field of its own, the input standing after its tag, and the deltas of the
     * fields right after it with the same tag, and appends them.
     *
     * @param in    the input.
     * @param limit end of the enclosing message.
     * @param side  the side the deltas belong to.
     * @param tag   the tag of the delta field, one byte.
     */
    public static void readUnpackedDeltas(
        final WireInput in, final int limit, final NativeHistogramView.Buckets side, final int tag)
    {
        do
        {
            side.deltaCount(in.readSignedVarint64Run(tag, limit, side.deltaArray(1), side.deltaCount()));
        }
        while (in.skipTag(tag, limit));
    }

    /**
     * Reads a float count written as a field of its own, the input standing after its tag, and the counts of the
     * fields right after it with the same tag, and appends them.
     *
     * @param in    the input.
     * @param limit end of the enclosing message.
     * @param side  the side the counts belong to.
     * @param tag   the tag of the count field, one byte.
     */
    public static void readUnpackedCounts(
        final WireInput in, final int limit, final NativeHistogramView.Buckets side, final int tag)
    {
        do
        {
            side.floatBucketCount(in.readDoubleRun(tag, limit, side.floatBucketArray(1), side.floatBucketCount()));
        }
        while (in.skipTag(tag, limit));
    }

    /**
     * Reads packed {@code double} counts, the input standing on the length prefix, and appends them.
     *
     * @param in    the input.
     * @param limit end of the enclosing message.
     * @param side  the side the counts belong to.
     * @param tagAt index of the field's tag, for errors.
     */
    public static void readPackedCounts(
        final WireInput in, final int limit, final NativeHistogramView.Buckets side, final int tagAt)
    {
        final int packedEnd = in.readPackedFixed64(limit, tagAt);
        final double[] counts = side.floatBucketArray((packedEnd - in.position()) / Long.BYTES);
        side.floatBucketCount(in.readPackedDoubles(packedEnd, counts, side.floatBucketCount()));
    }

    /**
     * Rejects a side whose spans cover a different number of buckets than it lists counts for: deltas for an
     * integer histogram, float counts for a float one.
     *
     * @param in      the input, for the error.
     * @param side    the side to check.
     * @param isFloat whether the histogram has float counts.
     * @param name    {@code "positive"} or {@code "negative"}, for the error.
     * @param at      index the error points at.
     */
    public static void checkBucketCount(
        final WireInput in, final NativeHistogramView.Buckets side, final boolean isFloat, final String name,
        final int at)
    {
        final int listed = isFloat ? side.floatBucketCount() : side.deltaCount();
        if (listed != side.bucketCount())
        {
            throw in.error(name + " spans cover " + side.bucketCount() + " buckets, but " + listed +
                (isFloat ? " counts" : " deltas") + " are given", at);
        }
    }
}
