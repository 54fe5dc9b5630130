package dev.sluice.parser.text;

/**
 * A set of 64-bit hashes with constant-time clearing (a generation number per slot), reused across families
 * and bodies. Grows by doubling; never shrinks.
 */
final class LongSet
{
    private long[] keys = new long[64];
    private int[] generations = new int[64];
    private int generation = 1;
    private int size;

    void clear()
    {
        generation++;
        size = 0;
        if (generation == Integer.MAX_VALUE)
        {
            java.util.Arrays.fill(generations, 0);
            generation = 1;
        }
    }

    /** Adds a key; returns false when it was already present. */
    boolean add(final long key)
    {
        if ((size + 1) * 2 > keys.length)
        {
            grow();
        }
        final int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (generations[slot] == generation)
        {
            if (keys[slot] == key)
            {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        generations[slot] = generation;
        keys[slot] = key;
        size++;
        return true;
    }

    private void grow()
    {
        final long[] oldKeys = keys;
        final int[] oldGenerations = generations;
        keys = new long[oldKeys.length * 2];
        generations = new int[oldKeys.length * 2];
        final int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++)
        {
            if (oldGenerations[i] == generation)
            {
                int slot = mix(oldKeys[i]) & mask;
                while (generations[slot] == generation)
                {
                    slot = (slot + 1) & mask;
                }
                generations[slot] = generation;
                keys[slot] = oldKeys[i];
            }
        }
    }

    private static int mix(final long key)
    {
        final long h = key * 0x9E3779B97F4A7C15L;
        return (int)(h ^ (h >>> 32));
    }
}
