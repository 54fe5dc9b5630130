package dev.sluice.pipeline.forward;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.sluice.pipeline.forward.http.TooManyRedirectsException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Delivers one encoded batch at a time over a shard's connection: recoverable failures (5xx, 429 when allowed, no
 * connection, timeout, TLS failure, no OAuth 2 token, too many redirects) are retried with backoff for as long as the
 * sender runs, so a down database loses nothing; a rejection (other 4xx, a 3xx not followed) drops the batch and
 * counts its samples as failed.
 */
public final class BatchSender
{
    /** For {@link #send(ByteBuf, HttpHeaders, int, long, Runnable)}: nothing to do while waiting. */
    static final Runnable NOTHING_BETWEEN_ATTEMPTS = () ->
    {
    };

    private final HttpWriteConnection connection;
    private final RetryBackoff backoff;
    private final boolean retryOnRateLimit;
    private final ForwarderMetrics metrics;
    private final Consumer<String> log;
    private final boolean requireWrittenCounts;
    private volatile boolean running = true;

    /**
     * Creates the sender.
     *
     * @param connection       the shard's connection.
     * @param backoff          the wait between attempts.
     * @param retryOnRateLimit {@code retry_on_http_429}.
     * @param metrics          the endpoint's counters.
     * @param log              receives one line per rejected batch and per failed attempt.
     */
    public BatchSender(
        final HttpWriteConnection connection,
        final RetryBackoff backoff,
        final boolean retryOnRateLimit,
        final ForwarderMetrics metrics,
        final Consumer<String> log)
    {
        this(connection, backoff, retryOnRateLimit, metrics, log, false);
    }

    /**
     * Creates the sender of a format whose receivers must count what they wrote.
     *
     * @param connection           the shard's connection.
     * @param backoff              the wait between attempts.
     * @param retryOnRateLimit     {@code retry_on_http_429}.
     * @param metrics              the endpoint's counters.
     * @param log                  receives one line per rejected batch and per failed attempt.
     * @param requireWrittenCounts {@link BatchEncoder#requiresWrittenCounts()}: a 2xx without the counts is taken
     *                             as 415, as the Remote Write 2.0 specification tells senders to.
     */
    public BatchSender(
        final HttpWriteConnection connection,
        final RetryBackoff backoff,
        final boolean retryOnRateLimit,
        final ForwarderMetrics metrics,
        final Consumer<String> log,
        final boolean requireWrittenCounts)
    {
        this.requireWrittenCounts = requireWrittenCounts;
        this.connection = connection;
        this.backoff = backoff;
        this.retryOnRateLimit = retryOnRateLimit;
        this.metrics = metrics;
        this.log = log;
    }

    /**
     * Sends a batch until the endpoint takes or rejects it, or until {@link #stop()}.
     *
     * @param body    the encoded, compressed request.
     * @param headers its request headers.
     * @param samples samples (and histograms) in the batch, for the counters.
     * @return {@link SendVerdict#DELIVERED}, {@link SendVerdict#REJECTED}, or {@link SendVerdict#RETRY} when the
     *     sender was stopped before the batch got through (the caller still owns it: keep it to send later).
     * @throws InterruptedException when the calling thread is interrupted while waiting.
     */
    public SendVerdict send(final ByteBuf body, final HttpHeaders headers, final int samples)
        throws InterruptedException
    {
        return send(body, headers, samples, Long.MAX_VALUE, NOTHING_BETWEEN_ATTEMPTS);
    }

    /**
     * Sends a batch as {@link #send(ByteBuf, HttpHeaders, int)} does, but gives up on it, before any attempt, once
     * the wall clock has passed {@code expiresAtMs}: its newest sample is then older than {@code sample_age_limit},
     * whether it waited in the queue or in retries through an outage. Between attempts it runs {@code whileWaiting}
     * every few milliseconds (a shard with a durable queue persists new batches meanwhile).
     *
     * @param body         the encoded, compressed request.
     * @param headers      its request headers.
     * @param samples      samples (and histograms) in the batch, for the counters.
     * @param expiresAtMs  milliseconds since the epoch after which the batch is not worth sending.
     * @param whileWaiting work of the sending thread that must not wait for the endpoint.
     * @return as {@link #send(ByteBuf, HttpHeaders, int)}, or {@link SendVerdict#EXPIRED} with the samples counted
     *     as too old.
     * @throws InterruptedException when the calling thread is interrupted while waiting.
     */
    public SendVerdict send(
        final ByteBuf body,
        final HttpHeaders headers,
        final int samples,
        final long expiresAtMs,
        final Runnable whileWaiting)
        throws InterruptedException
    {
        return send(body, headers, samples, 0, expiresAtMs, whileWaiting);
    }

    /**
     * Sends a batch as {@link #send(ByteBuf, HttpHeaders, int, long, Runnable)} does, counting its native histograms
     * apart as well.
     *
     * @param body         the encoded, compressed request.
     * @param headers      its request headers.
     * @param samples      samples (and histograms) in the batch, for the counters.
     * @param histograms   native histograms among {@code samples}.
     * @param expiresAtMs  milliseconds since the epoch after which the batch is not worth sending.
     * @param whileWaiting work of the sending thread that must not wait for the endpoint.
     * @return as {@link #send(ByteBuf, HttpHeaders, int, long, Runnable)}.
     * @throws InterruptedException when the calling thread is interrupted while waiting.
     */
    public SendVerdict send(
        final ByteBuf body,
        final HttpHeaders headers,
        final int samples,
        final int histograms,
        final long expiresAtMs,
        final Runnable whileWaiting)
        throws InterruptedException
    {
        int failed = 0;
        while (running)
        {
            if (System.currentTimeMillis() > expiresAtMs)
            {
                metrics.droppedTooOld(samples, histograms);
                return SendVerdict.EXPIRED;
            }
            String retryAfter = null;
            try
            {
                final long attemptNs = System.nanoTime();
                final WriteResponse response;
                try
                {
                    response = connection.post(body, headers);
                }
                finally
                {
                    metrics.attempted(System.nanoTime() - attemptNs);
                }
                metrics.redirected(connection.redirectsOfLastPost());
                final SendVerdict verdict = response.verdict(retryOnRateLimit);
                if (verdict == SendVerdict.DELIVERED && requireWrittenCounts && !response.countsWrites())
                {
                    // Logged before counted: whoever sees the count finds the line.
                    log.accept("write to " + connection.url() + " answered " + response.status() + " without the " +
                        "X-Prometheus-Remote-Write-*-Written headers: the receiver cannot read Remote Write 2.0 " +
                        "(taken as 415), dropping " + samples + " samples");
                    metrics.rejected(samples, histograms);
                    return SendVerdict.REJECTED;
                }
                if (verdict == SendVerdict.DELIVERED)
                {
                    metrics.delivered(samples, histograms, body.readableBytes());
                    return verdict;
                }
                if (verdict == SendVerdict.REJECTED)
                {
                    log.accept("write to " + connection.url() + " rejected with " + response.status() +
                        ", dropping " + samples + " samples: " + response.body().strip());
                    if (response.status() / 100 == 3)
                    {
                        metrics.redirectNotFollowed();
                    }
                    metrics.rejected(samples, histograms);
                    return verdict;
                }
                retryAfter = response.retryAfter();
                log.accept("write to " + connection.url() + " answered " + response.status() + ", retrying");
            }
            catch (final TooManyRedirectsException ex)
            {
                metrics.redirectLimitReached();
                log.accept(ex.getMessage() + ", retrying");
            }
            catch (final IOException ex)
            {
                log.accept(ex.getMessage() + ", retrying");
            }
            failed++;
            metrics.retried(samples, histograms);
            final long delay = backoff.delayNanos(failed, retryAfter, System.currentTimeMillis());
            waitWhileRunning(delay, whileWaiting);
        }
        return SendVerdict.RETRY;
    }

    private void waitWhileRunning(final long nanos, final Runnable whileWaiting) throws InterruptedException
    {
        final long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (running && left > 0)
        {
            whileWaiting.run();
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            left = deadline - System.nanoTime();
        }
    }

    /** Makes a running {@link #send} return after its current attempt, and every later one return at once. */
    public void stop()
    {
        running = false;
    }
}
