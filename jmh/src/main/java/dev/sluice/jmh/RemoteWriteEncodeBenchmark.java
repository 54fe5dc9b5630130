package dev.sluice.jmh;

import java.util.concurrent.TimeUnit;

import org.agrona.ExpandableDirectByteBuffer;
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

import dev.sluice.pipeline.forward.BatchEncoder;
import dev.sluice.pipeline.forward.EncodedBatch;
import dev.sluice.pipeline.forward.remote.RemoteWrite1BatchEncoder;
import dev.sluice.pipeline.forward.remote.RemoteWrite2BatchEncoder;
import dev.sluice.pipeline.forward.remote.SnappyBodyCompression;
import dev.sluice.pipeline.series.SeriesTable;

/**
 * What the forwarder spends per sample before the network: one scrape of node_exporter's series (3,027 samples,
 * job and instance added) appended to Remote Write batches of {@code max_samples_per_send} 2,000 straight from the
 * series table, each batch finished and Snappy-compressed, as a shard sends it. The {@code samples} counter gives
 * samples/s; {@code bytes} counts the uncompressed request bodies.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class RemoteWriteEncodeBenchmark
{
    /** Samples per request, Prometheus' default {@code max_samples_per_send}. */
    public static final int MAX_SAMPLES_PER_SEND = 2_000;

    /** {@code 1.0} ({@code prometheus.WriteRequest}) or {@code 2.0} ({@code io.prometheus.write.v2.Request}). */
    @Param({"1.0", "2.0"})
    public String version;

    private CorpusSeries series;
    private BatchEncoder encoder;
    private final EncodedBatch batch = new EncodedBatch();
    private final SnappyBodyCompression compression = new SnappyBodyCompression();
    private final ExpandableDirectByteBuffer compressed = new ExpandableDirectByteBuffer(256 * 1024);
    private long timestampMs = 1_700_000_000_000L;

    /** Creates the benchmark state; JMH sets {@link #version}. */
    public RemoteWriteEncodeBenchmark()
    {
    }

    /** Interns the corpus series and picks the encoder. */
    @Setup(Level.Trial)
    public void load()
    {
        series = new CorpusSeries("node_exporter");
        encoder = "1.0".equals(version) ? new RemoteWrite1BatchEncoder() : new RemoteWrite2BatchEncoder();
    }

    /**
     * Encodes and compresses one scrape's samples in batches.
     *
     * @param counters uncompressed bytes and samples encoded.
     * @return the compressed bytes, so nothing is optimised away.
     */
    @Benchmark
    public long encodeAndCompress(final WorkCounters counters)
    {
        final SeriesTable table = series.table();
        long compressedBytes = 0;
        timestampMs += 15_000;
        int inBatch = 0;
        batch.clear();
        encoder.begin(batch);
        for (int i = 0, n = series.size(); i < n; i++)
        {
            final int id = series.id(i);
            encoder.append(batch, 1, table.buffer(), table.recordOffset(id), timestampMs,
                Double.doubleToRawLongBits(i * 0.5));
            if (++inBatch == MAX_SAMPLES_PER_SEND || i == n - 1)
            {
                encoder.finish(batch);
                counters.bytes += batch.length();
                compressedBytes += compression.compress(batch.body(), batch.length(), compressed);
                inBatch = 0;
                batch.clear();
                encoder.begin(batch);
            }
        }
        counters.samples += series.size();
        return compressedBytes;
    }
}
