package dev.sluice.pipeline.forward;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sluice.pipeline.record.ExemplarFlyweight;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.pipeline.worker.SampleSink;
import org.agrona.DirectBuffer;

/**
 * Records the exemplars a relabel worker committed, by series, each as {@link #exemplar} writes it, so that a test
 * compares them with what a receiver or database holds.
 */
final class CommittedExemplars implements SampleSink
{
    private final SeriesTable seriesTable;
    private final LabelSetBuilder labels = new LabelSetBuilder();
    private final ExemplarFlyweight exemplars = new ExemplarFlyweight();
    private final Map<String, List<String>> bySeries = new TreeMap<>();

    CommittedExemplars(final SeriesTable seriesTable)
    {
        this.seriesTable = seriesTable;
    }

    /**
     * The form every test compares exemplars in.
     *
     * @param labels      the exemplar's labels, sorted by name.
     * @param value       its value.
     * @param timestampMs its timestamp.
     * @return {@code {name="value", ...} value @timestampMs}.
     */
    static String exemplar(final Map<String, String> labels, final double value, final long timestampMs)
    {
        final StringBuilder text = new StringBuilder("{");
        labels.forEach((name, labelValue) -> text.append(text.length() > 1 ? ", " : "").append(name).append("=\"")
            .append(labelValue).append('"'));
        return text.append("} ").append(value).append(" @").append(timestampMs).toString();
    }

    @Override
    public void beginCommit(final long targetId, final long scrapeId, final int outcome)
    {
    }

    @Override
    public void sample(final int seriesId, final long timestampMs, final long valueBits)
    {
    }

    @Override
    public void sampleWithExemplars(
        final int seriesId,
        final long timestampMs,
        final long valueBits,
        final DirectBuffer block,
        final int offset,
        final int length)
    {
        record(seriesId, block, offset, length);
    }

    @Override
    public void histogramWithExemplars(
        final int seriesId,
        final long timestampMs,
        final DirectBuffer payload,
        final int offset,
        final int length,
        final DirectBuffer block,
        final int exemplarsOffset,
        final int exemplarsLength)
    {
        record(seriesId, block, exemplarsOffset, exemplarsLength);
    }

    private void record(final int seriesId, final DirectBuffer block, final int offset, final int length)
    {
        final List<String> list = bySeries.computeIfAbsent(seriesTable.load(seriesId, labels).toString(),
            k -> new ArrayList<>());
        exemplars.wrap(block, offset, length);
        while (exemplars.next())
        {
            final Map<String, String> exemplarLabels = new TreeMap<>();
            while (exemplars.nextLabel())
            {
                exemplarLabels.put(block.getStringWithoutLengthUtf8(exemplars.nameOffset(), exemplars.nameLength()),
                    block.getStringWithoutLengthUtf8(exemplars.valueOffset(), exemplars.valueLength()));
            }
            list.add(exemplar(exemplarLabels, Double.longBitsToDouble(exemplars.valueBits()), exemplars.timestampMs()));
        }
    }

    @Override
    public void endCommit(final long targetId, final long scrapeId, final int outcome)
    {
    }

    Map<String, List<String>> bySeries()
    {
        return bySeries;
    }

    long count()
    {
        return bySeries.values().stream().mapToLong(List::size).sum();
    }
}
