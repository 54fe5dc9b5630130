package dev.sluice.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xerial.snappy.Snappy;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.TextView;
import dev.sluice.protobuf.snappy.SnappyDecompressor;

/**
 * Every benchmark input parses to its known sample count through the benchmark methods themselves, the synthetic
 * renderings agree with each other, and the baseline parser reads every input.
 */
class BenchmarkCorrectnessTest
{
    @ParameterizedTest
    @CsvSource({
        "alltypes.237mfs, 1857",
        "node_exporter, 3027",
        "ksm, 739",
        "cadvisor, 287",
    })
    void textBenchmarkParsesEachCorpusInputToItsSampleCount(final String input, final int samples)
    {
        final TextParseBenchmark benchmark = new TextParseBenchmark();
        benchmark.input = input;
        benchmark.load();
        assertWork(input, samples, ExpositionFormat.PROMETHEUS_TEXT, benchmark::parse);
    }

    @Test
    void textBenchmarkParsesTheSyntheticExpositionToTheGeneratedSampleCount()
    {
        final TextParseBenchmark benchmark = new TextParseBenchmark();
        benchmark.input = BenchmarkInputs.SYNTHETIC;
        benchmark.load();
        assertWork(BenchmarkInputs.SYNTHETIC, BenchmarkInputs.synthetic().sampleCount(),
            ExpositionFormat.PROMETHEUS_TEXT, benchmark::parse);
    }

    @ParameterizedTest
    @CsvSource({
        "1histogram, 42",
    })
    void openMetricsBenchmarkParsesEachCorpusInputToItsSampleCount(final String input, final int samples)
    {
        final OpenMetricsParseBenchmark benchmark = new OpenMetricsParseBenchmark();
        benchmark.input = input;
        benchmark.load();
        assertWork(input, samples, ExpositionFormat.OPENMETRICS, benchmark::parse);
    }

    @ParameterizedTest
    @CsvSource({
        // Samples as Prometheus ingests them: classic series, plus one entry per native histogram.
        "ksm-protobuf, 405",
        "prometheus-2016, 248",
        "native-histograms, 29",
    })
    void protobufBenchmarkParsesEachCorpusInputToItsSampleCount(final String input, final int samples)
    {
        final ProtobufParseBenchmark benchmark = new ProtobufParseBenchmark();
        benchmark.input = input;
        benchmark.load();
        assertWork(input, samples, ExpositionFormat.PROTOBUF, benchmark::parse);
    }

    @Test
    void openMetricsBenchmarkParsesTheSyntheticExpositionToTheGeneratedSampleCount()
    {
        final OpenMetricsParseBenchmark benchmark = new OpenMetricsParseBenchmark();
        benchmark.input = BenchmarkInputs.SYNTHETIC;
        benchmark.load();
        assertWork(BenchmarkInputs.SYNTHETIC, BenchmarkInputs.synthetic().sampleCount(),
            ExpositionFormat.OPENMETRICS, benchmark::parse);
    }

    @Test
    void prometheusAlltypes5mfsIsNoInputBecauseTheStrictCursorRejectsItsSumBesideNegativeBuckets()
    {
        final byte[] file = BenchmarkInputs.resource("prometheus-textparse/textparse-testdata/alltypes.5mfs.om.txt");
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.OPENMETRICS).reset(file, 0, file.length);
        final ParseException error = assertThrows(ParseException.class, () ->
        {
            while (cursor.next() != EntryKind.END)
            {
                continue;
            }
        });
        final String line = new String(file, StandardCharsets.UTF_8).split("\n")[(int)error.line() - 1];
        assertEquals("rpc_durations_histogram_seconds_sum -8.452185437166741e-05", line);
    }

    @Test
    void syntheticTextAndOpenMetricsRenderingsCarryTheSameSamples()
    {
        final SyntheticExposition exposition = BenchmarkInputs.synthetic();
        final List<String> text = describeSamples(ExpositionFormat.PROMETHEUS_TEXT, exposition.text());
        final List<String> openMetrics = describeSamples(ExpositionFormat.OPENMETRICS, exposition.openMetrics());
        assertEquals(exposition.sampleCount(), text.size());
        assertEquals(text.size(), openMetrics.size());
        for (int i = 0; i < text.size(); i++)
        {
            assertEquals(text.get(i), openMetrics.get(i), "sample " + i);
        }
    }

    @Test
    void syntheticExpositionIsDeterministicAndAboutAHundredThousandSeries()
    {
        final SyntheticExposition standard = BenchmarkInputs.synthetic();
        assertTrue(standard.sampleCount() >= 95_000 && standard.sampleCount() <= 105_000,
            "samples " + standard.sampleCount());
        assertTrue(standard.familyCount() >= 60, "families " + standard.familyCount());

        final SyntheticExposition small = SyntheticExposition.generate(SyntheticExposition.STANDARD_SEED, 200);
        final SyntheticExposition sameAgain = SyntheticExposition.generate(SyntheticExposition.STANDARD_SEED, 200);
        final SyntheticExposition otherSeed = SyntheticExposition.generate(SyntheticExposition.STANDARD_SEED + 1, 200);
        assertArrayEquals(small.text(), sameAgain.text());
        assertArrayEquals(small.openMetrics(), sameAgain.openMetrics());
        assertFalse(Arrays.equals(small.text(), otherSeed.text()));
        assertTrue(small.sampleCount() < standard.sampleCount());
    }

    @Test
    void syntheticOpenMetricsHasExemplarsTimestampsAndAllFourTypes()
    {
        final byte[] body = BenchmarkInputs.synthetic().openMetrics();
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.OPENMETRICS).reset(body, 0, body.length);
        int exemplars = 0;
        int timestamps = 0;
        final EnumSet<MetricType> types = EnumSet.noneOf(MetricType.class);
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind == EntryKind.SAMPLE)
            {
                exemplars += cursor.hasExemplar() ? 1 : 0;
                timestamps += cursor.hasTimestamp() ? 1 : 0;
                types.add(cursor.type());
            }
        }
        assertTrue(exemplars > 100, "exemplars " + exemplars);
        assertTrue(timestamps > 1000, "timestamps " + timestamps);
        assertEquals(EnumSet.of(MetricType.COUNTER, MetricType.GAUGE, MetricType.HISTOGRAM, MetricType.SUMMARY), types);
    }

    @ParameterizedTest
    @CsvSource({
        "alltypes.237mfs",
        "node_exporter",
        "ksm",
        "cadvisor",
        "synthetic",
    })
    void skyWalkingBaselineReadsEveryTextInput(final String input) throws IOException
    {
        final SkyWalkingTextParserBenchmark benchmark = new SkyWalkingTextParserBenchmark();
        benchmark.input = input;
        benchmark.load();
        final byte[] body = BenchmarkInputs.body(ExpositionFormat.PROMETHEUS_TEXT, input);
        final WorkCounters counters = new WorkCounters();
        final long checksum = benchmark.parse(counters);
        assertEquals(checksum, benchmark.parse(counters), "same body, same checksum");
        assertEquals(2L * body.length, counters.bytes);
        assertEquals(2L * sluiceSampleCount(body), counters.samples);
        final Set<String> returned = SkyWalkingTextParserBenchmark.familyNames(body);
        final Set<String> expected = familiesWithSamples(body);
        expected.removeAll(returned);
        assertTrue(expected.isEmpty(), "families the baseline did not return: " + expected);
    }

    @Test
    void syntheticWriteRequestIsAboutOneMegabyteOfOneTimeSeriesPerSample()
    {
        final SyntheticWriteRequest request = SyntheticWriteRequest.standard();
        final byte[] body = request.bytes();
        assertTrue(body.length >= 800_000 && body.length <= 1_200_000, "bytes " + body.length);
        int series = 0;
        int at = 0;
        while (at < body.length)
        {
            assertEquals(0x0A, body[at++], "WriteRequest field 1 (timeseries), length-delimited, at " + (at - 1));
            int length = 0;
            for (int shift = 0; ; shift += 7)
            {
                final int b = body[at++];
                length |= (b & 0x7F) << shift;
                if (b >= 0)
                {
                    break;
                }
            }
            assertEquals(0x0A, body[at], "TimeSeries field 1 (labels) first");
            at += length;
            series++;
        }
        assertEquals(body.length, at, "the series tile the body");
        assertEquals(request.sampleCount(), series);
        assertArrayEquals(body, SyntheticWriteRequest.standard().bytes(), "deterministic");
    }

    @Test
    void snappyBenchmarkCompressorsWriteBlocksThatBothReferenceAndSluiceReadBack() throws IOException
    {
        final SnappyBenchmark benchmark = new SnappyBenchmark();
        benchmark.input = SnappyBenchmark.SYNTHETIC_WRITE_REQUEST;
        benchmark.load();
        final SnappyDecompressor decompressor = new SnappyDecompressor(benchmark.body.length);
        final byte[] output = new byte[benchmark.body.length];
        final List<CodecMethod> compressors = List.of(benchmark::compressSluice, benchmark::compressSnappyJava,
            benchmark::compressAircompressor);
        for (final CodecMethod compressor : compressors)
        {
            final WorkCounters counters = new WorkCounters();
            final int length = compressor.run(counters);
            assertEquals(benchmark.body.length, counters.bytes);
            assertTrue(length < benchmark.body.length / 2, "compressed to " + length + " bytes");
            final byte[] block = Arrays.copyOf(benchmark.compressed, length);
            assertArrayEquals(benchmark.body, Snappy.uncompress(block));
            assertEquals(output.length, decompressor.decompress(new UnsafeBuffer(block), 0, length,
                new UnsafeBuffer(output)));
            assertArrayEquals(benchmark.body, output);
        }
    }

    @Test
    void snappyBenchmarkDecompressorsRestoreTheBody() throws IOException
    {
        final SnappyBenchmark benchmark = new SnappyBenchmark();
        benchmark.input = SnappyBenchmark.SYNTHETIC_WRITE_REQUEST;
        benchmark.load();
        final List<CodecMethod> decompressors = List.of(benchmark::decompressSluice,
            benchmark::decompressSnappyJava, benchmark::decompressAircompressor);
        for (final CodecMethod decompressor : decompressors)
        {
            Arrays.fill(benchmark.decompressed, (byte)0);
            final WorkCounters counters = new WorkCounters();
            assertEquals(benchmark.body.length, decompressor.run(counters));
            assertEquals(benchmark.body.length, counters.bytes);
            assertArrayEquals(benchmark.body, benchmark.decompressed);
        }
    }

    @FunctionalInterface
    private interface BenchmarkMethod
    {
        long run(WorkCounters counters);
    }

    @FunctionalInterface
    private interface CodecMethod
    {
        int run(WorkCounters counters) throws IOException;
    }

    private static void assertWork(
        final String input, final int samples, final ExpositionFormat format, final BenchmarkMethod method)
    {
        final byte[] body = BenchmarkInputs.body(format, input);
        final WorkCounters counters = new WorkCounters();
        final long checksum = method.run(counters);
        assertEquals(samples, counters.samples, input + ": samples of one operation");
        assertEquals(body.length, counters.bytes, input + ": bytes of one operation");
        assertEquals(checksum, method.run(counters), input + ": a reused cursor gives the same checksum");
        assertEquals(2L * samples, counters.samples);
    }

    private static int sluiceSampleCount(final byte[] body)
    {
        final CollectorSampleReader reader = new CollectorSampleReader();
        reader.readAll(MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT).reset(body, 0, body.length));
        return reader.samples();
    }

    /** Families with a counter, gauge, histogram or summary TYPE line and at least one sample. */
    private static Set<String> familiesWithSamples(final byte[] body)
    {
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT).reset(body, 0, body.length);
        final TextView view = new TextView();
        final Set<String> families = new HashSet<>();
        String family = null;
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind == EntryKind.TYPE)
            {
                family = cursor.type() == MetricType.UNTYPED ? null : cursor.name(view).toString();
            }
            else if (kind == EntryKind.SAMPLE && family != null)
            {
                families.add(family);
            }
        }
        return families;
    }

    private static List<String> describeSamples(final ExpositionFormat format, final byte[] body)
    {
        final MetricCursor cursor = MetricCursors.create(format).reset(body, 0, body.length);
        final TextView view = new TextView();
        final List<String> samples = new ArrayList<>();
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind != EntryKind.SAMPLE)
            {
                continue;
            }
            final StringBuilder sample = new StringBuilder(cursor.name(view).toString()).append('{');
            for (int i = 0; i < cursor.labelCount(); i++)
            {
                sample.append(cursor.labelName(i, view)).append("=\"").append(cursor.labelValue(i, view)).append("\",");
            }
            sample.append("} ").append(Long.toHexString(Double.doubleToRawLongBits(cursor.value())))
                .append(' ').append(cursor.hasTimestamp() ? Long.toString(cursor.timestampMs()) : "-")
                .append(' ').append(cursor.type());
            samples.add(sample.toString());
        }
        return samples;
    }
}
