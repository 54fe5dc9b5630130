package dev.sluice.protobuf.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.ParseException;
import dev.sluice.protobuf.TransportFormat;
import dev.sluice.protobuf.exposition.ProtoWriter;
import dev.sluice.protobuf.remote.RemoteWriteModel.Request;

/** Each kind of malformed 2.0 body fails with its own reason, at its offset, naming Remote Write 2.0. */
class RemoteWrite2MalformedInputTest
{
    /** Symbols "", "__name__", "up": 16 bytes, so a series that follows has its content from byte 18. */
    private static ProtoWriter symbols()
    {
        return new ProtoWriter().string(4, "").string(4, "__name__").string(4, "up");
    }

    private static void fails(final byte[] body, final String reason, final long offset)
    {
        final ParseException ex = assertThrows(ParseException.class, () -> RemoteWrite2Models.decode(body));
        assertSame(TransportFormat.REMOTE_WRITE_2, ex.format());
        assertEquals(reason, ex.reason());
        assertEquals(offset, ex.offset());
    }

    @Test
    void firstSymbolNotEmpty()
    {
        fails(new ProtoWriter().string(4, "x").toBytes(), "symbols[0] must be the empty string", 2);
    }

    @Test
    void seriesWithoutSymbols()
    {
        fails(new ProtoWriter().message(5, new ProtoWriter()).toBytes(), "symbols[0] must be the empty string", 0);
    }

    @Test
    void labelReferenceOutOfRange()
    {
        final byte[] body = symbols().message(5, new ProtoWriter().bytes(1, new byte[] {1, 3})).toBytes();
        fails(body, "symbol reference 3 out of range (3 symbols)", 21);
    }

    @Test
    void oddNumberOfLabelReferences()
    {
        final byte[] body = symbols().message(5, new ProtoWriter().bytes(1, new byte[] {1, 2, 1})).toBytes();
        fails(body, "odd number of label references (3)", 18);
    }

    @Test
    void exemplarReferenceOutOfRange()
    {
        final ProtoWriter exemplar = new ProtoWriter().varint(1, 1).varint(1, 7);
        final byte[] body = symbols().message(5, new ProtoWriter().message(4, exemplar)).toBytes();
        fails(body, "symbol reference 7 out of range (3 symbols)", 22);
    }

    @Test
    void helpReferenceOutOfRange()
    {
        final byte[] body = symbols().message(5, new ProtoWriter().message(5, new ProtoWriter().varint(3, 9)))
            .toBytes();
        fails(body, "symbol reference 9 out of range (3 symbols)", 20);
    }

    @Test
    void referenceAboveThirtyTwoBitsIsOutOfRange()
    {
        final byte[] body = symbols().message(5, new ProtoWriter().varint(1, 1L << 32 | 1).varint(1, 2))
            .toBytes();
        fails(body, "symbol reference 4294967297 out of range (3 symbols)", 18);
    }

    @Test
    void histogramSpansCoveringMoreBucketsThanCounts()
    {
        final ProtoWriter histogram = new ProtoWriter().dbl(2, 1).message(11, new ProtoWriter().varint(2, 2))
            .packedDoubles(13, 1.0);
        final byte[] body = symbols().message(5, new ProtoWriter().message(3, histogram)).toBytes();
        fails(body, "positive spans cover 2 buckets, but 1 counts are given", 20);
    }

    @Test
    void truncatedSymbolFailsInWrap()
    {
        fails(new ProtoWriter().string(4, "").tag(4, 2).rawVarint(3).raw('a').toBytes(),
            "length 3 runs past the end of its message (1 bytes left)", 3);
    }

    @Test
    void unpackedReferencesInterleavedSymbolsAndUnknownFieldsAreRead()
    {
        final ProtoWriter series = new ProtoWriter().varint(1, 1).varint(1, 2).varint(6, 1)
            .message(2, new ProtoWriter().dbl(1, 1.5).varint(2, 10).varint(3, 5).fixed32(9, 0));
        final Request request = RemoteWrite2Models.decode(new ProtoWriter().varint(1, 3).string(4, "")
            .message(5, series).string(4, "__name__").string(4, "up").toBytes());
        assertEquals(new RemoteWriteModel.Label("__name__", "up"), request.series().get(0).labels().get(0));
        assertEquals(new RemoteWriteModel.Sample(Double.doubleToRawLongBits(1.5), 10, 5),
            request.series().get(0).samples().get(0));
        assertEquals(null, request.series().get(0).metadata());
    }
}
