package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.TextView;
import dev.sluice.parser.write.PrometheusTextWriter;
import dev.sluice.pipeline.forward.ScriptedWriteReceiver.Answer;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import io.netty.handler.codec.http.DefaultHttpHeaders;

/**
 * The exposition of the endpoints' counters, read back with Sluice's own Prometheus text cursor: every family
 * Prometheus names, one series per endpoint with {@code remote_name} and {@code url}, and the values of known sends.
 */
class RemoteStorageExpositionTest
{
    private static final long T0 = 1_700_000_000_000L;

    private final SeriesTable table = new SeriesTable();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ClosingStack closing = new ClosingStack();

    @AfterEach
    void close() throws Exception
    {
        closing.closeAll();
    }

    private WriteEndpoint endpoint(final String name, final ScriptedWriteReceiver receiver)
    {
        final WriteEndpoint endpoint = new WriteEndpoint(name, TestEventLoop.group(),
            URI.create("http://127.0.0.1:" + receiver.port() + "/write"), Duration.ofSeconds(5),
            new QueueConfig(100, 1, 2, Duration.ofHours(1), Duration.ofMillis(1), Duration.ofMillis(5), false)
                .withShards(1, 4),
            1, SeriesLineEncoder::new, () -> BodyCompression.IDENTITY, new DefaultHttpHeaders(), log::add);
        closing.add(endpoint);
        endpoint.start();
        return endpoint;
    }

    private ScriptedWriteReceiver receiver(final Answer... answers)
    {
        final ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0, answers);
        closing.add(receiver);
        return receiver;
    }

    /** Reads a body into "name{label=value,...}" keys and their values, in written label order. */
    private static Map<String, Double> parse(final PrometheusTextWriter writer)
    {
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT);
        cursor.reset(writer.buffer(), writer.offset(), writer.length());
        final Map<String, Double> values = new TreeMap<>();
        final TextView view = new TextView();
        for (EntryKind kind = cursor.next(); kind != EntryKind.END; kind = cursor.next())
        {
            if (kind != EntryKind.SAMPLE)
            {
                continue;
            }
            final StringBuilder key = new StringBuilder(cursor.name(view).toString()).append('{');
            for (int i = 0; i < cursor.labelCount(); i++)
            {
                key.append(i == 0 ? "" : ",").append(cursor.labelName(i, view)).append('=')
                    .append(cursor.labelValue(i, view));
            }
            values.put(key.append('}').toString(), cursor.value());
        }
        return values;
    }

    @Test
    void everyFamilyOfEveryEndpointWithTheValuesOfKnownSends() throws InterruptedException
    {
        final ScriptedWriteReceiver retried = receiver(Answer.of(503));
        final ScriptedWriteReceiver rejecting = receiver(Answer.of(400));
        final WriteEndpoint a = endpoint("a", retried);
        final WriteEndpoint b = endpoint("b", rejecting);
        final int up = table.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "up").set("i", "1"));
        for (final WriteEndpoint endpoint : List.of(a, b))
        {
            final EndpointBatcher batcher = endpoint.batcher(0);
            for (int i = 0; i < 3; i++)
            {
                batcher.append(7, table.buffer(), table.recordOffset(up), up, T0 + i, Double.doubleToRawLongBits(i));
            }
            batcher.flushAll();
        }
        Awaits.until(() -> a.metrics().samplesSent() == 3 && b.metrics().samplesFailed() + b.metrics().samplesSent()
            == 3 && a.metrics().samplesPending() + b.metrics().samplesPending() == 0, Duration.ofSeconds(10),
            () -> "sends not done: " + log);

        final PrometheusTextWriter writer = new PrometheusTextWriter();
        final RemoteStorageExposition exposition = new RemoteStorageExposition(List.of(a, b));
        exposition.write(writer);
        writer.finish();
        final Map<String, Double> values = parse(writer);

        final String aLabels = "remote_name=a,url=" + a.url();
        final String bLabels = "remote_name=b,url=" + b.url();
        final String p = "prometheus_remote_storage_";
        assertEquals(3.0, values.get(p + "samples_in_total{" + aLabels + "}"));
        assertEquals(3.0, values.get(p + "samples_total{" + aLabels + "}"));
        assertEquals(2.0, values.get(p + "samples_retried_total{" + aLabels + "}"), "the first batch of 2, once");
        assertEquals(0.0, values.get(p + "samples_failed_total{" + aLabels + "}"));
        assertEquals((double)a.metrics().bytesSent(), values.get(p + "bytes_total{" + aLabels + "}"));
        assertTrue(a.metrics().bytesSent() > 0);
        assertEquals(2.0, values.get(p + "samples_failed_total{" + bLabels + "}"), "the first batch, rejected");
        assertEquals(1.0, values.get(p + "samples_total{" + bLabels + "}"));
        assertEquals((T0 + 2) / 1000.0, values.get(p + "queue_highest_sent_timestamp_seconds{" + aLabels + "}"));
        assertEquals((T0 + 2) / 1000.0, values.get(p + "highest_timestamp_in_seconds{" + bLabels + "}"));
        assertEquals(0.0, values.get(p + "samples_pending{" + aLabels + "}"));
        assertEquals(0.0, values.get(p + "samples_dropped_total{" + aLabels + ",reason=queue_full}"));
        assertEquals(1.0, values.get(p + "shards{" + aLabels + "}"));
        assertEquals(1.0, values.get(p + "shards_min{" + aLabels + "}"));
        assertEquals(4.0, values.get(p + "shards_max{" + aLabels + "}"));
        assertEquals(100.0, values.get(p + "shard_capacity{" + aLabels + "}"));
        assertEquals(0.0, values.get(p + "histograms_total{" + aLabels + "}"));
        assertEquals(0.0, values.get(p + "exemplars_total{" + aLabels + "}"), "no exemplars were sent");
        // Endpoint a: 503, then 2 deliveries; endpoint b: 400, then 1 delivery; each attempt is one observation.
        assertEquals(3.0, values.get(p + "sent_batch_duration_seconds_count{" + aLabels + "}"));
        assertEquals(2.0, values.get(p + "sent_batch_duration_seconds_count{" + bLabels + "}"));
        assertEquals(3.0, values.get(p + "sent_batch_duration_seconds_bucket{" + aLabels + ",le=+Inf}"));
        assertTrue(values.containsKey(p + "sent_batch_duration_seconds_bucket{" + aLabels + ",le=0.005}"));
        assertTrue(values.containsKey(p + "sent_batch_duration_seconds_bucket{" + aLabels + ",le=300.0}"),
            "the cursor normalises le as Prometheus does");

        final List<String> families = List.of("samples_in_total", "samples_total", "histograms_total", "bytes_total",
            "samples_failed_total", "histograms_failed_total", "samples_retried_total", "histograms_retried_total",
            "histograms_dropped_total", "enqueue_retries_total", "samples_pending", "highest_timestamp_in_seconds",
            "queue_highest_sent_timestamp_seconds", "shards", "shards_desired", "shards_min", "shards_max",
            "shard_capacity", "sent_batch_duration_seconds_sum", "exemplars_total", "exemplars_failed_total",
            "exemplars_dropped_total", "metadata_total", "metadata_failed_total");
        for (final String family : families)
        {
            for (final String labels : List.of(aLabels, bLabels))
            {
                assertTrue(values.containsKey(p + family + "{" + labels + "}"), family + " of " + labels);
            }
        }
        for (final String reason : List.of("dropped_series", "too_old", "queue_full", "durable_full", "abandoned"))
        {
            assertTrue(values.containsKey(p + "samples_dropped_total{" + bLabels + ",reason=" + reason + "}"));
        }
    }

    @Test
    void aScrapeAllocatesNothingOnceTheBufferGrew()
    {
        final ScriptedWriteReceiver receiver = receiver();
        final WriteEndpoint endpoint = endpoint("a", receiver);
        final PrometheusTextWriter writer = new PrometheusTextWriter();
        final RemoteStorageExposition exposition = new RemoteStorageExposition(List.of(endpoint));
        exposition.write(writer);
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        // The least of five rounds: a round may meet a one-off of the JVM (a counter cell made under contention).
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++)
            {
                writer.reset();
                exposition.write(writer);
            }
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0L, allocated, "bytes allocated by 100 scrapes");
    }
}
