package dev.sluice.pipeline.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LabelSetBuilderTest
{
    @Test
    void keepsLabelsSortedInUtf8ByteOrder()
    {
        // UTF-16 puts the surrogate pair of U+1F600 before U+FFFD; UTF-8, and so Prometheus, puts it after.
        final LabelSetBuilder labels = new LabelSetBuilder()
            .set("\uD83D\uDE00", "1").set("\uFFFD", "2").set("b", "3").set("B", "4").set("__name__", "m");
        assertEquals("{B=\"4\", __name__=\"m\", b=\"3\", \"\uFFFD\"=\"2\", \"\uD83D\uDE00\"=\"1\"}",
            labels.toString());
    }

    @Test
    void anEmptyValueDeletesAndAMissingLabelReadsEmpty()
    {
        final LabelSetBuilder labels = new LabelSetBuilder().set("a", "1").set("b", "2");
        labels.set("a", "");
        assertEquals("", labels.get("a"));
        assertEquals("2", labels.get("b"));
        assertEquals(1, labels.size());
        labels.delete("missing").delete("b");
        assertEquals("{}", labels.toString());
    }

    @Test
    void visitsUnchangedLabelsByNameThenSetLabelsByFirstSet()
    {
        final LabelSetBuilder labels = new LabelSetBuilder();
        for (int i = 0; i < 40; i++)
        {
            labels.set("n" + (char)('A' + i), "v");
        }
        labels.markUnchanged().set("z", "1").set("nB", "2").set("c", "3").set("z", "4").delete("c").set("c", "5");
        final String[] names = new String[labels.size()];
        final String[] values = new String[labels.size()];
        assertEquals(42, labels.copyInVisitOrder(names, values));
        assertEquals("nA", names[0]);
        assertEquals("nC", names[1]);
        assertEquals("z", names[39]);
        assertEquals("4", values[39]);
        assertEquals("nB", names[40]);
        assertEquals("c", names[41]);
        assertEquals("5", values[41]);
    }

    @Test
    void clearEmptiesForReuse()
    {
        final LabelSetBuilder labels = LabelSets.parse("{a=\"1\", b=\"x\\ny\"}");
        assertEquals("{a=\"1\", b=\"x\\ny\"}", labels.toString());
        assertEquals(0, labels.clear().size());
        assertEquals("{c=\"2\"}", labels.set("c", "2").toString());
    }
}
