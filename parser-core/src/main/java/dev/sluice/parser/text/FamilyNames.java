package dev.sluice.parser.text;

import org.agrona.DirectBuffer;

import dev.sluice.parser.MetricType;

/**
 * The metric family names an OpenMetrics body has declared so far, with their types, as positions into the
 * body: an open-addressing table that grows by doubling and is reused across bodies (cleared by bumping a
 * generation number, so clearing costs nothing). Used to reject a family that appears twice or whose samples
 * would clash with another family's names.
 */
final class FamilyNames
{
    private static final MetricType[] TYPES = MetricType.values();

    private int[] offsets = new int[64];
    private int[] lengths = new int[64];
    private int[] generations = new int[64];
    private byte[] types = new byte[64];
    private int generation = 1;
    private int size;

    private DirectBuffer body;

    /** Forgets all names; later positions refer to {@code body}. */
    void clear(final DirectBuffer body)
    {
        this.body = body;
        generation++;
        size = 0;
        if (generation == Integer.MAX_VALUE)
        {
            java.util.Arrays.fill(generations, 0);
            generation = 1;
        }
    }

    /**
     * Slot of the name made of the body bytes at {@code offset} followed by {@code suffix}, or -1 when absent.
     */
    int find(final int offset, final int length, final String suffix)
    {
        final int total = length + suffix.length();
        final int mask = offsets.length - 1;
        int slot = finish(hashSuffix(hashBody(offset, length), suffix)) & mask;
        while (generations[slot] == generation)
        {
            if (lengths[slot] == total && matches(offsets[slot], offset, length, suffix))
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private boolean matches(final int stored, final int offset, final int length, final String suffix)
    {
        if (!LabelPositions.sameBytes(body, stored, offset, length))
        {
            return false;
        }
        for (int k = 0; k < suffix.length(); k++)
        {
            if (body.getByte(stored + length + k) != suffix.charAt(k))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds a name known to be absent and returns its slot.
     */
    int add(final int offset, final int length, final MetricType type)
    {
        if ((size + 1) * 2 > offsets.length)
        {
            grow();
        }
        final int mask = offsets.length - 1;
        int slot = finish(hashBody(offset, length)) & mask;
        while (generations[slot] == generation)
        {
            slot = (slot + 1) & mask;
        }
        generations[slot] = generation;
        offsets[slot] = offset;
        lengths[slot] = length;
        types[slot] = (byte)type.ordinal();
        size++;
        return slot;
    }

    void setType(final int slot, final MetricType type)
    {
        types[slot] = (byte)type.ordinal();
    }

    MetricType type(final int slot)
    {
        return TYPES[types[slot]];
    }

    private void grow()
    {
        final int[] oldOffsets = offsets;
        final int[] oldLengths = lengths;
        final int[] oldGenerations = generations;
        final byte[] oldTypes = types;
        final int capacity = oldOffsets.length * 2;
        offsets = new int[capacity];
        lengths = new int[capacity];
        generations = new int[capacity];
        types = new byte[capacity];
        final int mask = capacity - 1;
        for (int i = 0; i < oldOffsets.length; i++)
        {
            if (oldGenerations[i] == generation)
            {
                int slot = finish(hashBody(oldOffsets[i], oldLengths[i])) & mask;
                while (generations[slot] == generation)
                {
                    slot = (slot + 1) & mask;
                }
                generations[slot] = generation;
                offsets[slot] = oldOffsets[i];
                lengths[slot] = oldLengths[i];
                types[slot] = oldTypes[i];
            }
        }
    }

    private int hashBody(final int offset, final int length)
    {
        int h = 0x811C9DC5;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ (body.getByte(offset + i) & 0xFF)) * 0x01000193;
        }
        return h;
    }

    private static int hashSuffix(final int seed, final String suffix)
    {
        int h = seed;
        for (int i = 0; i < suffix.length(); i++)
        {
            h = (h ^ suffix.charAt(i)) * 0x01000193;
        }
        return h;
    }

    private static int finish(final int h)
    {
        return h ^ (h >>> 16);
    }
}
