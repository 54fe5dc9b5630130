package dev.sluice.pipeline.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sluice.pipeline.relabel.LabelSetBuilder;
import org.junit.jupiter.api.Test;

class SeriesTableTest
{
    private final SeriesTable table = new SeriesTable();

    private static LabelSetBuilder labels(final String... pairs)
    {
        final LabelSetBuilder builder = new LabelSetBuilder();
        for (int i = 0; i < pairs.length; i += 2)
        {
            builder.set(pairs[i], pairs[i + 1]);
        }
        return builder;
    }

    @Test
    void sameLabelSetGetsTheSameIdWhateverTheOrderItWasBuiltIn()
    {
        final int first = table.intern(labels("__name__", "up", "job", "node", "instance", "a:9100"));
        final int again = table.intern(labels("instance", "a:9100", "__name__", "up", "job", "node"));
        final int other = table.intern(labels("__name__", "up", "job", "node", "instance", "b:9100"));

        assertEquals(first, again);
        assertNotEquals(first, other);
        assertEquals(2, table.size());
        assertEquals(3, table.labelCount(first));
    }

    @Test
    void loadGivesBackTheLabelsInUtf8()
    {
        final int id = table.intern(labels("__name__", "temp_\u00b0c", "room", "k\u00fcche \ud83d\ude00"));

        assertEquals("{__name__=\"temp_\u00b0c\", room=\"k\u00fcche \ud83d\ude00\"}",
            table.load(id, new LabelSetBuilder()).toString());
    }

    @Test
    void idsStayStableAcrossGrowth()
    {
        final int series = 5_000;
        for (int i = 0; i < series; i++)
        {
            assertEquals(i, table.intern(labels("__name__", "m", "i", Integer.toString(i))));
        }
        for (int i = series - 1; i >= 0; i--)
        {
            assertEquals(i, table.intern(labels("__name__", "m", "i", Integer.toString(i))));
        }
        assertEquals("{__name__=\"m\", i=\"4321\"}", table.load(4321, new LabelSetBuilder()).toString());
        assertEquals(series, table.size());
    }
}
