package dev.sluice.protobuf.exposition;

import java.util.Arrays;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.protobuf.wire.WireInput;

/**
 * Turns the classic buckets of a {@code Histogram} message into a native histogram with custom buckets (NHCB,
 * schema {@value NativeHistogramView#CUSTOM_BUCKETS_SCHEMA}), by Prometheus' rules for {@code
 * convert_classic_histograms_to_nhcb}:
 * <ul>
 *   <li>the buckets are taken in bound order (a bucket given out of order is put in its place, a bound given twice
 *   counts once); a NaN bound, a negative count, a cumulative count below the one of a lower bound, and a
 *   negative observation count are errors;</li>
 *   <li>when the highest bound is not {@code +Inf}, a {@code +Inf} bucket with the observation count is added;
 *   when it is, its count must equal the observation count;</li>
 *   <li>the custom values are the finite bounds, every bucket's count is its cumulative count minus the one below
 *   it, the zero threshold and zero count are 0, count and sum are the message's;</li>
 *   <li>the histogram has integer counts when all counts are whole numbers, else float counts; empty buckets are
 *   left out, integer histograms keeping runs of up to two of them inside a span.</li>
 * </ul>
 * The series keeps the family name and the metric's labels, without suffix and without {@code le}. Reusable;
 * after warm-up a conversion allocates nothing.
 */
final class CustomBucketsConversion
{
    /** Prometheus keeps up to this many empty buckets inside a span of an integer NHCB. */
    private static final int INTEGER_MAX_EMPTY_RUN = 2;
    /** Counts at or above this have no exact signed 64-bit form. */
    private static final double TWO_TO_63 = 0x1p63;

    private final WireInput input;
    private final SparseBucketsWriter writer = new SparseBucketsWriter();
    private double[] bounds = new double[16];
    private double[] counts = new double[16];
    private int bucketCount;

    CustomBucketsConversion(final WireInput input)
    {
        this.input = input;
    }

    /**
     * Converts the classic part of a histogram message that was {@link HistogramMessage#read read}.
     *
     * @param message the message; its bucket walk is rewound afterwards.
     * @param at      index the errors point at.
     * @param target  the view to fill.
     * @return {@code target}.
     * @throws dev.sluice.parser.ParseException when the buckets cannot be converted.
     */
    NativeHistogramView convert(final HistogramMessage message, final int at, final NativeHistogramView target)
    {
        collectBuckets(message, at);
        final double count = message.countValue();
        if (count < 0)
        {
            throw input.error("histogram count " + count + " is negative", at);
        }
        if (bucketCount == 0 || bounds[bucketCount - 1] != Double.POSITIVE_INFINITY)
        {
            append(Double.POSITIVE_INFINITY, count);
        }
        final double infCount = counts[bucketCount - 1];
        if (infCount != count)
        {
            throw input.error("histogram count " + count + " differs from the +Inf bucket's " + infCount, at);
        }
        final boolean isFloat = !isWhole(count) || !allWhole();
        target.clear()
            .schema(NativeHistogramView.CUSTOM_BUCKETS_SCHEMA)
            .resetHint(message.view().resetHint())
            .isFloat(isFloat)
            .sum(message.sum());
        for (int i = 0; i < bucketCount - 1; i++)
        {
            target.addCustomValue(bounds[i]);
        }
        final SparseBucketsWriter w = writer.start(target.positive(), isFloat ? 0 : INTEGER_MAX_EMPTY_RUN);
        if (isFloat)
        {
            target.floatCount(count);
            double below = 0;
            for (int i = 0; i < bucketCount; i++)
            {
                w.addFloat(i, counts[i] - below);
                below = counts[i];
            }
        }
        else
        {
            target.count((long)count);
            long below = 0;
            for (int i = 0; i < bucketCount; i++)
            {
                final long cumulative = (long)counts[i];
                w.addInteger(i, cumulative - below);
                below = cumulative;
            }
        }
        w.finish();
        return target;
    }

    private void collectBuckets(final HistogramMessage message, final int at)
    {
        bucketCount = 0;
        message.rewindBuckets();
        while (message.nextBucket())
        {
            add(message.upperBound(), message.bucketValue(), at);
        }
        message.rewindBuckets();
    }

    /** Puts a bucket in bound order; a bound already present is ignored. */
    private void add(final double bound, final double cumulative, final int at)
    {
        if (Double.isNaN(bound))
        {
            throw input.error("classic bucket bound NaN cannot become a custom bucket", at);
        }
        if (cumulative < 0)
        {
            throw input.error("classic bucket le=" + bound + " has a negative count " + cumulative, at);
        }
        int position = bucketCount;
        while (position > 0 && bounds[position - 1] > bound)
        {
            position--;
        }
        if (position > 0 && bounds[position - 1] == bound)
        {
            return;
        }
        if (position > 0 && cumulative < counts[position - 1] ||
            position < bucketCount && cumulative > counts[position])
        {
            throw input.error("classic bucket le=" + bound + " count " + cumulative +
                " is not cumulative with its neighbours", at);
        }
        append(bound, cumulative);
        System.arraycopy(bounds, position, bounds, position + 1, bucketCount - 1 - position);
        System.arraycopy(counts, position, counts, position + 1, bucketCount - 1 - position);
        bounds[position] = bound;
        counts[position] = cumulative;
    }

    private void append(final double bound, final double cumulative)
    {
        if (bucketCount == bounds.length)
        {
            bounds = Arrays.copyOf(bounds, bucketCount * 2);
            counts = Arrays.copyOf(counts, bucketCount * 2);
        }
        bounds[bucketCount] = bound;
        counts[bucketCount] = cumulative;
        bucketCount++;
    }

    private boolean allWhole()
    {
        for (int i = 0; i < bucketCount; i++)
        {
            if (!isWhole(counts[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhole(final double value)
    {
        return Math.abs(value) < TWO_TO_63 && value == Math.rint(value);
    }
}
