package dev.sluice.pipeline.record;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.sluice.parser.NativeHistogramView;

/**
 * Native histograms for tests: sample histograms of each kind, a complete text form to compare views by, and
 * protobuf exposition bodies (delimited {@code MetricFamily} messages of {@code io.prometheus.client}) that carry
 * them, written field by field so that the pipeline's tests need no protobuf runtime.
 */
public final class NativeHistograms
{
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int TYPE_HISTOGRAM = 4;
    private static final int TYPE_GAUGE_HISTOGRAM = 5;

    private NativeHistograms()
    {
    }

    /**
     * An integer histogram of schema 1 with positive and negative buckets over two spans each.
     *
     * @return a new view.
     */
    public static NativeHistogramView integer()
    {
        final NativeHistogramView h = new NativeHistogramView().schema(1).zeroThreshold(0.001).count(17)
            .zeroCount(2).sum(42.5).resetHint(NativeHistogramView.ResetHint.NO);
        h.positive().addSpan(-1, 2).addSpan(3, 1).addDelta(3).addDelta(2).addDelta(-4);
        h.negative().addSpan(0, 1).addSpan(1, 2).addDelta(1).addDelta(3).addDelta(-1);
        return h;
    }

    /**
     * A float gauge histogram of schema 0 with positive buckets only.
     *
     * @return a new view.
     */
    public static NativeHistogramView floating()
    {
        final NativeHistogramView h = new NativeHistogramView().schema(0).zeroThreshold(1e-128).isFloat(true)
            .floatCount(6.5).floatZeroCount(0.5).sum(-3.25).resetHint(NativeHistogramView.ResetHint.GAUGE);
        h.positive().addSpan(2, 3).addFloatBucket(1.5).addFloatBucket(0).addFloatBucket(4.5);
        return h;
    }

    /**
     * A histogram with custom bucket bounds (schema -53): positive buckets only, counted by delta.
     *
     * @return a new view.
     */
    public static NativeHistogramView customBuckets()
    {
        final NativeHistogramView h = new NativeHistogramView().schema(NativeHistogramView.CUSTOM_BUCKETS_SCHEMA)
            .count(9).sum(12).addCustomValue(0.5).addCustomValue(1).addCustomValue(2.5);
        h.positive().addSpan(0, 2).addSpan(1, 1).addDelta(4).addDelta(-1).addDelta(-1);
        return h;
    }

    /**
     * An integer histogram with observations only in the zero bucket: no span, no bucket.
     *
     * @return a new view.
     */
    public static NativeHistogramView zeroBucketOnly()
    {
        return new NativeHistogramView().schema(3).zeroThreshold(0.5).count(4).zeroCount(4).sum(0.25);
    }

    /**
     * Every field of a histogram, in the form it was written (deltas or float counts), for comparing two views.
     *
     * @param h the histogram.
     * @return its text.
     */
    public static String describe(final NativeHistogramView h)
    {
        final StringBuilder out = new StringBuilder();
        out.append("schema=").append(h.schema()).append(" zt=").append(h.zeroThreshold())
            .append(" float=").append(h.isFloat()).append(" sum=").append(h.sum()).append(" hint=")
            .append(h.resetHint());
        if (h.isFloat())
        {
            out.append(" count=").append(h.floatCount()).append(" zc=").append(h.floatZeroCount());
        }
        else
        {
            out.append(" count=").append(Long.toUnsignedString(h.count())).append(" zc=")
                .append(Long.toUnsignedString(h.zeroCount()));
        }
        out.append(" custom=[");
        for (int i = 0; i < h.customValueCount(); i++)
        {
            out.append(i > 0 ? "," : "").append(h.customValue(i));
        }
        out.append(']');
        describeSide(out.append(" pos="), h, h.positive());
        describeSide(out.append(" neg="), h, h.negative());
        return out.toString();
    }

    private static void describeSide(
        final StringBuilder out, final NativeHistogramView h, final NativeHistogramView.Buckets side)
    {
        out.append('[');
        for (int i = 0; i < side.spanCount(); i++)
        {
            out.append(i > 0 ? "," : "").append(side.spanOffset(i)).append(':').append(side.spanLength(i));
        }
        out.append("]{");
        final int listed = h.isFloat() ? side.floatBucketCount() : side.deltaCount();
        for (int i = 0; i < listed; i++)
        {
            out.append(i > 0 ? "," : "");
            if (h.isFloat())
            {
                out.append(side.floatBucket(i));
            }
            else
            {
                out.append(side.delta(i));
            }
        }
        out.append('}');
    }

    /**
     * One delimited {@code MetricFamily} of type histogram (gauge histogram for a {@link
     * NativeHistogramView.ResetHint#GAUGE} hint) with one metric carrying an exponential native histogram and,
     * when asked, one classic bucket.
     *
     * @param name        the family name.
     * @param labelPairs  label names and values, alternating.
     * @param h           the histogram; its schema must be exponential (the exposition has no custom bounds).
     * @param timestampMs the metric's timestamp, or 0 for none.
     * @param classicLe   the upper bound of one classic bucket holding every observation, or NaN for none.
     * @return the bytes.
     */
    public static byte[] family(
        final String name,
        final String[] labelPairs,
        final NativeHistogramView h,
        final long timestampMs,
        final double classicLe)
    {
        return family(name, labelPairs, h, timestampMs, classicLe, new Exemplar[0]);
    }

    /** An exemplar of a native histogram's {@code exemplars} list: label pairs, value, timestamp (0 for none). */
    public record Exemplar(String[] labelPairs, double value, long timestampMs)
    {
    }

    /**
     * As {@link #family(String, String[], NativeHistogramView, long, double)}, the histogram carrying a list of
     * exemplars ({@code Histogram.exemplars}, field 16).
     *
     * @param name        the family name.
     * @param labelPairs  label names and values, alternating.
     * @param h           the histogram.
     * @param timestampMs the metric's timestamp, or 0 for none.
     * @param classicLe   the upper bound of one classic bucket, or NaN for none.
     * @param exemplars   the histogram's exemplars.
     * @return the bytes.
     */
    public static byte[] family(
        final String name,
        final String[] labelPairs,
        final NativeHistogramView h,
        final long timestampMs,
        final double classicLe,
        final Exemplar... exemplars)
    {
        final ProtoBytes histogram = new ProtoBytes();
        if (h.isFloat())
        {
            histogram.doubleField(4, h.floatCount()).doubleField(8, h.floatZeroCount());
        }
        else
        {
            histogram.varint(1, h.count()).varint(7, h.zeroCount());
        }
        histogram.doubleField(2, h.sum()).tag(5, VARINT).varint(zigzag(h.schema()))
            .doubleField(6, h.zeroThreshold());
        if (!Double.isNaN(classicLe))
        {
            final long observations = h.isFloat() ? (long)h.floatCount() : h.count();
            histogram.message(3, new ProtoBytes().varint(1, observations).doubleField(2, classicLe));
        }
        side(histogram, h, h.negative(), 9);
        side(histogram, h, h.positive(), 12);
        for (final Exemplar exemplar : exemplars)
        {
            final ProtoBytes message = new ProtoBytes();
            for (int i = 0; i < exemplar.labelPairs().length; i += 2)
            {
                message.message(1, new ProtoBytes().string(1, exemplar.labelPairs()[i])
                    .string(2, exemplar.labelPairs()[i + 1]));
            }
            message.doubleField(2, exemplar.value());
            if (exemplar.timestampMs() != 0)
            {
                message.message(3, new ProtoBytes().varint(1, exemplar.timestampMs() / 1000)
                    .varint(2, exemplar.timestampMs() % 1000 * 1_000_000));
            }
            histogram.message(16, message);
        }
        final ProtoBytes metric = new ProtoBytes();
        for (int i = 0; i < labelPairs.length; i += 2)
        {
            metric.message(1, new ProtoBytes().string(1, labelPairs[i]).string(2, labelPairs[i + 1]));
        }
        metric.message(7, histogram);
        if (timestampMs != 0)
        {
            metric.varint(6, timestampMs);
        }
        final boolean gauge = h.resetHint() == NativeHistogramView.ResetHint.GAUGE;
        final ProtoBytes family = new ProtoBytes().string(1, name)
            .varint(3, gauge ? TYPE_GAUGE_HISTOGRAM : TYPE_HISTOGRAM).message(4, metric);
        final byte[] message = family.toByteArray();
        return new ProtoBytes().varint(message.length).bytes(message).toByteArray();
    }

    /** Spans at {@code spanField}, deltas at the next field, float counts at the one after, as the proto has them. */
    private static void side(
        final ProtoBytes out, final NativeHistogramView h, final NativeHistogramView.Buckets side, final int spanField)
    {
        for (int i = 0; i < side.spanCount(); i++)
        {
            out.message(spanField, new ProtoBytes().tag(1, VARINT).varint(zigzag(side.spanOffset(i)))
                .varint(2, side.spanLength(i)));
        }
        if (h.isFloat())
        {
            for (int i = 0; i < side.floatBucketCount(); i++)
            {
                out.doubleField(spanField + 2, side.floatBucket(i));
            }
        }
        else
        {
            for (int i = 0; i < side.deltaCount(); i++)
            {
                out.tag(spanField + 1, VARINT).varint(zigzag(side.delta(i)));
            }
        }
    }

    private static long zigzag(final long value)
    {
        return value << 1 ^ value >> 63;
    }

    /** Protobuf wire format, one field per call. */
    private static final class ProtoBytes
    {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        ProtoBytes tag(final int field, final int wireType)
        {
            return varint((long)field << 3 | wireType);
        }

        ProtoBytes varint(final long value)
        {
            long v = value;
            while ((v & ~0x7FL) != 0)
            {
                out.write((int)(v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int)v);
            return this;
        }

        ProtoBytes varint(final int field, final long value)
        {
            return tag(field, VARINT).varint(value);
        }

        ProtoBytes doubleField(final int field, final double value)
        {
            tag(field, FIXED64);
            final long bits = Double.doubleToRawLongBits(value);
            for (int i = 0; i < Long.BYTES; i++)
            {
                out.write((int)(bits >>> 8 * i) & 0xFF);
            }
            return this;
        }

        ProtoBytes string(final int field, final String value)
        {
            final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            return tag(field, LENGTH_DELIMITED).varint(bytes.length).bytes(bytes);
        }

        ProtoBytes message(final int field, final ProtoBytes message)
        {
            final byte[] bytes = message.toByteArray();
            return tag(field, LENGTH_DELIMITED).varint(bytes.length).bytes(bytes);
        }

        ProtoBytes bytes(final byte[] bytes)
        {
            out.write(bytes, 0, bytes.length);
            return this;
        }

        byte[] toByteArray()
        {
            return out.toByteArray();
        }
    }
}
