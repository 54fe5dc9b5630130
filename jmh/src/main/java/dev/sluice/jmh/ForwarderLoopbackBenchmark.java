package dev.sluice.jmh;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.sluice.pipeline.forward.EndpointBatcher;
import dev.sluice.pipeline.forward.ForwarderMetrics;
import dev.sluice.pipeline.forward.QueueConfig;
import dev.sluice.pipeline.forward.WriteEndpoint;
import dev.sluice.pipeline.forward.remote.RemoteWrite1BatchEncoder;
import dev.sluice.pipeline.forward.remote.SnappyBodyCompression;
import dev.sluice.pipeline.series.SeriesTable;

/**
 * The whole forwarder on loopback: the benchmark thread plays a relabel worker committing node_exporter scrapes
 * (3,027 samples each) to a Remote Write 1.0 endpoint, whose shard threads compress and POST every batch over
 * keep-alive connections to a {@link NullWriteReceiver} in the same JVM. A scrape is committed only when the queue
 * has room for it, so samples/s is the delivery rate, never a rate of dropped samples. {@code cpuNanos} is the CPU
 * time of the whole process (worker, shards, event loops and the receiver) per second: divided by samples/s it
 * gives the CPU cost of a sample; with the receiver included it is an upper bound for the forwarder alone.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class ForwarderLoopbackBenchmark
{
    private static final int CAPACITY = 20_000;

    /** Shards of the endpoint, each a thread with its own connection. */
    @Param({"1", "2"})
    public int shards;

    private final com.sun.management.OperatingSystemMXBean system =
        (com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
    private EventLoopGroup group;
    private NullWriteReceiver receiver;
    private WriteEndpoint endpoint;
    private EndpointBatcher batcher;
    private ForwarderMetrics metrics;
    private CorpusSeries series;
    private long timestampMs = 1_700_000_000_000L;
    private long committed;

    /** Creates the benchmark state; JMH sets {@link #shards}. */
    public ForwarderLoopbackBenchmark()
    {
    }

    /** CPU time of the process, reported per second next to samples/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class CpuCounters
    {
        /** Process CPU nanoseconds spent in this iteration. */
        public long cpuNanos;

        /** Creates the counters. */
        public CpuCounters()
        {
        }

        /** Zeroes the counter at the start of each iteration. */
        @Setup(Level.Iteration)
        public void clear()
        {
            cpuNanos = 0;
        }
    }

    /** Starts the receiver and the endpoint. */
    @Setup(Level.Trial)
    public void start()
    {
        series = new CorpusSeries("node_exporter");
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        receiver = new NullWriteReceiver(group);
        endpoint = new WriteEndpoint("loopback", group, URI.create("http://127.0.0.1:" + receiver.port() + "/write"),
            Duration.ofSeconds(10), new QueueConfig(CAPACITY, shards, 2_000, Duration.ofMillis(50),
            Duration.ofMillis(5), Duration.ofMillis(100), false), 1, RemoteWrite1BatchEncoder::new,
            SnappyBodyCompression::new, new DefaultHttpHeaders(), line -> { });
        endpoint.start();
        batcher = endpoint.batcher(0);
        metrics = endpoint.metrics();
    }

    /**
     * Sends what is left, stops the endpoint and the receiver, and fails the run unless every committed sample was
     * delivered.
     *
     * @throws InterruptedException when interrupted while the endpoint drains.
     */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException
    {
        batcher.flushAll();
        endpoint.close(Duration.ofSeconds(30));
        receiver.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (metrics.samplesSent() != committed)
        {
            throw new IllegalStateException("delivered " + metrics.samplesSent() + " of " + committed + " samples: " +
                "dropped " + metrics.samplesDropped() + ", failed " + metrics.samplesFailed());
        }
    }

    /**
     * Commits one scrape's samples to the endpoint once the queue has room for them.
     *
     * @param counters samples committed.
     * @param cpu      process CPU time.
     * @return samples sent so far.
     */
    @Benchmark
    public long commitScrape(final WorkCounters counters, final CpuCounters cpu)
    {
        final long cpuBefore = system.getProcessCpuTime();
        // Half the capacity leaves room in every shard for the open batch and this scrape; parking, not spinning,
        // keeps the wait out of the CPU figure.
        while (metrics.samplesPending() > CAPACITY / 2)
        {
            LockSupport.parkNanos(20_000);
        }
        final SeriesTable table = series.table();
        timestampMs += 15_000;
        for (int i = 0, n = series.size(); i < n; i++)
        {
            final int id = series.id(i);
            batcher.append(1, table.buffer(), table.recordOffset(id), id, timestampMs,
                Double.doubleToRawLongBits(i * 0.5));
        }
        batcher.flushDue(System.nanoTime());
        committed += series.size();
        counters.samples += series.size();
        cpu.cpuNanos += system.getProcessCpuTime() - cpuBefore;
        return metrics.samplesSent();
    }
}
