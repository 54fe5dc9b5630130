package dev.sluice.parser.text;

import org.agrona.DirectBuffer;

import dev.sluice.parser.Body;
import dev.sluice.parser.TextView;

/**
 * Positions of the labels of one sample (or exemplar) in the input, kept in one reusable int array: no object
 * per label. A value may instead live in the cursor's scratch buffer, when it was normalised.
 */
final class LabelPositions
{
    /** Labels per sample or exemplar; more is an error, as a guard against hostile input. */
    static final int MAX_LABELS = 1024;

    private static final int STRIDE = 5;
    private static final int NAME_OFFSET = 0;
    private static final int NAME_LENGTH = 1;
    private static final int VALUE_OFFSET = 2;
    private static final int VALUE_LENGTH = 3;
    private static final int FLAGS = 4;
    private static final int VALUE_IN_SCRATCH = 1 << 4;
    private static final int LEGACY_NAME = 1 << 5;

    private int[] slots = new int[STRIDE * 16];
    private int count;

    void clear()
    {
        count = 0;
    }

    int count()
    {
        return count;
    }

    /**
     * Appends a label; returns false when the label set is already full. {@code nameEscapes} is -1 for a name
     * read as a legacy (unquoted) label name, else the escape kind of a quoted name.
     */
    boolean add(
        final int nameOffset,
        final int nameLength,
        final int nameEscapes,
        final int valueOffset,
        final int valueLength,
        final int valueEscapes)
    {
        if (count == MAX_LABELS)
        {
            return false;
        }
        int base = count * STRIDE;
        if (base + STRIDE > slots.length)
        {
            slots = java.util.Arrays.copyOf(slots, slots.length * 2);
        }
        final int[] s = slots;
        s[base + NAME_OFFSET] = nameOffset;
        s[base + NAME_LENGTH] = nameLength;
        s[base + VALUE_OFFSET] = valueOffset;
        s[base + VALUE_LENGTH] = valueLength;
        s[base + FLAGS] = nameEscapes < 0 ? LEGACY_NAME | (valueEscapes << 2) : nameEscapes | (valueEscapes << 2);
        count++;
        return true;
    }

    int nameOffset(final int index)
    {
        return slots[index * STRIDE + NAME_OFFSET];
    }

    int nameLength(final int index)
    {
        return slots[index * STRIDE + NAME_LENGTH];
    }

    int valueOffset(final int index)
    {
        return slots[index * STRIDE + VALUE_OFFSET];
    }

    int valueLength(final int index)
    {
        return slots[index * STRIDE + VALUE_LENGTH];
    }

    /**
     * Whether the slot at {@code index}, possibly left over from the previous sample, holds a legacy name.
     */
    boolean legacyName(final int index)
    {
        return (slots[index * STRIDE + FLAGS] & LEGACY_NAME) != 0;
    }

    boolean valueInScratch(final int index)
    {
        return (slots[index * STRIDE + FLAGS] & VALUE_IN_SCRATCH) != 0;
    }

    /**
     * Takes the first {@code n} slots, still filled by the previous sample, as this sample's labels, moved by
     * {@code delta} bytes: the caller has found the same bytes at the new place. Call on an empty set only.
     */
    void reuse(final int n, final int delta)
    {
        final int[] s = slots;
        for (int base = 0, last = n * STRIDE; base < last; base += STRIDE)
        {
            s[base + NAME_OFFSET] += delta;
            s[base + VALUE_OFFSET] += delta;
        }
        count = n;
    }

    /** Points a value at normalised bytes in the scratch buffer. */
    void replaceValue(final int index, final int scratchOffset, final int length)
    {
        final int base = index * STRIDE;
        slots[base + VALUE_OFFSET] = scratchOffset;
        slots[base + VALUE_LENGTH] = length;
        slots[base + FLAGS] = (slots[base + FLAGS] & (3 | LEGACY_NAME)) | VALUE_IN_SCRATCH;
    }

    /** Whether the label at {@code index} has the same raw name bytes as an earlier label. */
    boolean repeatsEarlierName(final int index, final Body buffer)
    {
        final int off = nameOffset(index);
        final int len = nameLength(index);
        for (int j = 0; j < index; j++)
        {
            if (nameLength(j) == len && ByteScan.equal(buffer, nameOffset(j), off, len))
            {
                return true;
            }
        }
        return false;
    }

    /** Whether the raw name of the label equals an ASCII literal. */
    boolean nameIs(final int index, final Body buffer, final byte[] ascii)
    {
        final int len = nameLength(index);
        if (len != ascii.length)
        {
            return false;
        }
        final int off = nameOffset(index);
        for (int k = 0; k < len; k++)
        {
            if (buffer.byteAt(off + k) != ascii[k])
            {
                return false;
            }
        }
        return true;
    }

    TextView name(final int index, final DirectBuffer buffer, final TextView view)
    {
        final int base = index * STRIDE;
        return view.wrap(buffer, slots[base + NAME_OFFSET], slots[base + NAME_LENGTH], slots[base + FLAGS] & 3);
    }

    TextView value(final int index, final DirectBuffer buffer, final DirectBuffer scratch, final TextView view)
    {
        final int base = index * STRIDE;
        final int flags = slots[base + FLAGS];
        if ((flags & VALUE_IN_SCRATCH) != 0)
        {
            return view.wrap(scratch, slots[base + VALUE_OFFSET], slots[base + VALUE_LENGTH], TextView.ESCAPES_NONE);
        }
        return view.wrap(buffer, slots[base + VALUE_OFFSET], slots[base + VALUE_LENGTH], (flags >> 2) & 3);
    }

    static boolean sameBytes(final DirectBuffer buffer, final int a, final int b, final int length)
    {
        for (int k = 0; k < length; k++)
        {
            if (buffer.getByte(a + k) != buffer.getByte(b + k))
            {
                return false;
            }
        }
        return true;
    }
}
