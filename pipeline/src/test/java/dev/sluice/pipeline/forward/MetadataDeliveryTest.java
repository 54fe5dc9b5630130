package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.TextView;
import dev.sluice.parser.testkit.DebianServers;
import dev.sluice.parser.testkit.LocalServerProcess;
import dev.sluice.pipeline.forward.RemoteWriteConfig.MetadataConfig;
import dev.sluice.pipeline.forward.remote.RemoteWrite1BatchEncoder;
import dev.sluice.pipeline.forward.remote.RemoteWrite2BatchEncoder;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.forward.remote.SnappyBodyCompression;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.pipeline.worker.WorkerHarness;
import dev.sluice.protobuf.remote.RemoteWrite1Decoder;
import dev.sluice.protobuf.remote.RemoteWrite2Decoder;
import dev.sluice.protobuf.remote.RemoteWriteSchemas;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Family metadata from OpenMetrics scrapes to a Remote Write 1.0 receiver: sent in requests of their own, every
 * {@code send_interval}, at most {@code max_samples_per_send} entries each, as Prometheus' queue manager sends the
 * metadata of its targets; read back with Sluice's 1.0 decoder and protobuf-java's {@link DynamicMessage}. A changed
 * HELP text replaces the old one. To a Remote Write 2.0 receiver the metadata goes inline, each series with its
 * family's type, help and unit, read back with Sluice's 2.0 decoder and {@link DynamicMessage}. Prometheus 2.42
 * takes the 1.0 metadata requests (2xx), though it keeps nothing of them to read back: its {@code /api/v1/metadata}
 * answers from its own scrape targets only.
 */
class MetadataDeliveryTest
{
    private static final String BODY = """
        # TYPE sluice_requests counter
        # HELP sluice_requests Requests served.
        sluice_requests_total{code="200"} 7
        # TYPE sluice_temperature_celsius gauge
        # UNIT sluice_temperature_celsius celsius
        # HELP sluice_temperature_celsius Temperature of the \\\\ room.
        sluice_temperature_celsius 21.5
        # TYPE sluice_latency_seconds histogram
        sluice_latency_seconds_bucket{le="+Inf"} 3
        sluice_latency_seconds_count 3
        sluice_latency_seconds_sum 1.5
        # EOF
        """;
    /** Sluice's names of the wire's metric type numbers, both versions. */
    private static final String[] TYPES = {"UNTYPED", "COUNTER", "GAUGE", "HISTOGRAM", "GAUGE_HISTOGRAM", "SUMMARY",
        "INFO", "STATESET"};
    private static final Set<String> EXPECTED = Set.of(
        "sluice_requests COUNTER help=Requests served. unit=",
        "sluice_temperature_celsius GAUGE help=Temperature of the \\ room. unit=celsius",
        "sluice_latency_seconds HISTOGRAM help= unit=");

    @Test
    void metadataGoesInRequestsOfItsOwnEverySendIntervalAndFollowsAChange() throws InterruptedException
    {
        final List<String> log = new ArrayList<>();
        try (ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0);
            WriteEndpoint endpoint = new WriteEndpoint("metadata", TestEventLoop.group(),
                URI.create("http://127.0.0.1:" + receiver.port() + "/api/v1/write"), Duration.ofSeconds(10),
                QueueConfig.DEFAULTS.withBatch(100, Duration.ofMillis(50)), 1, RemoteWrite1BatchEncoder::new,
                SnappyBodyCompression::new, new DefaultHttpHeaders(), log::add)
                .sendMetadata(new MetadataConfig(true, Duration.ofMillis(300), 2)))
        {
            endpoint.start();
            final SeriesTable table = new SeriesTable();
            final ForwardingSink forwarding = new ForwardingSink(table, endpoint.batcher(0));
            final WorkerHarness harness = new WorkerHarness(table, 1_700_000_000_000L, forwarding).metadataRecords();
            harness.target(harness.defaultTarget);

            final List<String> first = List.copyOf(harness.scrapeOpenMetrics(BODY));
            final List<String> steady = List.copyOf(harness.scrapeOpenMetrics(BODY));
            assertEquals(3, first.stream().filter(line -> line.startsWith("metadata ")).count(), first.toString());
            Awaits.until(() -> metadataRequests(receiver).size() >= 2, Duration.ofSeconds(10),
                () -> "metadata requests: " + metadataRequests(receiver) + "; log " + log);
            final List<List<String>> firstSend = metadataRequests(receiver);
            harness.scrapeOpenMetrics(BODY.replace("Requests served.", "Requests answered."));
            final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (metadataRequests(receiver).stream().flatMap(List::stream)
                .noneMatch(entry -> entry.contains("answered")) && System.nanoTime() < deadline)
            {
                harness.dutyCycle();
                Thread.sleep(10);
            }

            assertEquals(0, steady.stream().filter(line -> line.startsWith("metadata ")).count(),
                "a steady target writes no metadata record: " + steady);
            assertEquals(EXPECTED, new TreeSet<>(firstSend.stream().flatMap(List::stream).toList()));
            assertEquals(List.of(2, 1), firstSend.stream().map(List::size).toList(), "max_samples_per_send 2");
            final List<List<String>> all = metadataRequests(receiver);
            final List<String> last = all.get(all.size() - 1);
            assertTrue(last.contains("sluice_requests COUNTER help=Requests answered. unit=") ||
                all.get(all.size() - 2).contains("sluice_requests COUNTER help=Requests answered. unit="),
                all.toString());
            assertTrue(all.stream().flatMap(List::stream).filter(entry -> entry.startsWith("sluice_requests "))
                .count() >= 2, "sent again every interval: " + all);
            for (final ScriptedWriteReceiver.Received request : receiver.received())
            {
                assertEquals(decodeWithSluice(request.uncompressedBody()),
                    decodeWithProtobufJava(request.dynamicMessage(RemoteWriteSchemas.WRITE_REQUEST)));
            }
        }
    }

    @Test
    void prometheusTakesTheMetadataRequests() throws InterruptedException
    {
        final List<String> log = new CopyOnWriteArrayList<>();
        try (LocalServerProcess prometheus = LocalServerProcess.start(DebianServers.prometheus()
                .withExtraArguments("--web.enable-remote-write-receiver"));
            WriteEndpoint endpoint = new WriteEndpoint("metadata", TestEventLoop.group(),
                URI.create("http://127.0.0.1:" + prometheus.port() + "/api/v1/write"), Duration.ofSeconds(10),
                QueueConfig.DEFAULTS.withBatch(100, Duration.ofMillis(50)), 1, RemoteWrite1BatchEncoder::new,
                SnappyBodyCompression::new, new DefaultHttpHeaders(), log::add)
                .sendMetadata(new MetadataConfig(true, Duration.ofMillis(100), 2)))
        {
            endpoint.start();
            final SeriesTable table = new SeriesTable();
            final ForwardingSink forwarding = new ForwardingSink(table, endpoint.batcher(0));
            final WorkerHarness harness = new WorkerHarness(table, System.currentTimeMillis() - 60_000, forwarding)
                .metadataRecords();
            harness.target(harness.defaultTarget);
            harness.scrapeOpenMetrics(BODY);
            final ForwarderMetrics metrics = endpoint.metrics();
            final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (metrics.metadataSent() < 2L * EXPECTED.size() && System.nanoTime() < deadline)
            {
                harness.dutyCycle();
                Thread.sleep(20);
            }

            assertTrue(metrics.metadataSent() >= 2L * EXPECTED.size(), "metadata sent twice at least: " +
                metrics.metadataSent() + "; log " + log);
            assertEquals(0, metrics.metadataFailed(), log::toString);
            assertEquals(0, metrics.requestsRejected(), log::toString);
        }
    }

    @Test
    void remoteWrite2AttachesEachSeriesFamilyMetadataAsBothDecodersReadIt() throws InterruptedException
    {
        final List<String> log = new ArrayList<>();
        try (ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0);
            WriteEndpoint endpoint = new WriteEndpoint("metadata", TestEventLoop.group(),
                URI.create("http://127.0.0.1:" + receiver.port() + "/api/v1/write"), Duration.ofSeconds(10),
                QueueConfig.DEFAULTS.withBatch(100, Duration.ofMillis(50)), 1, RemoteWrite2BatchEncoder::new,
                SnappyBodyCompression::new, new DefaultHttpHeaders(), log::add).sendMetadata(MetadataConfig.DEFAULTS))
        {
            endpoint.start();
            final SeriesTable table = new SeriesTable();
            final ForwardingSink forwarding = new ForwardingSink(table, endpoint.batcher(0));
            final WorkerHarness harness = new WorkerHarness(table, 1_700_000_000_000L, forwarding).metadataRecords();
            harness.target(harness.defaultTarget);
            harness.scrapeOpenMetrics(BODY);
            forwarding.flushAll();
            Awaits.until(() -> endpoint.metrics().samplesSent() == harness.committedSamples(), Duration.ofSeconds(10),
                () -> "sent " + endpoint.metrics().samplesSent() + "; log " + log);

            final Map<String, String> decoded = new TreeMap<>();
            final Map<String, String> dynamic = new TreeMap<>();
            for (final ScriptedWriteReceiver.Received request : receiver.received())
            {
                decodeVersion2WithSluice(request.uncompressedBody(), decoded);
                decodeVersion2WithProtobufJava(request.dynamicMessage(RemoteWriteSchemas.REQUEST), dynamic);
            }
            final String target = ", instance=\"a:9100\", job=\"node\"}";
            final Map<String, String> expected = new TreeMap<>(Map.of(
                "{__name__=\"sluice_requests_total\", code=\"200\"" + target,
                "COUNTER help=Requests served. unit=",
                "{__name__=\"sluice_temperature_celsius\"" + target,
                "GAUGE help=Temperature of the \\ room. unit=celsius",
                "{__name__=\"sluice_latency_seconds_bucket\"" + target.replace("}", ", le=\"+Inf\"}"),
                "HISTOGRAM help= unit=",
                "{__name__=\"sluice_latency_seconds_count\"" + target, "HISTOGRAM help= unit=",
                "{__name__=\"sluice_latency_seconds_sum\"" + target, "HISTOGRAM help= unit="));
            for (final String report : List.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
                "scrape_samples_post_metric_relabeling", "scrape_series_added"))
            {
                expected.put("{__name__=\"" + report + "\"" + target, "none");
            }
            assertEquals(expected, decoded);
            assertEquals(expected, dynamic);
        }
    }

    private static void decodeVersion2WithSluice(final byte[] body, final Map<String, String> bySeries)
    {
        final RemoteWrite2Decoder decoder = new RemoteWrite2Decoder().wrap(new UnsafeBuffer(body), 0, body.length);
        final TextView name = new TextView();
        final TextView value = new TextView();
        while (decoder.nextSeries())
        {
            final LabelSetBuilder labels = new LabelSetBuilder();
            for (int i = 0; i < decoder.labelCount(); i++)
            {
                labels.set(decoder.labelName(i, name).toString(), decoder.labelValue(i, value).toString());
            }
            bySeries.put(labels.toString(), decoder.hasMetadata() ? decoder.metadataType() + " help=" +
                decoder.metadataHelp(name) + " unit=" + decoder.metadataUnit(value) : "none");
        }
    }

    private static void decodeVersion2WithProtobufJava(final DynamicMessage message, final Map<String, String> bySeries)
    {
        final Descriptor request = RemoteWriteSchemas.REQUEST;
        final List<?> symbols = (List<?>)message.getField(request.findFieldByName("symbols"));
        final Descriptor timeSeries = request.findFieldByName("timeseries").getMessageType();
        final Descriptor metadata = timeSeries.findFieldByName("metadata").getMessageType();
        for (final Object item : (List<?>)message.getField(request.findFieldByName("timeseries")))
        {
            final DynamicMessage series = (DynamicMessage)item;
            final LabelSetBuilder labels = new LabelSetBuilder();
            final List<?> refs = (List<?>)series.getField(timeSeries.findFieldByName("labels_refs"));
            for (int i = 0; i < refs.size(); i += 2)
            {
                labels.set((String)symbols.get((Integer)refs.get(i)), (String)symbols.get((Integer)refs.get(i + 1)));
            }
            if (!series.hasField(timeSeries.findFieldByName("metadata")))
            {
                bySeries.put(labels.toString(), "none");
                continue;
            }
            final DynamicMessage entry = (DynamicMessage)series.getField(timeSeries.findFieldByName("metadata"));
            bySeries.put(labels.toString(), TYPES[(Integer)entry.getField(metadata.findFieldByName("type"))] +
                " help=" + symbols.get((Integer)entry.getField(metadata.findFieldByName("help_ref"))) + " unit=" +
                symbols.get((Integer)entry.getField(metadata.findFieldByName("unit_ref"))));
        }
    }

    /** The metadata-only requests received so far, each as its entries. */
    static List<List<String>> metadataRequests(final ScriptedWriteReceiver receiver)
    {
        final List<List<String>> requests = new ArrayList<>();
        for (final ScriptedWriteReceiver.Received request : receiver.received())
        {
            final List<String> entries = decodeWithSluice(request.uncompressedBody());
            if (!entries.isEmpty())
            {
                requests.add(entries);
            }
        }
        return requests;
    }

    /** The request's metadata entries as {@code name TYPE help=... unit=...}; a request of series gives none. */
    private static List<String> decodeWithSluice(final byte[] body)
    {
        final RemoteWrite1Decoder decoder = new RemoteWrite1Decoder().wrap(new UnsafeBuffer(body), 0, body.length);
        final TextView view = new TextView();
        final List<String> entries = new ArrayList<>();
        while (decoder.nextMetadata())
        {
            entries.add(decoder.metadataFamilyName(view) + " " + decoder.metadataType() + " help=" +
                decoder.metadataHelp(view) + " unit=" + decoder.metadataUnit(view));
        }
        return entries;
    }

    private static List<String> decodeWithProtobufJava(final DynamicMessage message)
    {
        final Descriptor request = RemoteWriteSchemas.WRITE_REQUEST;
        final Descriptor metadata = request.findFieldByName("metadata").getMessageType();
        final List<String> entries = new ArrayList<>();
        for (final Object item : (List<?>)message.getField(request.findFieldByName("metadata")))
        {
            final DynamicMessage entry = (DynamicMessage)item;
            entries.add(entry.getField(metadata.findFieldByName("metric_family_name")) + " " +
                TYPES[(Integer)entry.getField(metadata.findFieldByName("type"))] + " help=" +
                entry.getField(metadata.findFieldByName("help")) + " unit=" +
                entry.getField(metadata.findFieldByName("unit")));
        }
        return entries;
    }
}
