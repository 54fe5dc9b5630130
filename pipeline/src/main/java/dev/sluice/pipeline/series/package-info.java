/**
 * Series identity after relabeling: the per-target {@link dev.sluice.pipeline.series.SeriesCache} from raw series to
 * relabeled series id (or dropped), so relabel rules run once per new series, and the off-heap
 * {@link dev.sluice.pipeline.series.SeriesTable} that stores each relabeled label set once under a stable id. Both
 * belong to one worker thread.
 */
package dev.sluice.pipeline.series;
