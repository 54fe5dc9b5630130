package dev.sluice.protobuf.exposition;

import java.util.Arrays;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.protobuf.wire.NativeBucketsInput;
import dev.sluice.protobuf.wire.WireInput;

/**
 * Reads a {@code Histogram} message in place. When the metric is opened, one walk over its fields takes the
 * scalars, decodes the native part (spans, deltas or float counts, repeated fields packed or not) into a reusable
 * {@link NativeHistogramView}, records where the native exemplars are, and counts the classic buckets; the
 * classic {@code Bucket} messages are then decoded one at a time, in input order, as the cursor emits them.
 *
 * <p>Whether the histogram is native is decided from content exactly as Prometheus does: it has a positive or
 * negative span, a zero threshold above 0, or a zero count above 0. Field presence is not used, since proto3
 * encoders leave out zero values. Counts are floats when {@code sample_count_float} or {@code zero_count_float} is
 * above 0. A native histogram must have an exponential schema (-4 to 8; the exposition has no field for the bounds
 * of custom buckets) and spans covering exactly as many buckets as there are deltas (integer) or counts (float).
 */
final class HistogramMessage
{
    private static final int SAMPLE_COUNT_FIELD = 1;
    private static final int SAMPLE_SUM_FIELD = 2;
    private static final int BUCKET_FIELD = 3;
    private static final int SAMPLE_COUNT_FLOAT_FIELD = 4;
    private static final int SCHEMA_FIELD = 5;
    private static final int ZERO_THRESHOLD_FIELD = 6;
    private static final int ZERO_COUNT_FIELD = 7;
    private static final int ZERO_COUNT_FLOAT_FIELD = 8;
    private static final int NEGATIVE_SPAN_FIELD = 9;
    private static final int NEGATIVE_DELTA_FIELD = 10;
    private static final int NEGATIVE_COUNT_FIELD = 11;
    private static final int POSITIVE_SPAN_FIELD = 12;
    private static final int POSITIVE_DELTA_FIELD = 13;
    private static final int POSITIVE_COUNT_FIELD = 14;
    private static final int CREATED_FIELD = 15;
    private static final int EXEMPLARS_FIELD = 16;
    /** Fields 1 to 16. */
    private static final long KNOWN_FIELDS = ((1L << (EXEMPLARS_FIELD + 1)) - 1) & ~1L;

    private static final int SAMPLE_COUNT = SAMPLE_COUNT_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int SAMPLE_SUM = SAMPLE_SUM_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int BUCKET = BUCKET_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int SAMPLE_COUNT_FLOAT = SAMPLE_COUNT_FLOAT_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int SCHEMA = SCHEMA_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int ZERO_THRESHOLD = ZERO_THRESHOLD_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int ZERO_COUNT = ZERO_COUNT_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int ZERO_COUNT_FLOAT = ZERO_COUNT_FLOAT_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int NEGATIVE_SPAN = NEGATIVE_SPAN_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int NEGATIVE_DELTA = NEGATIVE_DELTA_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int NEGATIVE_DELTAS_PACKED =
        NEGATIVE_DELTA_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int NEGATIVE_COUNT = NEGATIVE_COUNT_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int NEGATIVE_COUNTS_PACKED =
        NEGATIVE_COUNT_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int POSITIVE_SPAN = POSITIVE_SPAN_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int POSITIVE_DELTA = POSITIVE_DELTA_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int POSITIVE_DELTAS_PACKED =
        POSITIVE_DELTA_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int POSITIVE_COUNT = POSITIVE_COUNT_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int POSITIVE_COUNTS_PACKED =
        POSITIVE_COUNT_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int CREATED = CREATED_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int EXEMPLARS = EXEMPLARS_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;

    private static final int CUMULATIVE_COUNT_FIELD = 1;
    private static final int UPPER_BOUND_FIELD = 2;
    private static final int BUCKET_EXEMPLAR_FIELD = 3;
    private static final int CUMULATIVE_COUNT_FLOAT_FIELD = 4;
    private static final int CUMULATIVE_COUNT = CUMULATIVE_COUNT_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int UPPER_BOUND = UPPER_BOUND_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int BUCKET_EXEMPLAR =
        BUCKET_EXEMPLAR_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int CUMULATIVE_COUNT_FLOAT =
        CUMULATIVE_COUNT_FLOAT_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final long BUCKET_KNOWN_FIELDS = 1L << CUMULATIVE_COUNT_FIELD | 1L << UPPER_BOUND_FIELD |
        1L << BUCKET_EXEMPLAR_FIELD | 1L << CUMULATIVE_COUNT_FLOAT_FIELD;

    private final WireInput input;
    private final NativeHistogramView view = new NativeHistogramView();
    private int[] exemplarRanges = new int[8];
    private int exemplarCount;
    private int start;
    private int end;
    private long sampleCount;
    private double sampleCountFloat;
    private int classicBucketCount;
    /** End of the last {@code Bucket} field: the walk over the classic buckets stops there, not at the message end. */
    private int classicBucketsEnd;
    private int createdStart;
    private int createdEnd;
    private boolean isNative;

    private int bucketSearch;
    private long cumulativeCount;
    private double cumulativeCountFloat;
    private double upperBound;
    private int bucketExemplarStart;
    private int bucketExemplarEnd;

    HistogramMessage(final WireInput input)
    {
        this.input = input;
    }

    /**
     * Reads the message in {@code [start, end)}: scalars, native part, exemplar positions; classic buckets are
     * only counted. The native part is checked by {@link #validateNative()}, when it is going to be used.
     *
     * @param start first byte of the message.
     * @param end   index one past the message.
     * @param gauge whether the family is a gauge histogram, which sets the reset hint.
     */
    void read(final int start, final int end, final boolean gauge)
    {
        this.start = start;
        this.end = end;
        view.clear().resetHint(gauge ? NativeHistogramView.ResetHint.GAUGE : NativeHistogramView.ResetHint.UNKNOWN);
        exemplarCount = 0;
        sampleCount = 0;
        sampleCountFloat = 0;
        classicBucketCount = 0;
        classicBucketsEnd = start;
        createdStart = -1;
        readFields();
        view.count(sampleCount).floatCount(sampleCountFloat)
            .isFloat(sampleCountFloat > 0 || view.floatZeroCount() > 0);
        isNative = view.positive().spanCount() > 0 || view.negative().spanCount() > 0 ||
            view.zeroThreshold() > 0 || view.zeroCount() != 0;
        rewindBuckets();
    }

    /**
     * For a histogram yielded as a native one without exemplars of its own: the exemplars of the classic buckets
     * stand in, as in Prometheus. A histogram without classic buckets has none to lend, so its fields are not walked
     * again.
     */
    void takeBucketExemplarsWhenNone()
    {
        if (exemplarCount == 0 && classicBucketCount > 0)
        {
            while (nextBucket())
            {
                if (bucketExemplarStart >= 0)
                {
                    addExemplar(bucketExemplarStart, bucketExemplarEnd);
                }
            }
            rewindBuckets();
        }
    }

    private void readFields()
    {
        final WireInput in = input;
        final NativeHistogramView v = view;
        final int e = end;
        in.position(start);
        while (in.position() < e)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(e);
            switch (tag)
            {
                case SAMPLE_COUNT:
                    sampleCount = in.readVarint(e);
                    break;
                case SAMPLE_COUNT_FLOAT:
                    sampleCountFloat = in.readDouble(e);
                    break;
                case SAMPLE_SUM:
                    v.sum(in.readDouble(e));
                    break;
                case BUCKET:
                    classicBucketCount++;
                    classicBucketsEnd = in.readLengthDelimited(e);
                    in.position(classicBucketsEnd);
                    break;
                case CREATED:
                    createdEnd = in.readLengthDelimited(e);
                    createdStart = in.position();
                    in.position(createdEnd);
                    break;
                case SCHEMA:
                    v.schema(in.readSignedVarint32(e));
                    break;
                case ZERO_THRESHOLD:
                    v.zeroThreshold(in.readDouble(e));
                    break;
                case ZERO_COUNT:
                    v.zeroCount(in.readVarint(e));
                    break;
                case ZERO_COUNT_FLOAT:
                    v.floatZeroCount(in.readDouble(e));
                    break;
                case EXEMPLARS:
                    skipExemplar(in.readLengthDelimited(e));
                    break;
                default:
                    readBucketField(tag, tagAt);
                    break;
            }
        }
    }

    /** Reads a field of the native buckets (spans, deltas, counts), or skips an unknown field. */
    private void readBucketField(final int tag, final int tagAt)
    {
        final WireInput in = input;
        final NativeHistogramView.Buckets negative = view.negative();
        final NativeHistogramView.Buckets positive = view.positive();
        switch (tag)
        {
            case NEGATIVE_SPAN:
                NativeBucketsInput.readSpan(in, end, negative, tagAt);
                break;
            case POSITIVE_SPAN:
                NativeBucketsInput.readSpan(in, end, positive, tagAt);
                break;
            case NEGATIVE_DELTA:
                NativeBucketsInput.readUnpackedDeltas(in, end, negative, NEGATIVE_DELTA);
                break;
            case POSITIVE_DELTA:
                NativeBucketsInput.readUnpackedDeltas(in, end, positive, POSITIVE_DELTA);
                break;
            case NEGATIVE_DELTAS_PACKED:
                NativeBucketsInput.readPackedDeltas(in, end, negative);
                break;
            case POSITIVE_DELTAS_PACKED:
                NativeBucketsInput.readPackedDeltas(in, end, positive);
                break;
            case NEGATIVE_COUNT:
                NativeBucketsInput.readUnpackedCounts(in, end, negative, NEGATIVE_COUNT);
                break;
            case POSITIVE_COUNT:
                NativeBucketsInput.readUnpackedCounts(in, end, positive, POSITIVE_COUNT);
                break;
            case NEGATIVE_COUNTS_PACKED:
                NativeBucketsInput.readPackedCounts(in, end, negative, tagAt);
                break;
            case POSITIVE_COUNTS_PACKED:
                NativeBucketsInput.readPackedCounts(in, end, positive, tagAt);
                break;
            default:
                in.skipUnknown(tag, end, KNOWN_FIELDS, "Histogram", tagAt);
                break;
        }
    }

    /** Rejects a native part with a schema outside -4..8 or with spans that do not match its counts. */
    void validateNative()
    {
        final int schema = view.schema();
        if (schema < NativeHistogramView.MIN_EXPONENTIAL_SCHEMA || schema > NativeHistogramView.MAX_EXPONENTIAL_SCHEMA)
        {
            throw input.error("native histogram schema " + schema + " outside " +
                NativeHistogramView.MIN_EXPONENTIAL_SCHEMA + ".." + NativeHistogramView.MAX_EXPONENTIAL_SCHEMA, start);
        }
        NativeBucketsInput.checkBucketCount(input, view.negative(), view.isFloat(), "negative", start);
        NativeBucketsInput.checkBucketCount(input, view.positive(), view.isFloat(), "positive", start);
    }

    /** Records the exemplar the input stands on and moves past it; it is decoded when selected. */
    private void skipExemplar(final int exemplarEnd)
    {
        addExemplar(input.position(), exemplarEnd);
        input.position(exemplarEnd);
    }

    private void addExemplar(final int exemplarStart, final int exemplarEnd)
    {
        final int base = exemplarCount * 2;
        if (base + 2 > exemplarRanges.length)
        {
            exemplarRanges = Arrays.copyOf(exemplarRanges, exemplarRanges.length * 2);
        }
        exemplarRanges[base] = exemplarStart;
        exemplarRanges[base + 1] = exemplarEnd;
        exemplarCount++;
    }

    /** Restarts the walk over the classic buckets. */
    void rewindBuckets()
    {
        bucketSearch = start;
    }

    /**
     * Decodes the next classic {@code Bucket} message; false when there is none left. The fields after the last
     * bucket (the native buckets, mostly) are not walked again.
     */
    boolean nextBucket()
    {
        final WireInput in = input;
        final int bucketsEnd = classicBucketsEnd;
        in.position(bucketSearch);
        while (in.position() < bucketsEnd)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            if (tag == BUCKET)
            {
                final int bucketEnd = in.readLengthDelimited(end);
                readBucket(bucketEnd);
                bucketSearch = bucketEnd;
                return true;
            }
            in.skipField(tag, end, tagAt);
        }
        bucketSearch = bucketsEnd;
        return false;
    }

    private void readBucket(final int bucketEnd)
    {
        final WireInput in = input;
        cumulativeCount = 0;
        cumulativeCountFloat = 0;
        upperBound = 0;
        bucketExemplarStart = -1;
        while (in.position() < bucketEnd)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(bucketEnd);
            switch (tag)
            {
                case CUMULATIVE_COUNT:
                    cumulativeCount = in.readVarint(bucketEnd);
                    break;
                case CUMULATIVE_COUNT_FLOAT:
                    cumulativeCountFloat = in.readDouble(bucketEnd);
                    break;
                case UPPER_BOUND:
                    upperBound = in.readDouble(bucketEnd);
                    break;
                case BUCKET_EXEMPLAR:
                    bucketExemplarEnd = in.readLengthDelimited(bucketEnd);
                    bucketExemplarStart = in.position();
                    in.position(bucketExemplarEnd);
                    break;
                default:
                    in.skipUnknown(tag, bucketEnd, BUCKET_KNOWN_FIELDS, "Bucket", tagAt);
                    break;
            }
        }
    }

    /** The native part, valid when {@link #isNative()}. */
    NativeHistogramView view()
    {
        return view;
    }

    boolean isNative()
    {
        return isNative;
    }

    /** Number of {@code Bucket} messages. */
    int classicBucketCount()
    {
        return classicBucketCount;
    }

    /** The exemplars of the native histogram: its own list, else those of its classic buckets. */
    int exemplarCount()
    {
        return exemplarCount;
    }

    int exemplarStart(final int index)
    {
        return exemplarRanges[index * 2];
    }

    int exemplarEnd(final int index)
    {
        return exemplarRanges[index * 2 + 1];
    }

    /** Value of the {@code _count} series: {@code sample_count_float} unless it is 0, then {@code sample_count}. */
    double countValue()
    {
        return sampleCountFloat != 0 ? sampleCountFloat : ProtobufExpositionCursor.unsignedToDouble(sampleCount);
    }

    double sum()
    {
        return view.sum();
    }

    /** Upper bound of the current classic bucket. */
    double upperBound()
    {
        return upperBound;
    }

    /** Value of the current bucket's series: the float cumulative count unless it is 0, else the integer one. */
    double bucketValue()
    {
        return cumulativeCountFloat != 0 ? cumulativeCountFloat :
            ProtobufExpositionCursor.unsignedToDouble(cumulativeCount);
    }

    /** Whether the current bucket has an exemplar, in {@code [bucketExemplarStart(), bucketExemplarEnd())}. */
    boolean bucketHasExemplar()
    {
        return bucketExemplarStart >= 0;
    }

    int bucketExemplarStart()
    {
        return bucketExemplarStart;
    }

    int bucketExemplarEnd()
    {
        return bucketExemplarEnd;
    }

    /** Start of the created timestamp message, -1 when there is none; it ends at {@link #createdEnd()}. */
    int createdStart()
    {
        return createdStart;
    }

    int createdEnd()
    {
        return createdEnd;
    }
}
