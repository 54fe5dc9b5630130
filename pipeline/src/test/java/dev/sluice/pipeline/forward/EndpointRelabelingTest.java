package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;
import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.pipeline.forward.http.HttpClientSettings;
import dev.sluice.pipeline.forward.remote.RemoteWrite1BatchEncoder;
import dev.sluice.pipeline.record.HistogramPayload;
import dev.sluice.pipeline.record.NativeHistograms;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.RelabelSection;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.protobuf.remote.RemoteWrite1Decoder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.agrona.concurrent.UnsafeBuffer;

/** External labels and write relabel rules on the worker side of a real endpoint: once per series, per endpoint. */
class EndpointRelabelingTest
{
    private static final long TARGET = 7;
    private static final long T0 = 1_700_000_000_000L;
    private static EventLoopGroup group;

    private final SeriesTable table = new SeriesTable();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ClosingStack closing = new ClosingStack();

    @BeforeAll
    static void startEventLoop()
    {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopEventLoop()
    {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void close() throws Exception
    {
        closing.closeAll();
    }

    private WriteEndpoint endpoint(final ScriptedWriteReceiver receiver, final WriteRelabeling relabeling)
    {
        final WriteEndpoint endpoint = new WriteEndpoint("relabel", group,
            URI.create("http://127.0.0.1:" + receiver.port() + "/write"), Duration.ofSeconds(5),
            QueueConfig.DEFAULTS.withBatch(1000, Duration.ofHours(1)), 1, SeriesLineEncoder::new,
            () -> BodyCompression.IDENTITY, new DefaultHttpHeaders(), relabeling, log::add,
            HttpClientSettings.DEFAULTS);
        closing.add(endpoint);
        endpoint.start();
        return endpoint;
    }

    private ScriptedWriteReceiver receiver()
    {
        final ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(group, 0);
        closing.add(receiver);
        return receiver;
    }

    private int series(final String name, final String instance)
    {
        return table.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, name).set("instance", instance));
    }

    private static WriteRelabeling relabeling(final String rules)
    {
        return new WriteRelabeling(Map.of("cluster", "eu"),
            RelabelConfigs.fromYaml(rules, RelabelSection.REMOTE_WRITE, NameValidationScheme.UTF8));
    }

    private void commit(final ForwardingSink sink, final int[] ids, final int rounds)
    {
        sink.beginCommit(TARGET, 1, 0);
        for (int round = 0; round < rounds; round++)
        {
            for (final int id : ids)
            {
                sink.sample(id, T0 + round, Double.doubleToRawLongBits(round));
            }
        }
        sink.endCommit(TARGET, 1, 0);
        sink.flushAll();
    }

    private static String body(final ScriptedWriteReceiver receiver) throws InterruptedException
    {
        Awaits.until(() -> receiver.received().size() == 1, Duration.ofSeconds(10), () -> "no request");
        return new String(receiver.received().get(0).body(), StandardCharsets.UTF_8);
    }

    @Test
    void eachSeriesIsRelabeledOnceAndTheSamplesOfADroppedSeriesAreCounted() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver();
        final WriteEndpoint endpoint = endpoint(receiver, relabeling("""
            - {source_labels: [__name__], regex: go_.*, action: drop}
            - {source_labels: [instance], target_label: host, regex: '(.*):.*'}
            - {regex: instance, action: labeldrop}
            """));
        final EndpointBatcher batcher = endpoint.batcher(0);
        final ForwardingSink sink = new ForwardingSink(table, batcher);
        final int[] ids = {series("up", "a:1"), series("go_goroutines", "a:1"), series("up", "b:2")};

        commit(sink, ids, 10);

        assertEquals(3, batcher.endpointSeries().relabelPasses(), "the rules ran once per series, not per sample");
        assertEquals(10, endpoint.metrics().samplesDroppedByRelabel());
        final String body = body(receiver);
        assertEquals(20, body.split("cluster=eu,host=", -1).length - 1, "every kept sample, relabeled");
        assertEquals("[__name__=up,cluster=eu,host=a,1700000000000 0", body.substring(0, body.indexOf('\n')));
        Awaits.until(() -> endpoint.metrics().samplesSent() == 20, Duration.ofSeconds(10), () -> "not sent");
    }

    @Test
    void histogramsAreRelabeledAndDroppedAsSamplesAre() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver();
        final WriteEndpoint endpoint = new WriteEndpoint("relabel", group,
            URI.create("http://127.0.0.1:" + receiver.port() + "/write"), Duration.ofSeconds(5),
            QueueConfig.DEFAULTS.withBatch(1000, Duration.ofHours(1)), 1, RemoteWrite1BatchEncoder::new,
            () -> BodyCompression.IDENTITY, new DefaultHttpHeaders(), relabeling("""
                - {source_labels: [__name__], regex: go_.*, action: drop}
                - {regex: instance, action: labeldrop}
                """), log::add, HttpClientSettings.DEFAULTS);
        closing.add(endpoint);
        endpoint.start();
        final ForwardingSink sink = new ForwardingSink(table, endpoint.batcher(0));
        final NativeHistogramView histogram = NativeHistograms.integer();
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[HistogramPayload.length(histogram)]);
        HistogramPayload.write(payload, 0, histogram);

        sink.beginCommit(TARGET, 1, 0);
        sink.histogram(series("rpc_seconds", "a:1"), T0, payload, 0, payload.capacity());
        sink.histogram(series("go_gc_seconds", "a:1"), T0, payload, 0, payload.capacity());
        sink.endCommit(TARGET, 1, 0);
        sink.flushAll();

        Awaits.until(() -> receiver.received().size() == 1, Duration.ofSeconds(10), () -> "no request");
        final byte[] body = receiver.received().get(0).body();
        final RemoteWrite1Decoder decoder = new RemoteWrite1Decoder().wrap(new UnsafeBuffer(body), 0, body.length);
        final List<String> series = new ArrayList<>();
        final TextView name = new TextView();
        final TextView value = new TextView();
        while (decoder.nextSeries())
        {
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < decoder.labelCount(); i++)
            {
                line.append(decoder.labelName(i, name)).append('=').append(decoder.labelValue(i, value)).append(',');
            }
            line.append(decoder.histogramTimestampMs(0)).append(' ')
                .append(NativeHistograms.describe(decoder.histogram(0, new NativeHistogramView())));
            series.add(line.toString());
        }
        assertEquals(List.of("__name__=rpc_seconds,cluster=eu," + T0 + " " + NativeHistograms.describe(histogram)),
            series);
        assertEquals(1, endpoint.metrics().samplesDroppedByRelabel());
    }

    @Test
    void seriesTheRulesMergeShareOneEndpointSeries() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver();
        final WriteEndpoint endpoint = endpoint(receiver, relabeling("[{regex: instance, action: labeldrop}]"));
        final EndpointBatcher batcher = endpoint.batcher(0);

        commit(new ForwardingSink(table, batcher), new int[] {series("up", "a:1"), series("up", "b:2")}, 1);

        assertEquals(2, batcher.endpointSeries().relabelPasses());
        assertEquals(1, batcher.endpointSeries().table().size());
        assertEquals("[__name__=up,cluster=eu,1700000000000 0\n__name__=up,cluster=eu,1700000000000 0\n]",
            body(receiver));
    }

    @Test
    void anEndpointWithoutExternalLabelsOrRulesEncodesFromTheWorkersTable() throws InterruptedException
    {
        final ScriptedWriteReceiver receiver = receiver();
        final WriteEndpoint endpoint = endpoint(receiver, WriteRelabeling.NONE);
        final EndpointBatcher batcher = endpoint.batcher(0);

        commit(new ForwardingSink(table, batcher), new int[] {series("up", "a:1")}, 1);

        assertNull(batcher.endpointSeries(), "no second table");
        assertEquals("[__name__=up,instance=a:1,1700000000000 0\n]", body(receiver));
    }
}
