package dev.sluice.fuzz;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.parser.NativeHistogramView;

/**
 * A native histogram as plain values that compare with {@code equals}: every field of {@link NativeHistogramView}
 * the protobuf exposition fills, and the exemplars of the entry, all of them.
 *
 * @param schema                 the schema.
 * @param zeroThresholdBits      raw bits of the zero threshold.
 * @param isFloat                whether the counts are floats.
 * @param count                  the integer observation count.
 * @param floatCountBits         raw bits of the float observation count.
 * @param zeroCount              the integer zero bucket count.
 * @param floatZeroCountBits     raw bits of the float zero bucket count.
 * @param sumBits                raw bits of the sum.
 * @param resetHint              the reset hint.
 * @param positiveSpans          offset and length of each positive span, one after the other.
 * @param positiveDeltas         the positive bucket deltas as listed.
 * @param positiveFloatCountBits raw bits of the positive float bucket counts as listed.
 * @param negativeSpans          offset and length of each negative span, one after the other.
 * @param negativeDeltas         the negative bucket deltas as listed.
 * @param negativeFloatCountBits raw bits of the negative float bucket counts as listed.
 * @param exemplars              the exemplars of the entry, in order.
 */
record NativeHistogram(
    int schema,
    long zeroThresholdBits,
    boolean isFloat,
    long count,
    long floatCountBits,
    long zeroCount,
    long floatZeroCountBits,
    long sumBits,
    NativeHistogramView.ResetHint resetHint,
    List<Integer> positiveSpans,
    List<Long> positiveDeltas,
    List<Long> positiveFloatCountBits,
    List<Integer> negativeSpans,
    List<Long> negativeDeltas,
    List<Long> negativeFloatCountBits,
    List<Exemplar> exemplars)
{
    /**
     * Copies what a cursor's view holds.
     *
     * @param view      the view the cursor filled.
     * @param exemplars the exemplars of the entry.
     * @return the histogram.
     */
    static NativeHistogram of(final NativeHistogramView view, final List<Exemplar> exemplars)
    {
        return new NativeHistogram(view.schema(), Double.doubleToRawLongBits(view.zeroThreshold()), view.isFloat(),
            view.count(), Double.doubleToRawLongBits(view.floatCount()), view.zeroCount(),
            Double.doubleToRawLongBits(view.floatZeroCount()), Double.doubleToRawLongBits(view.sum()),
            view.resetHint(), spans(view.positive()), deltas(view.positive()),
            floatCounts(view.positive()), spans(view.negative()), deltas(view.negative()),
            floatCounts(view.negative()), exemplars);
    }

    private static List<Integer> spans(final NativeHistogramView.Buckets side)
    {
        final List<Integer> spans = new ArrayList<>();
        for (int i = 0, n = side.spanCount(); i < n; i++)
        {
            spans.add(side.spanOffset(i));
            spans.add(side.spanLength(i));
        }
        return spans;
    }

    private static List<Long> deltas(final NativeHistogramView.Buckets side)
    {
        final List<Long> deltas = new ArrayList<>();
        for (int i = 0, n = side.deltaCount(); i < n; i++)
        {
            deltas.add(side.delta(i));
        }
        return deltas;
    }

    private static List<Long> floatCounts(final NativeHistogramView.Buckets side)
    {
        final List<Long> counts = new ArrayList<>();
        for (int i = 0, n = side.floatBucketCount(); i < n; i++)
        {
            counts.add(Double.doubleToRawLongBits(side.floatBucket(i)));
        }
        return counts;
    }
}
