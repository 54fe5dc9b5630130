package dev.sluice.fuzz;

import java.util.List;

/**
 * An exemplar as a reader sees it.
 *
 * @param labels       its labels, in order.
 * @param valueBits    raw IEEE-754 bits of its value (NaN canonical, as parsers give it).
 * @param hasTimestamp whether it has a timestamp.
 * @param timestampMs  the timestamp in milliseconds, 0 when there is none.
 */
record Exemplar(List<Label> labels, long valueBits, boolean hasTimestamp, long timestampMs)
{
}
