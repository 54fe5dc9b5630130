package dev.sluice.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target of the Remote Write 1.0 decoder (sluice-protobuf-codec): any bytes decode to the end or fail with a
 * 1.0 {@code ParseException}, every field read, within the work budget, and an accepted body survives a copy
 * through the 1.0 encoder; see {@link RemoteWriteReader}. Seeds are in
 * {@code RemoteWrite1DecoderFuzzTestInputs/decodesOrRejects/}.
 */
class RemoteWrite1DecoderFuzzTest
{
    private final RemoteWriteReader reader = new RemoteWriteReader();

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void decodesOrRejects(final byte[] body)
    {
        reader.checkVersion1(body);
    }
}
