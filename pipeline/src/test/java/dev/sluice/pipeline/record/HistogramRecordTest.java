package dev.sluice.pipeline.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.NativeHistogramView;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;

class HistogramRecordTest
{
    private static final long TARGET = 7;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final HistogramFlyweight record = new HistogramFlyweight();

    /** Writes a record at an odd offset, so that no field is aligned, and reads the histogram back. */
    private NativeHistogramView roundTrip(final NativeHistogramView input)
    {
        final int labelBytes = 13;
        final int length = HistogramDescriptor.length(labelBytes, HistogramPayload.length(input));
        record.wrap(buffer, 3, length).targetId(TARGET).seriesHash(-5).timestampMs(1234)
            .flags(HistogramDescriptor.FLAG_HAS_TIMESTAMP).labelCount(1).labelsLength(labelBytes).writeHistogram(input);
        assertEquals(HistogramPayload.length(input), record.payloadLength());
        return new HistogramFlyweight().wrap(buffer, 3, length).readHistogram(new NativeHistogramView());
    }

    @Test
    void integerHistogramWithBothSidesReadsBackEqual()
    {
        final NativeHistogramView input = NativeHistograms.integer();
        assertEquals(NativeHistograms.describe(input), NativeHistograms.describe(roundTrip(input)));
        assertEquals(TARGET, record.targetId());
        assertEquals(-5, record.seriesHash());
        assertEquals(1234, record.timestampMs());
        assertEquals(true, record.hasTimestamp());
        assertEquals(1, record.labelCount());
        assertEquals(13, record.labelsLength());
    }

    @Test
    void floatHistogramReadsBackEqualBitForBit()
    {
        final NativeHistogramView input = NativeHistograms.floating();
        final NativeHistogramView output = roundTrip(input);
        assertEquals(NativeHistograms.describe(input), NativeHistograms.describe(output));
        assertEquals(Double.doubleToRawLongBits(input.sum()), Double.doubleToRawLongBits(output.sum()));
    }

    @Test
    void customBucketsReadBackWithTheirBounds()
    {
        final NativeHistogramView input = NativeHistograms.customBuckets();
        final NativeHistogramView output = roundTrip(input);
        assertEquals(NativeHistograms.describe(input), NativeHistograms.describe(output));
        assertEquals(3, output.customValueCount());
        assertEquals(2.5, output.customValue(2));
    }

    @Test
    void histogramWithoutSpansReadsBackEmptyAndKeepsFullUnsignedCounts()
    {
        final NativeHistogramView input = NativeHistograms.zeroBucketOnly().count(-1);
        final NativeHistogramView output = roundTrip(input);
        assertEquals(NativeHistograms.describe(input), NativeHistograms.describe(output));
        assertEquals(0, output.positive().spanCount());
        assertEquals(0, output.negative().deltaCount());
        assertEquals(HistogramPayload.LISTS_OFFSET, record.payloadLength());
    }

    @Test
    void readingReusesTheViewWithoutLeftoversOfALargerHistogram()
    {
        final NativeHistogramView view = new NativeHistogramView();
        HistogramPayload.write(buffer, 0, NativeHistograms.integer());
        HistogramPayload.read(buffer, 0, view);
        HistogramPayload.write(buffer, 0, NativeHistograms.zeroBucketOnly());
        assertEquals(NativeHistograms.describe(NativeHistograms.zeroBucketOnly()),
            NativeHistograms.describe(HistogramPayload.read(buffer, 0, view)));
    }

    @Test
    void writerWritesAHistogramRecordPerNativeHistogramAndSamplesForTheClassicSeries()
    {
        final NativeHistogramView integer = NativeHistograms.integer();
        final NativeHistogramView floating = NativeHistograms.floating();
        final byte[] first = NativeHistograms.family("rpc_seconds", new String[] {"code", "200"}, integer, 0, 10);
        final byte[] second = NativeHistograms.family("queue_depth", new String[0], floating, 1_234, Double.NaN);
        final byte[] body = new byte[first.length + second.length];
        System.arraycopy(first, 0, body, 0, first.length);
        System.arraycopy(second, 0, body, first.length, second.length);
        final RingBuffer ringBuffer = RecordedScrape.ringBuffer(8192);
        final ScrapeRecordWriter writer = new ScrapeRecordWriter(ringBuffer, BackPressurePolicy.failScrape(),
            () -> 100, RecordedScrape.counter("dropped scrapes"), RecordedScrape.counter("dropped samples"));
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROTOBUF);

        final int status = writer.writeScrape(TARGET, 3, 1_700_000_000_000L, 0, cursor, new UnsafeBuffer(body), 0,
            body.length);

        assertEquals(ScrapeStatus.OK, status);
        // The exposition has no reset hint: counter histograms come as unknown.
        integer.resetHint(NativeHistogramView.ResetHint.UNKNOWN);
        assertEquals(List.of(
            "BEGIN 7 3 1700000000000",
            "HISTOGRAM 7 rpc_seconds{code=\"200\"} " + NativeHistograms.describe(integer) + " ts=- flags=0",
            "SAMPLE 7 rpc_seconds_bucket{code=\"200\",le=\"10.0\"} 17.0 ts=- flags=0",
            "SAMPLE 7 rpc_seconds_bucket{code=\"200\",le=\"+Inf\"} 17.0 ts=- flags=0",
            "SAMPLE 7 rpc_seconds_sum{code=\"200\"} 42.5 ts=- flags=0",
            "SAMPLE 7 rpc_seconds_count{code=\"200\"} 17.0 ts=- flags=0",
            "HISTOGRAM 7 queue_depth{} " + NativeHistograms.describe(floating) + " ts=1234 flags=1",
            "END 7 3 ok samples=6 body=" + body.length + " ns=100"),
            RecordedScrape.drain(ringBuffer));
    }

    @Test
    void derivedSeriesDeepInABodyHashTheLabelBytesOfTheBody()
    {
        final byte[] first = NativeHistograms.family("a", new String[] {"x", "1"}, NativeHistograms.integer(), 0, 10);
        final byte[] second = NativeHistograms.family("a", new String[] {"x", "2"}, NativeHistograms.integer(), 0, 10);
        final byte[] body = new byte[first.length * 3 + second.length];
        for (int i = 0; i < 3; i++)
        {
            System.arraycopy(first, 0, body, i * first.length, first.length);
        }
        System.arraycopy(second, 0, body, 3 * first.length, second.length);
        final RingBuffer ringBuffer = RecordedScrape.ringBuffer(16 * 1024);
        final ScrapeRecordWriter writer = new ScrapeRecordWriter(ringBuffer, BackPressurePolicy.failScrape(),
            () -> 0, RecordedScrape.counter("dropped scrapes"), RecordedScrape.counter("dropped samples"));

        final int status = writer.writeScrape(TARGET, 1, 0, 0, MetricCursors.create(ExpositionFormat.PROTOBUF),
            new UnsafeBuffer(body), 0, body.length);

        assertEquals(ScrapeStatus.OK, status);
        final SampleFlyweight sample = new SampleFlyweight();
        final List<Long> sumHashes = new ArrayList<>();
        ringBuffer.read((type, buffer, index, length) ->
        {
            if (type == RecordType.SAMPLE &&
                RecordedScrape.labels(buffer, sample.wrap(buffer, index, length).labelsOffset(), sample.labelsLength(),
                sample.labelCount()).startsWith("a_sum"))
            {
                sumHashes.add(sample.seriesHash());
            }
        }, Integer.MAX_VALUE);
        assertEquals(4, sumHashes.size());
        assertEquals(sumHashes.get(0), sumHashes.get(2), "same labels, same hash, wherever in the body");
        assertNotEquals(sumHashes.get(0), sumHashes.get(3), "x=\"2\" hashes apart from x=\"1\"");
    }

    @Test
    void histogramLongerThanTheLargestMessageFailsTheScrape()
    {
        final NativeHistogramView wide = new NativeHistogramView().schema(8).count(1);
        wide.positive().addSpan(0, 200);
        for (int i = 0; i < 200; i++)
        {
            wide.positive().addDelta(i == 0 ? 1 : 0);
        }
        final byte[] body = NativeHistograms.family("wide", new String[0], wide, 0, Double.NaN);
        final RingBuffer ringBuffer = RecordedScrape.ringBuffer(1024);
        final ScrapeRecordWriter writer = new ScrapeRecordWriter(ringBuffer, BackPressurePolicy.failScrape(),
            () -> 0, RecordedScrape.counter("dropped scrapes"), RecordedScrape.counter("dropped samples"));

        final int status = writer.writeScrape(TARGET, 1, 0, 0, MetricCursors.create(ExpositionFormat.PROTOBUF),
            new UnsafeBuffer(body), 0, body.length);

        assertEquals(ScrapeStatus.RECORD_TOO_LONG, status);
    }
}
