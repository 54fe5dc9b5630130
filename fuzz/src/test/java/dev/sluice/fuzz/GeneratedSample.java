package dev.sluice.fuzz;

import java.util.List;

/**
 * One sample of a generated family, as handed to a writer.
 *
 * @param suffix       what follows the family name in the series name ({@code _total}, {@code _bucket}, or empty).
 * @param labels       labels in writing order; an {@code le} or {@code quantile} value is written as given.
 * @param value        the value.
 * @param hasTimestamp whether the sample has a timestamp.
 * @param timestampMs  the timestamp in milliseconds.
 * @param exemplar     the exemplar (OpenMetrics only), null when none; its value as raw bits.
 */
record GeneratedSample(
    String suffix,
    List<Label> labels,
    double value,
    boolean hasTimestamp,
    long timestampMs,
    Exemplar exemplar)
{
}
