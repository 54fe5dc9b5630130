package dev.sluice.pipeline.worker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.pipeline.record.BackPressurePolicy;
import dev.sluice.pipeline.record.ExemplarFlyweight;
import dev.sluice.pipeline.record.HistogramPayload;
import dev.sluice.pipeline.record.MetadataFlyweight;
import dev.sluice.pipeline.record.NativeHistograms;
import dev.sluice.pipeline.record.SampleDescriptor;
import dev.sluice.pipeline.record.ScrapeRecordWriter;
import dev.sluice.pipeline.record.ScrapeStatus;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.series.SeriesTable;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.CountersManager;

/**
 * A writer, an off-heap ring buffer and a worker wired together, with a sink that records readable lines and passes
 * every call on to further sinks (a forwarder, in the forwarding tests).
 */
public final class WorkerHarness implements SampleSink
{
    /** The target id of {@link #defaultTarget}. */
    public static final long TARGET = 1;
    static final long SCRAPE_TIME_MS = 1_700_000_000_000L;

    final RingBuffer ringBuffer = new ManyToOneRingBuffer(
        new UnsafeBuffer(ByteBuffer.allocateDirect((1 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
    final RelabelWorker worker;
    final List<String> lines = new ArrayList<>();
    /** Job {@code node}, instance {@code a:9100}, no rules, no limits. */
    public final TargetConfig defaultTarget = new TargetConfig(
        TARGET, Map.of("job", "node", "instance", "a:9100"), false, true, false, RelabelConfigs.of(), ScrapeLimits.NONE,
        ExtraScrapeMetrics.OFF, 2);
    private final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT);
    private final MetricCursor openMetricsCursor = MetricCursors.create(ExpositionFormat.OPENMETRICS);
    private final MetricCursor protobufCursor = MetricCursors.create(ExpositionFormat.PROTOBUF);
    private final NativeHistogramView histogram = new NativeHistogramView();
    private final ScrapeRecordWriter writer;
    private final LabelSetBuilder labels = new LabelSetBuilder();
    private final ExemplarFlyweight exemplars = new ExemplarFlyweight();
    private final SampleSink[] downstream;
    private final long scrapeTimeBaseMs;
    private long scrapeIntervalMs = 15_000;
    /** Stops rendering commits into lines, so that a measured scrape allocates nothing in the sink. */
    public boolean recordingOff;
    private long scrapeId;
    private boolean typeAndUnitLabels;
    private long committedSamples;
    private long committedHistograms;
    private long committedExemplars;

    /**
     * Exemplars the worker dropped when staging them.
     *
     * @return the count.
     */
    public long droppedExemplars()
    {
        return worker.droppedExemplars();
    }

    WorkerHarness()
    {
        this(new SeriesTable(), SCRAPE_TIME_MS);
    }

    /**
     * Wires a worker over a given series table, passing every commit on to further sinks.
     *
     * @param seriesTable      the worker's series table, which the further sinks read labels from.
     * @param scrapeTimeBaseMs the time of scrape 0; scrape n is 15 s per n later unless {@link #scrapeIntervalMs}.
     * @param downstream       sinks that receive every call after the harness recorded it.
     */
    public WorkerHarness(final SeriesTable seriesTable, final long scrapeTimeBaseMs, final SampleSink... downstream)
    {
        this.worker = new RelabelWorker(ringBuffer, seriesTable, this, 4096);
        this.scrapeTimeBaseMs = scrapeTimeBaseMs;
        this.downstream = downstream.clone();
        final CountersManager counters = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(1024)));
        writer = new ScrapeRecordWriter(ringBuffer, BackPressurePolicy.failScrape(), () -> 2_500_000_000L,
            counters.newCounter("dropped scrapes"), counters.newCounter("dropped samples"));
    }

    /**
     * Sets how far apart in time the scrapes are, 15 s unless told.
     *
     * @param intervalMs the scrape interval.
     * @return this harness.
     */
    public WorkerHarness scrapeIntervalMs(final long intervalMs)
    {
        scrapeIntervalMs = intervalMs;
        return this;
    }

    /**
     * Registers a target with the worker.
     *
     * @param config the target.
     * @return this harness.
     */
    public WorkerHarness target(final TargetConfig config)
    {
        worker.addTarget(config);
        worker.doWork();
        typeAndUnitLabels = config.typeAndUnitLabels();
        return this;
    }

    /**
     * Makes the writer write family metadata records, which the harness passes on to its further sinks.
     *
     * @return this harness.
     */
    public WorkerHarness metadataRecords()
    {
        writer.metadataRecords(true);
        return this;
    }

    /**
     * Lets the worker run one duty cycle, as a running worker does between scrapes (sinks send what is due).
     *
     * @return the work done.
     */
    public int dutyCycle()
    {
        return worker.doWork();
    }

    @Override
    public void metadata(final MetadataFlyweight family)
    {
        if (!recordingOff)
        {
            lines.add("metadata " + family.buffer().getStringWithoutLengthUtf8(family.nameOffset(),
                family.nameLength()) + " " + family.type() + " help=" + family.buffer().getStringWithoutLengthUtf8(
                family.helpOffset(), family.helpLength()) + " unit=" + family.buffer().getStringWithoutLengthUtf8(
                family.unitOffset(), family.unitLength()));
        }
        for (final SampleSink sink : downstream)
        {
            sink.metadata(family);
        }
    }

    /**
     * Writes one scrape of the body (scrape time advancing 15 s each time) and lets the worker handle it.
     *
     * @param body a Prometheus text exposition.
     * @return the lines recorded for the scrape's commit.
     */
    public List<String> scrape(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return scrape(new UnsafeBuffer(bytes), bytes.length);
    }

    /**
     * Writes one scrape of a body already in a buffer and lets the worker handle it.
     *
     * @param body   the Prometheus text exposition.
     * @param length its length.
     * @return the lines recorded for the scrape's commit, unless recording is off.
     */
    public List<String> scrape(final UnsafeBuffer body, final int length)
    {
        return scrape(cursor, body, length);
    }

    /**
     * Writes one scrape of an OpenMetrics body and lets the worker handle it.
     *
     * @param body an OpenMetrics exposition.
     * @return the lines recorded for the scrape's commit.
     */
    public List<String> scrapeOpenMetrics(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return scrape(openMetricsCursor, new UnsafeBuffer(bytes), bytes.length);
    }

    /**
     * Writes one scrape of an OpenMetrics body already in a buffer and lets the worker handle it.
     *
     * @param body   the OpenMetrics exposition.
     * @param length its length.
     * @return the lines recorded for the scrape's commit, unless recording is off.
     */
    public List<String> scrapeOpenMetrics(final UnsafeBuffer body, final int length)
    {
        return scrape(openMetricsCursor, body, length);
    }

    /**
     * Writes one scrape of a protobuf exposition body and lets the worker handle it.
     *
     * @param body   delimited {@code MetricFamily} messages.
     * @param length their length.
     * @return the lines recorded for the scrape's commit, unless recording is off.
     */
    public List<String> scrapeProtobuf(final UnsafeBuffer body, final int length)
    {
        return scrape(protobufCursor, body, length);
    }

    private List<String> scrape(final MetricCursor bodyCursor, final UnsafeBuffer body, final int length)
    {
        if (!recordingOff)
        {
            lines.clear();
        }
        scrapeId++;
        writer.writeScrape(TARGET, scrapeId, scrapeTimeBaseMs + scrapeIntervalMs * scrapeId, 0, bodyCursor, body, 0,
            length, typeAndUnitLabels);
        drain();
        return lines;
    }

    /**
     * Writes one scrape the scraper gave up on because it timed out, whether before the response or in the middle
     * of the body: the scraper parses only bodies it read whole, so the scrape is a begin and an end with
     * {@link ScrapeStatus#FETCH_FAILED} and no records between them.
     *
     * @return the lines recorded for the scrape's commit.
     */
    List<String> scrapeTimedOut()
    {
        lines.clear();
        scrapeId++;
        writer.writeFailedScrape(TARGET, scrapeId, scrapeTimeBaseMs + scrapeIntervalMs * scrapeId, 10_000_000_000L,
            ScrapeStatus.FETCH_FAILED);
        drain();
        return lines;
    }

    void drain()
    {
        while (worker.doWork() > 0)
        {
            Thread.onSpinWait();
        }
    }

    /**
     * Samples committed to this sink so far.
     *
     * @return the count.
     */
    public long committedSamples()
    {
        return committedSamples;
    }

    @Override
    public void beginCommit(final long targetId, final long scrapeId, final int outcome)
    {
        if (!recordingOff)
        {
            lines.add("begin " + targetId + " " + CommitOutcome.name(outcome));
        }
        for (final SampleSink sink : downstream)
        {
            sink.beginCommit(targetId, scrapeId, outcome);
        }
    }

    @Override
    public void sample(final int seriesId, final long timestampMs, final long valueBits)
    {
        committedSamples++;
        if (!recordingOff)
        {
            final String value = valueBits == SampleDescriptor.STALE_NAN_BITS ?
                "stale" : Double.toString(Double.longBitsToDouble(valueBits));
            final long at = timestampMs - scrapeTimeBaseMs;
            lines.add(worker.seriesTable().load(seriesId, labels) + " " + value + " @" + at);
        }
        for (final SampleSink sink : downstream)
        {
            sink.sample(seriesId, timestampMs, valueBits);
        }
    }

    /**
     * Exemplars committed to this sink so far, skipped ones not counted.
     *
     * @return the count.
     */
    public long committedExemplars()
    {
        return committedExemplars;
    }

    @Override
    public void sampleWithExemplars(
        final int seriesId,
        final long timestampMs,
        final long valueBits,
        final DirectBuffer block,
        final int offset,
        final int length)
    {
        committedSamples++;
        if (!recordingOff)
        {
            lines.add(worker.seriesTable().load(seriesId, labels) + " " + Double.longBitsToDouble(valueBits) + " @" +
                (timestampMs - scrapeTimeBaseMs));
        }
        recordExemplars(block, offset, length);
        for (final SampleSink sink : downstream)
        {
            sink.sampleWithExemplars(seriesId, timestampMs, valueBits, block, offset, length);
        }
    }

    @Override
    public void histogramWithExemplars(
        final int seriesId,
        final long timestampMs,
        final DirectBuffer payload,
        final int offset,
        final int length,
        final DirectBuffer block,
        final int exemplarsOffset,
        final int exemplarsLength)
    {
        committedHistograms++;
        if (!recordingOff)
        {
            lines.add(worker.seriesTable().load(seriesId, labels) + " histogram @" + (timestampMs - scrapeTimeBaseMs));
        }
        recordExemplars(block, exemplarsOffset, exemplarsLength);
        for (final SampleSink sink : downstream)
        {
            sink.histogramWithExemplars(seriesId, timestampMs, payload, offset, length, block, exemplarsOffset,
                exemplarsLength);
        }
    }

    /** Adds one line per exemplar to send: {@code # {labels} value @timestamp}, the timestamp absolute. */
    private void recordExemplars(final DirectBuffer block, final int offset, final int length)
    {
        exemplars.wrap(block, offset, length);
        while (exemplars.next())
        {
            committedExemplars++;
            if (!recordingOff)
            {
                final StringBuilder line = new StringBuilder("# {");
                while (exemplars.nextLabel())
                {
                    line.append(line.length() > 3 ? "," : "")
                        .append(block.getStringWithoutLengthUtf8(exemplars.nameOffset(), exemplars.nameLength()))
                        .append("=\"")
                        .append(block.getStringWithoutLengthUtf8(exemplars.valueOffset(), exemplars.valueLength()))
                        .append('"');
                }
                lines.add(line.append("} ").append(Double.longBitsToDouble(exemplars.valueBits())).append(" @")
                    .append(exemplars.timestampMs()).toString());
            }
        }
    }

    /**
     * Histograms committed to this sink so far.
     *
     * @return the count.
     */
    public long committedHistograms()
    {
        return committedHistograms;
    }

    @Override
    public void histogram(
        final int seriesId, final long timestampMs, final DirectBuffer payload, final int offset, final int length)
    {
        committedHistograms++;
        if (!recordingOff)
        {
            lines.add(worker.seriesTable().load(seriesId, labels) + " histogram " +
                NativeHistograms.describe(HistogramPayload.read(payload, offset, histogram)) + " @" +
                (timestampMs - scrapeTimeBaseMs));
        }
        for (final SampleSink sink : downstream)
        {
            sink.histogram(seriesId, timestampMs, payload, offset, length);
        }
    }

    @Override
    public void endCommit(final long targetId, final long scrapeId, final int outcome)
    {
        if (!recordingOff)
        {
            lines.add("end");
        }
        for (final SampleSink sink : downstream)
        {
            sink.endCommit(targetId, scrapeId, outcome);
        }
    }

    @Override
    public int flushDue(final long nowNs)
    {
        int work = 0;
        for (final SampleSink sink : downstream)
        {
            work += sink.flushDue(nowNs);
        }
        return work;
    }
}
