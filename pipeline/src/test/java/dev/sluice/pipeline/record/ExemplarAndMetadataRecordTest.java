package dev.sluice.pipeline.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursors;
import dev.sluice.pipeline.record.NativeHistograms.Exemplar;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;

/**
 * Exemplars ride at the end of their sample's or histogram's record, leaving labels and payload as they are without
 * them; family metadata records come before a family's first sample and only when changed.
 */
class ExemplarAndMetadataRecordTest
{
    private static final long TARGET = 7;

    private final RingBuffer ringBuffer = RecordedScrape.ringBuffer(1 << 16);
    private final ScrapeRecordWriter writer = new ScrapeRecordWriter(ringBuffer, BackPressurePolicy.failScrape(),
        () -> 0, RecordedScrape.counter("dropped scrapes"), RecordedScrape.counter("dropped samples"));

    private List<String> writeOpenMetrics(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        writer.writeScrape(TARGET, 1, 1_000, 0, MetricCursors.create(ExpositionFormat.OPENMETRICS),
            new UnsafeBuffer(bytes), 0, bytes.length);
        return RecordedScrape.drain(ringBuffer).stream().filter(line -> !line.startsWith("BEGIN") &&
            !line.startsWith("END")).toList();
    }

    @Test
    void aSampleWithAnExemplarKeepsItsLabelBytesAndCarriesTheExemplarAfterThem()
    {
        final List<String> lines = writeOpenMetrics("""
            # TYPE a counter
            a_total{x="1"} 3 # {trace_id="t\\\\1",span="s"} 0.5 12.5
            a_total{x="2"} 4 # {} 1
            a_total{x="3"} 5
            # EOF
            """);

        assertEquals(List.of(
            "SAMPLE 7 a_total{x=\"1\"} 3.0 ts=- flags=4 # {trace_id=\"t\\1\",span=\"s\"} 0.5 ts=12500",
            "SAMPLE 7 a_total{x=\"2\"} 4.0 ts=- flags=4 # {} 1.0 ts=-",
            "SAMPLE 7 a_total{x=\"3\"} 5.0 ts=- flags=0"), lines,
            "RecordedScrape checks that the label bytes end where the exemplars begin");
    }

    @Test
    void exemplarsThatWouldNotFitTheRingBufferAreLeftOutAndCountedAndTheSampleIsWritten()
    {
        final RingBuffer small = RecordedScrape.ringBuffer(2048);
        final ScrapeRecordWriter smallWriter = new ScrapeRecordWriter(small, BackPressurePolicy.failScrape(), () -> 0,
            RecordedScrape.counter("dropped scrapes"), RecordedScrape.counter("dropped samples"));
        final byte[] body = ("# TYPE a counter\na_total 3 # {trace_id=\"" + "\u00e9".repeat(100) + "\"} 1\n" +
            "a_total{b=\"c\"} 4 # {trace_id=\"short\"} 2\n# EOF\n").getBytes(StandardCharsets.UTF_8);

        final int status = smallWriter.writeScrape(TARGET, 1, 1_000, 0,
            MetricCursors.create(ExpositionFormat.OPENMETRICS), new UnsafeBuffer(body), 0, body.length);

        assertEquals(ScrapeStatus.OK, status);
        assertEquals(List.of(
            "SAMPLE 7 a_total{} 3.0 ts=- flags=0",
            "SAMPLE 7 a_total{b=\"c\"} 4.0 ts=- flags=4 # {trace_id=\"short\"} 2.0 ts=-"),
            RecordedScrape.drain(small).stream().filter(line -> line.startsWith("SAMPLE")).toList());
        assertEquals(1, smallWriter.droppedExemplars());
    }

    @Test
    void aNativeHistogramCarriesItsExemplarListAfterAnUnchangedPayload()
    {
        final byte[] body = NativeHistograms.family("h", new String[] {"code", "200"}, NativeHistograms.integer(), 0,
            Double.NaN, new Exemplar(new String[] {"trace_id", "a"}, 0.25, 1_500),
            new Exemplar(new String[] {"trace_id", "b", "pod", "p"}, 0.75, 0));
        writer.writeScrape(TARGET, 1, 1_000, 0, MetricCursors.create(ExpositionFormat.PROTOBUF),
            new UnsafeBuffer(body), 0, body.length);

        final List<String> lines = RecordedScrape.drain(ringBuffer);

        assertEquals("HISTOGRAM 7 h{code=\"200\"} " + NativeHistograms.describe(NativeHistograms.integer()
            .resetHint(dev.sluice.parser.NativeHistogramView.ResetHint.UNKNOWN)) +
            " ts=- flags=4 # {trace_id=\"a\"} 0.25 ts=1500 # {trace_id=\"b\",pod=\"p\"} 0.75 ts=-", lines.get(1));
    }

    @Test
    void familyMetadataIsWrittenBeforeItsFirstSampleAndOnlyWhenItChanged()
    {
        writer.metadataRecords(true);
        final String body = """
            # TYPE a counter
            # HELP a Requests.
            a_total 3
            # TYPE b_seconds gauge
            # UNIT b_seconds seconds
            b_seconds 1
            c 2
            # EOF
            """;

        final List<String> first = writeOpenMetrics(body);
        final List<String> steady = writeOpenMetrics(body);
        final List<String> changed = writeOpenMetrics(body.replace("Requests.", "Calls."));

        assertEquals(List.of(
            "METADATA 7 COUNTER a help=Requests. unit=",
            "SAMPLE 7 a_total{} 3.0 ts=- flags=0",
            "METADATA 7 GAUGE b_seconds help= unit=seconds",
            "SAMPLE 7 b_seconds{} 1.0 ts=- flags=0",
            "SAMPLE 7 c{} 2.0 ts=- flags=0"), first, "c has no metadata entries: no record");
        assertEquals(List.of(
            "SAMPLE 7 a_total{} 3.0 ts=- flags=0",
            "SAMPLE 7 b_seconds{} 1.0 ts=- flags=0",
            "SAMPLE 7 c{} 2.0 ts=- flags=0"), steady);
        assertEquals("METADATA 7 COUNTER a help=Calls. unit=", changed.get(0));
        assertEquals(4, changed.size());
    }
}
