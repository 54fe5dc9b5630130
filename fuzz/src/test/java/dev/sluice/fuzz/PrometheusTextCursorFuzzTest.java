package dev.sluice.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sluice.parser.ExpositionFormat;

/**
 * Fuzz target of the Prometheus text cursor and, on what it accepts, of the text writer: see {@link CursorTarget}.
 * Seeds are in {@code PrometheusTextCursorFuzzTestInputs/parsesOrRejects/}.
 */
class PrometheusTextCursorFuzzTest
{
    private final CursorTarget target = new CursorTarget(ExpositionFormat.PROMETHEUS_TEXT);

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void parsesOrRejects(final byte[] body)
    {
        target.check(body);
    }
}
