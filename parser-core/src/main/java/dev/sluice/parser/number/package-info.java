/**
 * Exact, allocation-free conversion between decimal text and IEEE-754 doubles: {@link
 * dev.sluice.parser.number.DecimalParser} reads sample values the way Go's {@code strconv.ParseFloat} does (the
 * parser Prometheus uses), and {@link dev.sluice.parser.number.FloatFormatter} writes them the way Go's
 * {@code strconv.FormatFloat(v, 'g', -1, 64)} does, so that Sluice reads and writes the same bytes as Prometheus.
 */
package dev.sluice.parser.number;
