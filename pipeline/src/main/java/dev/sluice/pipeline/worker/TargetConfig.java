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
 * @param trackTimestampsStaleness {@code track_timestamps_staleness}: a series whose samples carry their own
 *                             timestamp gets a staleness marker when it disappears; by default (false) only series
 *                             stamped with the scrape time do, as in Prometheus.
 * @param metricRelabelConfigs {@code metric_relabel_configs}, run once per new series.
 * @param limits               the scrape limits.
 * @param extraScrapeMetrics   whether the extra report series are written, and the timeout they report.
 * @param seriesIdleScrapes    scrapes a series may be missing before its cache entry is evicted; at least 1.
 * @param typeAndUnitLabels    {@code enable_type_and_unit_labels}: the scraper adds {@code __type__} and
 *                             {@code __unit__} to every series of a family with a known type or a unit.
 */
public record TargetConfig(
    long targetId,
    Map<String, String> targetLabels,
    boolean honorLabels,
    boolean honorTimestamps,
    boolean trackTimestampsStaleness,
    RelabelConfigs metricRelabelConfigs,
    ScrapeLimits limits,
    ExtraScrapeMetrics extraScrapeMetrics,
    int seriesIdleScrapes,
    boolean typeAndUnitLabels)
{
    /**
     * Copies the target labels, sorted by name, so the config is immutable.
     *
     * @param targetId             the target id.
     * @param targetLabels         the target labels.
     * @param honorLabels          whether scraped labels win.
     * @param honorTimestamps      whether scraped timestamps are kept.
     * @param trackTimestampsStaleness whether series with their own timestamps go stale.
     * @param metricRelabelConfigs the rules.
     * @param limits               the limits.
     * @param extraScrapeMetrics   the extra report series.
     * @param seriesIdleScrapes    the eviction age.
     * @param typeAndUnitLabels    whether type and unit labels are added.
     */
    public TargetConfig
    {
        targetLabels = Collections.unmodifiableMap(new TreeMap<>(targetLabels));
        if (seriesIdleScrapes < 1)
        {
            throw new IllegalArgumentException("seriesIdleScrapes must be at least 1: " + seriesIdleScrapes);
        }
    }

    /**
     * A config without type and unit labels.
     *
     * @param targetId             the target id.
     * @param targetLabels         the target labels.
     * @param honorLabels          whether scraped labels win.
     * @param honorTimestamps      whether scraped timestamps are kept.
     * @param trackTimestampsStaleness whether series with their own timestamps go stale.
     * @param metricRelabelConfigs the rules.
     * @param limits               the limits.
     * @param extraScrapeMetrics   the extra report series.
     * @param seriesIdleScrapes    the eviction age.
     */
    public TargetConfig(
        final long targetId,
        final Map<String, String> targetLabels,
        final boolean honorLabels,
        final boolean honorTimestamps,
        final boolean trackTimestampsStaleness,
        final RelabelConfigs metricRelabelConfigs,
        final ScrapeLimits limits,
        final ExtraScrapeMetrics extraScrapeMetrics,
        final int seriesIdleScrapes)
    {
        this(targetId, targetLabels, honorLabels, honorTimestamps, trackTimestampsStaleness, metricRelabelConfigs,
            limits, extraScrapeMetrics, seriesIdleScrapes, false);
    }

    /**
     * This config with {@code enable_type_and_unit_labels} set.
     *
     * @param enabled whether type and unit labels are added.
     * @return a copy with the flag.
     */
    public TargetConfig withTypeAndUnitLabels(final boolean enabled)
    {
        return new TargetConfig(targetId, targetLabels, honorLabels, honorTimestamps, trackTimestampsStaleness,
            metricRelabelConfigs, limits, extraScrapeMetrics, seriesIdleScrapes, enabled);
    }
}
