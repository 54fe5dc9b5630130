package dev.sluice.pipeline.forward;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sluice.pipeline.record.SampleDescriptor;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.pipeline.worker.SampleSink;

/**
 * Records what a relabel worker committed in the shape {@link TsdbReadBack} reads a database back in, so a
 * forwarding test can ask a database for exactly what Sluice sent. Stale markers are counted, not listed, since
 * databases do not return them as samples.
 */
final class CommittedSamples implements SampleSink
{
    private final SeriesTable seriesTable;
    private final LabelSetBuilder labels = new LabelSetBuilder();
    private final Map<String, List<String>> samples = new TreeMap<>();
    private final Map<String, Integer> staleMarkers = new TreeMap<>();

    CommittedSamples(final SeriesTable seriesTable)
    {
        this.seriesTable = seriesTable;
    }

    @Override
    public void beginCommit(final long targetId, final long scrapeId, final int outcome)
    {
    }

    @Override
    public void sample(final int seriesId, final long timestampMs, final long valueBits)
    {
        final String series = seriesTable.load(seriesId, labels).toString();
        if (valueBits == SampleDescriptor.STALE_NAN_BITS)
        {
            staleMarkers.merge(series, 1, Integer::sum);
            return;
        }
        samples.computeIfAbsent(series, k -> new ArrayList<>())
            .add(timestampMs + " " + Double.longBitsToDouble(valueBits));
    }

    @Override
    public void endCommit(final long targetId, final long scrapeId, final int outcome)
    {
    }

    Map<String, List<String>> samples()
    {
        return samples;
    }

    Map<String, Integer> staleMarkers()
    {
        return staleMarkers;
    }

    int sampleCount()
    {
        return samples.values().stream().mapToInt(List::size).sum();
    }
}
