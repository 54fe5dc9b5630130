package dev.sluice.pipeline.forward;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.sluice.pipeline.forward.durable.DurableQueueConfig;
import dev.sluice.pipeline.forward.durable.DurableShardQueue;
import dev.sluice.pipeline.forward.reshard.ShardCountPolicy;
import dev.sluice.pipeline.forward.http.HttpClientSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One destination of the forwarder ({@code remote_write} entry, or an InfluxDB sink): its shards, each a sending
 * thread with its own keep-alive connection, and its counters. Every endpoint has its own queues, so a slow
 * database never holds samples back from another.
 *
 * <p>Each relabel worker fills batches for the endpoint through its own {@link EndpointBatcher}
 * ({@link #batcher(int)}); a sealed batch goes to the shard its series map to and comes back to that worker once
 * sent. With a {@link #durable(DurableQueueConfig) durable queue}, the shard writes the batch to disk first and
 * gives it back at once; what is unsent at close is sent by the next endpoint over the same directory.
 *
 * <p>An endpoint whose {@link QueueConfig#maxShards()} is above {@link QueueConfig#shards()} reshards: every shard
 * update period (10 s, as in Prometheus) a {@link ShardCountPolicy} on the event loop decides from the endpoint's
 * counters how many shards to run, and the {@link ShardSet} switches to that count without reordering a series. A
 * durable endpoint keeps {@code shards} shards: its disk layout maps series to shards by that count.
 */
public final class WriteEndpoint implements AutoCloseable
{
    /** An endpoint built in code sends no metadata unless asked to; one built from configuration follows it. */
    private static final RemoteWriteConfig.MetadataConfig METADATA_OFF =
        new RemoteWriteConfig.MetadataConfig(false, RemoteWriteConfig.MetadataConfig.DEFAULTS.sendInterval(),
            RemoteWriteConfig.MetadataConfig.DEFAULTS.maxSamplesPerSend());

    private final String name;
    private final String url;
    private final QueueConfig queue;
    private final Supplier<? extends BatchEncoder> encoders;
    private final WriteRelabeling relabeling;
    /** The wire format's own headers, one per line: what a durable queue records its batches were encoded as. */
    private final String formatIdentity;
    private final ForwarderMetrics metrics = new ForwarderMetrics();
    private final ShardSet shardSet;
    private final Thread[] threads;
    private final EndpointBatcher[] batchers;
    private final EventLoopGroup group;
    private final Consumer<String> log;
    private ShardCountPolicy policy;
    private Duration shardUpdatePeriod = DEFAULT_SHARD_UPDATE_PERIOD;
    private ScheduledFuture<?> shardUpdates;
    private boolean started;

    /** How often the shard count is reconsidered, as Prometheus' {@code shardUpdateDuration}. */
    public static final Duration DEFAULT_SHARD_UPDATE_PERIOD = Duration.ofSeconds(10);
    private boolean sendExemplars;
    private RemoteWriteConfig.MetadataConfig metadataConfig = METADATA_OFF;

    /**
     * Creates the endpoint without relabeling and with the default HTTP client settings; {@link #start()} starts its
     * shards.
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
            log, HttpClientSettings.DEFAULTS);
    }

    /**
     * Creates the endpoint with external labels, write relabel rules and HTTP client settings (TLS, proxy, HTTP/2,
     * redirects, OAuth 2); {@link #start()} starts its shards.
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
     * @param transport    the HTTP client settings of every shard's connection.
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
        final Consumer<String> log,
        final HttpClientSettings transport)
    {
        if (workers < 1)
        {
            throw new IllegalArgumentException("an endpoint needs at least one worker, got " + workers);
        }
        this.name = name;
        this.url = url.toString();
        this.queue = queue;
        this.encoders = encoders;
        this.relabeling = relabeling;
        this.group = group;
        this.log = log;
        final HttpHeaders headers = new DefaultHttpHeaders();
        final BatchEncoder format = encoders.get();
        format.headers(headers);
        this.formatIdentity = identity(headers);
        headers.add(extraHeaders);
        this.threads = new Thread[queue.maxShards()];
        this.shardSet = new ShardSet(queue.shards(), queue.maxShards(), (set, shard) ->
        {
            final HttpWriteConnection connection = new HttpWriteConnection(group, url, timeout, transport);
            final BatchSender sender = new BatchSender(connection,
                new RetryBackoff(queue.minBackoff(), queue.maxBackoff()), queue.retryOnHttp429(), metrics, log,
                format.requiresWrittenCounts());
            final ShardSender shardSender = new ShardSender(workers * queue.batchesPerShard(), set, connection,
                sender, compression.get(), headers, metrics, queue.sampleAgeLimit().toMillis(), log);
            threads[shard] = new Thread(shardSender, "sluice-" + name + "-shard-" + shard);
            threads[shard].setDaemon(true);
            return shardSender;
        });
        this.policy = queue.maxShards() > queue.shards() ? new ShardCountPolicy(queue.shards(), queue.maxShards(),
            queue.batchSendDeadline().toMillis(), shardUpdatePeriod.toMillis()) : null;
        metrics.shardBounds(queue.shards(), queue.maxShards(), queue.capacity());
        metrics.shards(queue.shards(), queue.shards());
        this.batchers = new EndpointBatcher[workers];
    }

    /**
     * Sets how often the shard count is reconsidered; call it before {@link #start()}. Prometheus uses 10 s; a
     * shorter period reacts sooner (tests), the rates are per second either way.
     *
     * @param period the shard update period.
     * @return this endpoint.
     * @throws IllegalStateException    when the endpoint was started.
     * @throws IllegalArgumentException when the period is not positive.
     */
    public WriteEndpoint shardUpdatePeriod(final Duration period)
    {
        if (started)
        {
            throw new IllegalStateException("endpoint " + name + " is started: set its shard update period before");
        }
        if (period.isNegative() || period.isZero())
        {
            throw new IllegalArgumentException("the shard update period must be positive, got " + period);
        }
        shardUpdatePeriod = period;
        if (policy != null)
        {
            policy = new ShardCountPolicy(queue.shards(), queue.maxShards(), queue.batchSendDeadline().toMillis(),
                period.toMillis());
        }
        return this;
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
            batchers[worker] = new EndpointBatcher(queue, shardSet, encoders, metrics, relabeling, sendExemplars,
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
     * @throws IllegalStateException when a batcher exists already, which would not send them.
     */
    public WriteEndpoint sendExemplars(final boolean send)
    {
        requireNoBatcher("send_exemplars");
        this.sendExemplars = send;
        return this;
    }

    /**
     * Sends family metadata as {@code metadata_config} says: Remote Write 1.0 in requests of their own every
     * {@code send_interval}; call it before the first {@link #batcher(int)}. Off for an endpoint built in code.
     *
     * @param config the metadata settings.
     * @return this endpoint.
     * @throws IllegalStateException when a batcher exists already, which would not send it.
     */
    public WriteEndpoint sendMetadata(final RemoteWriteConfig.MetadataConfig config)
    {
        requireNoBatcher("metadata_config");
        this.metadataConfig = config;
        return this;
    }

    /** Batchers take the exemplar and metadata settings when made; a later change would reach only some of them. */
    private void requireNoBatcher(final String setting)
    {
        for (final EndpointBatcher batcher : batchers)
        {
            if (batcher != null)
            {
                throw new IllegalStateException("endpoint " + name + " has a batcher: set " + setting + " before");
            }
        }
    }

    /**
     * Keeps the endpoint's unsent batches in a durable queue under {@code config.directory()/<name>}; call it before
     * {@link #start()}. Each shard then writes a batch to disk as it takes it and sends it from there; on start it
     * first sends what an earlier run left unsent; {@link #close(Duration)} keeps what is still unsent on disk
     * instead of abandoning it. The endpoint then keeps {@code shards} shards and does not reshard: the queue's files
     * map series to shards by that count.
     *
     * @param config the queue settings.
     * @return this endpoint.
     * @throws IllegalStateException when the endpoint was started, or the directory holds a queue of another shard
     *     count or wire format.
     * @throws java.io.UncheckedIOException when the directory cannot be used.
     */
    public WriteEndpoint durable(final DurableQueueConfig config)
    {
        if (started)
        {
            throw new IllegalStateException("endpoint " + name + " is started: give it a durable queue before");
        }
        final int shards = shardSet.count();
        final DurableShardQueue[] queues = DurableShardQueue.openShards(config, name, shards,
            formatIdentity, metrics.durableEvents());
        for (int shard = 0; shard < shards; shard++)
        {
            shardSet.sender(shard).durable(queues[shard]);
        }
        policy = null;
        metrics.shardBounds(shards, shards, queue.capacity());
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

    /** Starts the shards' threads, and the shard updates when the endpoint may reshard. */
    public synchronized void start()
    {
        started = true;
        for (final Thread thread : threads)
        {
            if (thread != null)
            {
                thread.start();
            }
        }
        if (policy != null)
        {
            final long periodMs = shardUpdatePeriod.toMillis();
            shardUpdates = group.next().scheduleAtFixedRate(this::updateShards, periodMs, periodMs,
                TimeUnit.MILLISECONDS);
        }
    }

    /** One shard update period: reshards when the policy says so and no reshard is under way. */
    private void updateShards()
    {
        try
        {
            final int current = shardSet.count();
            final int next = policy.update(current, metrics.load(), System.currentTimeMillis());
            if (next != current && reshard(next))
            {
                log.accept("endpoint " + name + " resharding from " + current + " to " + next + " shards");
            }
            shardSet.tryOpen();
            metrics.shards(shardSet.count(), policy.desiredShards());
        }
        catch (final RuntimeException ex)
        {
            log.accept("endpoint " + name + " shard update failed: " + ex);
        }
    }

    /**
     * Starts switching to another shard count, unless a switch is under way; the shard updates call it, and tests.
     *
     * @param count the new count, at most {@code max_shards}.
     * @return whether the switch was started.
     */
    boolean reshard(final int count)
    {
        final boolean started = shardSet.change(count, this::startShard);
        metrics.shards(shardSet.count(), metrics.shardsDesired());
        return started;
    }

    private synchronized void startShard(final int shard)
    {
        if (started && threads[shard].getState() == Thread.State.NEW)
        {
            threads[shard].start();
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
     * The write URL, as the {@code url} label of the endpoint's metrics.
     *
     * @return the URL given to the constructor.
     */
    public String url()
    {
        return url;
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
        synchronized (this)
        {
            if (shardUpdates != null)
            {
                shardUpdates.cancel(false);
            }
            started = false;
        }
        final int made = madeShards();
        for (int shard = 0; shard < made; shard++)
        {
            shardSet.sender(shard).drainAndEnd();
        }
        for (int shard = 0; shard < made; shard++)
        {
            if (threads[shard].getState() == Thread.State.NEW)
            {
                continue;
            }
            threads[shard].join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (threads[shard].isAlive())
            {
                shardSet.sender(shard).stopRetrying();
                threads[shard].join();
            }
        }
    }

    /** Shards made so far: they fill the sender table from index 0. */
    private int madeShards()
    {
        int made = 0;
        while (made < shardSet.capacity() && shardSet.sender(made) != null)
        {
            made++;
        }
        return made;
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
