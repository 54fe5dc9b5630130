package dev.sluice.protobuf.remote;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.protobuf.remote.RemoteWriteModel.Exemplar;
import dev.sluice.protobuf.remote.RemoteWriteModel.Histogram;
import dev.sluice.protobuf.remote.RemoteWriteModel.Label;
import dev.sluice.protobuf.remote.RemoteWriteModel.Metadata;
import dev.sluice.protobuf.remote.RemoteWriteModel.Request;
import dev.sluice.protobuf.remote.RemoteWriteModel.Sample;
import dev.sluice.protobuf.remote.RemoteWriteModel.Series;
import dev.sluice.protobuf.remote.RemoteWriteModel.SeriesMetadata;
import dev.sluice.protobuf.remote.RemoteWriteModel.Side;
import dev.sluice.protobuf.remote.RemoteWriteModel.Span;

/**
 * Generated Remote Write requests: label sets with UTF-8 and empty strings, values with every NaN flavour (the
 * stale marker among them), infinities and -0.0, negative and extreme timestamps, exemplars, integer and float
 * native histograms with spans, custom-bucket histograms. {@code version2} adds start timestamps and per-series
 * metadata and leaves out request-level metadata, as 2.0 has it.
 */
final class RemoteWriteArbitraries
{
    /** The bits Prometheus writes for a stale sample. */
    static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    private RemoteWriteArbitraries()
    {
    }

    static Arbitrary<Request> requests(final boolean version2)
    {
        final Arbitrary<List<Metadata>> metadata = version2 ? Arbitraries.just(List.of()) :
            Combinators.combine(Arbitraries.of(MetricType.class), strings(), strings(), strings())
                .as(Metadata::new).list().ofMaxSize(3);
        return Combinators.combine(series(version2).list().ofMaxSize(5), metadata).as(Request::new);
    }

    private static Arbitrary<Series> series(final boolean version2)
    {
        final Arbitrary<SeriesMetadata> metadata = version2 ?
            Combinators.combine(Arbitraries.of(MetricType.class), strings(), strings()).as(SeriesMetadata::new)
                .injectNull(0.3) :
            Arbitraries.just(null);
        return Combinators.combine(labels(), samples(version2).list().ofMaxSize(4), exemplars().list().ofMaxSize(2),
            histograms(version2).list().ofMaxSize(2), metadata).as(Series::new);
    }

    private static Arbitrary<List<Label>> labels()
    {
        return Combinators.combine(strings(), strings()).as(Label::new).list().ofMaxSize(6);
    }

    static Arbitrary<String> strings()
    {
        return Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(12),
            Arbitraries.strings().alpha().ofMaxLength(8),
            Arbitraries.of("", "__name__", "le", "\uD83D\uDE00 smile", "caf\u00e9"));
    }

    static Arbitrary<Long> valueBits()
    {
        return Arbitraries.oneOf(
            Arbitraries.doubles().map(Double::doubleToRawLongBits),
            Arbitraries.longs(),
            Arbitraries.of(STALE_NAN_BITS, Double.doubleToRawLongBits(Double.NaN), 0x7ff8000000000001L,
                0xfff0000000000001L, Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
                Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), Double.doubleToRawLongBits(-0.0), 0L));
    }

    static Arbitrary<Long> timestamps()
    {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-1_000L, 2_000_000_000_000L),
            Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static Arbitrary<Long> startTimestamps(final boolean version2)
    {
        return version2 ? timestamps() : Arbitraries.just(0L);
    }

    private static Arbitrary<Sample> samples(final boolean version2)
    {
        return Combinators.combine(valueBits(), timestamps(), startTimestamps(version2)).as(Sample::new);
    }

    private static Arbitrary<Exemplar> exemplars()
    {
        return Combinators.combine(labels(), valueBits(), timestamps()).as(Exemplar::new);
    }

    private static Arbitrary<List<Span>> spans()
    {
        final Arbitrary<Integer> offsets = Arbitraries.oneOf(Arbitraries.integers().between(-10, 10),
            Arbitraries.integers());
        return Combinators.combine(offsets, Arbitraries.integers().between(0, 4)).as(Span::new).list().ofMaxSize(3);
    }

    private static Arbitrary<Side> side(final boolean isFloat)
    {
        return spans().flatMap(spans ->
        {
            final int buckets = spans.stream().mapToInt(Span::length).sum();
            if (isFloat)
            {
                return valueBits().list().ofSize(buckets).map(counts -> new Side(spans, List.of(), counts));
            }
            return Arbitraries.longs().list().ofSize(buckets).map(deltas -> new Side(spans, deltas, List.of()));
        });
    }

    private static Arbitrary<Histogram> histograms(final boolean version2)
    {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false))
            .flatAs((isFloat, custom) -> histogram(isFloat, custom, version2));
    }

    private static Arbitrary<Histogram> histogram(final boolean isFloat, final boolean custom, final boolean version2)
    {
        final Arbitrary<Integer> schemas = custom ? Arbitraries.just(NativeHistogramView.CUSTOM_BUCKETS_SCHEMA) :
            Arbitraries.integers().between(NativeHistogramView.MIN_EXPONENTIAL_SCHEMA,
                NativeHistogramView.MAX_EXPONENTIAL_SCHEMA);
        final Arbitrary<Side> negative = custom ? Arbitraries.just(new Side(List.of(), List.of(), List.of())) :
            side(isFloat);
        final Arbitrary<List<Long>> customValues = custom ?
            Arbitraries.doubles().list().ofMaxSize(5).map(values -> values.stream().sorted()
                .map(Double::doubleToRawLongBits).toList()) :
            Arbitraries.just(List.of());
        final Arbitrary<Long> integer = isFloat ? Arbitraries.just(0L) : Arbitraries.longs();
        final Arbitrary<Long> floating = isFloat ? valueBits() : Arbitraries.just(0L);
        final Arbitrary<long[]> counts = Combinators.combine(integer, floating, integer, floating)
            .as((count, floatCount, zeroCount, floatZeroCount) -> new long[] {count, floatCount, zeroCount,
                floatZeroCount});
        final Arbitrary<long[]> times = Combinators.combine(timestamps(), startTimestamps(version2))
            .as((timestamp, start) -> new long[] {timestamp, start});
        final Arbitrary<long[]> sumAndThreshold = Combinators.combine(valueBits(), valueBits())
            .as((sum, zeroThreshold) -> new long[] {sum, zeroThreshold});
        return Combinators.combine(counts, sumAndThreshold, schemas, negative, side(isFloat),
            Arbitraries.of(NativeHistogramView.ResetHint.class), customValues, times)
            .as((c, s, schema, neg, pos, hint, customBits, t) -> new Histogram(isFloat, c[0], c[1], s[0], schema, s[1],
                c[2], c[3], neg, pos, hint, customBits, t[0], t[1]));
    }
}
