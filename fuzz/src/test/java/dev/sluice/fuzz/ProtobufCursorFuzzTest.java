package dev.sluice.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sluice.parser.ExpositionFormat;

/**
 * Fuzz target of the protobuf exposition cursor (sluice-protobuf-codec): any bytes end in END or
 * {@code ParseException}, every field of every entry read, native histograms and every exemplar included, within
 * the work budget; see {@link CursorTarget}. Seeds are in {@code ProtobufCursorFuzzTestInputs/parsesOrRejects/}.
 */
class ProtobufCursorFuzzTest
{
    private final CursorTarget target = new CursorTarget(ExpositionFormat.PROTOBUF);

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void parsesOrRejects(final byte[] body)
    {
        target.check(body);
    }
}
