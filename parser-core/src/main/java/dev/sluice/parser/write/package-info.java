/**
 * Allocation-free writers of the Prometheus text and OpenMetrics exposition formats: for a process's own
 * metrics (type, help, unit, then samples label by label) and for re-exposing what a {@link
 * dev.sluice.parser.MetricCursor} reads ({@code copyEntry}).
 */
package dev.sluice.parser.write;
