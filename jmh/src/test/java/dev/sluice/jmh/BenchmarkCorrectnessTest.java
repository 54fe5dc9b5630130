package dev.sluice.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Control;
import org.xerial.snappy.Snappy;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.TextView;
import dev.sluice.pipeline.record.SampleDescriptor;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.RelabelConfig;
import dev.sluice.pipeline.relabel.Relabeler;
import dev.sluice.pipeline.series.SeriesCache;
import dev.sluice.protobuf.snappy.SnappyDecompressor;

/**
 * Every benchmark input parses to its known sample count through the benchmark methods themselves, the synthetic
 * renderings agree with each other, and the baseline parser reads every input. The pipeline benchmarks do the work
 * they claim: every rule runs over every series and changes something, fast and general paths agree, a scrape
 * commits every kept sample, and every record written to a ring buffer is read.
 */
class BenchmarkCorrectnessTest
{
    private static final int NODE_EXPORTER_SAMPLES = 3027;
    /** up, scrape_duration_seconds, scrape_samples_scraped, scrape_samples_post_metric_relabeling, series added. */
    private static final int REPORT_SERIES = 5;

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
    void protobufBenchmarkParsesTheGeneratedInputsToTheirGeneratedSampleCounts()
    {
        for (final String input : new String[] {BenchmarkInputs.SYNTHETIC_PROTOBUF, BenchmarkInputs.SYNTHETIC_NATIVE})
        {
            final ProtobufParseBenchmark benchmark = new ProtobufParseBenchmark();
            benchmark.input = input;
            benchmark.load();
            final int samples = input.equals(BenchmarkInputs.SYNTHETIC_NATIVE) ?
                BenchmarkInputs.syntheticNative().sampleCount() : BenchmarkInputs.synthetic().sampleCount();
            assertWork(input, samples, ExpositionFormat.PROTOBUF, benchmark::parse);
        }
    }

    @Test
    void syntheticProtobufRenderingCarriesTheSameSamplesAsTheText()
    {
        final SyntheticExposition exposition = BenchmarkInputs.synthetic();
        final List<String> text = describeSamples(ExpositionFormat.PROMETHEUS_TEXT, exposition.text());
        final List<String> protobuf = describeSamples(ExpositionFormat.PROTOBUF, exposition.protobuf());
        assertEquals(exposition.sampleCount(), protobuf.size());
        for (int i = 0; i < text.size(); i++)
        {
            assertEquals(text.get(i), protobuf.get(i), "sample " + i);
        }
    }

    @Test
    void syntheticNativeHistogramsAreDeterministicAndCoverEverySchemaAndBucketShape()
    {
        final SyntheticNativeHistograms standard = BenchmarkInputs.syntheticNative();
        final byte[] body = standard.protobuf();
        assertTrue(body.length >= 2_000_000 && body.length <= 8_000_000, "bytes " + body.length);
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROTOBUF).reset(body, 0, body.length);
        final NativeHistogramView view = new NativeHistogramView();
        final Set<Integer> schemas = new HashSet<>();
        int histograms = 0;
        int floats = 0;
        int negatives = 0;
        int gaps = 0;
        int zeroCounts = 0;
        int classicSamples = 0;
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind == EntryKind.HISTOGRAM)
            {
                cursor.histogram(view);
                histograms++;
                schemas.add(view.schema());
                floats += view.isFloat() ? 1 : 0;
                negatives += view.negative().spanCount() > 0 ? 1 : 0;
                gaps += view.positive().spanCount() > 1 ? 1 : 0;
                zeroCounts += (view.isFloat() ? view.floatZeroCount() : view.zeroCount()) > 0 ? 1 : 0;
            }
            else if (kind == EntryKind.SAMPLE)
            {
                classicSamples++;
            }
        }
        assertEquals(standard.histogramCount(), histograms);
        assertEquals(standard.sampleCount(), histograms + classicSamples);
        final Set<Integer> allSchemas = new HashSet<>();
        for (int schema = -4; schema <= 8; schema++)
        {
            allSchemas.add(schema);
        }
        assertEquals(allSchemas, schemas);
        assertTrue(floats > histograms / 10 && floats < histograms / 2, "float histograms " + floats);
        assertTrue(negatives > histograms / 5, "with negative buckets " + negatives);
        assertTrue(gaps > histograms / 2, "with gaps between spans " + gaps);
        assertTrue(zeroCounts > histograms / 2, "with a zero count " + zeroCounts);
        assertTrue(classicSamples > histograms, "classic series " + classicSamples);

        final SyntheticNativeHistograms small = SyntheticNativeHistograms.generate(
            SyntheticNativeHistograms.STANDARD_SEED, 150);
        assertArrayEquals(small.protobuf(), SyntheticNativeHistograms.generate(
            SyntheticNativeHistograms.STANDARD_SEED, 150).protobuf());
        assertFalse(Arrays.equals(small.protobuf(), SyntheticNativeHistograms.generate(
            SyntheticNativeHistograms.STANDARD_SEED + 1, 150).protobuf()));
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

    @ParameterizedTest
    @CsvSource({
        "ksm-protobuf",
        "prometheus-2016",
        "native-histograms",
        "synthetic-protobuf",
        "synthetic-native",
    })
    void protobufJavaBaselineReadsEveryFamilyOfEveryProtobufInput(final String input) throws IOException
    {
        final ProtobufJavaParseBenchmark benchmark = new ProtobufJavaParseBenchmark();
        benchmark.input = input;
        benchmark.load();
        final byte[] body = BenchmarkInputs.body(ExpositionFormat.PROTOBUF, input);
        final WorkCounters counters = new WorkCounters();
        final long checksum = benchmark.parse(counters);
        assertEquals(checksum, benchmark.parse(counters), "same body, same checksum");
        assertEquals(2L * body.length, counters.bytes);
        final CollectorSampleReader reader = new CollectorSampleReader();
        reader.readAll(MetricCursors.create(ExpositionFormat.PROTOBUF).reset(body, 0, body.length));
        assertEquals(2L * reader.samples(), counters.samples);
        final ByteArrayInputStream in = new ByteArrayInputStream(body);
        int families = 0;
        while (Metrics.MetricFamily.parseDelimitedFrom(in) != null)
        {
            families++;
        }
        assertEquals(0, in.available(), "the baseline read the whole body");
        assertTrue(families > 0, "the baseline returned families");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "replace", "keep", "drop", "keepequal", "dropequal", "hashmod", "labelmap", "labeldrop", "labelkeep",
        "lowercase", "uppercase"})
    void relabelBenchmarkRunsEachActionsRuleOverEverySeriesAndTheRuleChangesSomething(final String action)
    {
        final RelabelRuleBenchmark benchmark = new RelabelRuleBenchmark();
        benchmark.load();
        final RelabelRuleBenchmark.ActionRule rule = new RelabelRuleBenchmark.ActionRule();
        rule.action = action;
        rule.build();
        final WorkCounters counters = new WorkCounters();

        final long checksum = benchmark.action(rule, counters);

        assertEquals(NODE_EXPORTER_SAMPLES, counters.samples, "series of one operation");
        assertEquals(checksum, benchmark.action(rule, counters), "the same rule, the same result");
        assertNotEquals(benchmark.restoreOnly(new WorkCounters()), checksum, "the rule dropped or changed a series");
    }

    @Test
    void keepEqualAndDropEqualRulesSplitTheSeriesBetweenThem()
    {
        final int kept = keptSeries(RelabelRuleBenchmark.ActionRule.rule("keepequal"));
        final int keptByDrop = keptSeries(RelabelRuleBenchmark.ActionRule.rule("dropequal"));

        assertEquals(NODE_EXPORTER_SAMPLES, kept + keptByDrop);
        assertTrue(kept > 0 && keptByDrop > 0, "kept " + kept + ", kept by dropequal " + keptByDrop);
    }

    @ParameterizedTest
    @ValueSource(strings = {"literal", "any", "prefix", "alternation", "labeldrop"})
    void relabelShapeGivesTheSameLabelSetsOnTheFastAndTheGeneralPath(final String shape)
    {
        final CorpusLabelSets series = CorpusLabelSets.load(
            BenchmarkInputs.body(ExpositionFormat.PROMETHEUS_TEXT, RelabelRuleBenchmark.INPUT));
        final List<String> fast = relabel(series, RelabelRuleBenchmark.ShapeRule.rule(shape, true));
        final List<String> general = relabel(series, RelabelRuleBenchmark.ShapeRule.rule(shape, false));
        assertEquals(general, fast);
        final List<String> unchanged = relabel(series, null);
        assertNotEquals(unchanged, fast, "the rule dropped or changed a series");

        final RelabelRuleBenchmark benchmark = new RelabelRuleBenchmark();
        benchmark.load();
        final WorkCounters counters = new WorkCounters();
        assertEquals(shapeChecksum(benchmark, shape, RelabelRuleBenchmark.ShapeRule.GENERAL, counters),
            shapeChecksum(benchmark, shape, RelabelRuleBenchmark.ShapeRule.FAST, counters));
        assertEquals(2L * NODE_EXPORTER_SAMPLES, counters.samples);
    }

    @Test
    void warmWorkerScrapeCommitsEverySeriesTheRulesKeepWithAStableChecksum()
    {
        final WorkerScrapeBenchmark benchmark = workerScrape("warm");
        assertEquals(NODE_EXPORTER_SAMPLES, benchmark.worker().seriesCache(1).size(), "setup cached every series");
        final long committedBefore = benchmark.committedSamples();
        final WorkCounters counters = new WorkCounters();

        final long checksum = benchmark.scrape(counters);

        assertEquals(checksum, benchmark.scrape(counters), "the same scrape, the same commit");
        assertEquals(2L * NODE_EXPORTER_SAMPLES, counters.samples);
        assertEquals(2L * BenchmarkInputs.body(ExpositionFormat.PROMETHEUS_TEXT, WorkerScrapeBenchmark.INPUT).length,
            counters.bytes);
        final int kept = keptSeries(WorkerScrapeBenchmark.METRIC_RELABEL_CONFIGS.get(0));
        assertTrue(kept < NODE_EXPORTER_SAMPLES, "the drop rule drops a family");
        assertEquals(2L * (kept + REPORT_SERIES), benchmark.committedSamples() - committedBefore,
            "kept samples and report series of two scrapes");
    }

    @Test
    void coldWorkerScrapeStartsFromAnEmptyCacheAndCommitsAsManySamplesAsAWarmScrape()
    {
        final WorkerScrapeBenchmark cold = workerScrape("cold");
        assertNull(cold.worker().seriesCache(1), "no target before the first operation");
        final WorkCounters counters = new WorkCounters();

        final long checksum = cold.scrape(counters);
        final SeriesCache firstCache = cold.worker().seriesCache(1);
        final long committedByOne = cold.committedSamples();

        assertEquals(NODE_EXPORTER_SAMPLES, firstCache.size());
        assertEquals(checksum, cold.scrape(counters), "a new cache, the same commit");
        assertNotSame(firstCache, cold.worker().seriesCache(1), "the target was registered afresh");
        assertEquals(2 * committedByOne, cold.committedSamples());
        final WorkerScrapeBenchmark warm = workerScrape("warm");
        final long warmBefore = warm.committedSamples();
        warm.scrape(counters);
        assertEquals(committedByOne, warm.committedSamples() - warmBefore);
        assertEquals(3L * NODE_EXPORTER_SAMPLES, counters.samples);
    }

    @Test
    void ringBufferConsumerReadsEveryRecordTheProducerWrote()
    {
        final RingBufferBenchmark benchmark = new RingBufferBenchmark();
        final RingBufferBenchmark.Ring ring = new RingBufferBenchmark.Ring();
        final RingBufferBenchmark.Producer producer = new RingBufferBenchmark.Producer();
        producer.encode();
        final RingBufferBenchmark.Consumer consumer = new RingBufferBenchmark.Consumer();
        final RingBufferBenchmark.RecordCounters counters = new RingBufferBenchmark.RecordCounters();
        final Control control = new Control();
        final int records = 1000;

        for (int i = 0; i < records; i++)
        {
            assertTrue(benchmark.oneProducerWrite(ring, producer, counters, control));
        }
        while (counters.read < records)
        {
            benchmark.oneProducerRead(ring, consumer, counters);
        }

        assertTrue(producer.labelsLength() >= 100 && producer.labelsLength() <= 120, "" + producer.labelsLength());
        assertEquals(records, counters.written);
        assertEquals(records, counters.read);
        assertEquals(0, counters.fullRetries);
        assertEquals((long)records * (records + 1) / 2, consumer.valueSum(), "every value arrived once");
        assertEquals((long)records * producer.labelsLength(), consumer.labelBytes());
    }

    @Test
    void ringBufferProducerGivesUpOnAFullRingAfterBoundedRetriesOrWhenTheMeasurementStops()
    {
        final RingBufferBenchmark benchmark = new RingBufferBenchmark();
        final RingBufferBenchmark.Ring ring = new RingBufferBenchmark.Ring();
        final RingBufferBenchmark.Producer producer = new RingBufferBenchmark.Producer();
        producer.encode();
        final RingBufferBenchmark.RecordCounters counters = new RingBufferBenchmark.RecordCounters();
        final Control control = new Control();

        while (benchmark.twoProducersWrite(ring, producer, counters, control))
        {
            continue;
        }

        final int recordLength = BitUtil.align(
            RecordDescriptor.HEADER_LENGTH + SampleDescriptor.length(producer.labelsLength()),
            RecordDescriptor.ALIGNMENT);
        assertEquals(RingBufferBenchmark.RING_CAPACITY / recordLength, counters.written, "the ring is full");
        assertEquals(RingBufferBenchmark.MAX_CLAIM_ATTEMPTS, counters.fullRetries);
        control.stopMeasurement = true;
        assertFalse(benchmark.twoProducersWrite(ring, producer, counters, control));
        assertEquals(RingBufferBenchmark.MAX_CLAIM_ATTEMPTS, counters.fullRetries, "no claim after the stop");
    }

    @ParameterizedTest
    @CsvSource({"1.0", "2.0"})
    void remoteWriteBenchmarkEncodesEverySampleIntoBatchesThatCompress(final String version)
    {
        final RemoteWriteEncodeBenchmark benchmark = new RemoteWriteEncodeBenchmark();
        benchmark.version = version;
        benchmark.load();
        final WorkCounters counters = new WorkCounters();
        final long compressed = benchmark.encodeAndCompress(counters);
        assertEquals(new CorpusSeries("node_exporter").size(), counters.samples);
        assertTrue(compressed > 0 && compressed < counters.bytes / 2,
            "compressed " + compressed + " of " + counters.bytes + " bytes");
    }

    @Test
    void forwarderBenchmarkDeliversEveryCommittedSample() throws InterruptedException
    {
        final ForwarderLoopbackBenchmark benchmark = new ForwarderLoopbackBenchmark();
        benchmark.shards = 2;
        benchmark.start();
        final WorkCounters counters = new WorkCounters();
        final ForwarderLoopbackBenchmark.CpuCounters cpu = new ForwarderLoopbackBenchmark.CpuCounters();
        for (int i = 0; i < 20; i++)
        {
            benchmark.commitScrape(counters, cpu);
        }
        benchmark.stop();
        assertEquals(20L * new CorpusSeries("node_exporter").size(), counters.samples);
        assertTrue(cpu.cpuNanos > 0, "process CPU time measured");
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

    private static int keptSeries(final RelabelConfig rule)
    {
        final CorpusLabelSets series = CorpusLabelSets.load(
            BenchmarkInputs.body(ExpositionFormat.PROMETHEUS_TEXT, RelabelRuleBenchmark.INPUT));
        final Relabeler relabeler = new Relabeler();
        final LabelSetBuilder labels = new LabelSetBuilder();
        int kept = 0;
        for (int i = 0; i < series.size(); i++)
        {
            kept += relabeler.apply(rule, series.restore(i, labels)) ? 1 : 0;
        }
        return kept;
    }

    /** Each series as a rule leaves it, {@code dropped} for a dropped one; no rule when {@code rule} is null. */
    private static List<String> relabel(final CorpusLabelSets series, final RelabelConfig rule)
    {
        final Relabeler relabeler = new Relabeler();
        final LabelSetBuilder labels = new LabelSetBuilder();
        final List<String> results = new ArrayList<>();
        for (int i = 0; i < series.size(); i++)
        {
            series.restore(i, labels);
            results.add(rule == null || relabeler.apply(rule, labels) ? labels.toString() : "dropped");
        }
        return results;
    }

    private static long shapeChecksum(
        final RelabelRuleBenchmark benchmark, final String shape, final String path, final WorkCounters counters)
    {
        final RelabelRuleBenchmark.ShapeRule rule = new RelabelRuleBenchmark.ShapeRule();
        rule.shape = shape;
        rule.path = path;
        rule.build();
        return benchmark.shape(rule, counters);
    }

    private static WorkerScrapeBenchmark workerScrape(final String cache)
    {
        final WorkerScrapeBenchmark benchmark = new WorkerScrapeBenchmark();
        benchmark.cache = cache;
        benchmark.wire();
        return benchmark;
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
