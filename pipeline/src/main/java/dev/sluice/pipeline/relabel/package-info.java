/**
 * Prometheus relabeling: {@link dev.sluice.pipeline.relabel.RelabelConfig rules} validated as Prometheus validates
 * them, {@link dev.sluice.pipeline.relabel.RelabelConfigs ordered lists} of rules loaded from YAML, and the
 * {@link dev.sluice.pipeline.relabel.Relabeler engine} that applies them to a reusable
 * {@link dev.sluice.pipeline.relabel.LabelSetBuilder label set}. Regexes are RE2 (re2j), anchored as Prometheus
 * anchors them; replacement templates expand as Go's {@code regexp.Expand}; case mapping follows Go's tables.
 *
 * <p>Rules and rule lists are immutable and may be shared by threads; a {@link
 * dev.sluice.pipeline.relabel.Relabeler} and a {@link dev.sluice.pipeline.relabel.LabelSetBuilder} belong to one
 * thread each.
 */
package dev.sluice.pipeline.relabel;
