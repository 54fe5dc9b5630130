package dev.sluice.pipeline.worker;

import dev.sluice.pipeline.record.MetadataFlyweight;
import org.agrona.DirectBuffer;

/**
 * Receives what a relabel worker commits, one scrape at a time: {@link #beginCommit}, the samples, then
 * {@link #endCommit}. Between the two come all kept samples of a committed scrape, then all its kept native
 * histograms ({@link #histogram}), or none of either of a failed one; a sample or histogram with exemplars to send
 * comes through {@link #sampleWithExemplars} or {@link #histogramWithExemplars} instead; then the staleness markers
 * of series that disappeared (float samples, histogram series included) and the report series ({@code up},
 * {@code scrape_*}). Family metadata ({@link #metadata}) comes when the worker reads it. Labels of a series id are read from the worker's {@link dev.sluice.pipeline.series.SeriesTable}.
 *
 * <p>Called on the worker thread; an implementation must not block for long and must not keep the calls' order
 * across scrapes of different targets. Plug a forwarder, a test recorder or an embedding application's own store.
 */
public interface SampleSink
{
    /**
     * A scrape's commit starts.
     *
     * @param targetId the target.
     * @param scrapeId the scrape.
     * @param outcome  one of {@link CommitOutcome}.
     */
    void beginCommit(long targetId, long scrapeId, int outcome);

    /**
     * One sample of the scrape being committed.
     *
     * @param seriesId    the relabeled series, an id of the worker's series table.
     * @param timestampMs milliseconds since the epoch.
     * @param valueBits   the raw bits of the value; the staleness marker is
     *                    {@link dev.sluice.pipeline.record.SampleDescriptor#STALE_NAN_BITS}.
     */
    void sample(int seriesId, long timestampMs, long valueBits);

    /**
     * One sample of the scrape being committed with the exemplars to send with it, in place of {@link #sample}. The
     * default ignores the exemplars, so that a sink without a use for them need not know of them.
     *
     * @param seriesId        the relabeled series.
     * @param timestampMs     milliseconds since the epoch.
     * @param valueBits       the raw bits of the value.
     * @param exemplars       the buffer holding the exemplar block, laid out as
     *                        {@link dev.sluice.pipeline.record.ExemplarDescriptor} says (every entry not skipped has a
     *                        timestamp); read it with a {@link dev.sluice.pipeline.record.ExemplarFlyweight}, during
     *                        the call only.
     * @param exemplarsOffset the block's start.
     * @param exemplarsLength the block's length.
     */
    default void sampleWithExemplars(
        final int seriesId,
        final long timestampMs,
        final long valueBits,
        final DirectBuffer exemplars,
        final int exemplarsOffset,
        final int exemplarsLength)
    {
        sample(seriesId, timestampMs, valueBits);
    }

    /**
     * One native histogram of the scrape being committed, after all of the scrape's float samples (the exposition's
     * order between samples and histograms is not kept). The default ignores it, so that a sink that stores floats
     * only need not know of histograms; such a sink still receives the float staleness marker of a histogram
     * series that disappears.
     *
     * @param seriesId    the relabeled series, an id of the worker's series table.
     * @param timestampMs milliseconds since the epoch.
     * @param payload     the buffer holding the histogram, laid out as
     *                    {@link dev.sluice.pipeline.record.HistogramPayload} says; valid only during the call.
     * @param offset      the payload's start.
     * @param length      the payload's length.
     */
    default void histogram(
        final int seriesId, final long timestampMs, final DirectBuffer payload, final int offset, final int length)
    {
    }

    /**
     * One native histogram of the scrape being committed with the exemplars to send with it, in place of
     * {@link #histogram}. The default ignores the exemplars.
     *
     * @param seriesId        the relabeled series.
     * @param timestampMs     milliseconds since the epoch.
     * @param payload         the buffer holding the histogram, as in {@link #histogram}.
     * @param offset          the payload's start.
     * @param length          the payload's length.
     * @param exemplars       the buffer holding the exemplar block, as in {@link #sampleWithExemplars}.
     * @param exemplarsOffset the block's start.
     * @param exemplarsLength the block's length.
     */
    default void histogramWithExemplars(
        final int seriesId,
        final long timestampMs,
        final DirectBuffer payload,
        final int offset,
        final int length,
        final DirectBuffer exemplars,
        final int exemplarsOffset,
        final int exemplarsLength)
    {
        histogram(seriesId, timestampMs, payload, offset, length);
    }

    /**
     * The scrape's commit is complete.
     *
     * @param targetId the target.
     * @param scrapeId the scrape.
     * @param outcome  the outcome given to {@link #beginCommit}.
     */
    void endCommit(long targetId, long scrapeId, int outcome);

    /**
     * The metadata of a metric family of a target changed (or is seen for the first time): its type, help and unit.
     * Comes when the worker reads it, between commits or inside one, not as part of a scrape's commit. The default
     * ignores it.
     *
     * @param family the record, valid only during the call.
     */
    default void metadata(final MetadataFlyweight family)
    {
    }

    /**
     * Called on every duty cycle of the worker, between records: a sink that holds samples back (a forwarder filling
     * batches) hands on what has waited long enough. Must not block.
     *
     * @param nowNs {@link System#nanoTime()} of this duty cycle.
     * @return the work done, 0 when nothing was due.
     */
    default int flushDue(long nowNs)
    {
        return 0;
    }
}
