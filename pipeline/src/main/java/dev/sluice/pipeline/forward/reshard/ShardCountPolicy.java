package dev.sluice.pipeline.forward.reshard;

/**
 * Decides, once per shard update period, how many shards a write endpoint runs, with the arithmetic of Prometheus'
 * remote-write queue manager:
 *
 * <ul>
 *   <li>rates of samples in, samples out (sends completed), samples dropped and send time are smoothed with an
 *       {@link EwmaRate} (weight 0.2 per period);</li>
 *   <li>the time one sample takes is send time over samples out; the shards needed are that time multiplied by the
 *       samples to send per second: those coming in that are kept, plus 5% of the backlog per second, the backlog
 *       being the lag of the newest sent timestamp behind the newest offered one times the kept input rate;</li>
 *   <li>the estimate is rounded up; a change within 30% of the current count is no change; a decrease while more than
 *       ten seconds behind is no change; the result is clamped to {@code [minShards, maxShards]};</li>
 *   <li>nothing changes before the first completed send, nor while the last completed send is older than twice
 *       {@code batch_send_deadline} (the endpoint is failing: more shards would not help).</li>
 * </ul>
 *
 * Pure arithmetic over the totals it is given and the clock value it is told: one instance per endpoint, called from
 * one thread.
 */
public final class ShardCountPolicy
{
    /** Weight of the newest period in the smoothed rates. */
    public static final double EWMA_WEIGHT = 0.2;
    /** A new count within this fraction of the current one is not worth a reshard. */
    public static final double TOLERANCE = 0.3;
    /** Share of the backlog to catch up on per second. */
    public static final double BACKLOG_CATCH_UP = 0.05;
    /** No scaling down while the newest sent sample lags the newest offered one by more than this. */
    public static final double MAX_DELAY_TO_SCALE_DOWN_SECONDS = 10;

    private final int minShards;
    private final int maxShards;
    private final long failingAfterMs;
    private final EwmaRate in;
    private final EwmaRate out;
    private final EwmaRate dropped;
    private final EwmaRate sendSeconds;
    private ShardLoad last = new ShardLoad(0, 0, 0, 0, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE);
    private double desired;

    /**
     * Creates the policy.
     *
     * @param minShards           {@code min_shards}, at least 1.
     * @param maxShards           {@code max_shards}, at least {@code minShards}.
     * @param batchSendDeadlineMs {@code batch_send_deadline}: no reshard while the last completed send is older than
     *                            twice this.
     * @param periodMs            the shard update period the totals are read at (Prometheus: 10 s).
     */
    public ShardCountPolicy(final int minShards, final int maxShards, final long batchSendDeadlineMs,
        final long periodMs)
    {
        if (minShards < 1 || maxShards < minShards)
        {
            throw new IllegalArgumentException("shards need 1 <= min_shards <= max_shards, got min_shards " +
                minShards + ", max_shards " + maxShards);
        }
        this.minShards = minShards;
        this.maxShards = maxShards;
        this.failingAfterMs = 2 * batchSendDeadlineMs;
        final double periodSeconds = periodMs / 1000.0;
        this.in = new EwmaRate(EWMA_WEIGHT, periodSeconds);
        this.out = new EwmaRate(EWMA_WEIGHT, periodSeconds);
        this.dropped = new EwmaRate(EWMA_WEIGHT, periodSeconds);
        this.sendSeconds = new EwmaRate(EWMA_WEIGHT, periodSeconds);
        this.desired = minShards;
    }

    /**
     * Folds one period into the rates and says how many shards to run next.
     *
     * @param current the shards running now.
     * @param load    the endpoint's totals at the end of the period.
     * @param nowMs   the wall clock now.
     * @return the shard count to run: {@code current} when nothing should change.
     */
    public int update(final int current, final ShardLoad load, final long nowMs)
    {
        in.update(load.samplesIn() - last.samplesIn());
        out.update(load.samplesOut() - last.samplesOut());
        dropped.update(load.samplesDropped() - last.samplesDropped());
        sendSeconds.update((load.sendNanos() - last.sendNanos()) / 1e9);
        last = load;

        final double outRate = out.rate();
        if (outRate <= 0)
        {
            return current;
        }
        final double keptRatio = outRate / (dropped.rate() + outRate);
        final double delay = load.delaySeconds();
        final double backlog = delay * in.rate() * keptRatio;
        final double timePerSample = sendSeconds.rate() / outRate;
        desired = timePerSample * (in.rate() * keptRatio + BACKLOG_CATCH_UP * backlog);

        final double wanted = Math.ceil(desired);
        if (wanted >= current * (1 - TOLERANCE) && wanted <= current * (1 + TOLERANCE))
        {
            return current;
        }
        if (wanted < current && delay > MAX_DELAY_TO_SCALE_DOWN_SECONDS)
        {
            return current;
        }
        final int bounded = (int)Math.max(minShards, Math.min(maxShards, wanted));
        if (bounded != current && failing(load, nowMs))
        {
            return current;
        }
        return bounded;
    }

    private boolean failing(final ShardLoad load, final long nowMs)
    {
        return load.lastSendMs() == Long.MIN_VALUE || load.lastSendMs() < nowMs - failingAfterMs;
    }

    /**
     * The last estimate of the shards needed, before rounding, tolerance and bounds
     * ({@code prometheus_remote_storage_shards_desired}).
     *
     * @return the estimate, {@code minShards} before the first send.
     */
    public double desiredShards()
    {
        return desired;
    }

    /**
     * {@code min_shards}.
     *
     * @return the lower bound.
     */
    public int minShards()
    {
        return minShards;
    }

    /**
     * {@code max_shards}.
     *
     * @return the upper bound.
     */
    public int maxShards()
    {
        return maxShards;
    }
}
