package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.forward.reshard.ShardLoad;

/** What the counters hand to resharding, and how histograms are counted apart from the samples that include them. */
class ForwarderMetricsTest
{
    @Test
    void theLoadCountsDropsThatNeedNoSendingButNotDropsForWantOfRoom()
    {
        final ForwarderMetrics metrics = new ForwarderMetrics();
        metrics.offered(10, 5_000);
        metrics.offered(3, 4_000);
        metrics.droppedByRelabel(false);
        metrics.droppedTooOld(2, 1);
        metrics.droppedQueueFull(true);
        metrics.sendCompleted(7, 2_000_000, 9_000);
        metrics.sentUpTo(4_500);
        final ShardLoad load = metrics.load();
        assertEquals(new ShardLoad(13, 7, 3, 2_000_000, 5_000, 4_500, 9_000), load);
        assertEquals(0.5, load.delaySeconds());
        assertEquals(2, metrics.histogramsDropped(), "the too-old one and the one without room");
        assertEquals(1, metrics.samplesDropped());
    }

    @Test
    void histogramsAreCountedApartWithinTheSampleCounters()
    {
        final ForwarderMetrics metrics = new ForwarderMetrics();
        metrics.delivered(10, 3, 100);
        metrics.rejected(4, 1);
        metrics.retried(5, 2);
        metrics.abandoned(6, 2);
        assertEquals(10, metrics.samplesSent());
        assertEquals(3, metrics.histogramsSent());
        assertEquals(4, metrics.samplesFailed());
        assertEquals(1, metrics.histogramsFailed());
        assertEquals(5, metrics.samplesRetried());
        assertEquals(2, metrics.histogramsRetried());
        assertEquals(2, metrics.histogramsDropped());
    }
}
