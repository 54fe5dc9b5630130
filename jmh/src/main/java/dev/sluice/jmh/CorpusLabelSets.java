package dev.sluice.jmh;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.pipeline.relabel.LabelSetBuilder;

/**
 * The label set of every sample of a text exposition, as {@link LabelSetBuilder#load} makes it from the cursor, kept
 * so that a benchmark can put a builder back into that state before each relabel pass without parsing again.
 */
public final class CorpusLabelSets
{
    private final String[][] names;
    private final String[][] values;

    private CorpusLabelSets(final String[][] names, final String[][] values)
    {
        this.names = names;
        this.values = values;
    }

    /**
     * Reads the label sets of a Prometheus text body.
     *
     * @param body the exposition.
     * @return one label set per sample, in exposition order.
     */
    public static CorpusLabelSets load(final byte[] body)
    {
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT).reset(body, 0, body.length);
        final LabelSetBuilder labels = new LabelSetBuilder();
        final List<String[]> names = new ArrayList<>();
        final List<String[]> values = new ArrayList<>();
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind == EntryKind.SAMPLE)
            {
                labels.load(cursor);
                final String[] sampleNames = new String[labels.size()];
                final String[] sampleValues = new String[labels.size()];
                for (int i = 0; i < labels.size(); i++)
                {
                    sampleNames[i] = labels.name(i);
                    sampleValues[i] = labels.value(i);
                }
                names.add(sampleNames);
                values.add(sampleValues);
            }
        }
        return new CorpusLabelSets(names.toArray(new String[0][]), values.toArray(new String[0][]));
    }

    /**
     * Number of label sets.
     *
     * @return the samples of the exposition.
     */
    public int size()
    {
        return names.length;
    }

    /**
     * Puts a builder into the state {@link LabelSetBuilder#load} left it in for one sample: the labels, all unchanged.
     *
     * @param index the sample, below {@link #size()}.
     * @param into  the builder, cleared first.
     * @return {@code into}.
     */
    public LabelSetBuilder restore(final int index, final LabelSetBuilder into)
    {
        into.clear();
        final String[] sampleNames = names[index];
        final String[] sampleValues = values[index];
        for (int i = 0; i < sampleNames.length; i++)
        {
            into.set(sampleNames[i], sampleValues[i]);
        }
        return into.markUnchanged();
    }
}
