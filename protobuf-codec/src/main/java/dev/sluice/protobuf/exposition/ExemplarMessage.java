package dev.sluice.protobuf.exposition;

import dev.sluice.protobuf.wire.LabelPairs;
import dev.sluice.protobuf.wire.WireInput;

/**
 * One decoded {@code Exemplar} message: its labels as positions in the body, its value and its optional
 * timestamp. Reused for every exemplar; {@link #read} replaces the content.
 */
final class ExemplarMessage
{
    private static final int LABEL_FIELD = 1;
    private static final int VALUE_FIELD = 2;
    private static final int TIMESTAMP_FIELD = 3;
    private static final int LABEL = LABEL_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int VALUE = VALUE_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int TIMESTAMP = TIMESTAMP_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final long KNOWN_FIELDS = 1L << LABEL_FIELD | 1L << VALUE_FIELD | 1L << TIMESTAMP_FIELD;

    final LabelPairs labels = new LabelPairs();
    double value;
    boolean hasTimestamp;
    long timestampMs;

    /** Decodes the message in {@code [start, end)} of the input. */
    void read(final WireInput input, final int start, final int end)
    {
        labels.clear(start);
        value = 0;
        hasTimestamp = false;
        timestampMs = 0;
        int timestampStart = -1;
        int timestampEnd = -1;
        input.position(start);
        while (input.position() < end)
        {
            final int tagAt = input.position();
            final int tag = input.readTag(end);
            if (tag == LABEL)
            {
                final int labelEnd = input.readLengthDelimited(end);
                labels.read(input, tagAt, labelEnd);
            }
            else if (tag == VALUE)
            {
                value = input.readDouble(end);
            }
            else if (tag == TIMESTAMP)
            {
                timestampEnd = input.readLengthDelimited(end);
                timestampStart = input.position();
                input.position(timestampEnd);
            }
            else
            {
                input.skipUnknown(tag, end, KNOWN_FIELDS, "Exemplar", tagAt);
            }
        }
        if (timestampStart >= 0)
        {
            hasTimestamp = true;
            timestampMs = TimestampMessage.readMillis(input, timestampStart, timestampEnd);
        }
    }
}
