package dev.sluice.protobuf.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.sluice.protobuf.remote.RemoteWriteModel.Request;

/** Generated 2.0 requests: encode then decode gives the request back, bit for bit; encoding again, the same bytes. */
class RemoteWrite2RoundTripTest
{
    @Property(tries = 500)
    void encodeThenDecodeIsTheIdentity(@ForAll("requests") final Request request)
    {
        final byte[] body = RemoteWrite2Models.encode(request);
        final Request decoded = RemoteWrite2Models.decode(body);
        assertEquals(request, decoded);
        assertArrayEquals(body, RemoteWrite2Models.encode(decoded));
    }

    @Provide
    Arbitrary<Request> requests()
    {
        return RemoteWriteArbitraries.requests(true);
    }
}
