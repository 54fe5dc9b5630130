package dev.sluice.protobuf.remote;

import static dev.sluice.protobuf.remote.RemoteWrite2Schema.LABELS_REFS_PACKED;

import java.util.Arrays;

import org.agrona.MutableDirectBuffer;

import dev.sluice.protobuf.wire.WireOutput;

/**
 * The symbol references of the labels of a Remote Write 2.0 series or exemplar as the encoder collects them, a
 * name and a value reference per label, written as one packed {@code labels_refs} field. The array grows to the
 * most labels seen and is kept, so collecting allocates nothing after warm-up.
 */
final class LabelRefsOutput
{
    private int[] refs;
    private int count;

    /**
     * An empty list.
     *
     * @param capacity references held before the first growth.
     */
    LabelRefsOutput(final int capacity)
    {
        refs = new int[capacity];
    }

    void clear()
    {
        count = 0;
    }

    /**
     * Appends a label.
     *
     * @param nameRef  reference of its name.
     * @param valueRef reference of its value.
     */
    void add(final int nameRef, final int valueRef)
    {
        if (count + 2 > refs.length)
        {
            refs = Arrays.copyOf(refs, refs.length * 2);
        }
        refs[count++] = nameRef;
        refs[count++] = valueRef;
    }

    /**
     * Size of the {@code labels_refs} field, tag and length included.
     *
     * @return the size in bytes, 0 when there are no references and the field is left out.
     */
    int fieldSize()
    {
        return count > 0 ? WireOutput.lengthDelimitedSize(LABELS_REFS_PACKED, valuesSize()) : 0;
    }

    /**
     * Writes the {@code labels_refs} field, packed, unless there are no references.
     *
     * @param buffer where to write.
     * @param index  where the field starts.
     * @return the index after the field.
     */
    int write(final MutableDirectBuffer buffer, final int index)
    {
        if (count == 0)
        {
            return index;
        }
        int p = WireOutput.putVarint(buffer, WireOutput.putVarint(buffer, index, LABELS_REFS_PACKED), valuesSize());
        for (int i = 0; i < count; i++)
        {
            p = WireOutput.putVarint(buffer, p, refs[i]);
        }
        return p;
    }

    private int valuesSize()
    {
        int size = 0;
        for (int i = 0; i < count; i++)
        {
            size += WireOutput.varintSize(refs[i]);
        }
        return size;
    }
}
