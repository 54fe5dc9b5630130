package dev.sluice.protobuf.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.MetricType;
import dev.sluice.protobuf.exposition.ProtoWriter;

/** The 2.0 encoder: symbols interned once and written first, references packed, fields in field order. */
class RemoteWrite2EncoderTest
{
    private static final UnsafeBuffer TEXT = RemoteWriteModel.utf8("__name__upjobapi");

    @Test
    void repeatedStringsShareOneSymbolAndSymbolsComeFirst()
    {
        final RemoteWrite2Encoder encoder = new RemoteWrite2Encoder().reset();
        encoder.beginSeries().addLabel(TEXT, 0, 8, 8, 2).addLabel(TEXT, 10, 3, 13, 3).addSample(1, 2, 0)
            .setMetadata(MetricType.GAUGE, TEXT, 0, 0, TEXT, 0, 0).endSeries();
        encoder.beginSeries().addLabel(TEXT, 0, 8, 8, 2).addLabel(TEXT, 10, 3, 10, 3).endSeries();
        assertEquals(5, encoder.symbolCount());
        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(8);
        final int length = encoder.finish(out, 3);
        final byte[] expected = new ProtoWriter().string(4, "").string(4, "__name__").string(4, "up")
            .string(4, "job").string(4, "api")
            .message(5, new ProtoWriter().bytes(1, new byte[] {1, 2, 3, 4})
                .message(2, new ProtoWriter().dbl(1, 1).varint(2, 2)).message(5, new ProtoWriter().varint(1, 2)))
            .message(5, new ProtoWriter().bytes(1, new byte[] {1, 2, 3, 3})).toBytes();
        final byte[] written = new byte[length];
        out.getBytes(3, written);
        assertArrayEquals(expected, written);
        assertEquals(expected.length, encoder.length());
    }

    @Test
    void resetStartsAnEmptyRequest()
    {
        final RemoteWrite2Encoder encoder = new RemoteWrite2Encoder().reset();
        encoder.beginSeries().addLabel(TEXT, 0, 8, 8, 2).endSeries();
        encoder.reset();
        assertEquals(1, encoder.symbolCount());
        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(8);
        assertEquals(2, encoder.finish(out, 0));
        assertEquals(2, encoder.length());
    }

    @Test
    void manySymbolsGrowTheTableAndKeepTheirIndexes()
    {
        final RemoteWrite2Encoder encoder = new RemoteWrite2Encoder().reset();
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < 5000; i++)
            {
                final UnsafeBuffer value = RemoteWriteModel.utf8("v" + i);
                encoder.beginSeries().addLabel(TEXT, 0, 8, value, 0, value.capacity()).endSeries();
            }
        }
        assertEquals(5002, encoder.symbolCount());
        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(8);
        final byte[] body = new byte[encoder.finish(out, 0)];
        out.getBytes(0, body);
        final RemoteWriteModel.Request request = RemoteWrite2Models.decode(body);
        assertEquals(10_000, request.series().size());
        assertEquals("v4999", request.series().get(9999).labels().get(0).value());
    }

    @Test
    void fieldsOutOfFieldOrderAreRefused()
    {
        final RemoteWrite2Encoder encoder = new RemoteWrite2Encoder().reset();
        encoder.beginSeries().beginExemplar().endExemplar(1, 1);
        assertThrows(IllegalStateException.class, () -> encoder.addSample(1, 1, 0));
        encoder.setMetadata(MetricType.GAUGE, TEXT, 0, 0, TEXT, 0, 0);
        assertThrows(IllegalStateException.class, () -> encoder.setMetadata(MetricType.GAUGE, TEXT, 0, 0, TEXT, 0, 0));
        assertThrows(IllegalStateException.class, () -> encoder.finish(new ExpandableDirectByteBuffer(), 0));
        encoder.endSeries();
        assertThrows(IllegalStateException.class, () -> encoder.addLabel(TEXT, 0, 1, 0, 1));
    }
}
