package dev.sluice.jmh;

import org.openjdk.jmh.annotations.Param;

import dev.sluice.parser.ExpositionFormat;

/** Prometheus text 0.0.4 with {@code PrometheusTextCursor}, on real dumps and the synthetic exposition. */
public class TextParseBenchmark extends CursorParseBenchmark
{
    /** Which input. */
    @Param({"alltypes.237mfs", "node_exporter", "ksm", "cadvisor", BenchmarkInputs.SYNTHETIC})
    public String input;

    /** Creates the benchmark state. */
    public TextParseBenchmark()
    {
        super(ExpositionFormat.PROMETHEUS_TEXT);
    }

    @Override
    protected String input()
    {
        return input;
    }
}
