package dev.sluice.pipeline.forward;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.sluice.pipeline.forward.durable.DurableQueueConfig;
import dev.sluice.pipeline.forward.remote.RemoteWrite1BatchEncoder;
import dev.sluice.pipeline.forward.remote.SnappyBodyCompression;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.pipeline.worker.WorkerHarness;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;

/**
 * A scripted target scraped through the whole pipeline into one Remote Write endpoint (1.0 unless told): text
 * exposition → records → relabel worker → forwarder → database. Scrape {@code k} has counters, a gauge, a classic
 * histogram and a series that exists only in the first scrapes (so it goes stale), with values chosen to be exact
 * in every database (at most 12 significant digits); the worker adds {@code up} and the {@code scrape_*} series.
 * What the worker committed is recorded, so a test can ask the database for exactly that.
 */
final class ScrapeWorkload implements AutoCloseable
{
    /** Scrapes that carry {@code sluice_e2e_short_lived}; it goes stale in the scrape after. */
    static final int SHORT_LIVED_SCRAPES = 4;

    final SeriesTable seriesTable = new SeriesTable();
    final CommittedSamples committed = new CommittedSamples(seriesTable);
    final WriteEndpoint endpoint;
    final List<String> log = new CopyOnWriteArrayList<>();
    private final ForwardingSink forwarding;
    private final WorkerHarness harness;
    private int scrapes;

    /**
     * Wires the pipeline to a Remote Write 1.0 endpoint.
     *
     * @param group   the event loop.
     * @param url     the receiver's write URL.
     * @param queue   the queue settings.
     * @param startMs the time of scrape 0; scrape k is 15 s per k later.
     */
    ScrapeWorkload(final EventLoopGroup group, final URI url, final QueueConfig queue, final long startMs)
    {
        this(group, url, queue, startMs, RemoteWrite1BatchEncoder::new);
    }

    /**
     * Wires the pipeline to a Remote Write endpoint of either version.
     *
     * @param group    the event loop.
     * @param url      the receiver's write URL.
     * @param queue    the queue settings.
     * @param startMs  the time of scrape 0; scrape k is 15 s per k later.
     * @param encoders the Remote Write version's batch encoder.
     */
    ScrapeWorkload(
        final EventLoopGroup group,
        final URI url,
        final QueueConfig queue,
        final long startMs,
        final Supplier<? extends BatchEncoder> encoders)
    {
        this(group, url, queue, startMs, encoders, null);
    }

    /**
     * Wires the pipeline to a Remote Write 1.0 endpoint with a durable queue.
     *
     * @param group   the event loop.
     * @param url     the receiver's write URL.
     * @param queue   the queue settings.
     * @param startMs the time of scrape 0; scrape k is 15 s per k later.
     * @param durable the durable queue's settings.
     */
    ScrapeWorkload(
        final EventLoopGroup group,
        final URI url,
        final QueueConfig queue,
        final long startMs,
        final DurableQueueConfig durable)
    {
        this(group, url, queue, startMs, RemoteWrite1BatchEncoder::new, durable);
    }

    private ScrapeWorkload(
        final EventLoopGroup group,
        final URI url,
        final QueueConfig queue,
        final long startMs,
        final Supplier<? extends BatchEncoder> encoders,
        final DurableQueueConfig durable)
    {
        this(log -> new WriteEndpoint("e2e", group, url, Duration.ofSeconds(10), queue, 1, encoders,
            SnappyBodyCompression::new, new DefaultHttpHeaders(), log::add), startMs, durable, 15_000);
    }

    /**
     * Wires the pipeline to a Remote Write 1.0 endpoint that reshards every {@code shardUpdatePeriod}, with scrapes
     * {@code scrapeIntervalMs} apart in sample time.
     *
     * @param group             the event loop.
     * @param url               the receiver's write URL.
     * @param queue             the queue settings.
     * @param startMs           the time of scrape 0.
     * @param shardUpdatePeriod how often the endpoint reconsiders its shard count.
     * @param scrapeIntervalMs  the sample time between scrapes.
     */
    ScrapeWorkload(
        final EventLoopGroup group,
        final URI url,
        final QueueConfig queue,
        final long startMs,
        final Duration shardUpdatePeriod,
        final long scrapeIntervalMs)
    {
        this(log -> new WriteEndpoint("e2e", group, url, Duration.ofSeconds(10), queue, 1,
            RemoteWrite1BatchEncoder::new, SnappyBodyCompression::new, new DefaultHttpHeaders(), log::add)
            .shardUpdatePeriod(shardUpdatePeriod), startMs, null, scrapeIntervalMs);
    }

    /**
     * Wires the pipeline to an endpoint the test builds, for one worker: from a {@code remote_write} entry, say.
     *
     * @param endpoint makes the endpoint, given the workload's log.
     * @param startMs  the time of scrape 0; scrape k is 15 s per k later.
     */
    ScrapeWorkload(final Function<List<String>, WriteEndpoint> endpoint, final long startMs)
    {
        this(endpoint, startMs, null, 15_000);
    }

    private ScrapeWorkload(final Function<List<String>, WriteEndpoint> endpoint, final long startMs,
        final DurableQueueConfig durable, final long scrapeIntervalMs)
    {
        this.endpoint = endpoint.apply(log);
        if (durable != null)
        {
            this.endpoint.durable(durable);
        }
        this.endpoint.start();
        forwarding = new ForwardingSink(seriesTable, this.endpoint.batcher(0));
        harness = new WorkerHarness(seriesTable, startMs - scrapeIntervalMs, committed, forwarding)
            .scrapeIntervalMs(scrapeIntervalMs);
        harness.target(harness.defaultTarget);
    }

    /** Writes the next scrape and lets the worker commit it into the forwarder. */
    void scrape()
    {
        harness.scrape(body(scrapes));
        scrapes++;
    }

    /** Seals the batches still filling, as a collector does before it closes the endpoints. */
    void flush()
    {
        forwarding.flushAll();
    }

    static String body(final int k)
    {
        final StringBuilder body = new StringBuilder()
            .append("# HELP sluice_e2e_requests_total Requests served.\n")
            .append("# TYPE sluice_e2e_requests_total counter\n")
            .append("sluice_e2e_requests_total{code=\"200\",path=\"/a b\"} ").append(10L * k).append('\n')
            .append("sluice_e2e_requests_total{code=\"500\",path=\"/ü\"} ").append(k / 4.0).append('\n')
            .append("# TYPE sluice_e2e_temperature_celsius gauge\n")
            .append("sluice_e2e_temperature_celsius ").append(-3.25 + k).append('\n')
            .append("# TYPE sluice_e2e_latency_seconds histogram\n")
            .append("sluice_e2e_latency_seconds_bucket{le=\"0.1\"} ").append(k).append('\n')
            .append("sluice_e2e_latency_seconds_bucket{le=\"1\"} ").append(2 * k).append('\n')
            .append("sluice_e2e_latency_seconds_bucket{le=\"+Inf\"} ").append(3 * k).append('\n')
            .append("sluice_e2e_latency_seconds_sum ").append(1.5 * k).append('\n')
            .append("sluice_e2e_latency_seconds_count ").append(3 * k).append('\n');
        if (k < SHORT_LIVED_SCRAPES)
        {
            body.append("sluice_e2e_short_lived{phase=\"first\"} 1\n");
        }
        return body.toString();
    }

    @Override
    public void close()
    {
        endpoint.close();
    }
}
