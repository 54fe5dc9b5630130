package dev.sluice.pipeline.forward.reshard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The smoothed rate: set by the first period with events, then moved by the weight each period. */
class EwmaRateTest
{
    @Test
    void firstEventsSetTheRateThenItMovesByTheWeight()
    {
        final EwmaRate rate = new EwmaRate(0.2, 10);
        rate.update(0);
        assertEquals(0, rate.rate(), 0);
        rate.update(1000);
        assertEquals(100, rate.rate(), 1e-9);
        rate.update(2000);
        assertEquals(120, rate.rate(), 1e-9);
        rate.update(0);
        assertEquals(96, rate.rate(), 1e-9);
    }

    @Test
    void refusesBadParameters()
    {
        assertThrows(IllegalArgumentException.class, () -> new EwmaRate(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new EwmaRate(1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> new EwmaRate(0.2, 0));
    }
}
