package dev.sluice.protobuf.remote;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;

/**
 * A Remote Write request as plain values, for tests: what a decoder read, or what a test wants encoded. Doubles
 * are kept as their raw bits, so that record equality tells NaN payloads and -0.0 apart. One model serves both
 * versions: 1.0 has request-level metadata and no start timestamps, 2.0 has per-series metadata.
 */
final class RemoteWriteModel
{
    private RemoteWriteModel()
    {
    }

    record Request(List<Series> series, List<Metadata> metadata)
    {
    }

    record Series(
        List<Label> labels,
        List<Sample> samples,
        List<Exemplar> exemplars,
        List<Histogram> histograms,
        SeriesMetadata metadata)
    {
    }

    record Label(String name, String value)
    {
    }

    record Sample(long valueBits, long timestampMs, long startTimestampMs)
    {
    }

    record Exemplar(List<Label> labels, long valueBits, long timestampMs)
    {
    }

    record Span(int offset, int length)
    {
    }

    record Side(List<Span> spans, List<Long> deltas, List<Long> countBits)
    {
    }

    record Histogram(
        boolean isFloat,
        long count,
        long floatCountBits,
        long sumBits,
        int schema,
        long zeroThresholdBits,
        long zeroCount,
        long floatZeroCountBits,
        Side negative,
        Side positive,
        NativeHistogramView.ResetHint resetHint,
        List<Long> customValueBits,
        long timestampMs,
        long startTimestampMs)
    {
        /** Fills a view with this histogram. */
        NativeHistogramView fill(final NativeHistogramView view)
        {
            view.clear().isFloat(isFloat).count(count).floatCount(Double.longBitsToDouble(floatCountBits))
                .sum(Double.longBitsToDouble(sumBits)).schema(schema)
                .zeroThreshold(Double.longBitsToDouble(zeroThresholdBits)).zeroCount(zeroCount)
                .floatZeroCount(Double.longBitsToDouble(floatZeroCountBits)).resetHint(resetHint);
            fillSide(negative, view.negative());
            fillSide(positive, view.positive());
            customValueBits.forEach(bits -> view.addCustomValue(Double.longBitsToDouble(bits)));
            return view;
        }

        private static void fillSide(final Side side, final NativeHistogramView.Buckets buckets)
        {
            side.spans().forEach(span -> buckets.addSpan(span.offset(), span.length()));
            side.deltas().forEach(buckets::addDelta);
            side.countBits().forEach(bits -> buckets.addFloatBucket(Double.longBitsToDouble(bits)));
        }

        /** The histogram a view holds. */
        static Histogram of(final NativeHistogramView view, final long timestampMs, final long startTimestampMs)
        {
            final List<Long> custom = new ArrayList<>();
            for (int i = 0; i < view.customValueCount(); i++)
            {
                custom.add(Double.doubleToRawLongBits(view.customValue(i)));
            }
            return new Histogram(view.isFloat(), view.count(), Double.doubleToRawLongBits(view.floatCount()),
                Double.doubleToRawLongBits(view.sum()), view.schema(), Double.doubleToRawLongBits(view.zeroThreshold()),
                view.zeroCount(), Double.doubleToRawLongBits(view.floatZeroCount()), side(view.negative()),
                side(view.positive()), view.resetHint(), custom, timestampMs, startTimestampMs);
        }

        private static Side side(final NativeHistogramView.Buckets buckets)
        {
            final List<Span> spans = new ArrayList<>();
            for (int i = 0; i < buckets.spanCount(); i++)
            {
                spans.add(new Span(buckets.spanOffset(i), buckets.spanLength(i)));
            }
            final List<Long> deltas = new ArrayList<>();
            for (int i = 0; i < buckets.deltaCount(); i++)
            {
                deltas.add(buckets.delta(i));
            }
            final List<Long> counts = new ArrayList<>();
            for (int i = 0; i < buckets.floatBucketCount(); i++)
            {
                counts.add(Double.doubleToRawLongBits(buckets.floatBucket(i)));
            }
            return new Side(spans, deltas, counts);
        }
    }

    /** A 1.0 {@code MetricMetadata} entry. */
    record Metadata(MetricType type, String familyName, String help, String unit)
    {
    }

    /** A 2.0 series' {@code Metadata}. */
    record SeriesMetadata(MetricType type, String help, String unit)
    {
    }

    /** The text a view shows, decoded as UTF-8. */
    static String text(final TextView view)
    {
        final byte[] bytes = new byte[view.length()];
        view.buffer().getBytes(view.offset(), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A string's UTF-8 bytes in a buffer, for the encoders. */
    static UnsafeBuffer utf8(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
    }
}
