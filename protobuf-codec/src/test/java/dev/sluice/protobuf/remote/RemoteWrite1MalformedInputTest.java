package dev.sluice.protobuf.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.ParseException;
import dev.sluice.protobuf.TransportFormat;
import dev.sluice.protobuf.exposition.ProtoWriter;
import dev.sluice.protobuf.remote.RemoteWriteModel.Request;
import dev.sluice.protobuf.wire.WireInput;

/** Each kind of malformed 1.0 body fails with its own reason, at its offset, naming Remote Write 1.0. */
class RemoteWrite1MalformedInputTest
{
    private static ProtoWriter label(final String name, final String value)
    {
        return new ProtoWriter().string(1, name).string(2, value);
    }

    private static void fails(final byte[] body, final String reason, final long offset)
    {
        final ParseException ex = assertThrows(ParseException.class, () -> RemoteWrite1Models.decode(body));
        assertSame(TransportFormat.REMOTE_WRITE_1, ex.format());
        assertEquals(reason, ex.reason());
        assertEquals(offset, ex.offset());
    }

    @Test
    void lengthRunningPastTheBody()
    {
        fails(new ProtoWriter().tag(1, WireInput.LENGTH_DELIMITED).rawVarint(5).raw(0x0A).toBytes(),
            "length 5 runs past the end of its message (1 bytes left)", 1);
    }

    @Test
    void varintLongerThanTenBytes()
    {
        final ProtoWriter series = new ProtoWriter().tag(2, WireInput.LENGTH_DELIMITED).rawVarint(12)
            .tag(2, WireInput.VARINT).raw(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
        fails(new ProtoWriter().message(1, series).toBytes(), "varint longer than 10 bytes", 5);
    }

    @Test
    void knownFieldWithTheWrongWireType()
    {
        fails(new ProtoWriter().message(1, new ProtoWriter().varint(1, 7)).toBytes(),
            "TimeSeries field 1 has wire type 0, which its type does not allow", 2);
    }

    @Test
    void truncatedDouble()
    {
        final ProtoWriter sample = new ProtoWriter().tag(1, WireInput.FIXED64).raw(0, 0, 0);
        fails(new ProtoWriter().message(1, new ProtoWriter().message(2, sample)).toBytes(), "truncated 8-byte field",
            5);
    }

    @Test
    void wireTypeSeven()
    {
        fails(new ProtoWriter().raw(0x0F).toBytes(), "invalid wire type 7 of field 1", 0);
    }

    @Test
    void histogramWithFewerDeltasThanItsSpansCover()
    {
        final ProtoWriter histogram = new ProtoWriter().varint(1, 3)
            .message(11, new ProtoWriter().varint(2, 3)).packedSigned(12, 1, 1);
        fails(new ProtoWriter().message(1, new ProtoWriter().message(4, histogram)).toBytes(),
            "positive spans cover 3 buckets, but 2 deltas are given", 4);
    }

    @Test
    void histogramMixingIntegerAndFloatCounts()
    {
        final ProtoWriter histogram = new ProtoWriter().varint(1, 3).dbl(7, 1.5);
        fails(new ProtoWriter().message(1, new ProtoWriter().message(4, histogram)).toBytes(),
            "histogram mixes integer and float counts", 4);
    }

    @Test
    void histogramWithAnUnknownResetHint()
    {
        final ProtoWriter histogram = new ProtoWriter().varint(1, 3).varint(14, 4);
        fails(new ProtoWriter().message(1, new ProtoWriter().message(4, histogram)).toBytes(),
            "unknown histogram reset hint 4", 6);
    }

    @Test
    void packedDoublesThatAreNotAMultipleOfEight()
    {
        final ProtoWriter histogram = new ProtoWriter().dbl(2, 1).bytes(13, new byte[7]);
        fails(new ProtoWriter().message(1, new ProtoWriter().message(4, histogram)).toBytes(),
            "packed doubles of 7 bytes, not a multiple of 8", 13);
    }

    @Test
    void malformedMetadataFailsTheMetadataWalk()
    {
        fails(new ProtoWriter().message(3, new ProtoWriter().varint(2, 1)).toBytes(),
            "MetricMetadata field 2 has wire type 0, which its type does not allow", 2);
    }

    @Test
    void unpackedRepeatedNumbersAndUnknownFieldsAreRead()
    {
        final ProtoWriter histogram = new ProtoWriter().varint(1, 3).message(11, new ProtoWriter().varint(2, 2))
            .signed(12, 1).signed(12, 1).dbl(16, 8).fixed32(99, 1).string(100, "later");
        final ProtoWriter series = new ProtoWriter().message(1, label("__name__", "up")).varint(77, 5)
            .message(4, histogram);
        final Request request = RemoteWrite1Models.decode(new ProtoWriter().varint(2, 1).message(1, series)
            .toBytes());
        final RemoteWriteModel.Histogram decoded = request.series().get(0).histograms().get(0);
        assertEquals(2, decoded.positive().deltas().size());
        assertEquals(Double.doubleToRawLongBits(8), decoded.customValueBits().get(0));
        assertEquals(NativeHistogramView.ResetHint.UNKNOWN, decoded.resetHint());
        assertEquals("up", request.series().get(0).labels().get(0).value());
    }
}
