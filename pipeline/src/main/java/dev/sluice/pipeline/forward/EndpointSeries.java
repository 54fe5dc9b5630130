package dev.sluice.pipeline.forward;

import java.util.Arrays;

import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.Relabeler;
import dev.sluice.pipeline.series.SeriesLabelCursor;
import dev.sluice.pipeline.series.SeriesTable;
import org.agrona.DirectBuffer;

/**
 * One worker's series as one endpoint sends them, after {@link WriteRelabeling}: per series id of the worker's
 * table, whether the endpoint drops the series or the id of its relabeled label set in a table of the endpoint's
 * own. The relabeling runs on the first sample of a series (which may allocate) and is looked up for every later
 * one (which does not). Worker thread only.
 */
final class EndpointSeries
{
    private static final int INITIAL_SERIES = 1024;
    /** An answer not known yet; kept series are stored as their endpoint id + 1. */
    private static final int UNSEEN = 0;
    private static final int DROPPED = -1;

    private final WriteRelabeling relabeling;
    private final SeriesTable table = new SeriesTable();
    private final LabelSetBuilder labels = new LabelSetBuilder();
    private final Relabeler relabeler = new Relabeler();
    private final SeriesLabelCursor cursor = new SeriesLabelCursor();
    private int[] answers = new int[INITIAL_SERIES];
    private long relabelPasses;

    EndpointSeries(final WriteRelabeling relabeling)
    {
        this.relabeling = relabeling;
    }

    /**
     * The endpoint's id of a worker series, relabeling the series on first sight.
     *
     * @param seriesId     the id in the worker's table.
     * @param series       the worker table's buffer.
     * @param recordOffset the series record's index in it.
     * @return the id in {@link #buffer()}'s table, or -1 when the endpoint drops the series.
     */
    int resolve(final int seriesId, final DirectBuffer series, final int recordOffset)
    {
        if (seriesId >= answers.length)
        {
            answers = Arrays.copyOf(answers, Math.max(seriesId + 1, answers.length * 2));
        }
        final int answer = answers[seriesId];
        if (answer != UNSEEN)
        {
            return answer == DROPPED ? -1 : answer - 1;
        }
        relabelPasses++;
        labels.clear();
        for (cursor.wrap(series, recordOffset); cursor.next(); )
        {
            labels.set(series.getStringWithoutLengthUtf8(cursor.nameOffset(), cursor.nameLength()),
                series.getStringWithoutLengthUtf8(cursor.valueOffset(), cursor.valueLength()));
        }
        if (!relabeling.apply(labels, relabeler))
        {
            answers[seriesId] = DROPPED;
            return -1;
        }
        final int id = table.intern(labels);
        answers[seriesId] = id + 1;
        return id;
    }

    /**
     * The buffer of the endpoint's table; read it again after {@link #resolve}, which may grow it.
     *
     * @return the buffer.
     */
    DirectBuffer buffer()
    {
        return table.buffer();
    }

    /**
     * Index in {@link #buffer()} of the record of an endpoint series.
     *
     * @param id an id {@link #resolve} returned.
     * @return the index.
     */
    int recordOffset(final int id)
    {
        return table.recordOffset(id);
    }

    /**
     * The endpoint's table of relabeled series.
     *
     * @return the table.
     */
    SeriesTable table()
    {
        return table;
    }

    /**
     * How many times the relabeling ran: once per worker series seen, however many samples it had.
     *
     * @return the count.
     */
    long relabelPasses()
    {
        return relabelPasses;
    }
}
