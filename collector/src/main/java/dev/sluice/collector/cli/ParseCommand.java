package dev.sluice.collector.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.write.OpenMetricsWriter;
import dev.sluice.parser.write.PrometheusTextWriter;
import dev.sluice.parser.write.TextExpositionWriter;
import dev.sluice.protobuf.exposition.HistogramScrapeOptions;
import dev.sluice.protobuf.exposition.ProtobufExpositionCursor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sluice parse}: prints the samples of an exposition as JSON Lines, or re-exposes it as text. */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    header = "Print the samples of an exposition as JSON Lines.",
    description = {
        "Parse an exposition and print its samples in input order, one compact JSON object per line (no spaces):",
        "  {\"name\":\"up\",\"labels\":{\"job\":\"node\"},\"value\":1,\"timestamp_ms\":null}",
        "followed by \"exemplar\":{\"labels\":{...},\"value\":N,\"timestamp_ms\":INT|null} when the sample has one.",
        "Names and label values are unescaped; values are numbers that read back as the same double, or the " +
            "strings \"NaN\", \"+Inf\", \"-Inf\".",
        "Histogram options (protobuf input only): given any of them, histograms are read as a Prometheus " +
            "scrape with these scrape_config settings reads them, the settings not given at Prometheus' " +
            "defaults; without them, histograms come as read.",
        "Exit status: 0 when the whole input parsed; 1 when it did not (the samples before the error are " +
            "printed, the error goes to standard error with its line and column) or cannot be read."},
    footer = {"", "Examples:", "  sluice parse metrics.txt", "  curl -s localhost:9100/metrics | sluice parse -",
        "  sluice parse sample:node_exporter",
        "  sluice parse --scrape-native-histograms --native-histogram-bucket-limit 160 scrape.bin"})
final class ParseCommand implements Callable<Integer>
{
    @ParentCommand
    private SluiceCommand sluice;

    @Option(
        names = "--format",
        defaultValue = "auto",
        paramLabel = "FORMAT",
        description = "Input format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, from the content).")
    private InputFormat format;

    @Option(
        names = "--output",
        defaultValue = "jsonl",
        paramLabel = "OUTPUT",
        description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). text and openmetrics " +
            "re-expose the input in that format.")
    private OutputFormat output;

    @Option(
        names = "--scrape-native-histograms",
        arity = "0..1",
        paramLabel = "BOOL",
        description = "Histogram option: ingest native histograms (scrape_native_histograms).")
    private Boolean scrapeNativeHistograms;

    @Option(
        names = "--scrape-classic-histograms",
        arity = "0..1",
        paramLabel = "BOOL",
        description = "Histogram option: also yield the classic series of a histogram ingested as native " +
            "(scrape_classic_histograms).")
    private Boolean scrapeClassicHistograms;

    @Option(
        names = "--convert-classic-histograms-to-nhcb",
        arity = "0..1",
        paramLabel = "BOOL",
        description = "Histogram option: classic histograms become native histograms with custom buckets " +
            "(convert_classic_histograms_to_nhcb).")
    private Boolean convertClassicHistogramsToNhcb;

    @Option(
        names = "--native-histogram-bucket-limit",
        paramLabel = "N",
        description = "Histogram option: reduce native histograms to at most N buckets, 0 for no limit " +
            "(native_histogram_bucket_limit).")
    private Integer nativeHistogramBucketLimit;

    @Option(
        names = "--native-histogram-min-bucket-factor",
        paramLabel = "F",
        description = "Histogram option: reduce native histograms to a bucket growth factor of at least F, 0 for " +
            "no limit (native_histogram_min_bucket_factor).")
    private Double nativeHistogramMinBucketFactor;

    @Parameters(
        paramLabel = "FILE",
        description = "The exposition: a file, - for standard input, or sample:node_exporter for the bundled sample.")
    private String file;

    /**
     * Parses the input and prints its samples.
     *
     * @return 0 when the whole input parsed.
     * @throws CommandFailure when the input cannot be read or parsed, or the output is not available.
     */
    @Override
    public Integer call()
    {
        final byte[] bytes = ExpositionSource.read(file, sluice.stdin());
        final UnsafeBuffer body = new UnsafeBuffer(bytes);
        final ExpositionFormat resolved = format.resolve(body, 0, bytes.length);
        final MetricCursor cursor = MetricCursors.create(resolved);
        applyHistogramOptions(cursor, resolved);
        cursor.reset(body, 0, bytes.length);
        ParseException parseFailure = null;
        try
        {
            // The entries before a parse error are printed too: they show how far the input is good.
            parseFailure = output == OutputFormat.JSONL ? writeJsonLines(cursor) : reexpose(cursor);
        }
        catch (final IOException ex)
        {
            throw new CommandFailure("cannot write standard output: " + ex.getMessage(), 1);
        }
        if (parseFailure != null)
        {
            throw new CommandFailure(file + ": " + parseFailure.getMessage(), 1);
        }
        return 0;
    }

    /** Gives the histogram options to a protobuf cursor when any was given; they mean nothing for text input. */
    private void applyHistogramOptions(final MetricCursor cursor, final ExpositionFormat resolved)
    {
        if (scrapeNativeHistograms == null && scrapeClassicHistograms == null &&
            convertClassicHistogramsToNhcb == null && nativeHistogramBucketLimit == null &&
            nativeHistogramMinBucketFactor == null)
        {
            return;
        }
        if (!(cursor instanceof ProtobufExpositionCursor))
        {
            throw new CommandFailure("the histogram options apply to protobuf input only; " + file + " is read as " +
                resolved.shortName(), 2);
        }
        final HistogramScrapeOptions defaults = HistogramScrapeOptions.PROMETHEUS_DEFAULTS;
        try
        {
            ((ProtobufExpositionCursor)cursor).histogramOptions(new HistogramScrapeOptions(
                scrapeNativeHistograms != null ? scrapeNativeHistograms : defaults.scrapeNativeHistograms(),
                scrapeClassicHistograms != null ? scrapeClassicHistograms : defaults.scrapeClassicHistograms(),
                convertClassicHistogramsToNhcb != null ? convertClassicHistogramsToNhcb :
                    defaults.convertClassicHistogramsToNhcb(),
                nativeHistogramBucketLimit != null ? nativeHistogramBucketLimit :
                    defaults.nativeHistogramBucketLimit(),
                nativeHistogramMinBucketFactor != null ? nativeHistogramMinBucketFactor :
                    defaults.nativeHistogramMinBucketFactor()));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandFailure(ex.getMessage(), 2);
        }
    }

    private ParseException writeJsonLines(final MetricCursor cursor) throws IOException
    {
        final JsonSampleWriter writer = new JsonSampleWriter(sluice.stdout());
        try
        {
            EntryKind kind;
            while ((kind = cursor.next()) != EntryKind.END)
            {
                if (kind == EntryKind.SAMPLE || kind == EntryKind.HISTOGRAM)
                {
                    writer.write(cursor, kind);
                }
            }
            return null;
        }
        catch (final ParseException ex)
        {
            return ex;
        }
        finally
        {
            writer.flush();
        }
    }

    private ParseException reexpose(final MetricCursor cursor) throws IOException
    {
        final TextExpositionWriter<?> writer =
            output == OutputFormat.TEXT ? new PrometheusTextWriter() : new OpenMetricsWriter();
        ParseException failure = null;
        try
        {
            writer.copyRemaining(cursor).finish();
        }
        catch (final ParseException ex)
        {
            failure = ex;
        }
        final DirectBuffer out = writer.buffer();
        final byte[] bytes = new byte[writer.length()];
        out.getBytes(writer.offset(), bytes);
        sluice.stdout().write(bytes);
        sluice.stdout().flush();
        return failure;
    }
}
