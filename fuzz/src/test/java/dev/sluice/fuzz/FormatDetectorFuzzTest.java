package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.FormatDetector;

/**
 * Fuzz target of {@link FormatDetector} and the cursor it chooses. Detection itself stays within the work budget
 * and throws nothing; a body detected as OpenMetrics must be accepted by the OpenMetrics cursor (the detector
 * promises that it parsed), one detected as Prometheus text goes through the text cursor's checks
 * ({@link CursorTarget}), and so does one detected as protobuf through the protobuf cursor (detection by the first
 * bytes is a guess: the cursor may still reject the body). Seeds are in
 * {@code FormatDetectorFuzzTestInputs/detectsThenParses/}.
 */
class FormatDetectorFuzzTest
{
    private static final ExpositionFormat[] FORMATS = ExpositionFormat.values();

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private final CursorTarget text = new CursorTarget(ExpositionFormat.PROMETHEUS_TEXT);
    private final CursorTarget openMetrics = new CursorTarget(ExpositionFormat.OPENMETRICS);
    private final CursorTarget protobuf = new CursorTarget(ExpositionFormat.PROTOBUF);

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void detectsThenParses(final byte[] body)
    {
        buffer.wrap(FuzzTargets.padded(body));
        final ExpositionFormat format = FORMATS[(int)InputBudget.DECODER.run(body.length,
            () -> FormatDetector.detect(buffer, FuzzTargets.PADDING, body.length).ordinal())];
        switch (format)
        {
            case OPENMETRICS:
                assertTrue(openMetrics.check(body), "detected as OpenMetrics, but the OpenMetrics cursor rejects it");
                break;
            case PROMETHEUS_TEXT:
                text.check(body);
                break;
            default:
                protobuf.check(body);
                break;
        }
    }
}
