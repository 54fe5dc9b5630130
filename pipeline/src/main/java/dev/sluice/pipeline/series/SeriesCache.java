package dev.sluice.pipeline.series;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * One target's memory of the series it exposes: raw-series key (the label bytes of a SAMPLE record, as the target
 * wrote them) to what relabeling made of it, a {@link SeriesTable} id or {@link #DROPPED}. Relabeling runs only on a
 * miss; afterwards a sample costs a hash probe and a compare.
 *
 * <p><b>Collisions.</b> The cache keeps the raw key bytes off-heap and compares them on every hash hit, so two
 * series whose 64-bit hashes collide stay apart and a sample never lands on another series. The alternative, a
 * wider hash and no compare, saves the key bytes but would make a collision silently merge two series; a compare
 * of some dozens of bytes that are hot in cache costs little next to the probe.
 *
 * <p><b>Eviction.</b> Each entry remembers the last scrape that saw it; {@link #endScrape()} drops entries not seen
 * for {@code maxIdleScrapes} scrapes, and compacts the keys when it does, so a target whose series churn keeps a
 * bounded cache. Entries hold any {@code int} as value: ids are not negative, {@link #DROPPED} is -1, and a caller
 * may give other negative values meanings of its own.
 *
 * <p>Not thread-safe: owned by the worker the target maps to. A hit allocates nothing; a miss may grow the table.
 */
public final class SeriesCache
{
    /** {@link #get} result for a key not in the cache. */
    public static final int MISSING = Integer.MIN_VALUE;
    /** Value of a series that relabeling drops. */
    public static final int DROPPED = -1;

    private static final int INITIAL_SLOTS = 256;
    private static final int INITIAL_KEY_BYTES = 16 * 1024;
    /** Bytes of the per-slot arrays: hash, value, key offset, key length, last seen. */
    private static final int SLOT_BYTES = Long.BYTES + 4 * Integer.BYTES;

    private final int maxIdleScrapes;
    private ExpandableDirectByteBuffer keys = new ExpandableDirectByteBuffer(INITIAL_KEY_BYTES);
    private ExpandableDirectByteBuffer spareKeys = new ExpandableDirectByteBuffer(INITIAL_KEY_BYTES);
    private int keysEnd;
    private long[] hashes = new long[INITIAL_SLOTS];
    private int[] values = new int[INITIAL_SLOTS];
    private int[] keyOffsets = new int[INITIAL_SLOTS];
    /** 0 marks an empty slot: a key always holds at least the length of the metric name. */
    private int[] keyLengths = new int[INITIAL_SLOTS];
    private int[] lastSeen = new int[INITIAL_SLOTS];
    private int size;
    private int scrape;

    /**
     * Creates an empty cache.
     *
     * @param maxIdleScrapes how many scrapes in a row an entry may go unseen before it is evicted; at least 1.
     */
    public SeriesCache(final int maxIdleScrapes)
    {
        if (maxIdleScrapes < 1)
        {
            throw new IllegalArgumentException("maxIdleScrapes must be at least 1: " + maxIdleScrapes);
        }
        this.maxIdleScrapes = maxIdleScrapes;
    }

    /**
     * Looks a raw series up and marks it seen in the current scrape.
     *
     * @param hash   the raw-series hash of the key.
     * @param key    buffer holding the key bytes.
     * @param offset first key byte.
     * @param length number of key bytes, positive.
     * @return the value stored with {@link #put}, or {@link #MISSING}.
     */
    public int get(final long hash, final DirectBuffer key, final int offset, final int length)
    {
        final int mask = hashes.length - 1;
        for (int slot = (int)hash & mask; keyLengths[slot] != 0; slot = (slot + 1) & mask)
        {
            if (hashes[slot] == hash && keyLengths[slot] == length &&
                ByteRanges.equal(keys, keyOffsets[slot], key, offset, length))
            {
                lastSeen[slot] = scrape;
                return values[slot];
            }
        }
        return MISSING;
    }

    /**
     * Stores the value of a raw series that {@link #get} reported missing, marked seen in the current scrape.
     *
     * @param hash   the raw-series hash of the key.
     * @param key    buffer holding the key bytes.
     * @param offset first key byte.
     * @param length number of key bytes, positive.
     * @param value  a series id, {@link #DROPPED}, or a negative value of the caller's.
     */
    public void put(final long hash, final DirectBuffer key, final int offset, final int length, final int value)
    {
        if ((size + 1) * 2 > hashes.length)
        {
            rebuild(hashes.length * 2, false);
        }
        keys.putBytes(keysEnd, key, offset, length);
        insert(hash, keysEnd, length, value, scrape);
        keysEnd += length;
        size++;
    }

    /**
     * Closes the current scrape: evicts the entries not seen in the last {@code maxIdleScrapes} scrapes and starts
     * the next scrape.
     *
     * @return the number of entries evicted.
     */
    public int endScrape()
    {
        int idle = 0;
        for (int slot = 0; slot < keyLengths.length; slot++)
        {
            if (keyLengths[slot] != 0 && isIdle(lastSeen[slot]))
            {
                idle++;
            }
        }
        if (idle > 0)
        {
            rebuild(hashes.length, true);
        }
        scrape++;
        return idle;
    }

    /**
     * Number of entries.
     *
     * @return the count.
     */
    public int size()
    {
        return size;
    }

    /**
     * Memory the cache holds: the slot arrays and the key bytes in use.
     *
     * @return bytes.
     */
    public long bytesUsed()
    {
        return (long)hashes.length * SLOT_BYTES + keysEnd;
    }

    private boolean isIdle(final int seenInScrape)
    {
        return scrape - seenInScrape >= maxIdleScrapes;
    }

    /** Re-inserts every entry into new slot arrays, dropping idle ones if asked, and compacts the keys. */
    private void rebuild(final int slotCount, final boolean evictIdle)
    {
        final long[] oldHashes = hashes;
        final int[] oldValues = values;
        final int[] oldKeyOffsets = keyOffsets;
        final int[] oldKeyLengths = keyLengths;
        final int[] oldLastSeen = lastSeen;
        final ExpandableDirectByteBuffer oldKeys = keys;
        hashes = new long[slotCount];
        values = new int[slotCount];
        keyOffsets = new int[slotCount];
        keyLengths = new int[slotCount];
        lastSeen = new int[slotCount];
        keys = spareKeys;
        spareKeys = oldKeys;
        keysEnd = 0;
        size = 0;
        for (int slot = 0; slot < oldKeyLengths.length; slot++)
        {
            final int length = oldKeyLengths[slot];
            if (length != 0 && !(evictIdle && isIdle(oldLastSeen[slot])))
            {
                keys.putBytes(keysEnd, oldKeys, oldKeyOffsets[slot], length);
                insert(oldHashes[slot], keysEnd, length, oldValues[slot], oldLastSeen[slot]);
                keysEnd += length;
                size++;
            }
        }
    }

    private void insert(final long hash, final int keyOffset, final int keyLength, final int value, final int seen)
    {
        final int mask = hashes.length - 1;
        int slot = (int)hash & mask;
        while (keyLengths[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        values[slot] = value;
        keyOffsets[slot] = keyOffset;
        keyLengths[slot] = keyLength;
        lastSeen[slot] = seen;
    }
}
