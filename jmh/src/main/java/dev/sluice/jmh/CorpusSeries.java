package dev.sluice.jmh;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;

/**
 * Every series of a corpus exposition interned into a {@link SeriesTable}, with the job and instance a scrape adds,
 * as the forwarder finds them: the input of the Remote Write and forwarder benchmarks.
 */
public final class CorpusSeries
{
    private final SeriesTable table = new SeriesTable();
    private final int[] ids;

    /**
     * Interns the series of a Prometheus text corpus input.
     *
     * @param input a {@link BenchmarkInputs} text input name.
     */
    public CorpusSeries(final String input)
    {
        final CorpusLabelSets labelSets =
            CorpusLabelSets.load(BenchmarkInputs.body(ExpositionFormat.PROMETHEUS_TEXT, input));
        final LabelSetBuilder labels = new LabelSetBuilder();
        ids = new int[labelSets.size()];
        for (int i = 0; i < ids.length; i++)
        {
            labelSets.restore(i, labels).set("job", "node").set("instance", "host-1:9100");
            ids[i] = table.intern(labels);
        }
    }

    /**
     * The table holding the series.
     *
     * @return the table.
     */
    public SeriesTable table()
    {
        return table;
    }

    /**
     * Number of samples of the input, one per series.
     *
     * @return the count.
     */
    public int size()
    {
        return ids.length;
    }

    /**
     * The series id of the input's sample {@code index}.
     *
     * @param index the sample's position in the input.
     * @return the id.
     */
    public int id(final int index)
    {
        return ids[index];
    }
}
