package dev.sluice.fuzz;

import java.util.List;

import dev.sluice.parser.MetricType;

/**
 * A generated metric family that obeys every OpenMetrics rule the cursor checks (suffixes per type, bucket order
 * and counts, value ranges, exemplar placement and size, one timestamp choice per metric), so that both text
 * formats must read it back.
 *
 * @param name      family name.
 * @param type      family type.
 * @param typeLine  whether a TYPE line is written (always, except for some untyped families).
 * @param help      HELP text, null for none.
 * @param unit      UNIT text (OpenMetrics only, the family name ends with it), null for none.
 * @param samples   the samples, metric after metric.
 */
record GeneratedFamily(
    String name,
    MetricType type,
    boolean typeLine,
    String help,
    String unit,
    List<GeneratedSample> samples)
{
}
