package dev.sluice.pipeline.forward.reshard;

/**
 * A rate per second smoothed with an exponentially weighted moving average: each update folds the events of one
 * period into the rate with weight {@code alpha}. The first period that has events sets the rate outright, so a rate
 * does not creep up from zero after a quiet start.
 */
public final class EwmaRate
{
    private final double alpha;
    private final double periodSeconds;
    private double rate;
    private boolean started;

    /**
     * Creates a rate at zero.
     *
     * @param alpha         weight of the newest period, in (0, 1].
     * @param periodSeconds length of the period between updates.
     */
    public EwmaRate(final double alpha, final double periodSeconds)
    {
        if (!(alpha > 0 && alpha <= 1) || !(periodSeconds > 0))
        {
            throw new IllegalArgumentException("EWMA needs 0 < alpha <= 1 and a positive period, got alpha " + alpha +
                ", period " + periodSeconds + " s");
        }
        this.alpha = alpha;
        this.periodSeconds = periodSeconds;
    }

    /**
     * Folds the events of the period that just ended into the rate.
     *
     * @param events events counted in the period.
     */
    public void update(final double events)
    {
        final double instant = events / periodSeconds;
        if (started)
        {
            rate += alpha * (instant - rate);
        }
        else if (events > 0)
        {
            started = true;
            rate = instant;
        }
    }

    /**
     * The smoothed rate.
     *
     * @return events per second.
     */
    public double rate()
    {
        return rate;
    }
}
