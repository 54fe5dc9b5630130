package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.TextView;
import dev.sluice.pipeline.forward.remote.RemoteWrite2BatchEncoder;
import dev.sluice.pipeline.record.SampleDescriptor;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.protobuf.remote.RemoteWrite2Decoder;
import dev.sluice.protobuf.remote.RemoteWriteHeaders;
import dev.sluice.protobuf.snappy.SnappyDecompressor;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Remote Write 2.0 from the whole pipeline to a receiver. No database in Debian 12 takes 2.0 (Prometheus 2.42
 * and VictoriaMetrics 1.79 predate it), so the receiver here decodes each request with Sluice's own Snappy and 2.0
 * decoders, which the codec's tests hold to the specification's fixture; every committed sample, stale markers
 * included, must come out once, with the 2.0 headers.
 */
class RemoteWrite2DeliveryTest
{



    @Test
    void everyCommittedSampleArrivesOnceInRequestsWithTheirOwnSymbolTables() throws InterruptedException
    {
        try (ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0);
            ScrapeWorkload workload = new ScrapeWorkload(TestEventLoop.group(),
                URI.create("http://127.0.0.1:" + receiver.port() + "/api/v1/write"),
                QueueConfig.DEFAULTS.withBatch(20, Duration.ofMillis(50)), 1_700_000_000_000L,
                RemoteWrite2BatchEncoder::new))
        {
            for (int k = 0; k < 8; k++)
            {
                workload.scrape();
            }
            workload.flush();
            final long committed = workload.committed.sampleCount() +
                workload.committed.staleMarkers().values().stream().mapToInt(Integer::intValue).sum();
            Awaits.until(() -> workload.endpoint.metrics().samplesSent() == committed, Duration.ofSeconds(20),
                () -> "sent " + workload.endpoint.metrics().samplesSent() + " of " + committed);

            final Map<String, List<String>> samples = new TreeMap<>();
            final Map<String, Integer> staleMarkers = new TreeMap<>();
            for (final ScriptedWriteReceiver.Received request : receiver.received())
            {
                assertEquals(RemoteWriteHeaders.CONTENT_TYPE_2, request.contentType());
                decode(request.body(), samples, staleMarkers);
            }
            assertEquals(workload.committed.samples(), samples);
            assertEquals(workload.committed.staleMarkers(), staleMarkers);
        }
    }

    private static void decode(
        final byte[] compressed, final Map<String, List<String>> samples, final Map<String, Integer> staleMarkers)
    {
        final ExpandableDirectByteBuffer body = new ExpandableDirectByteBuffer(compressed.length * 4);
        final int length = new SnappyDecompressor(1 << 24).decompress(new UnsafeBuffer(compressed), 0,
            compressed.length, body);
        final RemoteWrite2Decoder decoder = new RemoteWrite2Decoder().wrap(body, 0, length);
        final TextView name = new TextView();
        final TextView value = new TextView();
        while (decoder.nextSeries())
        {
            final LabelSetBuilder labels = new LabelSetBuilder();
            for (int i = 0; i < decoder.labelCount(); i++)
            {
                labels.set(decoder.labelName(i, name).toString(), decoder.labelValue(i, value).toString());
            }
            for (int i = 0; i < decoder.sampleCount(); i++)
            {
                final double v = decoder.sampleValue(i);
                if (Double.doubleToRawLongBits(v) == SampleDescriptor.STALE_NAN_BITS)
                {
                    staleMarkers.merge(labels.toString(), 1, Integer::sum);
                }
                else
                {
                    samples.computeIfAbsent(labels.toString(), k -> new ArrayList<>())
                        .add(decoder.sampleTimestampMs(i) + " " + v);
                }
            }
        }
    }

    @Test
    void aReceiverThatTakesTwoPointZeroWithoutCountingWritesCannotReadItAndTheBatchIsDroppedAndCounted()
        throws InterruptedException
    {
        try (ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0,
                ScriptedWriteReceiver.Answer.of(204));
            ScrapeWorkload workload = new ScrapeWorkload(TestEventLoop.group(),
                URI.create("http://127.0.0.1:" + receiver.port() + "/api/v1/write"),
                QueueConfig.DEFAULTS.withBatch(1000, Duration.ofMillis(50)), 1_700_000_000_000L,
                RemoteWrite2BatchEncoder::new))
        {
            workload.scrape();
            workload.flush();
            final ForwarderMetrics metrics = workload.endpoint.metrics();
            final long committed = workload.committed.sampleCount();
            Awaits.until(() -> metrics.samplesFailed() == committed, Duration.ofSeconds(20),
                () -> "failed " + metrics.samplesFailed() + " of " + committed + "; log " + workload.log);
            assertEquals(0, metrics.samplesSent());
            assertEquals(1, receiver.received().size(), "rejected, not retried");
            assertTrue(workload.log.stream().anyMatch(line -> line.contains("cannot read Remote Write 2.0")),
                () -> "log: " + workload.log);
        }
    }
}
