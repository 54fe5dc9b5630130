package dev.sluice.fuzz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.agrona.ExpandableArrayBuffer;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import dev.sluice.parser.MetricType;
import dev.sluice.parser.number.FloatFormatter;

/**
 * Generators of metric families for the round-trip properties: every type, labels and HELP texts with escapes and
 * multi-byte UTF-8, NaN, infinities, signed zeros and subnormals, timestamps from the present era to the ends of
 * {@code long}, exemplars, created samples, bucket and quantile bounds in several spellings, and (for Prometheus
 * text only) quoted UTF-8 metric and label names. Every body satisfies the OpenMetrics rules that span samples.
 */
final class FamilyArbitraries
{
    private static final int MAX_FAMILIES = 4;
    private static final int MAX_METRICS = 3;
    private static final int MAX_LABELS = 3;
    private static final int MAX_TEXT_CODE_POINTS = 12;
    private static final int MAX_EXEMPLAR_CODE_POINTS = 128;
    private static final long PRESENT_ERA_START_MS = 1_500_000_000_000L;
    private static final long PRESENT_ERA_END_MS = 2_200_000_000_000L;
    private static final String[] UNITS = {"seconds", "bytes", "ratio"};

    private FamilyArbitraries()
    {
    }

    /**
     * Bodies of one to four families with distinct names.
     *
     * @param utf8Names whether metric and label names may lie outside the legacy character set (Prometheus text
     *                  only: OpenMetrics 1.0 has no quoted names).
     * @return the families of a body, in writing order.
     */
    static Arbitrary<List<GeneratedFamily>> bodies(final boolean utf8Names)
    {
        return drafts(utf8Names).list().ofMinSize(1).ofMaxSize(MAX_FAMILIES).map(drafts ->
        {
            final List<GeneratedFamily> families = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++)
            {
                families.add(drafts.get(i).named("m" + i + "_"));
            }
            return families;
        });
    }

    /**
     * Native histogram families of one metric each, named {@code n0_h}, {@code n1_h} and so on: integer or float
     * counts, zero buckets with and without a threshold, one to three positive spans and up to three negative ones
     * with offsets on both sides, deltas of both signs, sums of any value, exemplars, timestamps and created
     * timestamps.
     *
     * @param schemas the schemas to draw from.
     * @return the families of a body.
     */
    static Arbitrary<List<Metrics.MetricFamily>> nativeHistogramFamilies(final Arbitrary<Integer> schemas)
    {
        final Arbitrary<Metrics.Histogram> histograms = Combinators.combine(schemas, Arbitraries.of(true, false),
            spans().list().ofMinSize(1).ofMaxSize(3), spans().list().ofMaxSize(3),
            Arbitraries.of(0.0, Double.MIN_VALUE, 1e-128, 0.001), values(), exemplars().list().ofMaxSize(2),
            createdSamples()).flatAs((schema, isFloat, positive, negative, zeroThreshold, sum, exemplars, created) ->
            {
                final int positiveBuckets = positive.stream().mapToInt(Metrics.BucketSpan::getLength).sum();
                final int negativeBuckets = negative.stream().mapToInt(Metrics.BucketSpan::getLength).sum();
                final Arbitrary<Double> floatCounts = counts().filter(count -> count > 0);
                return Combinators.combine(Arbitraries.longs().between(-20, 20).list().ofSize(positiveBuckets),
                    Arbitraries.longs().between(-20, 20).list().ofSize(negativeBuckets),
                    floatCounts.list().ofSize(positiveBuckets), floatCounts.list().ofSize(negativeBuckets),
                    Arbitraries.longs().between(0, Long.MAX_VALUE), floatCounts).as(
                    (positiveDeltas, negativeDeltas, positiveCounts, negativeCounts, count, floatCount) ->
                    {
                        final Metrics.Histogram.Builder histogram = Metrics.Histogram.newBuilder().setSchema(schema)
                            .setZeroThreshold(zeroThreshold).setSampleSum(sum).addAllPositiveSpan(positive)
                            .addAllNegativeSpan(negative);
                        if (isFloat)
                        {
                            histogram.setSampleCountFloat(floatCount).setZeroCountFloat(floatCount / 2)
                                .addAllPositiveCount(positiveCounts).addAllNegativeCount(negativeCounts);
                        }
                        else
                        {
                            histogram.setSampleCount(count).setZeroCount(count / 2)
                                .addAllPositiveDelta(positiveDeltas).addAllNegativeDelta(negativeDeltas);
                        }
                        for (final Exemplar exemplar : exemplars)
                        {
                            histogram.addExemplars(ProtobufRendering.exemplar(exemplar));
                        }
                        created.ifPresent(seconds -> histogram.setCreatedTimestamp(
                            ProtobufRendering.createdTimestamp(seconds)));
                        return histogram.build();
                    });
            });
        final Arbitrary<Metrics.Metric> metrics = Combinators.combine(labelSets(true), timestamps().optional(),
            histograms).as((labels, timestamp, histogram) ->
            {
                final Metrics.Metric.Builder metric = Metrics.Metric.newBuilder().setHistogram(histogram);
                labels.forEach(label -> metric.addLabel(Metrics.LabelPair.newBuilder().setName(label.name())
                    .setValue(label.value())));
                timestamp.ifPresent(metric::setTimestampMs);
                return metric.build();
            });
        final Arbitrary<Metrics.MetricType> types = Arbitraries.of(Metrics.MetricType.HISTOGRAM,
            Metrics.MetricType.GAUGE_HISTOGRAM);
        return Combinators.combine(types, metrics).as((type, metric) -> Metrics.MetricFamily.newBuilder()
            .setType(type).addMetric(metric)).list().ofMinSize(1).ofMaxSize(MAX_FAMILIES).map(builders ->
            {
                final List<Metrics.MetricFamily> families = new ArrayList<>();
                for (int i = 0; i < builders.size(); i++)
                {
                    families.add(builders.get(i).setName("n" + i + "_h").build());
                }
                return families;
            });
    }

    /** Bucket spans: offsets on both sides of the previous span's end, lengths from 0. */
    private static Arbitrary<Metrics.BucketSpan> spans()
    {
        return Combinators.combine(Arbitraries.integers().between(-200, 200), Arbitraries.integers().between(0, 4))
            .as((offset, length) -> Metrics.BucketSpan.newBuilder().setOffset(offset).setLength(length).build());
    }

    /**
     * Any double, edge values often.
     *
     * @return the values.
     */
    static Arbitrary<Double> values()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.of(Double.NaN, Double.longBitsToDouble(0x7ff0000000000123L),
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
                Math.nextDown(Double.MIN_NORMAL), Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1e21, 1e-7,
                0.1, 1e6, 123456.0)),
            Tuple.of(3, Arbitraries.longs().map(Double::longBitsToDouble)),
            Tuple.of(3, Arbitraries.integers().between(-1000, 100_000).map(Integer::doubleValue)),
            Tuple.of(2, Arbitraries.integers().between(-99_999, 99_999).flatMap(digits ->
                Arbitraries.integers().between(-12, 12).map(exponent -> digits * Math.pow(10, exponent)))));
    }

    /**
     * Timestamps in milliseconds: mostly the present era, also small, negative, arbitrary and extreme values.
     *
     * @return the timestamps.
     */
    static Arbitrary<Long> timestamps()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.longs().between(PRESENT_ERA_START_MS, PRESENT_ERA_END_MS)),
            Tuple.of(2, Arbitraries.longs().between(-100_000, 100_000)),
            Tuple.of(2, Arbitraries.longs()),
            Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L)));
    }

    private static Arbitrary<FamilyDraft> drafts(final boolean utf8Names)
    {
        return Arbitraries.of(MetricType.values()).flatMap(type ->
        {
            final boolean stateset = type == MetricType.STATESET;
            final boolean unitAllowed = !stateset && type != MetricType.INFO;
            final Arbitrary<String> stems = utf8Names && !stateset ?
                Arbitraries.oneOf(legacyStems(true), texts(1, 6)) : legacyStems(!stateset);
            final Arbitrary<String> units = unitAllowed ?
                Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of(UNITS)) : Arbitraries.just("");
            final Arbitrary<Boolean> typeLines = type == MetricType.UNTYPED ?
                Arbitraries.of(true, false) : Arbitraries.just(true);
            return Combinators.combine(stems, units, helps(), typeLines, metrics(type, utf8Names))
                .as((stem, unit, help, typeLine, samples) ->
                    new FamilyDraft(type, typeLine, stem, help.orElse(null), unit, samples));
        });
    }

    /**
     * A family before its name is known: the name comes from its position in the body, and a state set's samples
     * carry a label named after the family.
     */
    private record FamilyDraft(
        MetricType type,
        boolean typeLine,
        String stem,
        String help,
        String unit,
        Function<String, List<GeneratedSample>> samples)
    {
        GeneratedFamily named(final String prefix)
        {
            final String name = prefix + stem + (unit.isEmpty() ? "" : "_" + unit);
            return new GeneratedFamily(name, type, typeLine, help, unit.isEmpty() ? null : unit, samples.apply(name));
        }
    }

    /** The samples of one to three metrics of a family of {@code type}, given the family name. */
    private static Arbitrary<Function<String, List<GeneratedSample>>> metrics(
        final MetricType type, final boolean utf8Names)
    {
        final Arbitrary<MetricDraft> metric = Combinators.combine(labelSets(utf8Names), timestamps().optional(),
            samplesOf(type)).as(MetricDraft::new);
        return metric.list().ofMinSize(1).ofMaxSize(MAX_METRICS).uniqueElements(draft -> Set.copyOf(draft.labels()))
            .map(drafts -> familyName ->
            {
                final List<GeneratedSample> samples = new ArrayList<>();
                for (final MetricDraft draft : drafts)
                {
                    draft.addTo(samples, familyName);
                }
                return samples;
            });
    }

    /** One metric: its label set, its timestamp choice, and the samples it stands for without them. */
    private record MetricDraft(List<Label> labels, Optional<Long> timestamp, List<SampleDraft> samples)
    {
        void addTo(final List<GeneratedSample> out, final String familyName)
        {
            for (final SampleDraft sample : samples)
            {
                final List<Label> all = new ArrayList<>(labels);
                if (sample.boundName() != null)
                {
                    all.add(new Label(sample.boundName().equals(SampleDraft.FAMILY_LABEL) ? familyName :
                        sample.boundName(), sample.boundText()));
                }
                out.add(new GeneratedSample(sample.suffix(), all, sample.value(), timestamp.isPresent(),
                    timestamp.orElse(0L), sample.exemplar()));
            }
        }
    }

    /**
     * A sample without the metric's labels and timestamp.
     *
     * @param suffix    series name suffix.
     * @param boundName name of the one extra label ({@code le}, {@code quantile}, or {@link #FAMILY_LABEL} for a
     *                  state set's state), null for none.
     * @param boundText value of that label as written.
     * @param value     the value.
     * @param exemplar  the exemplar, or null.
     */
    private record SampleDraft(String suffix, String boundName, String boundText, double value, Exemplar exemplar)
    {
        /** Stands for the family name, the label name of a state set's state. */
        static final String FAMILY_LABEL = "";
    }

    private static Arbitrary<List<SampleDraft>> samplesOf(final MetricType type)
    {
        switch (type)
        {
            case COUNTER:
                return Combinators.combine(nonNegative(), exemplars().optional(), createdSamples())
                    .as((total, exemplar, created) -> withCreated(
                        List.of(new SampleDraft("_total", null, null, total, exemplar.orElse(null))), created));
            case HISTOGRAM:
            case GAUGE_HISTOGRAM:
                return histogramPoints(type);
            case SUMMARY:
                return summaries();
            case INFO:
                return Arbitraries.just(List.of(new SampleDraft("_info", null, null, 1.0, null)));
            case STATESET:
                return Combinators.combine(legacyStems(false).set().ofMinSize(1).ofMaxSize(3),
                    Arbitraries.of(0.0, 1.0).list().ofSize(3)).as((states, flags) ->
                    {
                        final List<SampleDraft> samples = new ArrayList<>();
                        int i = 0;
                        for (final String state : states)
                        {
                            samples.add(new SampleDraft("", SampleDraft.FAMILY_LABEL, state, flags.get(i++), null));
                        }
                        return samples;
                    });
            default:
                return values().map(value -> List.of(new SampleDraft("", null, null, value, null)));
        }
    }

    private static Arbitrary<List<SampleDraft>> histogramPoints(final MetricType type)
    {
        final boolean gauge = type == MetricType.GAUGE_HISTOGRAM;
        final Arbitrary<List<Double>> bounds = finiteBounds().set().ofMaxSize(4)
            .map(set -> set.stream().sorted().collect(Collectors.toList()));
        return bounds.flatMap(finite ->
        {
            final boolean negative = !finite.isEmpty() && finite.get(0) < 0;
            final Arbitrary<Double> sums = negative && gauge ? values().filter(v -> !Double.isNaN(v)) : nonNegative();
            return Combinators.combine(boundTexts(finite), counts().list().ofSize(finite.size() + 1),
                exemplars().optional().list().ofSize(finite.size() + 1), sums, Arbitraries.of(true, false),
                createdSamples()).as((texts, increments, exemplars, sum, withCountAndSum, created) ->
                {
                    final List<SampleDraft> samples = new ArrayList<>();
                    double cumulative = 0;
                    for (int i = 0; i <= finite.size(); i++)
                    {
                        cumulative += increments.get(i);
                        samples.add(new SampleDraft("_bucket", "le", i < finite.size() ? texts.get(i) : "+Inf",
                            cumulative, exemplars.get(i).orElse(null)));
                    }
                    // A histogram with negative buckets has no sum, and count and sum come together.
                    if (withCountAndSum && (gauge || !negative))
                    {
                        samples.add(new SampleDraft(gauge ? "_gcount" : "_count", null, null, cumulative, null));
                        samples.add(new SampleDraft(gauge ? "_gsum" : "_sum", null, null, sum, null));
                    }
                    return gauge ? samples : withCreated(samples, created);
                });
        });
    }

    private static Arbitrary<List<SampleDraft>> summaries()
    {
        final Arbitrary<List<Double>> quantiles = Arbitraries.oneOf(Arbitraries.of(0.0, 0.5, 0.9, 0.99, 1.0),
            Arbitraries.doubles().between(0, 1)).set().ofMaxSize(3)
            .map(set -> set.stream().map(q -> q == 0 ? 0.0 : q).sorted().distinct()
                .collect(Collectors.toList()));
        return quantiles.flatMap(qs -> Combinators.combine(boundTexts(qs),
            nonNegative().injectNull(0.2).list().ofSize(qs.size()), nonNegative(), nonNegative(),
            Arbitraries.of(true, false), createdSamples()).as((texts, values, count, sum, withCountAndSum, created) ->
            {
                final List<SampleDraft> samples = new ArrayList<>();
                for (int i = 0; i < qs.size(); i++)
                {
                    final Double value = values.get(i);
                    final double quantileValue = value == null ? Double.NaN : value;
                    samples.add(new SampleDraft("", "quantile", texts.get(i), quantileValue, null));
                }
                if (withCountAndSum)
                {
                    samples.add(new SampleDraft("_count", null, null, count, null));
                    samples.add(new SampleDraft("_sum", null, null, sum, null));
                }
                return withCreated(samples, created);
            }));
    }

    private static List<SampleDraft> withCreated(final List<SampleDraft> samples, final Optional<Double> created)
    {
        if (created.isEmpty())
        {
            return samples;
        }
        final List<SampleDraft> all = new ArrayList<>(samples);
        all.add(new SampleDraft("_created", null, null, created.get(), null));
        return all;
    }

    /** Created timestamps in seconds, the way clients write them: present-era milliseconds divided by 1000. */
    private static Arbitrary<Optional<Double>> createdSamples()
    {
        return Arbitraries.longs().between(PRESENT_ERA_START_MS, PRESENT_ERA_END_MS).map(ms -> ms / 1000.0).optional();
    }

    /** Bucket bounds: small decimals, integers and arbitrary finite doubles; zero without sign. */
    private static Arbitrary<Double> finiteBounds()
    {
        return Arbitraries.oneOf(
            Arbitraries.of(0.005, 0.01, 0.025, 0.1, 0.25, 1.0, 2.5, 10.0, 1e6, -1.0, -0.5),
            Arbitraries.integers().between(-100, 1_000_000).map(Integer::doubleValue),
            Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite))
            .map(bound -> bound == 0 ? 0.0 : bound);
    }

    /** One spelling per bound: its OpenMetrics form, its Go form, or its exact plain decimal expansion. */
    private static Arbitrary<List<String>> boundTexts(final List<Double> bounds)
    {
        return Arbitraries.integers().between(0, 2).list().ofSize(bounds.size()).map(choices ->
        {
            final List<String> texts = new ArrayList<>();
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(FloatFormatter.MAX_LENGTH);
            for (int i = 0; i < bounds.size(); i++)
            {
                final double bound = bounds.get(i);
                switch (choices.get(i))
                {
                    case 0:
                        texts.add(buffer.getStringWithoutLengthAscii(0,
                            FloatFormatter.formatOpenMetrics(bound, buffer, 0)));
                        break;
                    case 1:
                        texts.add(buffer.getStringWithoutLengthAscii(0, FloatFormatter.formatGo(bound, buffer, 0)));
                        break;
                    default:
                        texts.add(new BigDecimal(bound).toPlainString());
                        break;
                }
            }
            return texts;
        });
    }

    /** Bucket count increments: mostly small integers, also fractions and huge values. */
    private static Arbitrary<Double> counts()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(0, 50).map(Integer::doubleValue)),
            Tuple.of(2, Arbitraries.doubles().between(0, 1000)),
            Tuple.of(1, Arbitraries.of(Double.MIN_VALUE, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY)));
    }

    /** Values OpenMetrics allows for counts, totals and sums: not negative, not NaN (-0 included). */
    private static Arbitrary<Double> nonNegative()
    {
        return values().filter(v -> !Double.isNaN(v) && !(v < 0));
    }

    private static Arbitrary<Exemplar> exemplars()
    {
        final Arbitrary<List<Label>> labels = Arbitraries.oneOf(legacyStems(false), Arbitraries.of("trace_id",
            "span_id")).set().ofMaxSize(3).flatMap(names -> texts(0, 40).list().ofSize(names.size()).map(values ->
            {
                final List<Label> all = new ArrayList<>();
                int i = 0;
                for (final String name : names)
                {
                    all.add(new Label(name, values.get(i++)));
                }
                return all;
            })).filter(all -> all.stream().mapToInt(label -> codePoints(label.name()) + codePoints(label.value()))
            .sum() <= MAX_EXEMPLAR_CODE_POINTS);
        return Combinators.combine(labels, values(), timestamps().optional()).as((all, value, timestamp) ->
            new Exemplar(all, Double.doubleToRawLongBits(value), timestamp.isPresent(), timestamp.orElse(0L)));
    }

    private static Arbitrary<List<Label>> labelSets(final boolean utf8Names)
    {
        final Arbitrary<String> names = utf8Names ?
            Arbitraries.frequencyOf(Tuple.of(3, labelNames()), Tuple.of(1, texts(1, 6))) : labelNames();
        return names.filter(name -> !name.equals("le") && !name.equals("quantile") && !name.equals("__name__") &&
            !name.matches("m[0-9].*")).set().ofMaxSize(MAX_LABELS).flatMap(set ->
            texts(0, MAX_TEXT_CODE_POINTS).list().ofSize(set.size()).map(values ->
            {
                final List<Label> labels = new ArrayList<>();
                int i = 0;
                for (final String name : set)
                {
                    labels.add(new Label(name, values.get(i++)));
                }
                return labels;
            }));
    }

    private static Arbitrary<String> labelNames()
    {
        return Arbitraries.oneOf(Arbitraries.of("job", "instance", "code", "_x", "A1"),
            Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(6)
                .filter(name -> !Character.isDigit(name.charAt(0))));
    }

    /** Legacy name stems, starting with a letter; colons only where the name need not also be a label name. */
    private static Arbitrary<String> legacyStems(final boolean colons)
    {
        final Arbitrary<String> tails = colons ?
            Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_', ':').ofMaxLength(6) :
            Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_').ofMaxLength(6);
        return Combinators.combine(Arbitraries.chars().range('a', 'z'), tails).as((first, tail) -> first + tail);
    }

    /** HELP texts (or none): anything a label value may hold; none ends in CR, which Prometheus text drops. */
    private static Arbitrary<Optional<String>> helps()
    {
        return texts(0, MAX_TEXT_CODE_POINTS).filter(text -> !text.endsWith("\r")).optional();
    }

    /**
     * Strings of whole code points: printable ASCII, the bytes that need escapes or delimit tokens, tabs and carriage
     * returns, and two-, three- and four-byte UTF-8.
     */
    private static Arbitrary<String> texts(final int minCodePoints, final int maxCodePoints)
    {
        final Arbitrary<String> codePoints = Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
            Tuple.of(3, Arbitraries.of("\\", "\"", "\n", "\t", "\r", "{", "}", ",", "=", "#", " ")),
            Tuple.of(2, Arbitraries.of("\u00e9", "\u00df", "\u6f22", "\u2028", "\ud83d\ude00", "\ufffd")));
        return codePoints.list().ofMinSize(minCodePoints).ofMaxSize(maxCodePoints).map(parts -> String.join("", parts));
    }

    private static int codePoints(final String text)
    {
        return text.codePointCount(0, text.length());
    }
}
