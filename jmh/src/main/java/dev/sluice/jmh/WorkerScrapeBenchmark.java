package dev.sluice.jmh;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.pipeline.record.BackPressurePolicy;
import dev.sluice.pipeline.record.ScrapeRecordWriter;
import dev.sluice.pipeline.record.ScrapeStatus;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.RelabelAction;
import dev.sluice.pipeline.relabel.RelabelConfig;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.pipeline.worker.ExtraScrapeMetrics;
import dev.sluice.pipeline.worker.RelabelWorker;
import dev.sluice.pipeline.worker.SampleSink;
import dev.sluice.pipeline.worker.ScrapeLimits;
import dev.sluice.pipeline.worker.TargetConfig;

/**
 * One whole scrape of node_exporter's exposition on the hot path, single-threaded: {@link ScrapeRecordWriter} parses
 * the body into records in an off-heap ring buffer, then the {@link RelabelWorker} drains them and commits the scrape
 * to a sink that folds every committed sample into a checksum. The {@code samples} counter counts the samples of the
 * exposition, so ns/sample covers the writer, the ring buffer and the worker.
 *
 * <ul>
 *   <li>{@code cache=warm}: the target's series cache holds every series, the steady state of a target scraped
 *   again and again; a sample costs a hash probe and a key compare.</li>
 *   <li>{@code cache=cold}: the target is registered afresh before each scrape, with an empty cache, so every series
 *   runs the rules ({@link #METRIC_RELABEL_CONFIGS}), the label checks and the series table lookup, as a new
 *   target's first scrape does. The registration itself (the cache's first buffers, the report series) is part
 *   of the operation.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class WorkerScrapeBenchmark implements SampleSink
{
    /** The {@link BenchmarkInputs} name of the scraped exposition. */
    public static final String INPUT = "node_exporter";
    /** The target's rules: a drop of one family prefix (a shortcut) and a labeldrop by name (a shortcut). */
    public static final RelabelConfigs METRIC_RELABEL_CONFIGS = RelabelConfigs.of(
        RelabelConfig.builder().action(RelabelAction.DROP).sourceLabels(LabelSetBuilder.METRIC_NAME)
            .regex("node_scrape_collector_.*").build(),
        RelabelConfig.builder().action(RelabelAction.LABEL_DROP).regex("uuid").build());

    private static final long TARGET_ID = 1;
    private static final long SCRAPE_TIME_MS = 1_700_000_000_000L;
    private static final int RING_CAPACITY = 1 << 20;
    private static final int READ_LIMIT = 4096;
    /** The writer's clock: one fixed reading, so every scrape reports the same duration and the checksum is stable. */
    private static final long CLOCK_NS = 2_500_000_000L;

    /** {@code warm} or {@code cold}. */
    @Param({"warm", "cold"})
    public String cache;

    private final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT);
    private final TargetConfig target = new TargetConfig(
        TARGET_ID, Map.of("job", "node", "instance", "node-1:9100"), false, true, false, METRIC_RELABEL_CONFIGS,
        ScrapeLimits.NONE, ExtraScrapeMetrics.OFF, 2);
    private RelabelWorker worker;
    private ScrapeRecordWriter writer;
    private UnsafeBuffer body;
    private int bodyLength;
    private int bodySamples;
    private boolean cold;
    private long scrapeId;
    private long checksum;
    private long committedSamples;

    /** Creates the benchmark state; JMH sets {@link #cache}. */
    public WorkerScrapeBenchmark()
    {
    }

    /** Wires writer, ring buffer and worker, copies the body off-heap and, for a warm cache, scrapes once. */
    @Setup(Level.Trial)
    public void wire()
    {
        if (!"warm".equals(cache) && !"cold".equals(cache))
        {
            throw new IllegalArgumentException("no cache state " + cache);
        }
        cold = "cold".equals(cache);
        final byte[] bytes = BenchmarkInputs.body(ExpositionFormat.PROMETHEUS_TEXT, INPUT);
        body = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        body.putBytes(0, bytes);
        bodyLength = bytes.length;
        bodySamples = CorpusLabelSets.load(bytes).size();
        final RingBuffer ringBuffer = OffHeapRingBuffers.manyToOne(RING_CAPACITY);
        worker = new RelabelWorker(ringBuffer, new SeriesTable(), this, READ_LIMIT);
        final CountersManager counters = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(1024)));
        writer = new ScrapeRecordWriter(ringBuffer, BackPressurePolicy.failScrape(), () -> CLOCK_NS,
            counters.newCounter("dropped scrapes"), counters.newCounter("dropped samples"));
        if (!cold)
        {
            worker.addTarget(target);
            scrapeOnce();
        }
    }

    /**
     * Scrapes the body once.
     *
     * @param counters the exposition's bytes and samples, per scrape.
     * @return the checksum of the samples the scrape committed.
     */
    @Benchmark
    public long scrape(final WorkCounters counters)
    {
        final long result = scrapeOnce();
        counters.bytes += bodyLength;
        counters.samples += bodySamples;
        return result;
    }

    /**
     * Samples committed to the sink so far, report series included.
     *
     * @return the count.
     */
    public long committedSamples()
    {
        return committedSamples;
    }

    /**
     * The worker, to look at its series cache.
     *
     * @return the worker.
     */
    public RelabelWorker worker()
    {
        return worker;
    }

    @Override
    public void beginCommit(final long targetId, final long scrapeId, final int outcome)
    {
        checksum = 31 * checksum + outcome;
    }

    @Override
    public void sample(final int seriesId, final long timestampMs, final long valueBits)
    {
        checksum = 31 * (31 * (31 * checksum + seriesId) + timestampMs) + valueBits;
        committedSamples++;
    }

    @Override
    public void endCommit(final long targetId, final long scrapeId, final int outcome)
    {
        checksum = 31 * checksum + outcome;
    }

    private long scrapeOnce()
    {
        if (cold)
        {
            worker.addTarget(target);
        }
        checksum = 0;
        scrapeId++;
        final int status = writer.writeScrape(
            TARGET_ID, scrapeId, SCRAPE_TIME_MS, CLOCK_NS, cursor, body, 0, bodyLength);
        if (status != ScrapeStatus.OK)
        {
            throw new IllegalStateException("scrape " + scrapeId + " ended with status " + status);
        }
        while (worker.doWork() > 0)
        {
            continue;
        }
        return checksum;
    }
}
