package dev.sluice.parser.text;

import dev.sluice.parser.MetricType;

/**
 * The OpenMetrics rules for one point of a classic histogram or gauge histogram, checked as its samples
 * stream by: buckets in increasing {@code le} order with non-decreasing counts, a {@code +Inf} bucket,
 * {@code _count} and {@code _sum} together (gauge histograms: {@code _gcount}, {@code _gsum}), the count
 * equal to the {@code +Inf} bucket, no negative counts, no {@code _sum} beside negative buckets and no
 * negative sum without them.
 */
final class HistogramPoint
{
    private boolean any;
    private int buckets;
    private double lastBound;
    private double lastBucketValue;
    private boolean hasInf;
    private double infValue;
    private boolean hasCount;
    private double count;
    private boolean hasSum;
    private boolean negativeBucket;

    void clear()
    {
        any = false;
        buckets = 0;
        hasInf = false;
        hasCount = false;
        hasSum = false;
        negativeBucket = false;
    }

    void add(
        final OpenMetricsCursor cursor,
        final MetricType type,
        final int suffix,
        final double bound,
        final double value,
        final int at)
    {
        if (suffix == OpenMetricsCursor.SUFFIX_BUCKET)
        {
            if (hasInf || hasCount || hasSum)
            {
                validate(cursor, type, at);
                clear();
            }
            cursor.requireNonNegative(value, "bucket count", at);
            if (buckets > 0 && !(bound > lastBound))
            {
                throw cursor.error("buckets must be in increasing order of 'le'", at);
            }
            if (buckets > 0 && value < lastBucketValue)
            {
                throw cursor.error("bucket counts must not decrease", at);
            }
            buckets++;
            lastBound = bound;
            lastBucketValue = value;
            negativeBucket |= bound < 0;
            if (bound == Double.POSITIVE_INFINITY)
            {
                hasInf = true;
                infValue = value;
            }
        }
        else if (suffix == OpenMetricsCursor.SUFFIX_COUNT || suffix == OpenMetricsCursor.SUFFIX_GCOUNT)
        {
            if (hasCount)
            {
                throw cursor.error("repeated count in one histogram point", at);
            }
            cursor.requireNonNegative(value, "histogram count", at);
            hasCount = true;
            count = value;
        }
        else
        {
            if (hasSum)
            {
                throw cursor.error("repeated sum in one histogram point", at);
            }
            if (Double.isNaN(value))
            {
                throw cursor.error("histogram sum must not be NaN", at);
            }
            if (value < 0 && (type == MetricType.HISTOGRAM || !negativeBucket))
            {
                throw cursor.error("histogram sum must not be negative without negative buckets", at);
            }
            hasSum = true;
        }
        any = true;
    }

    void validate(final OpenMetricsCursor cursor, final MetricType type, final int at)
    {
        if (!any)
        {
            return;
        }
        if (!hasInf)
        {
            throw cursor.error("histogram point without a +Inf bucket", at);
        }
        if (hasCount != hasSum)
        {
            throw cursor.error("histogram count and sum must both be present or both absent", at);
        }
        if (hasCount && count != infValue)
        {
            throw cursor.error("histogram count must equal the +Inf bucket", at);
        }
        if (type == MetricType.HISTOGRAM && hasSum && negativeBucket)
        {
            throw cursor.error("histogram with negative buckets must not have a sum", at);
        }
    }
}
