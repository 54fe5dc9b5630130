package dev.sluice.pipeline.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class SeriesCacheTest
{
    private final SeriesCache cache = new SeriesCache(2);

    private static UnsafeBuffer key(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    private int get(final long hash, final String text)
    {
        final UnsafeBuffer key = key(text);
        return cache.get(hash, key, 0, key.capacity());
    }

    private void put(final long hash, final String text, final int value)
    {
        final UnsafeBuffer key = key(text);
        cache.put(hash, key, 0, key.capacity(), value);
    }

    @Test
    void missThenHit()
    {
        assertEquals(SeriesCache.MISSING, get(11, "up{job=\"a\"}"));
        put(11, "up{job=\"a\"}", 42);
        put(12, "down", SeriesCache.DROPPED);

        assertEquals(42, get(11, "up{job=\"a\"}"));
        assertEquals(SeriesCache.DROPPED, get(12, "down"));
        assertEquals(2, cache.size());
    }

    @Test
    void collidingHashesKeepTheirOwnValues()
    {
        put(7, "first_series", 1);
        put(7, "second_series", 2);
        put(7, "first_serieZ", 3);

        assertEquals(1, get(7, "first_series"));
        assertEquals(2, get(7, "second_series"));
        assertEquals(3, get(7, "first_serieZ"));
        assertEquals(SeriesCache.MISSING, get(7, "third_series"));
    }

    @Test
    void entriesUnseenForTheIdleLimitAreEvictedAndTheRestKept()
    {
        put(1, "kept", 10);
        put(2, "gone", 20);
        assertEquals(0, cache.endScrape());

        assertEquals(10, get(1, "kept"));
        assertEquals(0, cache.endScrape());

        assertEquals(10, get(1, "kept"));
        assertEquals(1, cache.endScrape());

        assertEquals(SeriesCache.MISSING, get(2, "gone"));
        assertEquals(10, get(1, "kept"));
        assertEquals(1, cache.size());
    }

    @Test
    void growthAndCompactionKeepEveryValue()
    {
        final int entries = 10_000;
        for (int i = 0; i < entries; i++)
        {
            put(i * 31L, "series_" + i, i);
        }
        assertEquals(0, cache.endScrape());
        for (int i = 0; i < entries; i += 2)
        {
            assertEquals(i, get(i * 31L, "series_" + i));
        }
        assertEquals(0, cache.endScrape());
        for (int i = 0; i < entries; i += 2)
        {
            assertEquals(i, get(i * 31L, "series_" + i));
        }
        assertEquals(entries / 2, cache.endScrape());
        for (int i = 0; i < entries; i++)
        {
            assertEquals(i % 2 == 0 ? i : SeriesCache.MISSING, get(i * 31L, "series_" + i));
        }
    }

    @Test
    void rejectsAnIdleLimitBelowOne()
    {
        assertThrows(IllegalArgumentException.class, () -> new SeriesCache(0));
    }
}
