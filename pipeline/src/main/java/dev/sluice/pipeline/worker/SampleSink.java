package dev.sluice.pipeline.worker;

/**
 * Receives what a relabel worker commits, one scrape at a time: {@link #beginCommit}, the samples, then
 * {@link #endCommit}. Between the two come all kept samples of a committed scrape, or none of a failed one; then the
 * staleness markers of series that disappeared and the report series ({@code up}, {@code scrape_*}). Labels of a
 * series id are read from the worker's {@link dev.sluice.pipeline.series.SeriesTable}.
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
