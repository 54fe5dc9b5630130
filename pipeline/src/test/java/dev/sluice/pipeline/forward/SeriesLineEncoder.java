package dev.sluice.pipeline.forward;

import dev.sluice.pipeline.record.ExemplarFlyweight;
import dev.sluice.pipeline.series.SeriesLabelCursor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.agrona.DirectBuffer;

/**
 * A readable wire format for the queue tests: one line per sample, {@code name=value,... <timestamp> <value bits>},
 * labels in table order, wrapped as {@code [} ... {@code ]} per request by {@link #begin} and {@link #finish}.
 */
final class SeriesLineEncoder implements BatchEncoder
{
    private final SeriesLabelCursor labels = new SeriesLabelCursor();

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
        final long valueBits,
        final ExemplarFlyweight exemplars,
        final SeriesMetadata metadata)
    {
        int at = batch.length();
        labels.wrap(series, recordOffset);
        while (labels.next())
        {
            batch.body().putBytes(at, series, labels.nameOffset(), labels.nameLength());
            at += labels.nameLength();
            batch.body().putByte(at++, (byte)'=');
            batch.body().putBytes(at, series, labels.valueOffset(), labels.valueLength());
            at += labels.valueLength();
            batch.body().putByte(at++, (byte)',');
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
