package dev.sluice.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.sluice.parser.ExpositionFormat;

/**
 * The benchmark inputs by {@code @Param} name: corpus files copied under {@code resources/corpus/} (each folder
 * keeps its upstream README, LICENSE and NOTICE), the {@link SyntheticExposition} and the {@link
 * SyntheticNativeHistograms}.
 */
public final class BenchmarkInputs
{
    /** {@code @Param} name of the generated exposition, in either format. */
    public static final String SYNTHETIC = "synthetic";
    /** {@code @Param} name of the protobuf rendering of the generated exposition. */
    public static final String SYNTHETIC_PROTOBUF = "synthetic-protobuf";
    /** {@code @Param} name of the generated native-histogram exposition (protobuf). */
    public static final String SYNTHETIC_NATIVE = "synthetic-native";

    private static final String TEXTPARSE = "prometheus-textparse/textparse-testdata/";

    private static volatile SyntheticExposition synthetic;

    private BenchmarkInputs()
    {
    }

    /**
     * Resource path of a Prometheus text input below {@code corpus/}.
     *
     * @param name the {@code @Param} name.
     * @return the path.
     */
    public static String textResource(final String name)
    {
        switch (name)
        {
            case "alltypes.237mfs":
                return TEXTPARSE + "alltypes.237mfs.prom.txt";
            case "node_exporter":
                return "real-world/node_exporter/e2e-output.txt";
            case "ksm":
                return "real-world/dd-agent/ksm.txt";
            case "cadvisor":
                return "real-world/cadvisor/prometheus_metrics";
            default:
                throw new IllegalArgumentException("no text input " + name);
        }
    }

    /**
     * Resource path of an OpenMetrics input below {@code corpus/}.
     *
     * @param name the {@code @Param} name.
     * @return the path.
     */
    public static String openMetricsResource(final String name)
    {
        switch (name)
        {
            case "1histogram":
                return TEXTPARSE + "1histogram.om.txt";
            default:
                throw new IllegalArgumentException("no OpenMetrics input " + name);
        }
    }

    /**
     * Resource path of a protobuf input below {@code corpus/}.
     *
     * @param name the {@code @Param} name.
     * @return the path.
     */
    public static String protobufResource(final String name)
    {
        switch (name)
        {
            case "ksm-protobuf":
                return "real-world/dd-agent/protobuf.bin";
            case "prometheus-2016":
                return "prometheus-common-expfmt/testdata/protobuf";
            case "native-histograms":
                return "generated/protobuf-exposition/all-families.bin";
            default:
                throw new IllegalArgumentException("no protobuf input " + name);
        }
    }

    /**
     * The body of a benchmark input.
     *
     * @param format the format of the input.
     * @param name   the {@code @Param} name.
     * @return the bytes, shared between callers: do not modify.
     */
    public static byte[] body(final ExpositionFormat format, final String name)
    {
        if (SYNTHETIC.equals(name))
        {
            return format == ExpositionFormat.OPENMETRICS ? synthetic().openMetrics() : synthetic().text();
        }
        if (format == ExpositionFormat.OPENMETRICS)
        {
            return resource(openMetricsResource(name));
        }
        if (format == ExpositionFormat.PROTOBUF && SYNTHETIC_PROTOBUF.equals(name))
        {
            return synthetic().protobuf();
        }
        if (format == ExpositionFormat.PROTOBUF && SYNTHETIC_NATIVE.equals(name))
        {
            return syntheticNative().protobuf();
        }
        if (format == ExpositionFormat.PROTOBUF)
        {
            return resource(protobufResource(name));
        }
        return resource(textResource(name));
    }

    /**
     * The standard synthetic exposition, generated once per JVM.
     *
     * @return the exposition.
     */
    public static SyntheticExposition synthetic()
    {
        SyntheticExposition exposition = synthetic;
        if (exposition == null)
        {
            synchronized (BenchmarkInputs.class)
            {
                exposition = synthetic;
                if (exposition == null)
                {
                    exposition = SyntheticExposition.standard();
                    synthetic = exposition;
                }
            }
        }
        return exposition;
    }

    /**
     * The standard synthetic native-histogram exposition, generated once per JVM, on first use.
     *
     * @return the exposition.
     */
    public static SyntheticNativeHistograms syntheticNative()
    {
        return StandardNativeHistograms.EXPOSITION;
    }

    /** Holds the standard native-histogram exposition, made when the class is first initialised. */
    private static final class StandardNativeHistograms
    {
        private static final SyntheticNativeHistograms EXPOSITION = SyntheticNativeHistograms.standard();
    }

    /**
     * Reads a corpus file.
     *
     * @param path path below {@code corpus/}.
     * @return its bytes.
     */
    public static byte[] resource(final String path)
    {
        try (InputStream in = BenchmarkInputs.class.getResourceAsStream("/corpus/" + path))
        {
            if (in == null)
            {
                throw new IllegalArgumentException("no corpus file " + path);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
