package dev.sluice.protobuf.exposition;

import dev.sluice.parser.NativeHistogramView;

/**
 * Lowers the resolution of a native histogram with an exponential schema, as the native histogram specification
 * describes it: going from schema {@code s} to {@code s - 1} squares the bucket growth factor, so every bucket of
 * the lower schema is exactly the union of two neighbouring buckets of the higher one. Positive bucket {@code i} of
 * schema {@code s} lies in bucket {@code ((i - 1) >> d) + 1} of schema {@code s - d}, and so does negative bucket
 * {@code i} (its mirror image). The zero bucket, count, sum and reset hint are left as they are; only bucket
 * counts are added up.
 *
 * <p>Used at scrape time for {@code native_histogram_bucket_limit} and {@code native_histogram_min_bucket_factor}
 * (see {@link HistogramScrapeOptions}). Buckets are counted and merged as Prometheus does after compacting a
 * scraped histogram: only populated buckets count, and the reduced histogram lists only populated buckets, in
 * spans without gaps inside. Integer counts stay integers: deltas are summed to absolute counts, merged, and
 * written back as deltas; float counts are merged as floats.
 *
 * <p>Reusable; after warm-up a reduction allocates nothing. Custom-bucket histograms (schema {@value
 * NativeHistogramView#CUSTOM_BUCKETS_SCHEMA}) have no resolution to lower and are never reduced.
 */
public final class SchemaReduction
{
    /** Returned by {@link #fittingSchema} when no exponential schema brings the histogram within the limit. */
    public static final int NO_FITTING_SCHEMA = Integer.MIN_VALUE;

    private final SparseBucketsWriter writer = new SparseBucketsWriter();

    /**
     * The highest schema whose bucket growth factor {@code 2^(2^-schema)} is at least {@code minBucketFactor}:
     * the largest schema {@code native_histogram_min_bucket_factor} allows. A factor of 1 or less (0 included)
     * sets no limit and gives {@value NativeHistogramView#MAX_EXPONENTIAL_SCHEMA}; a factor above 65536 gives
     * {@value NativeHistogramView#MIN_EXPONENTIAL_SCHEMA}, which is as far as the schema goes.
     *
     * @param minBucketFactor the smallest growth factor from one bucket to the next.
     * @return the schema, from -4 to 8.
     */
    public static int maxSchemaForBucketFactor(final double minBucketFactor)
    {
        for (int schema = NativeHistogramView.MAX_EXPONENTIAL_SCHEMA;
            schema > NativeHistogramView.MIN_EXPONENTIAL_SCHEMA; schema--)
        {
            if (growthFactor(schema) >= minBucketFactor)
            {
                return schema;
            }
        }
        return NativeHistogramView.MIN_EXPONENTIAL_SCHEMA;
    }

    /**
     * The factor from one bucket boundary to the next at a schema, {@code 2^(2^-schema)}.
     *
     * @param schema an exponential schema.
     * @return the factor.
     */
    public static double growthFactor(final int schema)
    {
        return Math.pow(2, Math.pow(2, -schema));
    }

    /**
     * Index of the bucket of schema {@code schema - shift} that contains bucket {@code index} of {@code schema}.
     *
     * @param index a bucket index.
     * @param shift how many schemas lower, 0 or more.
     * @return the index at the lower schema.
     */
    public static int targetIndex(final int index, final int shift)
    {
        return (int)((((long)index - 1) >> shift) + 1);
    }

    /**
     * Number of populated buckets, positive and negative, the histogram would have at a lower or equal schema.
     *
     * @param histogram    an exponential histogram.
     * @param targetSchema the schema, not above the histogram's.
     * @return the bucket count.
     */
    public static int populatedBucketCount(final NativeHistogramView histogram, final int targetSchema)
    {
        final int shift = histogram.schema() - targetSchema;
        return populatedBucketCount(histogram.positive(), histogram.isFloat(), shift) +
            populatedBucketCount(histogram.negative(), histogram.isFloat(), shift);
    }

    private static int populatedBucketCount(
        final NativeHistogramView.Buckets side, final boolean isFloat, final int shift)
    {
        final NativeHistogramView.Buckets walk = side.iterate();
        int count = 0;
        int last = 0;
        while (walk.next())
        {
            if (isFloat ? walk.count() != 0 : walk.integerCount() != 0)
            {
                final int target = targetIndex(walk.index(), shift);
                if (count == 0 || target != last)
                {
                    count++;
                    last = target;
                }
            }
        }
        return count;
    }

    /**
     * The schema the scrape options ask for: the highest one not above {@code maxSchema} (nor the histogram's own)
     * at which the histogram has at most {@code bucketLimit} populated buckets.
     *
     * @param histogram   an exponential histogram.
     * @param maxSchema   the highest schema allowed, see {@link #maxSchemaForBucketFactor}.
     * @param bucketLimit the most buckets allowed, 0 for no limit.
     * @return the schema, or {@link #NO_FITTING_SCHEMA} when even schema -4 has more buckets than the limit.
     */
    public static int fittingSchema(final NativeHistogramView histogram, final int maxSchema, final int bucketLimit)
    {
        int schema = Math.min(histogram.schema(), maxSchema);
        if (bucketLimit <= 0)
        {
            return schema;
        }
        while (populatedBucketCount(histogram, schema) > bucketLimit)
        {
            if (schema <= NativeHistogramView.MIN_EXPONENTIAL_SCHEMA)
            {
                return NO_FITTING_SCHEMA;
            }
            schema--;
        }
        return schema;
    }

    /**
     * Writes {@code source} at a lower or equal schema into {@code target}: same zero bucket, count, sum, kind of
     * counts and reset hint; the populated buckets merged.
     *
     * @param source       an exponential histogram; only read, but its bucket walks are reset.
     * @param targetSchema the schema to reduce to, from -4 up to the source's schema.
     * @param target       the view to fill, not {@code source}.
     * @return {@code target}.
     */
    public NativeHistogramView reduce(
        final NativeHistogramView source, final int targetSchema, final NativeHistogramView target)
    {
        target.clear()
            .schema(targetSchema)
            .zeroThreshold(source.zeroThreshold())
            .isFloat(source.isFloat())
            .count(source.count())
            .floatCount(source.floatCount())
            .zeroCount(source.zeroCount())
            .floatZeroCount(source.floatZeroCount())
            .sum(source.sum())
            .resetHint(source.resetHint());
        final int shift = source.schema() - targetSchema;
        merge(source.positive(), source.isFloat(), shift, target.positive());
        merge(source.negative(), source.isFloat(), shift, target.negative());
        return target;
    }

    private void merge(
        final NativeHistogramView.Buckets from,
        final boolean isFloat,
        final int shift,
        final NativeHistogramView.Buckets to)
    {
        final SparseBucketsWriter w = writer.start(to, 0);
        final NativeHistogramView.Buckets walk = from.iterate();
        boolean open = false;
        int target = 0;
        long integerSum = 0;
        double floatSum = 0;
        while (walk.next())
        {
            final int index = targetIndex(walk.index(), shift);
            if (open && index != target)
            {
                add(w, isFloat, target, integerSum, floatSum);
                integerSum = 0;
                floatSum = 0;
            }
            open = true;
            target = index;
            if (isFloat)
            {
                floatSum += walk.count();
            }
            else
            {
                integerSum += walk.integerCount();
            }
        }
        if (open)
        {
            add(w, isFloat, target, integerSum, floatSum);
        }
        w.finish();
    }

    private static void add(
        final SparseBucketsWriter w, final boolean isFloat, final int index, final long integerSum,
        final double floatSum)
    {
        if (isFloat)
        {
            w.addFloat(index, floatSum);
        }
        else
        {
            w.addInteger(index, integerSum);
        }
    }
}
