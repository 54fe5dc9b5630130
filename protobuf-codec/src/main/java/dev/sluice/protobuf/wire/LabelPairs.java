package dev.sluice.protobuf.wire;

import java.util.Arrays;

import org.agrona.DirectBuffer;

import dev.sluice.parser.TextView;

/**
 * The label messages of one metric, series or exemplar ({@code string name = 1; string value = 2}, the layout of
 * the exposition's {@code LabelPair} and Remote Write 1.0's {@code Label}), as positions of their name and value
 * bytes in the body, kept in one reusable int array: no object per label. Also remembers the range of body bytes
 * the label fields span, which identifies the label set without decoding it. Names and values are not checked:
 * what a label set may hold is the decoder's rule.
 */
public final class LabelPairs
{
    /** Labels per metric or exemplar; more is rejected, as a guard against hostile input. */
    public static final int MAX_LABELS = 1024;

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

    /**
     * Forgets the labels.
     *
     * @param messageStart the raw offset reported while there are none.
     */
    public void clear(final int messageStart)
    {
        count = 0;
        rawStart = messageStart;
        rawEnd = messageStart;
    }

    /**
     * Number of labels read since {@link #clear(int)}.
     *
     * @return the count.
     */
    public int count()
    {
        return count;
    }

    /**
     * Index of the first byte of the first label field (its tag), or of the message when there is none.
     *
     * @return the index in the body.
     */
    public int rawOffset()
    {
        return rawStart;
    }

    /**
     * Bytes from the first label field's tag to the end of the last label field.
     *
     * @return the length.
     */
    public int rawLength()
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
    public void read(final WireInput input, final int tagAt, final int end)
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
     * Index in the body of a label's name.
     *
     * @param index 0-based, below {@link #count()}.
     * @return the offset.
     */
    public int nameOffset(final int index)
    {
        return slots[index * STRIDE + NAME_OFFSET];
    }

    /**
     * Length of a label's name.
     *
     * @param index 0-based, below {@link #count()}.
     * @return the length.
     */
    public int nameLength(final int index)
    {
        return slots[index * STRIDE + NAME_LENGTH];
    }

    /**
     * Index in the body of a label's value.
     *
     * @param index 0-based, below {@link #count()}.
     * @return the offset.
     */
    public int valueOffset(final int index)
    {
        return slots[index * STRIDE + VALUE_OFFSET];
    }

    /**
     * Length of a label's value.
     *
     * @param index 0-based, below {@link #count()}.
     * @return the length.
     */
    public int valueLength(final int index)
    {
        return slots[index * STRIDE + VALUE_LENGTH];
    }

    /**
     * Points a view at a label's name, raw bytes.
     *
     * @param index 0-based, below {@link #count()}.
     * @param body  the body the labels were read from.
     * @param view  the view to fill.
     * @return {@code view}.
     */
    public TextView name(final int index, final DirectBuffer body, final TextView view)
    {
        final int base = index * STRIDE;
        return view.wrap(body, slots[base + NAME_OFFSET], slots[base + NAME_LENGTH], TextView.ESCAPES_NONE);
    }

    /**
     * Points a view at a label's value, raw bytes.
     *
     * @param index 0-based, below {@link #count()}.
     * @param body  the body the labels were read from.
     * @param view  the view to fill.
     * @return {@code view}.
     */
    public TextView value(final int index, final DirectBuffer body, final TextView view)
    {
        final int base = index * STRIDE;
        return view.wrap(body, slots[base + VALUE_OFFSET], slots[base + VALUE_LENGTH], TextView.ESCAPES_NONE);
    }
}
