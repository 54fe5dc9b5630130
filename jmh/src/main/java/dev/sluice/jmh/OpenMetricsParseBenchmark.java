package dev.sluice.jmh;

import org.openjdk.jmh.annotations.Param;

import dev.sluice.parser.ExpositionFormat;

/**
 * OpenMetrics 1.0 with the strict {@code OpenMetricsCursor}, exemplars and created timestamps included.
 * Prometheus' {@code alltypes.5mfs.om.txt} is not an input: it breaks OpenMetrics 1.0 (a {@code _sum} beside
 * negative buckets, negative summary quantiles and sums), so the strict cursor rejects it.
 */
public class OpenMetricsParseBenchmark extends CursorParseBenchmark
{
    /** Which input. */
    @Param({"1histogram", BenchmarkInputs.SYNTHETIC})
    public String input;

    /** Creates the benchmark state. */
    public OpenMetricsParseBenchmark()
    {
        super(ExpositionFormat.OPENMETRICS);
    }

    @Override
    protected String input()
    {
        return input;
    }
}
