/**
 * The relabel worker: an Agrona agent that drains a ring buffer of scrape records, resolves each sample's series
 * through the target's series cache (relabeling new series once), applies the scrape limits, and commits every
 * scrape to a {@link dev.sluice.pipeline.worker.SampleSink} whole or not at all, with staleness markers and the
 * Prometheus report series.
 */
package dev.sluice.pipeline.worker;
