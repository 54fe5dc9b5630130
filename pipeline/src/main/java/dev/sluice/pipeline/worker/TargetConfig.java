package dev.sluice.pipeline.worker;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import dev.sluice.pipeline.relabel.RelabelConfigs;

/**
 * What a relabel worker needs to know about one target: its labels, the metric relabel rules, the limits, and how
 * long an unseen series stays cached.
 *
 * @param targetId             the id the scraper writes in every record of the target.
 * @param targetLabels         the target's labels after target relabeling ({@code job}, {@code instance}, ...),
 *                             added to every sample and to the report series.
 * @param honorLabels          {@code honor_labels}: on a clash the scraped label wins; otherwise the target label
 *                             wins and the scraped one is kept as {@code exported_<name>}.
 * @param honorTimestamps      {@code honor_timestamps}: a sample keeps the timestamp the target wrote; when false,
 *                             every sample takes the scrape time, as Prometheus does.
 * @param metricRelabelConfigs {@code metric_relabel_configs}, run once per new series.
 * @param limits               the scrape limits.
 * @param seriesIdleScrapes    scrapes a series may be missing before its cache entry is evicted; at least 1.
 */
public record TargetConfig(
    long targetId,
    Map<String, String> targetLabels,
    boolean honorLabels,
    boolean honorTimestamps,
    RelabelConfigs metricRelabelConfigs,
    ScrapeLimits limits,
    int seriesIdleScrapes)
{
    /**
     * Copies the target labels, sorted by name, so the config is immutable.
     *
     * @param targetId             the target id.
     * @param targetLabels         the target labels.
     * @param honorLabels          whether scraped labels win.
     * @param honorTimestamps      whether scraped timestamps are kept.
     * @param metricRelabelConfigs the rules.
     * @param limits               the limits.
     * @param seriesIdleScrapes    the eviction age.
     */
    public TargetConfig
    {
        targetLabels = Collections.unmodifiableMap(new TreeMap<>(targetLabels));
        if (seriesIdleScrapes < 1)
        {
            throw new IllegalArgumentException("seriesIdleScrapes must be at least 1: " + seriesIdleScrapes);
        }
    }
}
