package dev.sluice.pipeline.forward.reshard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The shard count decisions, driven period by period with made-up totals and a fake clock: 10 s periods, a 5 s
 * batch deadline.
 */
class ShardCountPolicyTest
{
    private static final long PERIOD_MS = 10_000;
    private static final long DEADLINE_MS = 5_000;
    private static final long START_MS = 1_700_000_000_000L;

    /** Feeds periods of constant rates into a policy, keeping the totals and the clock. */
    private static final class Clocked
    {
        private final ShardCountPolicy policy;
        private long nowMs = START_MS;
        private long in;
        private long out;
        private long dropped;
        private long sendNanos;

        Clocked(final int min, final int max)
        {
            policy = new ShardCountPolicy(min, max, DEADLINE_MS, PERIOD_MS);
        }

        /** One period: rates per second, the send time in seconds per second, the lag, and the last send's age. */
        int period(final int current, final long inPerS, final long outPerS, final long droppedPerS,
            final double sendSecondsPerS, final long lagMs, final long lastSendAgeMs)
        {
            nowMs += PERIOD_MS;
            in += inPerS * PERIOD_MS / 1000;
            out += outPerS * PERIOD_MS / 1000;
            dropped += droppedPerS * PERIOD_MS / 1000;
            sendNanos += (long)(sendSecondsPerS * PERIOD_MS * 1_000_000);
            return policy.update(current, new ShardLoad(in, out, dropped, sendNanos, nowMs, nowMs - lagMs,
                nowMs - lastSendAgeMs), nowMs);
        }
    }

    @Test
    void scalesUpUnderBacklog()
    {
        final Clocked clock = new Clocked(1, 50);
        // 4 ms per sample; 1000/s in, 30 s behind: 0.004 * (1000 + 0.05 * 30 * 1000) = 10.
        assertEquals(10, clock.period(2, 1000, 500, 0, 2.0, 30_000, 100));
        assertEquals(10.0, clock.policy.desiredShards(), 1e-9);
    }

    @Test
    void scalesUpWithoutBacklogWhenSendsAreSlow()
    {
        final Clocked clock = new Clocked(1, 50);
        // 5 ms per sample at 1000/s needs 5 shards.
        assertEquals(5, clock.period(1, 1000, 1000, 0, 5.0, 0, 100));
    }

    @Test
    void scalesDownWhenIdle()
    {
        final Clocked clock = new Clocked(2, 50);
        // 1 ms per sample at 100/s needs 0.1 shards: clamped to min_shards.
        assertEquals(2, clock.period(10, 100, 100, 0, 0.1, 0, 100));
    }

    @Test
    void keepsTheCountWithinTolerance()
    {
        final Clocked clock = new Clocked(1, 50);
        // 8 is within 30% below 10.
        assertEquals(10, clock.period(10, 1000, 1000, 0, 8.0, 0, 100));
        final Clocked up = new Clocked(1, 50);
        // 12.5 rounds up to 13, within 30% above 10.
        assertEquals(10, up.period(10, 1000, 1000, 0, 12.5, 0, 100));
        final Clocked beyond = new Clocked(1, 50);
        // 14 is beyond 30% above 10.
        assertEquals(14, beyond.period(10, 1000, 1000, 0, 14.0, 0, 100));
    }

    @Test
    void clampsToBounds()
    {
        final Clocked clock = new Clocked(1, 20);
        assertEquals(20, clock.period(4, 1000, 1000, 0, 100.0, 0, 100));
        assertEquals(100.0, clock.policy.desiredShards(), 1e-9);
        final Clocked low = new Clocked(3, 20);
        assertEquals(3, low.period(10, 10, 10, 0, 0.001, 0, 100));
    }

    @Test
    void noReshardWhileSendsFail()
    {
        final Clocked clock = new Clocked(1, 50);
        // The last completed send is 11 s old, more than twice the 5 s deadline.
        assertEquals(2, clock.period(2, 1000, 500, 0, 2.0, 30_000, 11_000));
        // Once sends complete again, the same load scales up.
        assertEquals(10, clock.period(2, 1000, 500, 0, 2.0, 30_000, 100), "rates equal, so the estimate is too");
    }

    @Test
    void noChangeBeforeTheFirstSend()
    {
        final Clocked clock = new Clocked(1, 50);
        assertEquals(3, clock.period(3, 1000, 0, 0, 0, 0, 100));
    }

    @Test
    void noScaleDownWhileFarBehind()
    {
        final Clocked clock = new Clocked(1, 50);
        // The estimate is under 1 shard, but sent samples lag 11 s behind.
        assertEquals(8, clock.period(8, 100, 100, 0, 0.1, 11_000, 100));
    }

    @Test
    void droppedSamplesDoNotCountAsWork()
    {
        final Clocked clock = new Clocked(1, 50);
        // Half of what comes in is dropped: 1000/s in, 500/s kept, 10 ms per sample: 5 shards.
        assertEquals(5, clock.period(1, 1000, 500, 500, 5.0, 0, 100));
    }

    @Test
    void ratesAreSmoothedOverPeriods()
    {
        final Clocked clock = new Clocked(1, 50);
        assertEquals(5, clock.period(5, 1000, 1000, 0, 5.0, 0, 100));
        // Sends become twice as slow: the smoothed send time moves a fifth of the way, to 6 s/s: still within 30%.
        assertEquals(5, clock.period(5, 1000, 1000, 0, 10.0, 0, 100));
        assertEquals(6.0, clock.policy.desiredShards(), 1e-9);
        // Then to 6.8, which rounds up to 7: beyond 30% above 5 (6.5).
        assertEquals(7, clock.period(5, 1000, 1000, 0, 10.0, 0, 100));
        assertEquals(6.8, clock.policy.desiredShards(), 1e-9);
    }

    @Test
    void refusesBadBounds()
    {
        assertThrows(IllegalArgumentException.class, () -> new ShardCountPolicy(0, 5, DEADLINE_MS, PERIOD_MS));
        assertThrows(IllegalArgumentException.class, () -> new ShardCountPolicy(3, 2, DEADLINE_MS, PERIOD_MS));
    }
}
