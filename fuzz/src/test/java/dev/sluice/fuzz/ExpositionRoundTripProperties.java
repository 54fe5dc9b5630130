package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.ParseException;

/**
 * Generated families written by the Sluice writers, and as protobuf messages, read back as written, in each
 * format; the text and OpenMetrics renderings of one body read as the same samples, and so do the text and protobuf
 * renderings.
 */
class ExpositionRoundTripProperties
{
    @Property(tries = 400)
    void textRenderingReadsBackAsWritten(@ForAll("textBodies") final List<GeneratedFamily> families)
    {
        final byte[] body = FamilyRendering.text(families);
        assertEquals(FamilyRendering.expectedText(families), read(ExpositionFormat.PROMETHEUS_TEXT, body));
    }

    @Property(tries = 400)
    void openMetricsRenderingReadsBackAsWritten(@ForAll("openMetricsBodies") final List<GeneratedFamily> families)
    {
        final byte[] body = FamilyRendering.openMetrics(families);
        assertEquals(FamilyRendering.expectedOpenMetrics(families), read(ExpositionFormat.OPENMETRICS, body));
    }

    @Property(tries = 400)
    void textAndOpenMetricsRenderingsReadAsTheSameSamples(
        @ForAll("openMetricsBodies") final List<GeneratedFamily> families)
    {
        final List<Entry> fromText = Entries.samples(read(ExpositionFormat.PROMETHEUS_TEXT,
            FamilyRendering.text(families))).stream().map(Entries::afterOpenMetricsRewrite)
            .collect(Collectors.toList());
        final List<Entry> fromOpenMetrics = Entries.samples(read(ExpositionFormat.OPENMETRICS,
            FamilyRendering.openMetrics(families)));
        assertEquals(fromText, fromOpenMetrics);
    }

    /**
     * Families of every protobuf type (native histograms of every schema -4..8, integer and float, appended) read
     * back through the protobuf cursor as {@link ProtobufJavaEntries} derives from the messages written.
     */
    @Property(tries = 400)
    void protobufRenderingReadsBackAsWritten(
        @ForAll("protobufBodies") final List<GeneratedFamily> families,
        @ForAll("nativeHistogramFamilies") final List<Metrics.MetricFamily> nativeHistograms)
    {
        final List<Metrics.MetricFamily> messages = new ArrayList<>(ProtobufRendering.messages(families));
        messages.addAll(nativeHistograms);
        assertEquals(ProtobufJavaEntries.of(messages),
            read(ExpositionFormat.PROTOBUF, ProtobufRendering.body(messages)));
    }

    /** Schema -53 (custom buckets) has no bounds in the exposition format: the protobuf cursor rejects it. */
    @Property(tries = 50)
    void protobufNativeHistogramOfCustomBucketsIsRejected(
        @ForAll("customBucketFamilies") final List<Metrics.MetricFamily> nativeHistograms)
    {
        final byte[] body = ProtobufRendering.body(nativeHistograms);
        assertThrows(ParseException.class, () -> read(ExpositionFormat.PROTOBUF, body));
    }

    /**
     * The protobuf and text renderings of one body read as the same samples, compared in any order (protobuf
     * writes {@code _sum} before {@code _count}), with the documented differences applied to the text side: a
     * counter's series is named after its family in protobuf where text adds {@code _total}, {@code _created}
     * samples are created timestamps in protobuf, and {@code timestamp_ms} 0 is no timestamp. NaN payloads are not
     * compared (text has none). The families are those the two renderings must agree on: no gauge histograms,
     * info or state sets (protobuf has no such series), and histograms and summaries with {@code _count} and
     * {@code _sum} (protobuf always writes them), summary counts whole numbers (protobuf's count is an integer).
     */
    @Property(tries = 400)
    void protobufAndTextRenderingsReadAsTheSameSamples(
        @ForAll("protobufAgreeingBodies") final List<GeneratedFamily> families)
    {
        final List<Entry> fromText = new ArrayList<>();
        for (final Entry sample : Entries.samples(read(ExpositionFormat.PROMETHEUS_TEXT,
            FamilyRendering.text(families))))
        {
            if (!sample.name().endsWith("_created"))
            {
                fromText.add(inProtobufTerms(sample));
            }
        }
        final List<Entry> fromProtobuf = Entries.samples(read(ExpositionFormat.PROTOBUF,
            ProtobufRendering.body(ProtobufRendering.messages(families)))).stream()
            .map(ExpositionRoundTripProperties::inProtobufTerms).toList();
        assertEquals(sorted(fromText), sorted(fromProtobuf));
    }

    @Provide
    Arbitrary<List<GeneratedFamily>> protobufBodies()
    {
        return FamilyArbitraries.bodies(true).map(families -> families.stream().filter(ProtobufRendering::renders)
            .toList()).filter(families -> !families.isEmpty());
    }

    @Provide
    Arbitrary<List<GeneratedFamily>> protobufAgreeingBodies()
    {
        return FamilyArbitraries.bodies(true).map(families -> families.stream()
            .filter(ExpositionRoundTripProperties::protobufAgrees).toList()).filter(families -> !families.isEmpty());
    }

    @Provide
    Arbitrary<List<Metrics.MetricFamily>> nativeHistogramFamilies()
    {
        return FamilyArbitraries.nativeHistogramFamilies(Arbitraries.integers().between(-4, 8));
    }

    @Provide
    Arbitrary<List<Metrics.MetricFamily>> customBucketFamilies()
    {
        return FamilyArbitraries.nativeHistogramFamilies(Arbitraries.just(-53));
    }

    @Provide
    Arbitrary<List<GeneratedFamily>> textBodies()
    {
        return FamilyArbitraries.bodies(true);
    }

    @Provide
    Arbitrary<List<GeneratedFamily>> openMetricsBodies()
    {
        return FamilyArbitraries.bodies(false);
    }

    private static List<Entry> read(final ExpositionFormat format, final byte[] body)
    {
        return Entries.read(MetricCursors.create(format), body);
    }

    /** Whether the text and protobuf renderings of a family must read as the same samples. */
    private static boolean protobufAgrees(final GeneratedFamily family)
    {
        final MetricType type = family.type();
        if (!family.typeLine() || !ProtobufRendering.renders(family) || type == MetricType.GAUGE_HISTOGRAM)
        {
            return type == MetricType.UNTYPED;
        }
        final List<GeneratedSample> counts = family.samples().stream()
            .filter(sample -> sample.suffix().equals("_count")).toList();
        final boolean summedUp = type != MetricType.HISTOGRAM && type != MetricType.SUMMARY ||
            counts.size() == ProtobufRendering.messages(List.of(family)).get(0).getMetricCount();
        return summedUp && (type != MetricType.SUMMARY ||
            counts.stream().allMatch(sample -> ProtobufRendering.isExactCount(sample.value())));
    }

    /** A sample with the protobuf reading applied: no {@code _total}, timestamp 0 as none, NaN canonical. */
    private static Entry inProtobufTerms(final Entry sample)
    {
        final String name = sample.name().endsWith("_total") ?
            sample.name().substring(0, sample.name().length() - "_total".length()) : sample.name();
        final boolean hasTimestamp = sample.hasTimestamp() && sample.timestampMs() != 0;
        return new Entry(sample.kind(), sample.type(), name, "", sample.labels(),
            Entry.parsedBits(Double.longBitsToDouble(sample.valueBits())), hasTimestamp,
            hasTimestamp ? sample.timestampMs() : 0, null, false, 0);
    }

    private static List<Entry> sorted(final List<Entry> samples)
    {
        return samples.stream().sorted(Comparator.comparing(Entry::toString)).toList();
    }
}
