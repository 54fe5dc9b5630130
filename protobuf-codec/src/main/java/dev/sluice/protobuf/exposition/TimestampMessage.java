package dev.sluice.protobuf.exposition;

import dev.sluice.protobuf.wire.WireInput;

/**
 * Reads a {@code google.protobuf.Timestamp} (seconds and nanoseconds since the epoch) as milliseconds, the way
 * Prometheus converts created and exemplar timestamps: {@code seconds * 1000 + nanos / 1_000_000}, integer
 * arithmetic, without range checks.
 */
final class TimestampMessage
{
    private static final int SECONDS_FIELD = 1;
    private static final int NANOS_FIELD = 2;
    private static final int SECONDS = SECONDS_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int NANOS = NANOS_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final long KNOWN_FIELDS = 1L << SECONDS_FIELD | 1L << NANOS_FIELD;
    private static final int MILLIS_PER_SECOND = 1000;
    private static final int NANOS_PER_MILLI = 1_000_000;

    private TimestampMessage()
    {
    }

    /**
     * Decodes the message in {@code [start, end)} of the input.
     *
     * @return the timestamp in milliseconds.
     */
    static long readMillis(final WireInput input, final int start, final int end)
    {
        long seconds = 0;
        int nanos = 0;
        input.position(start);
        while (input.position() < end)
        {
            final int tagAt = input.position();
            final int tag = input.readTag(end);
            if (tag == SECONDS)
            {
                seconds = input.readVarint(end);
            }
            else if (tag == NANOS)
            {
                nanos = (int)input.readVarint(end);
            }
            else
            {
                input.skipUnknown(tag, end, KNOWN_FIELDS, "Timestamp", tagAt);
            }
        }
        return seconds * MILLIS_PER_SECOND + nanos / NANOS_PER_MILLI;
    }
}
