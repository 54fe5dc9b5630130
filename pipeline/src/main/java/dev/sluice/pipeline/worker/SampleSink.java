package dev.sluice.pipeline.worker;

import org.agrona.DirectBuffer;

/**
 * Receives what a relabel worker commits, one scrape at a time: {@link #beginCommit}, the samples, then
 * {@link #endCommit}. Between the two come all kept samples of a committed scrape, then all its kept native
 * histograms ({@link #histogram}), or none of either of a failed one; then the staleness markers of series that
 * disappeared (float samples, histogram series included) and the report series ({@code up}, {@code scrape_*}).
 * Labels of a series id are read from the worker's {@link dev.sluice.pipeline.series.SeriesTable}.
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
     * The scrape's commit is complete.
     *
     * @param targetId the target.
     * @param scrapeId the scrape.
     * @param outcome  the outcome given to {@link #beginCommit}.
     */
    void endCommit(long targetId, long scrapeId, int outcome);

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
