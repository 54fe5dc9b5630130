package dev.sluice.parser;

import java.util.Arrays;

/**
 * A reusable native histogram: schema, zero bucket, count, sum, counter-reset hint, and the positive and negative
 * buckets as spans plus either count deltas (integer histograms) or absolute counts (float histograms), in the
 * layout Prometheus uses in its exposition, remote write and storage. {@link MetricCursor#histogram} fills one for
 * a {@link EntryKind#HISTOGRAM} entry; decoders of other formats fill it with the setters.
 *
 * <p>Unlike {@link TextView} it does not point into the input: bucket counts arrive varint-encoded (protobuf) or
 * spread over many lines, so a view over the bytes could not index them and would tie parser-core to one
 * format. The view instead owns growable primitive arrays and keeps them across {@link #clear()}, so once they
 * have grown to the largest histogram seen, filling and reading allocate nothing. Bucket counts are read either as the lists
 * they were written in ({@link Buckets#delta}, {@link Buckets#floatBucket}) or, with deltas summed, by walking
 * {@link Buckets#iterate()} as pairs of absolute bucket index and absolute count.
 *
 * <p>Exponential schemas {@value #MIN_EXPONENTIAL_SCHEMA} to {@value #MAX_EXPONENTIAL_SCHEMA}: positive bucket
 * {@code i} is {@code (base^(i-1), base^i]} with {@code base = 2^(2^-schema)}, negative bucket {@code i} its mirror
 * image. Schema {@value #CUSTOM_BUCKETS_SCHEMA} (custom buckets): only positive buckets, and bucket {@code i} is
 * {@code (customValue(i-1), customValue(i)]} with the first one open to -Inf and the last one, at index
 * {@link #customValueCount()}, closed at +Inf.
 *
 * <p>A view filled by a cursor is valid until the caller fills it again; it does not depend on the input buffer.
 */
public final class NativeHistogramView
{
    /** Coarsest exponential schema: each bucket spans a factor of 2^16. */
    public static final int MIN_EXPONENTIAL_SCHEMA = -4;
    /** Finest exponential schema: 256 buckets per power of two. */
    public static final int MAX_EXPONENTIAL_SCHEMA = 8;
    /** Schema of histograms with custom bucket bounds (NHCB), listed by {@link #customValue}. */
    public static final int CUSTOM_BUCKETS_SCHEMA = -53;

    /** What the producer says about counter resets, as in Prometheus' remote write. */
    public enum ResetHint
    {
        /** Nothing is known; the consumer compares with the previous sample. */
        UNKNOWN,
        /** A counter reset happened since the previous sample. */
        YES,
        /** No counter reset happened since the previous sample. */
        NO,
        /** A gauge histogram: counts go up and down, there are no resets. */
        GAUGE
    }

    private static final int INITIAL_CAPACITY = 8;

    private final Buckets positive = new Buckets(this);
    private final Buckets negative = new Buckets(this);
    private double[] customValues = new double[INITIAL_CAPACITY];
    private int customValueCount;
    private int schema;
    private double zeroThreshold;
    private boolean isFloat;
    private long count;
    private double floatCount;
    private long zeroCount;
    private double floatZeroCount;
    private double sum;
    private ResetHint resetHint = ResetHint.UNKNOWN;

    /**
     * Empties the view: no buckets, no custom values, every number 0, integer counts, hint {@link
     * ResetHint#UNKNOWN}. Capacity is kept.
     *
     * @return this view.
     */
    public NativeHistogramView clear()
    {
        positive.clear();
        negative.clear();
        customValueCount = 0;
        schema = 0;
        zeroThreshold = 0;
        isFloat = false;
        count = 0;
        floatCount = 0;
        zeroCount = 0;
        floatZeroCount = 0;
        sum = 0;
        resetHint = ResetHint.UNKNOWN;
        return this;
    }

    /**
     * Makes this view an equal copy of another one, reusing this view's arrays.
     *
     * @param other the view to copy.
     * @return this view.
     */
    public NativeHistogramView copyFrom(final NativeHistogramView other)
    {
        positive.copyFrom(other.positive);
        negative.copyFrom(other.negative);
        customValues = ensureCapacity(customValues, other.customValueCount);
        System.arraycopy(other.customValues, 0, customValues, 0, other.customValueCount);
        customValueCount = other.customValueCount;
        schema = other.schema;
        zeroThreshold = other.zeroThreshold;
        isFloat = other.isFloat;
        count = other.count;
        floatCount = other.floatCount;
        zeroCount = other.zeroCount;
        floatZeroCount = other.floatZeroCount;
        sum = other.sum;
        resetHint = other.resetHint;
        return this;
    }

    /**
     * The bucket schema: {@value #MIN_EXPONENTIAL_SCHEMA} to {@value #MAX_EXPONENTIAL_SCHEMA} for exponential
     * buckets, {@value #CUSTOM_BUCKETS_SCHEMA} for custom buckets.
     *
     * @return the schema.
     */
    public int schema()
    {
        return schema;
    }

    /**
     * Sets the schema.
     *
     * @param schema the bucket schema.
     * @return this view.
     */
    public NativeHistogramView schema(final int schema)
    {
        this.schema = schema;
        return this;
    }

    /**
     * Upper bound of the zero bucket, which holds observations in {@code [-threshold, threshold]}.
     *
     * @return the threshold.
     */
    public double zeroThreshold()
    {
        return zeroThreshold;
    }

    /**
     * Sets the zero threshold.
     *
     * @param zeroThreshold the width of the zero bucket on each side of zero.
     * @return this view.
     */
    public NativeHistogramView zeroThreshold(final double zeroThreshold)
    {
        this.zeroThreshold = zeroThreshold;
        return this;
    }

    /**
     * Whether the counts are floats: then {@link #floatCount()}, {@link #floatZeroCount()} and the float bucket
     * lists apply; otherwise {@link #count()}, {@link #zeroCount()} and the delta lists.
     *
     * @return true for a float histogram.
     */
    public boolean isFloat()
    {
        return isFloat;
    }

    /**
     * Sets which kind of counts applies.
     *
     * @param isFloat true for a float histogram.
     * @return this view.
     */
    public NativeHistogramView isFloat(final boolean isFloat)
    {
        this.isFloat = isFloat;
        return this;
    }

    /**
     * Number of observations of an integer histogram, an unsigned 64-bit number.
     *
     * @return the count.
     */
    public long count()
    {
        return count;
    }

    /**
     * Sets the observation count of an integer histogram.
     *
     * @param count the count, unsigned.
     * @return this view.
     */
    public NativeHistogramView count(final long count)
    {
        this.count = count;
        return this;
    }

    /**
     * Number of observations of a float histogram.
     *
     * @return the count.
     */
    public double floatCount()
    {
        return floatCount;
    }

    /**
     * Sets the observation count of a float histogram.
     *
     * @param floatCount the count.
     * @return this view.
     */
    public NativeHistogramView floatCount(final double floatCount)
    {
        this.floatCount = floatCount;
        return this;
    }

    /**
     * Observations in the zero bucket of an integer histogram, an unsigned 64-bit number.
     *
     * @return the zero count.
     */
    public long zeroCount()
    {
        return zeroCount;
    }

    /**
     * Sets the zero-bucket count of an integer histogram.
     *
     * @param zeroCount the count, unsigned.
     * @return this view.
     */
    public NativeHistogramView zeroCount(final long zeroCount)
    {
        this.zeroCount = zeroCount;
        return this;
    }

    /**
     * Observations in the zero bucket of a float histogram.
     *
     * @return the zero count.
     */
    public double floatZeroCount()
    {
        return floatZeroCount;
    }

    /**
     * Sets the zero-bucket count of a float histogram.
     *
     * @param floatZeroCount the count.
     * @return this view.
     */
    public NativeHistogramView floatZeroCount(final double floatZeroCount)
    {
        this.floatZeroCount = floatZeroCount;
        return this;
    }

    /**
     * Sum of the observations.
     *
     * @return the sum.
     */
    public double sum()
    {
        return sum;
    }

    /**
     * Sets the sum of the observations.
     *
     * @param sum the sum.
     * @return this view.
     */
    public NativeHistogramView sum(final double sum)
    {
        this.sum = sum;
        return this;
    }

    /**
     * What the producer says about counter resets; {@link ResetHint#GAUGE} for gauge histograms.
     *
     * @return the hint.
     */
    public ResetHint resetHint()
    {
        return resetHint;
    }

    /**
     * Sets the counter-reset hint.
     *
     * @param resetHint the hint.
     * @return this view.
     */
    public NativeHistogramView resetHint(final ResetHint resetHint)
    {
        this.resetHint = resetHint;
        return this;
    }

    /**
     * The buckets above the zero bucket.
     *
     * @return the positive buckets, owned by this view.
     */
    public Buckets positive()
    {
        return positive;
    }

    /**
     * The buckets below the zero bucket.
     *
     * @return the negative buckets, owned by this view.
     */
    public Buckets negative()
    {
        return negative;
    }

    /**
     * Number of custom bucket bounds (schema {@value #CUSTOM_BUCKETS_SCHEMA} only).
     *
     * @return the count.
     */
    public int customValueCount()
    {
        return customValueCount;
    }

    /**
     * A custom bucket upper bound, in increasing order; the +Inf bound is implied, not listed.
     *
     * @param index 0-based, below {@link #customValueCount()}.
     * @return the bound.
     */
    public double customValue(final int index)
    {
        return customValues[index];
    }

    /**
     * Appends a custom bucket bound.
     *
     * @param bound the next upper bound.
     * @return this view.
     */
    public NativeHistogramView addCustomValue(final double bound)
    {
        customValues = ensureCapacity(customValues, customValueCount + 1);
        customValues[customValueCount++] = bound;
        return this;
    }

    private static double[] ensureCapacity(final double[] array, final int required)
    {
        return required <= array.length ? array : Arrays.copyOf(array, Math.max(required, array.length * 2));
    }

    private static long[] ensureCapacity(final long[] array, final int required)
    {
        return required <= array.length ? array : Arrays.copyOf(array, Math.max(required, array.length * 2));
    }

    private static int[] ensureCapacity(final int[] array, final int required)
    {
        return required <= array.length ? array : Arrays.copyOf(array, Math.max(required, array.length * 2));
    }

    /**
     * The buckets of one side of a native histogram: spans of consecutive bucket indexes, and one count per
     * bucket those spans cover, written as deltas (integer histograms: each bucket's count minus the previous
     * bucket's, the first one minus zero) or as absolute float counts (float histograms).
     *
     * <p>The span list works as in Prometheus: the first span's offset is the index of its first bucket, every
     * later offset is the gap after the previous span. {@link #iterate()} and {@link #next()} walk the covered
     * buckets in order, with their absolute index and absolute count, without allocating.
     */
    public static final class Buckets
    {
        private final NativeHistogramView owner;
        private int[] spanOffsets = new int[INITIAL_CAPACITY];
        private int[] spanLengths = new int[INITIAL_CAPACITY];
        private int spanCount;
        private int bucketCount;
        private long[] deltas = new long[INITIAL_CAPACITY];
        private int deltaCount;
        private double[] floatBuckets = new double[INITIAL_CAPACITY];
        private int floatBucketCount;

        private int currentSpan;
        private int leftInCurrentSpan;
        private int currentOrdinal;
        private int currentIndex;
        private long currentIntegerCount;
        private double currentCount;

        private Buckets(final NativeHistogramView owner)
        {
            this.owner = owner;
        }

        private void clear()
        {
            spanCount = 0;
            bucketCount = 0;
            deltaCount = 0;
            floatBucketCount = 0;
            iterate();
        }

        private void copyFrom(final Buckets other)
        {
            spanOffsets = ensureCapacity(spanOffsets, other.spanCount);
            spanLengths = ensureCapacity(spanLengths, other.spanCount);
            System.arraycopy(other.spanOffsets, 0, spanOffsets, 0, other.spanCount);
            System.arraycopy(other.spanLengths, 0, spanLengths, 0, other.spanCount);
            spanCount = other.spanCount;
            bucketCount = other.bucketCount;
            deltas = ensureCapacity(deltas, other.deltaCount);
            System.arraycopy(other.deltas, 0, deltas, 0, other.deltaCount);
            deltaCount = other.deltaCount;
            floatBuckets = ensureCapacity(floatBuckets, other.floatBucketCount);
            System.arraycopy(other.floatBuckets, 0, floatBuckets, 0, other.floatBucketCount);
            floatBucketCount = other.floatBucketCount;
            iterate();
        }

        /**
         * Number of spans.
         *
         * @return the count.
         */
        public int spanCount()
        {
            return spanCount;
        }

        /**
         * Offset of a span: the index of its first bucket for the first span, the gap after the previous span
         * for the others.
         *
         * @param span 0-based, below {@link #spanCount()}.
         * @return the offset.
         */
        public int spanOffset(final int span)
        {
            return spanOffsets[span];
        }

        /**
         * Number of consecutive buckets in a span.
         *
         * @param span 0-based, below {@link #spanCount()}.
         * @return the length.
         */
        public int spanLength(final int span)
        {
            return spanLengths[span];
        }

        /**
         * Number of buckets the spans cover: the sum of the span lengths, which in a valid histogram equals
         * {@link #deltaCount()} (integer) or {@link #floatBucketCount()} (float).
         *
         * @return the number of buckets.
         */
        public int bucketCount()
        {
            return bucketCount;
        }

        /**
         * Appends a span.
         *
         * @param offset the index of the first bucket (first span) or the gap after the previous span.
         * @param length the number of buckets, not negative, with the total of all spans at most
         *               {@link Integer#MAX_VALUE}.
         * @return this side.
         */
        public Buckets addSpan(final int offset, final int length)
        {
            spanOffsets = ensureCapacity(spanOffsets, spanCount + 1);
            spanLengths = ensureCapacity(spanLengths, spanCount + 1);
            spanOffsets[spanCount] = offset;
            spanLengths[spanCount] = length;
            spanCount++;
            bucketCount += length;
            return this;
        }

        /**
         * Number of count deltas (integer histograms).
         *
         * @return the count.
         */
        public int deltaCount()
        {
            return deltaCount;
        }

        /**
         * A bucket's count minus the previous bucket's count (the first bucket's count for the first one).
         *
         * @param bucket 0-based position in the list, below {@link #deltaCount()}.
         * @return the delta.
         */
        public long delta(final int bucket)
        {
            return deltas[bucket];
        }

        /**
         * Appends a count delta.
         *
         * @param delta the next bucket's count minus the previous one.
         * @return this side.
         */
        public Buckets addDelta(final long delta)
        {
            deltas = ensureCapacity(deltas, deltaCount + 1);
            deltas[deltaCount++] = delta;
            return this;
        }

        /**
         * For a decoder that appends many deltas at once: makes room for {@code more} deltas after the {@link
         * #deltaCount()} listed ones and returns the array that holds the list. Write the new deltas from index
         * {@link #deltaCount()} on, then call {@link #deltaCount(int)}. The array stays the list's until it grows.
         *
         * @param more how many deltas may be appended.
         * @return the array of the list, owned by this side.
         */
        public long[] deltaArray(final int more)
        {
            deltas = ensureCapacity(deltas, deltaCount + more);
            return deltas;
        }

        /**
         * Sets the number of listed deltas after a bulk append into {@link #deltaArray(int)}.
         *
         * @param count the new length of the list, at most the capacity made by {@link #deltaArray(int)}.
         * @return this side.
         */
        public Buckets deltaCount(final int count)
        {
            if (count < 0 || count > deltas.length)
            {
                throw new IllegalArgumentException("delta count " + count + " outside 0.." + deltas.length);
            }
            deltaCount = count;
            return this;
        }

        /**
         * Number of absolute float counts (float histograms).
         *
         * @return the count.
         */
        public int floatBucketCount()
        {
            return floatBucketCount;
        }

        /**
         * The absolute count of a bucket of a float histogram.
         *
         * @param bucket 0-based position in the list, below {@link #floatBucketCount()}.
         * @return the count.
         */
        public double floatBucket(final int bucket)
        {
            return floatBuckets[bucket];
        }

        /**
         * Appends an absolute float count.
         *
         * @param count the next bucket's count.
         * @return this side.
         */
        public Buckets addFloatBucket(final double count)
        {
            floatBuckets = ensureCapacity(floatBuckets, floatBucketCount + 1);
            floatBuckets[floatBucketCount++] = count;
            return this;
        }

        /**
         * For a decoder that appends many float counts at once: makes room for {@code more} counts after the
         * {@link #floatBucketCount()} listed ones and returns the array that holds the list. Write the new counts
         * from index {@link #floatBucketCount()} on, then call {@link #floatBucketCount(int)}.
         *
         * @param more how many counts may be appended.
         * @return the array of the list, owned by this side.
         */
        public double[] floatBucketArray(final int more)
        {
            floatBuckets = ensureCapacity(floatBuckets, floatBucketCount + more);
            return floatBuckets;
        }

        /**
         * Sets the number of listed float counts after a bulk append into {@link #floatBucketArray(int)}.
         *
         * @param count the new length of the list, at most the capacity made by {@link #floatBucketArray(int)}.
         * @return this side.
         */
        public Buckets floatBucketCount(final int count)
        {
            if (count < 0 || count > floatBuckets.length)
            {
                throw new IllegalArgumentException("float count " + count + " outside 0.." + floatBuckets.length);
            }
            floatBucketCount = count;
            return this;
        }

        /**
         * Starts a walk over the buckets the spans cover, in increasing index order; call {@link #next()} to
         * reach the first one.
         *
         * @return this side.
         */
        public Buckets iterate()
        {
            currentSpan = -1;
            leftInCurrentSpan = 0;
            currentOrdinal = -1;
            currentIndex = 0;
            currentIntegerCount = 0;
            currentCount = 0;
            return this;
        }

        /**
         * Moves the walk to the next bucket. The walk ends early, without error, when the count list is shorter
         * than the spans say.
         *
         * @return true when {@link #index()} and {@link #count()} now describe a bucket, false at the end.
         */
        public boolean next()
        {
            final int listed = owner.isFloat ? floatBucketCount : deltaCount;
            if (currentOrdinal + 1 >= listed)
            {
                return false;
            }
            if (leftInCurrentSpan > 0)
            {
                currentIndex++;
            }
            else if (!enterNextNonEmptySpan())
            {
                return false;
            }
            leftInCurrentSpan--;
            currentOrdinal++;
            if (owner.isFloat)
            {
                currentCount = floatBuckets[currentOrdinal];
            }
            else
            {
                currentIntegerCount += deltas[currentOrdinal];
                currentCount = currentIntegerCount;
            }
            return true;
        }

        private boolean enterNextNonEmptySpan()
        {
            int index = currentSpan < 0 ? 0 : currentIndex + 1;
            for (int span = currentSpan + 1; span < spanCount; span++)
            {
                index += spanOffsets[span];
                if (spanLengths[span] > 0)
                {
                    currentSpan = span;
                    currentIndex = index;
                    leftInCurrentSpan = spanLengths[span];
                    return true;
                }
            }
            return false;
        }

        /**
         * Absolute index of the current bucket of the walk.
         *
         * @return the bucket index.
         */
        public int index()
        {
            return currentIndex;
        }

        /**
         * Absolute count of the current bucket of the walk: the float count, or the running sum of the deltas
         * (exact up to 2^53).
         *
         * @return the count.
         */
        public double count()
        {
            return currentCount;
        }

        /**
         * Absolute count of the current bucket of an integer histogram: the running sum of the deltas.
         *
         * @return the count.
         */
        public long integerCount()
        {
            return currentIntegerCount;
        }
    }
}
