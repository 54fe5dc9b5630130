package dev.sluice.pipeline.forward;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * How a shard compresses a finished request body before sending it: Snappy blocks for Remote Write, none for the
 * InfluxDB line protocol. One instance per shard, so an implementation may keep reusable state.
 */
public interface BodyCompression
{
    /** Sends the body as it is (a copy into the send buffer). */
    BodyCompression IDENTITY = (source, length, target) ->
    {
        target.checkLimit(length);
        target.putBytes(0, source, 0, length);
        return length;
    };

    /**
     * Compresses {@code source[0, length)} into {@code target} from index 0.
     *
     * @param source the finished body.
     * @param length its length.
     * @param target receives the compressed bytes; grows as needed.
     * @return the compressed length.
     */
    int compress(DirectBuffer source, int length, ExpandableDirectByteBuffer target);
}
