package dev.sluice.fuzz;

import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.TextView;
import dev.sluice.protobuf.TransportFormat;
import dev.sluice.protobuf.remote.RemoteWrite1Decoder;
import dev.sluice.protobuf.remote.RemoteWrite1Encoder;
import dev.sluice.protobuf.remote.RemoteWrite2Decoder;
import dev.sluice.protobuf.remote.RemoteWrite2Encoder;

/**
 * The check of the Remote Write decoder targets: a body, inside a padded array, is decoded to its end with every
 * field read (labels, samples, exemplars with their labels, histograms filled and walked, metadata) within the
 * decoder budget, and folded into a digest; a rejected body must fail with a {@link ParseException} of the right
 * version and an offset inside the body. An accepted body is then copied, field by field, through the encoder of
 * its version, and the copy must decode to the same digest: what the decoder accepts, the encoder writes back
 * without loss. On request, the copying pass also lists what it read, for the differential target.
 */
final class RemoteWriteReader
{
    /** The digest of a rejected body. */
    static final long REJECTED = -1;

    private final RemoteWrite1Decoder decoder1 = new RemoteWrite1Decoder();
    private final RemoteWrite2Decoder decoder2 = new RemoteWrite2Decoder();
    private final RemoteWrite1Encoder encoder1 = new RemoteWrite1Encoder();
    private final RemoteWrite2Encoder encoder2 = new RemoteWrite2Encoder();
    private final ExpandableDirectByteBuffer copy = new ExpandableDirectByteBuffer(1024);
    private final NativeHistogramView histogram = new NativeHistogramView();
    private final TextView name = new TextView();
    private final TextView value = new TextView();
    private final Labels labels1 =
        new Labels(decoder1::labelCount, decoder1::labelName, decoder1::labelValue, encoder1::addLabel);
    private final Labels labels2 =
        new Labels(decoder2::labelCount, decoder2::labelName, decoder2::labelValue, encoder2::addLabel);
    private final Exemplars exemplars1 = new Exemplars(decoder1::exemplarCount, decoder1::exemplarLabelCount,
        decoder1::exemplarLabelName, decoder1::exemplarLabelValue, decoder1::exemplarValue,
        decoder1::exemplarTimestampMs, encoder1::beginExemplar, encoder1::addExemplarLabel, encoder1::endExemplar);
    private final Exemplars exemplars2 = new Exemplars(decoder2::exemplarCount, decoder2::exemplarLabelCount,
        decoder2::exemplarLabelName, decoder2::exemplarLabelValue, decoder2::exemplarValue,
        decoder2::exemplarTimestampMs, encoder2::beginExemplar, encoder2::addExemplarLabel, encoder2::endExemplar);
    private ParseException rejection;

    /** Reads a body, to its digest or {@link #REJECTED}, and copies and lists it through the encoder when asked. */
    @FunctionalInterface
    private interface BodyRead
    {
        long read(UnsafeBuffer buffer, int offset, int length, boolean encode, List<Object> content);
    }

    /** A decoder's accessor of the name or value of a label of the series. */
    @FunctionalInterface
    private interface LabelText
    {
        TextView read(int index, TextView view);
    }

    /** A decoder's accessor of the name or value of a label of an exemplar. */
    @FunctionalInterface
    private interface ExemplarLabelText
    {
        TextView read(int exemplar, int index, TextView view);
    }

    /** An encoder's method adding a label to a series or an exemplar. */
    @FunctionalInterface
    private interface LabelSink
    {
        void add(DirectBuffer name, int nameOffset, int nameLength, DirectBuffer value, int valueOffset,
            int valueLength);
    }

    /** An encoder's method closing an exemplar. */
    @FunctionalInterface
    private interface ExemplarEnd
    {
        void end(double value, long timestampMs);
    }

    /** The labels of the current series in one version: the decoder's accessors and the encoder's method. */
    private record Labels(IntSupplier count, LabelText name, LabelText value, LabelSink add)
    {
    }

    /** The exemplars of the current series in one version: the decoder's accessors and the encoder's methods. */
    private record Exemplars(
        IntSupplier count,
        IntUnaryOperator labelCount,
        ExemplarLabelText labelName,
        ExemplarLabelText labelValue,
        IntToDoubleFunction value,
        IntToLongFunction timestampMs,
        Runnable begin,
        LabelSink addLabel,
        ExemplarEnd end)
    {
    }

    /**
     * Checks one body as Remote Write 1.0.
     *
     * @param body the input.
     * @return whether the decoder accepted it.
     */
    boolean checkVersion1(final byte[] body)
    {
        return checkVersion1(body, null);
    }

    /**
     * Checks one body as Remote Write 1.0 and lists what an accepted one holds: per series {@code "series"},
     * {@code "label"} with name and value, {@code "sample"} with value bits and timestamp, {@code "exemplar"} with
     * its labels then value bits and timestamp, {@code "histogram"} with {@link #histogram} and timestamp; then per
     * metadata {@code "metadata"} with type, family name, help and unit.
     *
     * @param body    the input.
     * @param content receives what the body holds when accepted; null for nothing.
     * @return whether the decoder accepted it; {@link #rejection()} says why not.
     */
    boolean checkVersion1(final byte[] body, final List<Object> content)
    {
        return check(body, content, this::readVersion1, encoder1::length, "1.0");
    }

    /**
     * Checks one body as Remote Write 2.0.
     *
     * @param body the input.
     * @return whether the decoder accepted it.
     */
    boolean checkVersion2(final byte[] body)
    {
        return checkVersion2(body, null);
    }

    /**
     * Checks one body as Remote Write 2.0 and lists what an accepted one holds, references resolved: per series
     * {@code "series"}, {@code "label"} with name and value, {@code "sample"} with value bits, timestamp and start
     * timestamp, {@code "histogram"} with {@link #histogram}, timestamp and start timestamp, {@code "exemplar"} with
     * its labels then value bits and timestamp, and {@code "metadata"} with type, help and unit when present.
     *
     * @param body    the input.
     * @param content receives what the body holds when accepted; null for nothing.
     * @return whether the decoder accepted it; {@link #rejection()} says why not.
     */
    boolean checkVersion2(final byte[] body, final List<Object> content)
    {
        return check(body, content, this::readVersion2, () -> encoder2.finish(copy, 0), "2.0");
    }

    /**
     * Decodes a body within the budget and, when accepted, again while copying it through the encoder, whose copy
     * must decode to the same digest.
     */
    private boolean check(
        final byte[] body,
        final List<Object> content,
        final BodyRead read,
        final IntSupplier copyLength,
        final String version)
    {
        final UnsafeBuffer padded = new UnsafeBuffer(FuzzTargets.padded(body));
        final long digest = InputBudget.DECODER.run(body.length,
            () -> read.read(padded, FuzzTargets.PADDING, body.length, false, null));
        if (digest == REJECTED)
        {
            return false;
        }
        read.read(padded, FuzzTargets.PADDING, body.length, true, content);
        final int length = copyLength.getAsInt();
        final UnsafeBuffer copied = new UnsafeBuffer(new byte[length]);
        copy.getBytes(0, copied, 0, length);
        if (read.read(copied, 0, length, false, null) != digest)
        {
            throw new AssertionError("the " + version + " encoder's copy of an accepted body decodes differently");
        }
        return true;
    }

    /**
     * Why the decoder rejected the last body a check rejected.
     *
     * @return its exception.
     */
    ParseException rejection()
    {
        return rejection;
    }

    private long readVersion1(
        final UnsafeBuffer buffer, final int offset, final int length, final boolean encode, final List<Object> content)
    {
        final RemoteWrite1Decoder d = decoder1;
        final RemoteWrite1Encoder e = encoder1.wrap(copy, 0);
        long digest = 1;
        try
        {
            d.wrap(buffer, offset, length);
            while (d.nextSeries())
            {
                if (encode)
                {
                    e.beginSeries();
                    record(content, "series");
                }
                digest = labels(digest, labels1, encode, content);
                for (int i = 0; i < d.sampleCount(); i++)
                {
                    digest = digest * 31 + Double.doubleToRawLongBits(d.sampleValue(i)) + d.sampleTimestampMs(i);
                    if (encode)
                    {
                        e.addSample(d.sampleValue(i), d.sampleTimestampMs(i));
                        record(content, "sample", Double.doubleToRawLongBits(d.sampleValue(i)),
                            d.sampleTimestampMs(i));
                    }
                }
                digest = exemplars(digest, exemplars1, encode, content);
                for (int i = 0; i < d.histogramCount(); i++)
                {
                    digest = digest * 31 + histogram(d.histogram(i, histogram)) + d.histogramTimestampMs(i);
                    if (encode)
                    {
                        e.addHistogram(histogram, d.histogramTimestampMs(i));
                        record(content, "histogram", histogram(histogram), d.histogramTimestampMs(i));
                    }
                }
                if (encode)
                {
                    e.endSeries();
                }
            }
            while (d.nextMetadata())
            {
                digest = digest * 31 + d.metadataType().ordinal() + text(d.metadataFamilyName(name)) +
                    text(d.metadataHelp(name)) * 7 + text(d.metadataUnit(name)) * 11;
                if (encode)
                {
                    final int n = d.metadataFamilyName(name).offset();
                    e.addMetadata(d.metadataType(), d.body(), n, name.length(), d.metadataHelp(value).offset(),
                        value.length(), d.metadataUnit(value).offset(), value.length());
                    record(content, "metadata", d.metadataType(), d.metadataFamilyName(name).toString(),
                        d.metadataHelp(value).toString(), d.metadataUnit(value).toString());
                }
            }
        }
        catch (final ParseException ex)
        {
            rejection = ex;
            checkError(ex, TransportFormat.REMOTE_WRITE_1, length);
            return REJECTED;
        }
        return digest == REJECTED ? 0 : digest;
    }

    private long readVersion2(
        final UnsafeBuffer buffer, final int offset, final int length, final boolean encode, final List<Object> content)
    {
        final RemoteWrite2Decoder d = decoder2;
        final RemoteWrite2Encoder e = encoder2.reset();
        long digest = 2;
        try
        {
            d.wrap(buffer, offset, length);
            while (d.nextSeries())
            {
                if (encode)
                {
                    e.beginSeries();
                    record(content, "series");
                }
                digest = labels(digest, labels2, encode, content);
                for (int i = 0; i < d.sampleCount(); i++)
                {
                    digest = digest * 31 + Double.doubleToRawLongBits(d.sampleValue(i)) + d.sampleTimestampMs(i) * 3 +
                        d.sampleStartTimestampMs(i);
                    if (encode)
                    {
                        e.addSample(d.sampleValue(i), d.sampleTimestampMs(i), d.sampleStartTimestampMs(i));
                        record(content, "sample", Double.doubleToRawLongBits(d.sampleValue(i)),
                            d.sampleTimestampMs(i), d.sampleStartTimestampMs(i));
                    }
                }
                for (int i = 0; i < d.histogramCount(); i++)
                {
                    digest = digest * 31 + histogram(d.histogram(i, histogram)) + d.histogramTimestampMs(i) * 3 +
                        d.histogramStartTimestampMs(i);
                    if (encode)
                    {
                        e.addHistogram(histogram, d.histogramTimestampMs(i), d.histogramStartTimestampMs(i));
                        record(content, "histogram", histogram(histogram), d.histogramTimestampMs(i),
                            d.histogramStartTimestampMs(i));
                    }
                }
                digest = exemplars(digest, exemplars2, encode, content);
                if (d.hasMetadata())
                {
                    digest = digest * 31 + d.metadataType().ordinal() + text(d.metadataHelp(name)) * 7 +
                        text(d.metadataUnit(value)) * 11;
                    if (encode)
                    {
                        e.setMetadata(d.metadataType(), name.buffer(), name.offset(), name.length(), value.buffer(),
                            value.offset(), value.length());
                        record(content, "metadata", d.metadataType(), name.toString(), value.toString());
                    }
                }
                if (encode)
                {
                    e.endSeries();
                }
            }
        }
        catch (final ParseException ex)
        {
            rejection = ex;
            checkError(ex, TransportFormat.REMOTE_WRITE_2, length);
            return REJECTED;
        }
        return digest == REJECTED ? 0 : digest;
    }

    private static long text(final TextView view)
    {
        long hash = view.length();
        for (int i = 0; i < view.length(); i++)
        {
            hash = hash * 31 + view.byteAt(i);
        }
        return hash;
    }

    /**
     * A digest of everything a histogram holds: numbers by their bits, spans, deltas, float counts, custom bounds
     * and the buckets they give.
     *
     * @param h the histogram.
     * @return its digest.
     */
    static long histogram(final NativeHistogramView h)
    {
        long digest = h.schema() * 31L + h.count() + h.zeroCount() * 3 + h.resetHint().ordinal() +
            (h.isFloat() ? 1 : 0) + Double.doubleToRawLongBits(h.sum()) +
            Double.doubleToRawLongBits(h.zeroThreshold()) * 3 + Double.doubleToRawLongBits(h.floatCount()) * 5 +
            Double.doubleToRawLongBits(h.floatZeroCount()) * 7;
        for (int i = 0; i < h.customValueCount(); i++)
        {
            digest = digest * 31 + Double.doubleToRawLongBits(h.customValue(i));
        }
        return digest * 31 + side(h.positive()) * 7 + side(h.negative());
    }

    private static long side(final NativeHistogramView.Buckets side)
    {
        long digest = side.bucketCount();
        for (int i = 0; i < side.spanCount(); i++)
        {
            digest = digest * 31 + side.spanOffset(i) * 7L + side.spanLength(i);
        }
        final NativeHistogramView.Buckets walk = side.iterate();
        while (walk.next())
        {
            digest = digest * 31 + walk.index() + walk.integerCount() + Double.doubleToRawLongBits(walk.count());
        }
        return digest;
    }

    private long labels(final long digest, final Labels labels, final boolean encode, final List<Object> content)
    {
        long d = digest;
        for (int i = 0; i < labels.count().getAsInt(); i++)
        {
            labels.name().read(i, name);
            labels.value().read(i, value);
            d = label(d, encode, labels.add(), content);
        }
        return d;
    }

    private long exemplars(
        final long digest, final Exemplars exemplars, final boolean encode, final List<Object> content)
    {
        long d = digest;
        for (int x = 0; x < exemplars.count().getAsInt(); x++)
        {
            if (encode)
            {
                exemplars.begin().run();
                record(content, "exemplar");
            }
            for (int i = 0; i < exemplars.labelCount().applyAsInt(x); i++)
            {
                exemplars.labelName().read(x, i, name);
                exemplars.labelValue().read(x, i, value);
                d = label(d, encode, exemplars.addLabel(), content);
            }
            final double exemplarValue = exemplars.value().applyAsDouble(x);
            final long timestampMs = exemplars.timestampMs().applyAsLong(x);
            d = d * 31 + Double.doubleToRawLongBits(exemplarValue) + timestampMs;
            if (encode)
            {
                exemplars.end().end(exemplarValue, timestampMs);
                record(content, Double.doubleToRawLongBits(exemplarValue), timestampMs);
            }
        }
        return d;
    }

    /** Folds the label in {@link #name} and {@link #value} into the digest and, when encoding, copies and lists it. */
    private long label(final long digest, final boolean encode, final LabelSink sink, final List<Object> content)
    {
        if (encode)
        {
            sink.add(name.buffer(), name.offset(), name.length(), value.buffer(), value.offset(), value.length());
            record(content, "label", name.toString(), value.toString());
        }
        return digest * 31 + text(name) * 7 + text(value);
    }

    private static void record(final List<Object> content, final Object... items)
    {
        if (content != null)
        {
            Collections.addAll(content, items);
        }
    }

    private static void checkError(final ParseException ex, final TransportFormat format, final int length)
    {
        if (ex.format() != format || ex.offset() < 0 || ex.offset() > length || ex.line() != 0)
        {
            throw new AssertionError("a ParseException of " + ex.format() + " at " + ex.offset() + " for a " +
                format + " body of " + length + " bytes", ex);
        }
    }
}
