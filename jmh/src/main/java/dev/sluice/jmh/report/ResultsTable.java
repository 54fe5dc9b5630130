package dev.sluice.jmh.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sluice.jmh.HostSpeedProfiler;
import dev.sluice.parser.testkit.MiniJson;

/**
 * Turns a JMH JSON result file ({@code -rf json}) of the Sluice benchmarks into a Markdown table for
 * {@code docs/benchmarks.md}: per benchmark and input, MB/s (10<sup>6</sup> bytes), samples/s, ns/sample and
 * B/sample, from the {@code bytes} and {@code samples} counters and, when the run used {@code -prof gc}, the
 * {@code gc.alloc.rate.norm} metric (bytes allocated per operation, divided by the samples of one operation); when
 * it used {@code -prof dev.sluice.jmh.HostSpeedProfiler}, the host's speed, slowest and fastest vCPU, in bytes/µs,
 * each averaged over the iterations.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.sluice.jmh.report.ResultsTable RESULT.json} prints the table.
 */
public final class ResultsTable
{
    private static final String NONE = "–";

    private ResultsTable()
    {
    }

    /**
     * Prints the table for a result file.
     *
     * @param args the path of the JMH JSON file.
     * @throws IOException when the file cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 1)
        {
            System.err.println("usage: ResultsTable JMH-RESULT.json");
            System.exit(2);
        }
        System.out.print(render(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)));
    }

    /**
     * Renders the table for the text of a result file.
     *
     * @param json the JMH JSON.
     * @return the Markdown: a line naming the JVM and run settings, then the table.
     */
    public static String render(final String json)
    {
        final List<?> results = (List<?>)MiniJson.parse(json);
        final StringBuilder out = new StringBuilder();
        if (!results.isEmpty())
        {
            final Map<?, ?> first = (Map<?, ?>)results.get(0);
            out.append("JMH ").append(first.get("jmhVersion")).append(", ").append(first.get("vmName")).append(' ')
                .append(first.get("vmVersion")).append(", ").append(number(first.get("forks")).intValue())
                .append(" fork(s), warm-up ").append(number(first.get("warmupIterations")).intValue()).append(" × ")
                .append(first.get("warmupTime")).append(", measurement ")
                .append(number(first.get("measurementIterations")).intValue()).append(" × ")
                .append(first.get("measurementTime")).append(", 1 thread.\n\n");
        }
        out.append("| benchmark | input | MB/s | samples/s | ns/sample | B/sample | ops/s | ")
            .append("host bytes/µs, slowest–fastest vCPU |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (final Object result : results)
        {
            appendRow(out, (Map<?, ?>)result);
        }
        return out.toString();
    }

    private static void appendRow(final StringBuilder out, final Map<?, ?> result)
    {
        final String benchmark = (String)result.get("benchmark");
        final String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
        final String name = className.substring(className.lastIndexOf('.') + 1).replaceFirst("Benchmark$", "");
        final Map<?, ?> params = (Map<?, ?>)result.get("params");
        final String input = params == null || params.get("input") == null ? NONE : (String)params.get("input");
        final Map<?, ?> primary = (Map<?, ?>)result.get("primaryMetric");
        final double opsPerSecond = number(primary.get("score"));
        final Map<?, ?> secondary = (Map<?, ?>)result.get("secondaryMetrics");
        final Map<?, ?> bytes = secondary == null ? null : (Map<?, ?>)secondary.get("bytes");
        final Map<?, ?> samples = secondary == null ? null : (Map<?, ?>)secondary.get("samples");
        final Map<?, ?> allocation = secondary == null ? null : (Map<?, ?>)secondary.get("gc.alloc.rate.norm");
        final Map<?, ?> slowest = secondary == null ? null : (Map<?, ?>)secondary.get(HostSpeedProfiler.SLOWEST);
        final Map<?, ?> fastest = secondary == null ? null : (Map<?, ?>)secondary.get(HostSpeedProfiler.FASTEST);

        final double samplesPerSecond = samples == null ? Double.NaN : number(samples.get("score"));
        final double samplesPerOp = samplesPerSecond / opsPerSecond;
        out.append("| ").append(name).append(" | ").append(input).append(" | ")
            .append(bytes == null ? NONE : withError(bytes, 1e-6, "%,.1f")).append(" | ")
            .append(samples == null ? NONE : withError(samples, 1, "%,.0f")).append(" | ")
            .append(samples == null ? NONE : format("%,.1f", 1e9 / samplesPerSecond)).append(" | ")
            .append(allocation == null || samples == null ? NONE :
                format("%,.1f", number(allocation.get("score")) / samplesPerOp)).append(" | ")
            .append(withError(primary, 1, "%,.1f")).append(" | ")
            .append(slowest == null || fastest == null ? NONE : format("%,.0f", number(slowest.get("score"))) + "–" +
                format("%,.0f", number(fastest.get("score")))).append(" |\n");
    }

    private static String withError(final Map<?, ?> metric, final double scale, final String pattern)
    {
        final String score = format(pattern, number(metric.get("score")) * scale);
        final double error = number(metric.get("scoreError")) * scale;
        return Double.isNaN(error) ? score : score + " ± " + format(pattern, error);
    }

    private static Double number(final Object value)
    {
        if (value instanceof Number)
        {
            return ((Number)value).doubleValue();
        }
        if (value instanceof String)
        {
            // JMH writes NaN and the infinities as strings.
            try
            {
                return Double.valueOf((String)value);
            }
            catch (final NumberFormatException ex)
            {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static String format(final String pattern, final double value)
    {
        return String.format(Locale.ROOT, pattern, value);
    }
}
