package dev.sluice.jmh;

import org.openjdk.jmh.annotations.Param;

import dev.sluice.parser.ExpositionFormat;

/**
 * Protobuf exposition (delimited {@code MetricFamily} messages) with the cursor of {@code sluice-protobuf-codec};
 * a native histogram is copied out of the cursor into a view and its spans and listed counts read, as the pipeline's
 * record writer does.
 */
public class ProtobufParseBenchmark extends CursorParseBenchmark
{
    /** Which input. */
    @Param({"ksm-protobuf", "prometheus-2016", "native-histograms", "synthetic-protobuf",
        "synthetic-native"})
    public String input;

    /** Creates the benchmark state. */
    public ProtobufParseBenchmark()
    {
        super(ExpositionFormat.PROTOBUF);
    }

    @Override
    protected String input()
    {
        return input;
    }
}
