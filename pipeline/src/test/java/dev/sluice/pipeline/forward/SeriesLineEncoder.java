package dev.sluice.pipeline.forward;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import dev.sluice.pipeline.series.SeriesRecordDescriptor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.agrona.DirectBuffer;

/**
 * A readable wire format for the queue tests: one line per sample, {@code name=value,... <timestamp> <value bits>},
 * labels in table order, wrapped as {@code [} ... {@code ]} per request by {@link #begin} and {@link #finish}.
 */
final class SeriesLineEncoder implements BatchEncoder
{
    @Override
    public void begin(final EncodedBatch batch)
    {
        batch.body().putByte(0, (byte)'[');
        batch.length(1);
    }

    @Override
    public void append(
        final EncodedBatch batch,
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final long timestampMs,
        final long valueBits)
    {
        int at = batch.length();
        int position = SeriesRecordDescriptor.labelsOffset(recordOffset);
        final int count = series.getInt(SeriesRecordDescriptor.labelCountOffset(recordOffset), LITTLE_ENDIAN);
        for (int i = 0; i < count; i++)
        {
            for (int part = 0; part < 2; part++)
            {
                final int length = series.getInt(position, LITTLE_ENDIAN);
                batch.body().putBytes(at, series, position + Integer.BYTES, length);
                at += length;
                batch.body().putByte(at++, (byte)(part == 0 ? '=' : ','));
                position += Integer.BYTES + length;
            }
        }
        at += batch.body().putLongAscii(at, timestampMs);
        batch.body().putByte(at++, (byte)' ');
        at += batch.body().putLongAscii(at, valueBits);
        batch.body().putByte(at++, (byte)'\n');
        batch.length(at);
        batch.countSample();
    }

    @Override
    public void finish(final EncodedBatch batch)
    {
        batch.body().putByte(batch.length(), (byte)']');
        batch.length(batch.length() + 1);
    }

    @Override
    public void headers(final HttpHeaders headers)
    {
        headers.set(HttpHeaderNames.CONTENT_TYPE, "text/x-sluice-test");
    }
}
