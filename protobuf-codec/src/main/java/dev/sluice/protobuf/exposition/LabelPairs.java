package dev.sluice.protobuf.exposition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.agrona.DirectBuffer;

import dev.sluice.parser.TextView;

/**
 * The {@code LabelPair} messages of one metric or exemplar, as positions of their name and value bytes in the
 * body, kept in one reusable int array: no object per label. Also remembers the range of body bytes the label
 * fields span, which identifies the label set without decoding it.
 */
final class LabelPairs
{
    /** Labels per metric or exemplar; more is rejected, as a guard against hostile input. */
    static final int MAX_LABELS = 1024;

    private static final int NAME_FIELD = 1;
    private static final int VALUE_FIELD = 2;
    private static final int NAME = NAME_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int VALUE = VALUE_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final long KNOWN_FIELDS = 1L << NAME_FIELD | 1L << VALUE_FIELD;

    private static final int STRIDE = 4;
    private static final int NAME_OFFSET = 0;
    private static final int NAME_LENGTH = 1;
    private static final int VALUE_OFFSET = 2;
    private static final int VALUE_LENGTH = 3;

    private int[] slots = new int[STRIDE * 16];
    private int count;
    private int rawStart;
    private int rawEnd;

    /** Forgets the labels; {@code messageStart} is the raw offset reported while there are none. */
    void clear(final int messageStart)
    {
        count = 0;
        rawStart = messageStart;
        rawEnd = messageStart;
    }

    int count()
    {
        return count;
    }

    /** Index of the first byte of the first label field (its tag), or of the message when there is none. */
    int rawOffset()
    {
        return rawStart;
    }

    /** Bytes from the first label field's tag to the end of the last label field. */
    int rawLength()
    {
        return rawEnd - rawStart;
    }

    /**
     * Decodes one {@code LabelPair} message and appends it. The input is positioned at the first byte of the
     * message; it is left at {@code end}.
     *
     * @param input the body.
     * @param tagAt index of the tag of the label field, where the raw label range starts or continues.
     * @param end   index one past the message.
     */
    void read(final WireInput input, final int tagAt, final int end)
    {
        if (count == MAX_LABELS)
        {
            throw input.error("more than " + MAX_LABELS + " labels", tagAt);
        }
        int nameOffset = input.position();
        int nameLength = 0;
        int valueOffset = nameOffset;
        int valueLength = 0;
        while (input.position() < end)
        {
            final int fieldAt = input.position();
            final int tag = input.readTag(end);
            if (tag == NAME || tag == VALUE)
            {
                final int payloadEnd = input.readLengthDelimited(end);
                if (tag == NAME)
                {
                    nameOffset = input.position();
                    nameLength = payloadEnd - nameOffset;
                }
                else
                {
                    valueOffset = input.position();
                    valueLength = payloadEnd - valueOffset;
                }
                input.position(payloadEnd);
            }
            else
            {
                input.skipUnknown(tag, end, KNOWN_FIELDS, "LabelPair", fieldAt);
            }
        }
        if (count == 0)
        {
            rawStart = tagAt;
        }
        rawEnd = end;
        append(nameOffset, nameLength, valueOffset, valueLength);
    }

    private void append(final int nameOffset, final int nameLength, final int valueOffset, final int valueLength)
    {
        final int base = count * STRIDE;
        if (base + STRIDE > slots.length)
        {
            slots = Arrays.copyOf(slots, slots.length * 2);
        }
        final int[] s = slots;
        s[base + NAME_OFFSET] = nameOffset;
        s[base + NAME_LENGTH] = nameLength;
        s[base + VALUE_OFFSET] = valueOffset;
        s[base + VALUE_LENGTH] = valueLength;
        count++;
    }

    /**
     * Rejects what Prometheus would refuse to ingest: an empty label name, a label named {@code __name__} or
     * {@code reserved}, and a name used twice.
     *
     * @param input    the body, for names and errors.
     * @param reserved a label name the decoder adds itself ({@code le}, {@code quantile}), or null.
     */
    void validate(final WireInput input, final byte[] reserved)
    {
        for (int i = 0; i < count; i++)
        {
            final int nameOffset = slots[i * STRIDE + NAME_OFFSET];
            final int nameLength = slots[i * STRIDE + NAME_LENGTH];
            if (nameLength == 0)
            {
                throw input.error("empty label name", nameOffset);
            }
            if (input.rangeEquals(nameOffset, nameLength, ProtobufExpositionCursor.METRIC_NAME_LABEL))
            {
                throw input.error("label __name__ in a label set", nameOffset);
            }
            if (reserved != null && input.rangeEquals(nameOffset, nameLength, reserved))
            {
                throw input.error("label " + new String(reserved, StandardCharsets.US_ASCII) +
                    " clashes with the label the series of this metric type carry", nameOffset);
            }
            for (int j = 0; j < i; j++)
            {
                if (slots[j * STRIDE + NAME_LENGTH] == nameLength &&
                    input.rangesEqual(slots[j * STRIDE + NAME_OFFSET], nameOffset, nameLength))
                {
                    throw input.error("duplicate label name", nameOffset);
                }
            }
        }
    }

    TextView name(final int index, final DirectBuffer body, final TextView view)
    {
        final int base = index * STRIDE;
        return view.wrap(body, slots[base + NAME_OFFSET], slots[base + NAME_LENGTH], TextView.ESCAPES_NONE);
    }

    TextView value(final int index, final DirectBuffer body, final TextView view)
    {
        final int base = index * STRIDE;
        return view.wrap(body, slots[base + VALUE_OFFSET], slots[base + VALUE_LENGTH], TextView.ESCAPES_NONE);
    }
}
