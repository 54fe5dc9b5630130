package dev.sluice.protobuf.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.sluice.protobuf.remote.RemoteWriteModel.Request;

/**
 * Generated requests of each version: encode then decode gives the request back, bit for bit; encoding again, the
 * same bytes.
 */
class RemoteWriteRoundTripTest
{
    @Property(tries = 500)
    void version1EncodeThenDecodeIsTheIdentity(@ForAll("version1Requests") final Request request)
    {
        assertRoundTrip(request, RemoteWrite1Models::encode, RemoteWrite1Models::decode);
    }

    @Property(tries = 500)
    void version2EncodeThenDecodeIsTheIdentity(@ForAll("version2Requests") final Request request)
    {
        assertRoundTrip(request, RemoteWrite2Models::encode, RemoteWrite2Models::decode);
    }

    @Provide
    Arbitrary<Request> version1Requests()
    {
        return RemoteWriteArbitraries.requests(false);
    }

    @Provide
    Arbitrary<Request> version2Requests()
    {
        return RemoteWriteArbitraries.requests(true);
    }

    private static void assertRoundTrip(
        final Request request, final Function<Request, byte[]> encode, final Function<byte[], Request> decode)
    {
        final byte[] body = encode.apply(request);
        final Request decoded = decode.apply(body);
        assertEquals(request, decoded);
        assertArrayEquals(body, encode.apply(decoded));
    }
}
