package dev.sluice.protobuf.remote;

import java.util.Arrays;

import dev.sluice.protobuf.wire.LabelPairs;
import dev.sluice.protobuf.wire.WireInput;

/**
 * The {@code labels_refs} of Remote Write 2.0 series and exemplars, decoded into one reusable int array: packed
 * (one length-delimited field) or unpacked (a varint field per reference), each reference checked to be an index
 * of the request's symbol table. A list may hold the references of several exemplars one after another.
 */
final class SymbolRefs
{
    /** References per series or exemplar: two per label, as many labels as the other decoders accept. */
    static final int MAX_REFS = 2 * LabelPairs.MAX_LABELS;

    private int[] refs = new int[64];
    private int count;

    void clear()
    {
        count = 0;
    }

    int count()
    {
        return count;
    }

    int get(final int index)
    {
        return refs[index];
    }

    /**
     * Reads one {@code labels_refs} field, packed or not as its tag says, and appends the references.
     *
     * @param in          the input, after the tag.
     * @param packed      whether the field is length-delimited.
     * @param end         end of the enclosing message.
     * @param listStart   index in this list where the current series' or exemplar's references start.
     * @param symbolCount number of symbols of the request.
     * @param tagAt       index of the tag, for errors.
     */
    void read(
        final WireInput in,
        final boolean packed,
        final int end,
        final int listStart,
        final int symbolCount,
        final int tagAt)
    {
        if (!packed)
        {
            append(in, in.readVarint(end), listStart, symbolCount, tagAt);
            return;
        }
        final int packedEnd = in.readLengthDelimited(end);
        while (in.position() < packedEnd)
        {
            final int at = in.position();
            append(in, in.readVarint(packedEnd), listStart, symbolCount, at);
        }
    }

    private void append(final WireInput in, final long ref, final int listStart, final int symbolCount, final int at)
    {
        if (ref < 0 || ref >= symbolCount)
        {
            throw in.error("symbol reference " + Long.toUnsignedString(ref) + " out of range (" + symbolCount +
                " symbols)", at);
        }
        if (count - listStart == MAX_REFS)
        {
            throw in.error("more than " + MAX_REFS + " label references", at);
        }
        if (count == refs.length)
        {
            refs = Arrays.copyOf(refs, count * 2);
        }
        refs[count++] = (int)ref;
    }

    /** Rejects an odd number of references since {@code listStart}: names and values come in pairs. */
    void checkPairs(final WireInput in, final int listStart, final int at)
    {
        if (((count - listStart) & 1) != 0)
        {
            throw in.error("odd number of label references (" + (count - listStart) + ")", at);
        }
    }
}
