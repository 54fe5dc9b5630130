package dev.sluice.pipeline.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;

class ScrapeRecordWriterTest
{
    private static final long TARGET = 7;
    private final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT);
    private final AtomicCounter droppedScrapes = RecordedScrape.counter("dropped scrapes");
    private final AtomicCounter droppedSamples = RecordedScrape.counter("dropped samples");
    private final long[] nanos = {1_000};

    private ScrapeRecordWriter writer(final RingBuffer ringBuffer, final BackPressurePolicy policy)
    {
        return new ScrapeRecordWriter(ringBuffer, policy, () -> nanos[0] += 250, droppedScrapes, droppedSamples);
    }

    private int write(final ScrapeRecordWriter writer, final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        return writer.writeScrape(TARGET, 3, 1_700_000_000_000L, 1_000, cursor, buffer, 0, bytes.length);
    }

    @Test
    void writesBeginSamplesEndWithLabelsUnescaped()
    {
        final RingBuffer ringBuffer = RecordedScrape.ringBuffer(4096);
        final String body = "# TYPE up gauge\nup 1\n" +
            "http_requests_total{code=\"200\",path=\"/a\\\"b\\\\c\\nd\"} 3 1234\n" +
            "temp_c{l=\"\u00fc\"} NaN\n";

        final int status = write(writer(ringBuffer, BackPressurePolicy.failScrape()), body);

        assertEquals(ScrapeStatus.OK, status);
        assertEquals(List.of(
            "BEGIN 7 3 1700000000000",
            "SAMPLE 7 up{} 1.0 ts=- flags=0",
            "SAMPLE 7 http_requests_total{code=\"200\",path=\"/a\"b\\c\nd\"} 3.0 ts=1234 flags=1",
            "SAMPLE 7 temp_c{l=\"\u00fc\"} NaN ts=- flags=0",
            "END 7 3 ok samples=3 body=" + body.getBytes(StandardCharsets.UTF_8).length + " ns=250"),
            RecordedScrape.drain(ringBuffer));
        assertEquals(0, droppedScrapes.get());
    }

    @Test
    void sameRawSeriesHashesAlikeAndOtherSeriesApart()
    {
        final RingBuffer ringBuffer = RecordedScrape.ringBuffer(4096);
        write(writer(ringBuffer, BackPressurePolicy.failScrape()), "a{x=\"1\"} 1\na{x=\"1\"} 2\na{x=\"2\"} 3\n");
        final long[] hashes = new long[3];
        final int[] n = {0};
        final SampleFlyweight sample = new SampleFlyweight();
        ringBuffer.read((type, buffer, index, length) ->
        {
            if (type == RecordType.SAMPLE)
            {
                hashes[n[0]++] = sample.wrap(buffer, index, length).seriesHash();
            }
        });
        assertEquals(3, n[0]);
        assertEquals(hashes[0], hashes[1]);
        assertNotEquals(hashes[0], hashes[2]);
    }

    @Test
    void parseErrorEndsTheScrapeFailedAfterTheSamplesBeforeIt()
    {
        final RingBuffer ringBuffer = RecordedScrape.ringBuffer(4096);

        final int status = write(writer(ringBuffer, BackPressurePolicy.failScrape()), "a 1\nb 2\nc{ 3\nd 4\n");

        assertEquals(ScrapeStatus.PARSE_ERROR, status);
        final List<String> records = RecordedScrape.drain(ringBuffer);
        assertEquals(4, records.size(), records::toString);
        assertTrue(records.get(3).startsWith("END 7 3 parse_error samples=2 "), records::toString);
        assertEquals(0, droppedScrapes.get());
    }

    @Test
    void fullRingBufferFailsTheScrapeAndCountsTheDropEvenWithoutRoomForTheEnd()
    {
        final RingBuffer ringBuffer = RecordedScrape.ringBuffer(1024);

        final int status = write(writer(ringBuffer, BackPressurePolicy.failScrape()), "a 1\n".repeat(40));

        assertEquals(ScrapeStatus.BACK_PRESSURE, status);
        assertEquals(1, droppedScrapes.get());
        final List<String> records = RecordedScrape.drain(ringBuffer);
        final long written = records.stream().filter(r -> r.startsWith("SAMPLE")).count();
        assertTrue(written > 0 && written < 40, records::toString);
        assertEquals(written + 1, droppedSamples.get());
        // Nothing drains the buffer, so the end record cannot follow: the worker closes the scrape as failed
        // when the next one of the target begins.
        assertTrue(records.get(records.size() - 1).startsWith("SAMPLE"), records::toString);
    }

    @Test
    void boundedWaitGivesUpAtTheDeadlineOfTheClock()
    {
        final RingBuffer ringBuffer = RecordedScrape.ringBuffer(1024);

        final int status = write(writer(ringBuffer, BackPressurePolicy.boundedWait(10, TimeUnit.MICROSECONDS)),
            "a 1\n".repeat(40));

        assertEquals(ScrapeStatus.BACK_PRESSURE, status);
        // Each reading of the test clock advances it by 250 ns: the wait read it 10_000 / 250 times at least.
        assertTrue(nanos[0] >= 1_000 + 10_000, () -> "clock at " + nanos[0]);
    }

    @Test
    void boundedWaitWritesEverythingWhileAConsumerDrains() throws InterruptedException
    {
        final RingBuffer ringBuffer = RecordedScrape.ringBuffer(1024);
        final StringBuilder body = new StringBuilder();
        for (int i = 0; i < 200; i++)
        {
            body.append("series_").append(i).append("{i=\"").append(i).append("\"} ").append(i).append('\n');
        }
        final AtomicInteger samples = new AtomicInteger();
        final AtomicBoolean ended = new AtomicBoolean();
        final Thread consumer = new Thread(() ->
        {
            while (!ended.get())
            {
                ringBuffer.read((type, buffer, index, length) ->
                {
                    samples.addAndGet(type == RecordType.SAMPLE ? 1 : 0);
                    ended.compareAndSet(false, type == RecordType.SCRAPE_END);
                });
            }
        });
        consumer.start();
        final ScrapeRecordWriter writer = new ScrapeRecordWriter(ringBuffer,
            BackPressurePolicy.boundedWait(10, TimeUnit.SECONDS), System::nanoTime, droppedScrapes, droppedSamples);

        final int status = write(writer, body.toString());
        consumer.join(10_000);

        assertEquals(ScrapeStatus.OK, status);
        assertEquals(200, samples.get());
        assertEquals(0, droppedSamples.get());
    }

    @Test
    void sampleLongerThanTheLargestMessageFailsTheScrapeWithoutADrop()
    {
        final RingBuffer ringBuffer = RecordedScrape.ringBuffer(1024);
        final String value = "v".repeat(ringBuffer.maxMsgLength());

        final int status = write(writer(ringBuffer, BackPressurePolicy.failScrape()), "a{l=\"" + value + "\"} 1\n");

        assertEquals(ScrapeStatus.RECORD_TOO_LONG, status);
        assertEquals(List.of("BEGIN 7 3 1700000000000", "END 7 3 record_too_long samples=0 body=" +
            (value.length() + 10) + " ns=250"), RecordedScrape.drain(ringBuffer));
        assertEquals(0, droppedSamples.get());
    }

    @Test
    void failedFetchWritesBeginAndEnd()
    {
        final RingBuffer ringBuffer = RecordedScrape.ringBuffer(1024);

        final int status = writer(ringBuffer, BackPressurePolicy.failScrape())
            .writeFailedScrape(TARGET, 4, 99, 5_000, ScrapeStatus.FETCH_FAILED);

        assertEquals(ScrapeStatus.FETCH_FAILED, status);
        assertEquals(List.of("BEGIN 7 4 99", "END 7 4 fetch_failed samples=0 body=0 ns=5000"),
            RecordedScrape.drain(ringBuffer));
    }
}
