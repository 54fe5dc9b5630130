package dev.sluice.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sluice.parser.ExpositionFormat;

/**
 * Fuzz target of the OpenMetrics cursor and, on what it accepts, of the OpenMetrics writer: see
 * {@link CursorTarget}. Seeds are in {@code OpenMetricsCursorFuzzTestInputs/parsesOrRejects/}.
 */
class OpenMetricsCursorFuzzTest
{
    private final CursorTarget target = new CursorTarget(ExpositionFormat.OPENMETRICS);

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void parsesOrRejects(final byte[] body)
    {
        target.check(body);
    }
}
