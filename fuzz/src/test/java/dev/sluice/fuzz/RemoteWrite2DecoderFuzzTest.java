package dev.sluice.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target of the Remote Write 2.0 decoder (sluice-protobuf-codec): any bytes decode to the end or fail with a
 * 2.0 {@code ParseException}, every field read with every symbol reference resolved, within the work budget, and
 * an accepted body survives a copy through the 2.0 encoder; see {@link RemoteWriteReader}. Seeds are in
 * {@code RemoteWrite2DecoderFuzzTestInputs/decodesOrRejects/}.
 */
class RemoteWrite2DecoderFuzzTest
{
    private final RemoteWriteReader reader = new RemoteWriteReader();

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void decodesOrRejects(final byte[] body)
    {
        reader.checkVersion2(body);
    }
}
