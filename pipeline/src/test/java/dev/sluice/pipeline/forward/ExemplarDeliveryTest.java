package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.TextView;
import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.parser.testkit.DebianServers;
import dev.sluice.parser.testkit.LocalServerProcess;
import dev.sluice.pipeline.forward.http.HttpClientSettings;
import dev.sluice.pipeline.forward.remote.RemoteWrite1BatchEncoder;
import dev.sluice.pipeline.forward.remote.RemoteWrite2BatchEncoder;
import dev.sluice.pipeline.forward.remote.SnappyBodyCompression;
import dev.sluice.pipeline.record.NativeHistograms;
import dev.sluice.pipeline.record.NativeHistograms.Exemplar;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.RelabelSection;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.pipeline.worker.ExtraScrapeMetrics;
import dev.sluice.pipeline.worker.ScrapeLimits;
import dev.sluice.pipeline.worker.TargetConfig;
import dev.sluice.pipeline.worker.WorkerHarness;
import dev.sluice.protobuf.remote.RemoteWrite2Decoder;
import dev.sluice.protobuf.remote.RemoteWriteSchemas;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Exemplars from OpenMetrics and protobuf scrapes through the whole pipeline with {@code send_exemplars}: over Remote
 * Write 1.0 into a real Prometheus 2.42 with exemplar storage, read back through {@code /api/v1/query_exemplars};
 * over 2.0 into a receiver that decodes each request twice, with Sluice's decoder and with protobuf-java's
 * {@link DynamicMessage}. Each must hold exactly the exemplars the worker committed: labels, value and timestamp;
 * none of the repeated exemplar, none of the native histogram's exemplar without a timestamp.
 */
class ExemplarDeliveryTest
{
    private static final int SCRAPES = 4;
    private static final long SCRAPE_INTERVAL_MS = 15_000;
    private static final String SELECTOR = "{__name__=~\"sluice_e2e.+\"}";

    /**
     * Scrape {@code k} (from 1) of an OpenMetrics target: a counter whose exemplar has its own timestamp (scrape 3
     * repeats scrape 2's), a classic histogram bucket whose exemplar has none.
     */
    private static String openMetrics(final int k, final long startMs)
    {
        final int j = k == 3 ? 2 : k;
        final long exemplarMs = startMs + (j - 1) * SCRAPE_INTERVAL_MS + 250;
        return "# TYPE sluice_e2e_requests counter\n" +
            "sluice_e2e_requests_total{code=\"200\"} " + 10 * k + " # {trace_id=\"t" + j + "\"} " + (j + 0.5) + " " +
            exemplarMs / 1000 + "." + String.format("%03d", exemplarMs % 1000) + "\n" +
            "# TYPE sluice_e2e_latency_seconds histogram\n" +
            "sluice_e2e_latency_seconds_bucket{le=\"0.5\"} " + k + " # {span_id=\"s" + k + "\",trace_id=\"b" + k +
            "\"} 0.125\n" +
            "sluice_e2e_latency_seconds_bucket{le=\"+Inf\"} " + k + "\n" +
            "sluice_e2e_latency_seconds_count " + k + "\nsluice_e2e_latency_seconds_sum " + k + "\n# EOF\n";
    }

    /**
     * Scrape {@code k} of a second, protobuf target ({@code instance="b:9100"}): a native histogram with one
     * timestamped exemplar and one without.
     */
    private static byte[] protobuf(final int k, final long startMs)
    {
        return NativeHistograms.family("sluice_e2e_rpc_seconds", new String[] {"code", "200"},
            NativeHistograms.integer(), 0, Double.NaN,
            new Exemplar(new String[] {"trace_id", "h" + k}, 0.5 * k, startMs + (k - 1) * SCRAPE_INTERVAL_MS + 500),
            new Exemplar(new String[] {"trace_id", "untimed" + k}, 1, 0));
    }

    @Test
    void prometheusHoldsEveryExemplarSluiceCommittedOverRemoteWrite1() throws IOException, InterruptedException
    {
        final long startMs = (System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10)) / 1000 * 1000;
        final List<String> log = new ArrayList<>();
        try (LocalServerProcess prometheus = LocalServerProcess.start(DebianServers.prometheus()
                .withExtraArguments("--web.enable-remote-write-receiver",
                    "--enable-feature=exemplar-storage,native-histograms"));
            WriteEndpoint endpoint = endpoint(prometheus.port(), RemoteWrite1BatchEncoder::new, log))
        {
            final Map<String, List<String>> committed = scrapeAndSend(endpoint, startMs, log);

            assertEquals(committed,
                TsdbReadBack.prometheusExemplars(prometheus.port(), SELECTOR, startMs - 60_000,
                    System.currentTimeMillis()));
        }
    }

    @Test
    void remoteWrite2RequestsCarryEveryCommittedExemplarAsBothDecodersReadThem() throws InterruptedException
    {
        final long startMs = 1_700_000_000_000L;
        final List<String> log = new ArrayList<>();
        try (ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0);
            WriteEndpoint endpoint = endpoint(receiver.port(), RemoteWrite2BatchEncoder::new, log))
        {
            final Map<String, List<String>> committed = scrapeAndSend(endpoint, startMs, log);

            final Map<String, List<String>> decoded = new TreeMap<>();
            final Map<String, List<String>> dynamic = new TreeMap<>();
            for (final ScriptedWriteReceiver.Received request : receiver.received())
            {
                decodeWithSluice(request.uncompressedBody(), decoded);
                decodeWithProtobufJava(request.dynamicMessage(RemoteWriteSchemas.REQUEST), dynamic);
            }
            assertEquals(committed, decoded);
            assertEquals(committed, dynamic);
        }
    }

    @Test
    void anExemplarWhoseSeriesTheWriteRulesDropIsCountedAsDroppedAndTheOthersAsSent() throws InterruptedException
    {
        final List<String> log = new ArrayList<>();
        try (ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0);
            WriteEndpoint endpoint = new WriteEndpoint("exemplars", TestEventLoop.group(),
                URI.create("http://127.0.0.1:" + receiver.port() + "/api/v1/write"), Duration.ofSeconds(10),
                QueueConfig.DEFAULTS.withBatch(4, Duration.ofMillis(50)), 1, RemoteWrite2BatchEncoder::new,
                SnappyBodyCompression::new, new DefaultHttpHeaders(), new WriteRelabeling(Map.of(),
                    RelabelConfigs.fromYaml("[{action: drop, source_labels: [__name__], regex: .*_requests_total}]",
                        RelabelSection.REMOTE_WRITE, NameValidationScheme.UTF8)), log::add, HttpClientSettings.DEFAULTS)
                .sendExemplars(true))
        {
            endpoint.start();
            final SeriesTable table = new SeriesTable();
            final CommittedExemplars committed = new CommittedExemplars(table);
            final ForwardingSink sink = new ForwardingSink(table, endpoint.batcher(0));
            final WorkerHarness harness = new WorkerHarness(table, 1_700_000_000_000L, committed, sink);
            harness.target(harness.defaultTarget);
            for (int k = 1; k <= SCRAPES; k++)
            {
                harness.scrapeOpenMetrics(openMetrics(k, 1_700_000_000_000L));
            }
            sink.flushAll();
            final ForwarderMetrics metrics = endpoint.metrics();
            Awaits.until(() -> metrics.exemplarsSent() == SCRAPES, Duration.ofSeconds(10),
                () -> "exemplars sent " + metrics.exemplarsSent() + "; log " + log);

            assertEquals(2 * SCRAPES - 1, committed.count());
            assertEquals(SCRAPES - 1, metrics.exemplarsDropped(), "the counter's exemplars, the repeat not among them");
            assertEquals(0, metrics.exemplarsFailed());
        }
    }

    private static WriteEndpoint endpoint(
        final int port, final Supplier<? extends BatchEncoder> encoders, final List<String> log)
    {
        return new WriteEndpoint("exemplars", TestEventLoop.group(),
            URI.create("http://127.0.0.1:" + port + "/api/v1/write"), Duration.ofSeconds(10),
            QueueConfig.DEFAULTS.withBatch(4, Duration.ofMillis(50)), 2, encoders, SnappyBodyCompression::new,
            new DefaultHttpHeaders(), log::add).sendExemplars(true);
    }

    /**
     * Scrapes both targets {@link #SCRAPES} times, one worker each, waits until every sample was sent and checks the
     * exemplar counters.
     *
     * @return the exemplars the workers committed, by series.
     */
    private static Map<String, List<String>> scrapeAndSend(
        final WriteEndpoint endpoint, final long startMs, final List<String> log) throws InterruptedException
    {
        endpoint.start();
        final SeriesTable textTable = new SeriesTable();
        final CommittedExemplars textExemplars = new CommittedExemplars(textTable);
        final ForwardingSink textSink = new ForwardingSink(textTable, endpoint.batcher(0));
        final WorkerHarness text = new WorkerHarness(textTable, startMs - SCRAPE_INTERVAL_MS, textExemplars, textSink);
        text.target(text.defaultTarget);
        final SeriesTable protobufTable = new SeriesTable();
        final CommittedExemplars protobufExemplars = new CommittedExemplars(protobufTable);
        final ForwardingSink protobufSink = new ForwardingSink(protobufTable, endpoint.batcher(1));
        final WorkerHarness protobuf =
            new WorkerHarness(protobufTable, startMs - SCRAPE_INTERVAL_MS, protobufExemplars, protobufSink);
        protobuf.target(new TargetConfig(WorkerHarness.TARGET, Map.of("job", "node", "instance", "b:9100"), false,
            true, false, RelabelConfigs.of(), ScrapeLimits.NONE, ExtraScrapeMetrics.OFF, 2));
        for (int k = 1; k <= SCRAPES; k++)
        {
            text.scrapeOpenMetrics(openMetrics(k, startMs));
            final byte[] body = protobuf(k, startMs);
            protobuf.scrapeProtobuf(new UnsafeBuffer(body), body.length);
        }
        textSink.flushAll();
        protobufSink.flushAll();
        final ForwarderMetrics metrics = endpoint.metrics();
        final long samples = text.committedSamples() + protobuf.committedSamples() + protobuf.committedHistograms();
        Awaits.until(() -> metrics.samplesSent() + metrics.samplesFailed() == samples, Duration.ofSeconds(20),
            () -> "sent " + metrics.samplesSent() + " of " + samples + "; log " + log);
        assertEquals(0, metrics.samplesFailed(), () -> "rejected: " + log);

        final long exemplars = textExemplars.count() + protobufExemplars.count();
        assertEquals(3 * SCRAPES - 1, exemplars, "one repeat left out, the untimed ones dropped");
        assertEquals(SCRAPES, protobuf.droppedExemplars(), "the native histogram's exemplars without timestamp");
        Awaits.until(() -> metrics.exemplarsSent() == exemplars, Duration.ofSeconds(5),
            () -> "exemplars sent " + metrics.exemplarsSent() + " of " + exemplars);
        assertEquals(0, metrics.exemplarsFailed());
        assertEquals(0, metrics.exemplarsDropped());
        final Map<String, List<String>> committed = new TreeMap<>(textExemplars.bySeries());
        committed.putAll(protobufExemplars.bySeries());
        return committed;
    }

    private static void decodeWithSluice(final byte[] body, final Map<String, List<String>> exemplars)
    {
        final RemoteWrite2Decoder decoder = new RemoteWrite2Decoder().wrap(new UnsafeBuffer(body), 0, body.length);
        final TextView name = new TextView();
        final TextView value = new TextView();
        while (decoder.nextSeries())
        {
            if (decoder.exemplarCount() == 0)
            {
                continue;
            }
            final LabelSetBuilder series = new LabelSetBuilder();
            for (int i = 0; i < decoder.labelCount(); i++)
            {
                series.set(decoder.labelName(i, name).toString(), decoder.labelValue(i, value).toString());
            }
            final List<String> list = exemplars.computeIfAbsent(series.toString(), k -> new ArrayList<>());
            for (int e = 0; e < decoder.exemplarCount(); e++)
            {
                final Map<String, String> labels = new TreeMap<>();
                for (int i = 0; i < decoder.exemplarLabelCount(e); i++)
                {
                    labels.put(decoder.exemplarLabelName(e, i, name).toString(),
                        decoder.exemplarLabelValue(e, i, value).toString());
                }
                list.add(CommittedExemplars.exemplar(labels, decoder.exemplarValue(e), decoder.exemplarTimestampMs(e)));
            }
        }
    }

    private static void decodeWithProtobufJava(final DynamicMessage message, final Map<String, List<String>> exemplars)
    {
        final Descriptor request = RemoteWriteSchemas.REQUEST;
        final List<?> symbols = (List<?>)message.getField(request.findFieldByName("symbols"));
        final Descriptor timeSeries = request.findFieldByName("timeseries").getMessageType();
        final Descriptor exemplar = timeSeries.findFieldByName("exemplars").getMessageType();
        for (final Object item : (List<?>)message.getField(request.findFieldByName("timeseries")))
        {
            final DynamicMessage series = (DynamicMessage)item;
            final List<?> list = (List<?>)series.getField(timeSeries.findFieldByName("exemplars"));
            if (list.isEmpty())
            {
                continue;
            }
            final LabelSetBuilder labels = new LabelSetBuilder();
            final List<?> refs = (List<?>)series.getField(timeSeries.findFieldByName("labels_refs"));
            for (int i = 0; i < refs.size(); i += 2)
            {
                labels.set((String)symbols.get((Integer)refs.get(i)), (String)symbols.get((Integer)refs.get(i + 1)));
            }
            final List<String> out = exemplars.computeIfAbsent(labels.toString(), k -> new ArrayList<>());
            for (final Object e : list)
            {
                final DynamicMessage ex = (DynamicMessage)e;
                final List<?> exRefs = (List<?>)ex.getField(exemplar.findFieldByName("labels_refs"));
                final Map<String, String> exLabels = new TreeMap<>();
                for (int i = 0; i < exRefs.size(); i += 2)
                {
                    exLabels.put((String)symbols.get((Integer)exRefs.get(i)),
                        (String)symbols.get((Integer)exRefs.get(i + 1)));
                }
                out.add(CommittedExemplars.exemplar(exLabels, (Double)ex.getField(exemplar.findFieldByName("value")),
                    (Long)ex.getField(exemplar.findFieldByName("timestamp"))));
            }
        }
    }
}
