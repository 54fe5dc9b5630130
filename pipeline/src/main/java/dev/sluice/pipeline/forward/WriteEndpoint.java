package dev.sluice.pipeline.forward;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.sluice.pipeline.forward.durable.DurableQueueConfig;
import dev.sluice.pipeline.forward.durable.DurableShardQueue;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * One destination of the forwarder ({@code remote_write} entry, or an InfluxDB sink): its shards, each a sending
 * thread with its own keep-alive connection, and its counters. Every endpoint has its own queues, so a slow
 * database never holds samples back from another.
 *
 * <p>Each relabel worker fills batches for the endpoint through its own {@link EndpointBatcher}
 * ({@link #batcher(int)}); a sealed batch goes to the shard its series map to and comes back to that worker once
 * sent. With a {@link #durable(DurableQueueConfig) durable queue}, the shard writes the batch to disk first and
 * gives it back at once; what is unsent at close is sent by the next endpoint over the same directory.
 */
public final class WriteEndpoint implements AutoCloseable
{
    /** An endpoint built in code sends no metadata unless asked to; one built from configuration follows it. */
    private static final RemoteWriteConfig.MetadataConfig METADATA_OFF =
        new RemoteWriteConfig.MetadataConfig(false, RemoteWriteConfig.MetadataConfig.DEFAULTS.sendInterval(),
            RemoteWriteConfig.MetadataConfig.DEFAULTS.maxSamplesPerSend());

    private final String name;
    private final QueueConfig queue;
    private final Supplier<? extends BatchEncoder> encoders;
    private final WriteRelabeling relabeling;
    /** The wire format's own headers, one per line: what a durable queue records its batches were encoded as. */
    private final String formatIdentity;
    private final ForwarderMetrics metrics = new ForwarderMetrics();
    private final ShardSender[] senders;
    private final Thread[] threads;
    private final EndpointBatcher[] batchers;
    private boolean sendExemplars;
    private RemoteWriteConfig.MetadataConfig metadataConfig = METADATA_OFF;

    /**
     * Creates the endpoint; {@link #start()} starts its shards.
     *
     * @param name        the endpoint's name, in thread names and logs.
     * @param group       the event loop the connections run on, shared by all endpoints.
     * @param url         the write URL.
     * @param timeout     {@code remote_timeout}, per attempt.
     * @param queue       the queue settings.
     * @param workers     the relabel workers that will fill batches, each through {@link #batcher(int)}.
     * @param encoders    makes the wire format's encoder, one per worker and shard (and one for the headers).
     * @param compression makes the body compression, one per shard.
     * @param extraHeaders headers added to every request (authorization, custom {@code headers}).
     * @param log         receives one line per rejected batch and per failed attempt.
     */
    public WriteEndpoint(
        final String name,
        final EventLoopGroup group,
        final URI url,
        final Duration timeout,
        final QueueConfig queue,
        final int workers,
        final Supplier<? extends BatchEncoder> encoders,
        final Supplier<? extends BodyCompression> compression,
        final HttpHeaders extraHeaders,
        final Consumer<String> log)
    {
        this(name, group, url, timeout, queue, workers, encoders, compression, extraHeaders, WriteRelabeling.NONE,
            log);
    }

    /**
     * Creates the endpoint with external labels and write relabel rules; {@link #start()} starts its shards.
     *
     * @param name         the endpoint's name, in thread names and logs.
     * @param group        the event loop the connections run on, shared by all endpoints.
     * @param url          the write URL.
     * @param timeout      {@code remote_timeout}, per attempt.
     * @param queue        the queue settings.
     * @param workers      the relabel workers that will fill batches, each through {@link #batcher(int)}.
     * @param encoders     makes the wire format's encoder, one per worker and shard (and one for the headers).
     * @param compression  makes the body compression, one per shard.
     * @param extraHeaders headers added to every request (authorization, custom {@code headers}).
     * @param relabeling   external labels and {@code write_relabel_configs}, applied once per series.
     * @param log          receives one line per rejected batch and per failed attempt.
     */
    public WriteEndpoint(
        final String name,
        final EventLoopGroup group,
        final URI url,
        final Duration timeout,
        final QueueConfig queue,
        final int workers,
        final Supplier<? extends BatchEncoder> encoders,
        final Supplier<? extends BodyCompression> compression,
        final HttpHeaders extraHeaders,
        final WriteRelabeling relabeling,
        final Consumer<String> log)
    {
        if (workers < 1)
        {
            throw new IllegalArgumentException("an endpoint needs at least one worker, got " + workers);
        }
        this.name = name;
        this.queue = queue;
        this.encoders = encoders;
        this.relabeling = relabeling;
        final HttpHeaders headers = new DefaultHttpHeaders();
        final BatchEncoder format = encoders.get();
        format.headers(headers);
        this.formatIdentity = identity(headers);
        headers.add(extraHeaders);
        this.senders = new ShardSender[queue.shards()];
        this.threads = new Thread[queue.shards()];
        for (int shard = 0; shard < senders.length; shard++)
        {
            final HttpWriteConnection connection = new HttpWriteConnection(group, url, timeout);
            final BatchSender sender = new BatchSender(connection,
                new RetryBackoff(queue.minBackoff(), queue.maxBackoff()), queue.retryOnHttp429(), metrics, log,
                format.requiresWrittenCounts());
            senders[shard] = new ShardSender(workers * queue.batchesPerShard(), connection, sender, compression.get(),
                headers, metrics, queue.sampleAgeLimit().toMillis(), log);
            threads[shard] = new Thread(senders[shard], "sluice-" + name + "-shard-" + shard);
            threads[shard].setDaemon(true);
        }
        this.batchers = new EndpointBatcher[workers];
    }

    /**
     * The batcher a worker fills this endpoint's batches with; call it once per worker, before the worker runs.
     *
     * @param worker the worker's index, below the {@code workers} given to the constructor.
     * @return the batcher, to be used on that worker's thread only.
     */
    public EndpointBatcher batcher(final int worker)
    {
        if (batchers[worker] == null)
        {
            batchers[worker] = new EndpointBatcher(queue, senders, encoders, metrics, relabeling, sendExemplars,
                metadataConfig);
        }
        return batchers[worker];
    }

    /**
     * Sends the exemplars of samples and histograms with them ({@code send_exemplars}; off by default, as in
     * Prometheus); call it before the first {@link #batcher(int)}.
     *
     * @param send whether to send exemplars.
     * @return this endpoint.
     */
    public WriteEndpoint sendExemplars(final boolean send)
    {
        this.sendExemplars = send;
        return this;
    }

    /**
     * Sends family metadata as {@code metadata_config} says: Remote Write 1.0 in requests of their own every
     * {@code send_interval}; call it before the first {@link #batcher(int)}. Off for an endpoint built in code.
     *
     * @param config the metadata settings.
     * @return this endpoint.
     */
    public WriteEndpoint sendMetadata(final RemoteWriteConfig.MetadataConfig config)
    {
        this.metadataConfig = config;
        return this;
    }

    /**
     * Keeps the endpoint's unsent batches in a durable queue under {@code config.directory()/<name>}; call it before
     * {@link #start()}. Each shard then writes a batch to disk as it takes it and sends it from there; on start it
     * first sends what an earlier run left unsent; {@link #close(Duration)} keeps what is still unsent on disk
     * instead of abandoning it.
     *
     * @param config the queue settings.
     * @return this endpoint.
     * @throws IllegalStateException when the endpoint was started, or the directory holds a queue of another shard
     *     count or wire format.
     * @throws java.io.UncheckedIOException when the directory cannot be used.
     */
    public WriteEndpoint durable(final DurableQueueConfig config)
    {
        if (threads[0].getState() != Thread.State.NEW)
        {
            throw new IllegalStateException("endpoint " + name + " is started: give it a durable queue before");
        }
        final DurableShardQueue[] queues = DurableShardQueue.openShards(config, name, senders.length,
            formatIdentity, metrics.durableEvents());
        for (int shard = 0; shard < senders.length; shard++)
        {
            senders[shard].durable(queues[shard]);
        }
        return this;
    }

    private static String identity(final HttpHeaders formatHeaders)
    {
        final StringJoiner line = new StringJoiner("; ");
        for (final Map.Entry<String, String> header : formatHeaders.entries())
        {
            line.add(header.getKey() + ": " + header.getValue());
        }
        return line.toString();
    }

    /** Starts the shards' threads. */
    public void start()
    {
        for (final Thread thread : threads)
        {
            thread.start();
        }
    }

    /**
     * The endpoint's name.
     *
     * @return the name given to the constructor.
     */
    public String name()
    {
        return name;
    }

    /**
     * The endpoint's counters.
     *
     * @return the counters.
     */
    public ForwarderMetrics metrics()
    {
        return metrics;
    }

    /**
     * Sends what is queued, waiting up to {@code drainTimeout}, then stops; a batch still unsent is counted as
     * abandoned, or kept on disk with a {@link #durable durable queue}. The workers must have stopped and
     * {@link EndpointBatcher#flushAll() flushed} before.
     *
     * @param drainTimeout how long to let the shards send what is queued.
     * @throws InterruptedException when interrupted while waiting.
     */
    public void close(final Duration drainTimeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + drainTimeout.toNanos();
        for (final ShardSender sender : senders)
        {
            sender.drainAndEnd();
        }
        for (int shard = 0; shard < threads.length; shard++)
        {
            threads[shard].join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (threads[shard].isAlive())
            {
                senders[shard].stopRetrying();
                threads[shard].join();
            }
        }
    }

    /** Closes with no time to drain: queued batches are abandoned (and counted). */
    @Override
    public void close()
    {
        try
        {
            close(Duration.ZERO);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
