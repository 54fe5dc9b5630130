package dev.sluice.protobuf.remote;

import java.util.Arrays;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.protobuf.wire.NativeBucketsInput;
import dev.sluice.protobuf.wire.WireInput;

/**
 * The {@code Histogram} messages of one series, which Remote Write 1.0 and 2.0 lay out alike (2.0 adds
 * {@code start_timestamp}, field 17). When the series is opened each one is decoded once, to check it, and its
 * position and timestamps are kept; {@link #read} decodes it again into the caller's view on demand, and cannot
 * fail then.
 *
 * <p>Counts are floats when {@code count_float} or {@code zero_count_float} is present or float bucket counts are
 * listed. Rejected: integer and float counts in one histogram, spans covering a different number of buckets than
 * are listed on their side, and a reset hint the schema does not define. The schema is not checked: a receiver
 * decides which schemas it accepts.
 */
final class HistogramList
{
    private static final int START_TIMESTAMP_FIELD = 17;
    /** Fields 1 to 16. */
    private static final long KNOWN_FIELDS = ((1L << START_TIMESTAMP_FIELD) - 1) & ~1L;
    private static final long KNOWN_FIELDS_WITH_START = KNOWN_FIELDS | 1L << START_TIMESTAMP_FIELD;
    /** Repeated numbers written unpacked, one field per value, which protobuf parsers must accept. */
    private static final int NEGATIVE_DELTA = 9 << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int NEGATIVE_COUNT = 10 << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int POSITIVE_DELTA = 12 << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int POSITIVE_COUNT = 13 << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int CUSTOM_VALUE = 16 << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final NativeHistogramView.ResetHint[] RESET_HINTS = NativeHistogramView.ResetHint.values();

    private final boolean hasStartTimestamp;
    private final NativeHistogramView check = new NativeHistogramView();
    private int[] ranges = new int[8];
    private long[] timestamps = new long[4];
    private long[] startTimestamps = new long[4];
    private int count;

    private long timestamp;
    private long startTimestamp;

    HistogramList(final boolean hasStartTimestamp)
    {
        this.hasStartTimestamp = hasStartTimestamp;
    }

    void clear()
    {
        count = 0;
    }

    int count()
    {
        return count;
    }

    long timestampMs(final int index)
    {
        return timestamps[index];
    }

    long startTimestampMs(final int index)
    {
        return startTimestamps[index];
    }

    /** Checks the {@code Histogram} message whose length prefix the input stands on, and appends it. */
    void add(final WireInput in, final int limit)
    {
        final int end = in.readLengthDelimited(limit);
        final int start = in.position();
        decode(in, start, end, check);
        if (count * 2 == ranges.length)
        {
            ranges = Arrays.copyOf(ranges, count * 4);
            timestamps = Arrays.copyOf(timestamps, count * 2);
            startTimestamps = Arrays.copyOf(startTimestamps, count * 2);
        }
        ranges[count * 2] = start;
        ranges[count * 2 + 1] = end;
        timestamps[count] = timestamp;
        startTimestamps[count] = startTimestamp;
        count++;
    }

    /** Decodes a histogram checked by {@link #add} into {@code view}; the input must still hold the same body. */
    NativeHistogramView read(final WireInput in, final int index, final NativeHistogramView view)
    {
        final int saved = in.position();
        decode(in, ranges[index * 2], ranges[index * 2 + 1], view);
        in.position(saved);
        return view;
    }

    private void decode(final WireInput in, final int start, final int end, final NativeHistogramView view)
    {
        view.clear();
        timestamp = 0;
        startTimestamp = 0;
        boolean integerCounts = false;
        boolean floatCounts = false;
        in.position(start);
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            switch (tag)
            {
                case PointOutput.COUNT_INT:
                    view.count(in.readVarint(end));
                    integerCounts = true;
                    break;
                case PointOutput.COUNT_FLOAT:
                    view.floatCount(in.readDouble(end));
                    floatCounts = true;
                    break;
                case PointOutput.SUM:
                    view.sum(in.readDouble(end));
                    break;
                case PointOutput.SCHEMA:
                    view.schema(in.readSignedVarint32(end));
                    break;
                case PointOutput.ZERO_THRESHOLD:
                    view.zeroThreshold(in.readDouble(end));
                    break;
                case PointOutput.ZERO_COUNT_INT:
                    view.zeroCount(in.readVarint(end));
                    integerCounts = true;
                    break;
                case PointOutput.ZERO_COUNT_FLOAT:
                    view.floatZeroCount(in.readDouble(end));
                    floatCounts = true;
                    break;
                case PointOutput.RESET_HINT:
                    view.resetHint(resetHint(in, in.readVarint(end), tagAt));
                    break;
                case PointOutput.TIMESTAMP:
                    timestamp = in.readVarint(end);
                    break;
                default:
                    readListField(in, tag, end, view, tagAt);
                    break;
            }
        }
        finish(in, view, integerCounts, floatCounts, start);
    }

    private void readListField(
        final WireInput in, final int tag, final int end, final NativeHistogramView view, final int tagAt)
    {
        switch (tag)
        {
            case PointOutput.NEGATIVE_SPANS:
                NativeBucketsInput.readSpan(in, end, view.negative(), tagAt);
                break;
            case PointOutput.POSITIVE_SPANS:
                NativeBucketsInput.readSpan(in, end, view.positive(), tagAt);
                break;
            case PointOutput.NEGATIVE_DELTAS:
                NativeBucketsInput.readPackedDeltas(in, end, view.negative());
                break;
            case PointOutput.POSITIVE_DELTAS:
                NativeBucketsInput.readPackedDeltas(in, end, view.positive());
                break;
            case PointOutput.NEGATIVE_COUNTS:
                NativeBucketsInput.readPackedCounts(in, end, view.negative(), tagAt);
                break;
            case PointOutput.POSITIVE_COUNTS:
                NativeBucketsInput.readPackedCounts(in, end, view.positive(), tagAt);
                break;
            case PointOutput.CUSTOM_VALUES:
                final int packedEnd = in.readPackedFixed64(end, tagAt);
                while (in.position() < packedEnd)
                {
                    view.addCustomValue(in.readDouble(packedEnd));
                }
                break;
            default:
                readUnpackedOrUnknown(in, tag, end, view, tagAt);
                break;
        }
    }

    /** Repeated numbers written one field each, the start timestamp, or an unknown field. */
    private void readUnpackedOrUnknown(
        final WireInput in, final int tag, final int end, final NativeHistogramView view, final int tagAt)
    {
        switch (tag)
        {
            case NEGATIVE_DELTA:
                NativeBucketsInput.readUnpackedDeltas(in, end, view.negative(), NEGATIVE_DELTA);
                break;
            case POSITIVE_DELTA:
                NativeBucketsInput.readUnpackedDeltas(in, end, view.positive(), POSITIVE_DELTA);
                break;
            case NEGATIVE_COUNT:
                NativeBucketsInput.readUnpackedCounts(in, end, view.negative(), NEGATIVE_COUNT);
                break;
            case POSITIVE_COUNT:
                NativeBucketsInput.readUnpackedCounts(in, end, view.positive(), POSITIVE_COUNT);
                break;
            case CUSTOM_VALUE:
                view.addCustomValue(in.readDouble(end));
                break;
            default:
                if (hasStartTimestamp && tag == PointOutput.START_TIMESTAMP)
                {
                    startTimestamp = in.readVarint(end);
                }
                else
                {
                    in.skipUnknown(tag, end, hasStartTimestamp ? KNOWN_FIELDS_WITH_START : KNOWN_FIELDS, "Histogram",
                        tagAt);
                }
                break;
        }
    }

    private static NativeHistogramView.ResetHint resetHint(final WireInput in, final long number, final int at)
    {
        if (number < 0 || number >= RESET_HINTS.length)
        {
            throw in.error("unknown histogram reset hint " + number, at);
        }
        return RESET_HINTS[(int)number];
    }

    private static void finish(
        final WireInput in,
        final NativeHistogramView view,
        final boolean integerCounts,
        final boolean floatCounts,
        final int start)
    {
        final boolean isFloat = floatCounts || view.positive().floatBucketCount() > 0 ||
            view.negative().floatBucketCount() > 0;
        if (isFloat && (integerCounts || view.positive().deltaCount() > 0 || view.negative().deltaCount() > 0))
        {
            throw in.error("histogram mixes integer and float counts", start);
        }
        view.isFloat(isFloat);
        NativeBucketsInput.checkBucketCount(in, view.negative(), isFloat, "negative", start);
        NativeBucketsInput.checkBucketCount(in, view.positive(), isFloat, "positive", start);
    }
}
