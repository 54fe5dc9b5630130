package dev.sluice.pipeline.forward.reshard;

/**
 * What an endpoint has done since it started, as totals, read once per shard update period: the
 * {@link ShardCountPolicy} takes the difference to the period before.
 *
 * @param samplesIn     samples (and histograms) offered to the endpoint by the workers.
 * @param samplesOut    samples whose batch completed a send, delivered or rejected.
 * @param samplesDropped samples that need no sending: dropped by write relabeling or too old (samples dropped for
 *                      want of room are not counted here: more shards would have sent them).
 * @param sendNanos     time spent in completed sends, retries and backoff included, summed over the shards.
 * @param highestInMs   newest sample timestamp offered, {@link Long#MIN_VALUE} before the first.
 * @param highestSentMs newest sample timestamp delivered, {@link Long#MIN_VALUE} before the first.
 * @param lastSendMs    wall clock of the last completed send, {@link Long#MIN_VALUE} before the first.
 */
public record ShardLoad(
    long samplesIn,
    long samplesOut,
    long samplesDropped,
    long sendNanos,
    long highestInMs,
    long highestSentMs,
    long lastSendMs)
{
    /**
     * How far the sent samples lag behind the offered ones.
     *
     * @return seconds, zero before both are known.
     */
    public double delaySeconds()
    {
        if (highestInMs == Long.MIN_VALUE || highestSentMs == Long.MIN_VALUE)
        {
            return 0;
        }
        return Math.max(0, highestInMs - highestSentMs) / 1000.0;
    }
}
