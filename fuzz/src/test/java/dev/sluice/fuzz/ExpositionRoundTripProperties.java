package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursors;

/**
 * Generated families written by the Sluice writers read back as written, in each format, and the two renderings
 * of one body read as the same samples.
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

}
