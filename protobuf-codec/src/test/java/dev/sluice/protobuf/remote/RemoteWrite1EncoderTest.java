package dev.sluice.protobuf.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.sluice.protobuf.exposition.ProtoWriter;

/** The 1.0 encoder's streaming contract: canonical bytes, lengths of every width, and fields in field order. */
class RemoteWrite1EncoderTest
{
    private static final UnsafeBuffer NAME = RemoteWriteModel.utf8("__name__");

    @Test
    void writesTheCanonicalEncodingAfterWhatIsAlreadyInTheBuffer()
    {
        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(4);
        out.putByte(0, (byte)0x55);
        final RemoteWrite1Encoder encoder = new RemoteWrite1Encoder().wrap(out, 1);
        final UnsafeBuffer value = RemoteWriteModel.utf8("up");
        encoder.beginSeries().addLabel(NAME, 0, NAME.capacity(), value, 0, value.capacity())
            .addSample(1.0, 5).endSeries();
        final byte[] expected = new ProtoWriter().message(1, new ProtoWriter()
            .message(1, new ProtoWriter().string(1, "__name__").string(2, "up"))
            .message(2, new ProtoWriter().dbl(1, 1.0).varint(2, 5))).toBytes();
        final byte[] written = new byte[encoder.length()];
        out.getBytes(1, written);
        assertArrayEquals(expected, written);
        assertEquals(0x55, out.getByte(0));
        assertEquals(1 + expected.length, encoder.position());
    }

    @Test
    void seriesLengthsNeedingOneToThreeBytesAreMinimal()
    {
        for (final int valueLength : new int[] {0, 100, 200, 20_000})
        {
            final UnsafeBuffer value = new UnsafeBuffer(new byte[valueLength]);
            value.setMemory(0, valueLength, (byte)'v');
            final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(8);
            final RemoteWrite1Encoder encoder = new RemoteWrite1Encoder().wrap(out, 0);
            encoder.beginSeries().addLabel(NAME, 0, NAME.capacity(), value, 0, valueLength).endSeries();
            final ProtoWriter label = new ProtoWriter().string(1, "__name__");
            if (valueLength > 0)
            {
                label.bytes(2, value.byteArray());
            }
            final byte[] expected = new ProtoWriter().message(1, new ProtoWriter().message(1, label)).toBytes();
            final byte[] written = new byte[encoder.length()];
            out.getBytes(0, written);
            assertArrayEquals(expected, written, "value of " + valueLength + " bytes");
        }
    }

    @Test
    void fieldsOutOfFieldOrderAreRefused()
    {
        final RemoteWrite1Encoder encoder = new RemoteWrite1Encoder().wrap(new ExpandableDirectByteBuffer(), 0);
        encoder.beginSeries().addSample(1, 1);
        assertThrows(IllegalStateException.class, () -> encoder.addLabel(NAME, 0, 1, 0, 1));
        encoder.beginExemplar();
        assertThrows(IllegalStateException.class, encoder::endSeries);
        encoder.endExemplar(1, 1).endSeries();
        assertThrows(IllegalStateException.class, () -> encoder.addSample(1, 1));
        assertThrows(IllegalStateException.class, () -> encoder.endExemplar(1, 1));
    }
}
