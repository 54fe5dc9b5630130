package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.testkit.DebianServers;
import dev.sluice.parser.testkit.LocalServerProcess;
import dev.sluice.pipeline.forward.remote.RemoteWrite1BatchEncoder;
import dev.sluice.pipeline.forward.remote.SnappyBodyCompression;
import dev.sluice.pipeline.record.HistogramPayload;
import dev.sluice.pipeline.record.NativeHistograms;
import dev.sluice.pipeline.record.SampleDescriptor;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.pipeline.worker.SampleSink;
import dev.sluice.pipeline.worker.WorkerHarness;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Native histograms from protobuf scrapes through the whole pipeline into a real Prometheus 2.42 over Remote Write
 * 1.0 (native histograms are a feature flag there): every histogram Sluice committed, integer and float, is read back
 * through the query API with its count, sum and buckets, the bucket bounds worked out from schema and index as the
 * native histograms specification defines them, and the series that disappears ends at once with its staleness
 * marker.
 */
class NativeHistogramDeliveryTest
{
    private static final int SCRAPES = 6;
    private static final int SHORT_LIVED_SCRAPES = 3;
    private static final long SCRAPE_INTERVAL_MS = 15_000;
    private static final String SHORT_LIVED = "sluice_e2e_short_lived_seconds";

    /**
     * Scrape {@code k}'s histogram: schema 0 (bucket {@code i} is {@code (2^(i-1), 2^i]}), zero bucket
     * {@code [-0.25, 0.25]}, positive buckets -1, 0 and 2, negative bucket 1; every count grows with {@code k}.
     */
    private static NativeHistogramView rpc(final int k)
    {
        final NativeHistogramView h = new NativeHistogramView().schema(0).zeroThreshold(0.25).zeroCount(k)
            .count(4L * k + 3).sum(10.5 * k + 1);
        h.positive().addSpan(-1, 2).addSpan(1, 1).addDelta(k).addDelta(1).addDelta(-1);
        h.negative().addSpan(1, 1).addDelta(2);
        return h;
    }

    /** Scrape {@code k}'s short-lived histogram: schema -1 (bucket {@code i} is {@code (4^(i-1), 4^i]}). */
    private static NativeHistogramView shortLived(final int k)
    {
        final NativeHistogramView h = new NativeHistogramView().schema(-1).count(k).sum(3.0 * k);
        h.positive().addSpan(1, 1).addDelta(k);
        return h;
    }

    @Test
    void prometheusHoldsEveryHistogramSluiceCommittedAndTheStaleMarker() throws IOException, InterruptedException
    {
        final long startMs = (System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10)) / 1000 * 1000;
        final List<String> log = new ArrayList<>();
        try (LocalServerProcess prometheus = LocalServerProcess.start(DebianServers.prometheus()
                .withExtraArguments("--web.enable-remote-write-receiver", "--enable-feature=native-histograms"));
            WriteEndpoint endpoint = new WriteEndpoint("histograms", TestEventLoop.group(),
                URI.create("http://127.0.0.1:" + prometheus.port() + "/api/v1/write"), Duration.ofSeconds(10),
                QueueConfig.DEFAULTS.withBatch(4, Duration.ofMillis(50)), 1, RemoteWrite1BatchEncoder::new,
                SnappyBodyCompression::new, new DefaultHttpHeaders(), log::add))
        {
            endpoint.start();
            final SeriesTable table = new SeriesTable();
            final ExpectedHistograms expected = new ExpectedHistograms(table);
            final ForwardingSink forwarding = new ForwardingSink(table, endpoint.batcher(0));
            final WorkerHarness harness = new WorkerHarness(table, startMs - SCRAPE_INTERVAL_MS, expected, forwarding);
            harness.target(harness.defaultTarget);
            for (int k = 1; k <= SCRAPES; k++)
            {
                final ByteArrayOutputStream body = new ByteArrayOutputStream();
                body.writeBytes(NativeHistograms.family("sluice_e2e_rpc_seconds", new String[] {"code", "200"},
                    rpc(k), 0, Double.NaN));
                if (k <= SHORT_LIVED_SCRAPES)
                {
                    body.writeBytes(NativeHistograms.family(SHORT_LIVED, new String[0], shortLived(k), 0, Double.NaN));
                }
                body.writeBytes(NativeHistograms.family("sluice_e2e_queue_depth", new String[0],
                    NativeHistograms.floating(), 0, Double.NaN));
                final byte[] bytes = body.toByteArray();
                harness.scrapeProtobuf(new UnsafeBuffer(bytes), bytes.length);
            }
            forwarding.flushAll();
            final ForwarderMetrics metrics = endpoint.metrics();
            final long committed = harness.committedSamples() + harness.committedHistograms();
            Awaits.until(() -> metrics.samplesSent() + metrics.samplesFailed() == committed, Duration.ofSeconds(20),
                () -> "sent " + metrics.samplesSent() + " of " + committed + "; log " + log);
            assertEquals(0, metrics.samplesFailed(), () -> "rejected: " + log);

            assertEquals(2 * SCRAPES + SHORT_LIVED_SCRAPES, harness.committedHistograms());
            assertEquals(harness.committedHistograms(), metrics.histogramsSent(), "histograms counted apart");
            // One query per series: Prometheus 2.42 answers a range query over several histogram series, one of
            // them of float histograms, with that float histogram's buckets in every series (each alone reads right).
            final Map<String, List<String>> held = new TreeMap<>();
            for (final String name : List.of("sluice_e2e_rpc_seconds", "sluice_e2e_queue_depth", SHORT_LIVED))
            {
                held.putAll(TsdbReadBack.prometheusHistograms(prometheus.port(), name, System.currentTimeMillis()));
            }
            assertEquals(expected.histograms, held);
            assertEquals(Map.of("{__name__=\"" + SHORT_LIVED + "\", instance=\"a:9100\", job=\"node\"}", 1),
                expected.staleMarkers);
            final long lastSeen = startMs + (SHORT_LIVED_SCRAPES - 1) * SCRAPE_INTERVAL_MS;
            assertEquals(1, TsdbReadBack.prometheusSeriesAt(prometheus.port(), SHORT_LIVED, lastSeen + 1_000),
                "present while it was scraped");
            assertEquals(0, TsdbReadBack.prometheusSeriesAt(prometheus.port(), SHORT_LIVED,
                lastSeen + SCRAPE_INTERVAL_MS + 1_000), "gone at once after its stale marker");
        }
    }

    /**
     * What Prometheus should return for each committed histogram, in {@link TsdbReadBack#prometheusHistograms}'s
     * form: the non-empty buckets in ascending order, negative (closed below, open above), zero (closed), positive
     * (open below, closed above), each bound from the specification: positive bucket {@code i} of schema {@code s}
     * ends at {@code 2^(i * 2^-s)}.
     */
    private static final class ExpectedHistograms implements SampleSink
    {
        private final SeriesTable table;
        private final LabelSetBuilder labels = new LabelSetBuilder();
        private final NativeHistogramView view = new NativeHistogramView();
        private final Map<String, List<String>> histograms = new TreeMap<>();
        private final Map<String, Integer> staleMarkers = new TreeMap<>();

        ExpectedHistograms(final SeriesTable table)
        {
            this.table = table;
        }

        @Override
        public void beginCommit(final long targetId, final long scrapeId, final int outcome)
        {
        }

        @Override
        public void sample(final int seriesId, final long timestampMs, final long valueBits)
        {
            if (valueBits == SampleDescriptor.STALE_NAN_BITS)
            {
                staleMarkers.merge(table.load(seriesId, labels).toString(), 1, Integer::sum);
            }
        }

        @Override
        public void histogram(
            final int seriesId, final long timestampMs, final DirectBuffer payload, final int offset, final int length)
        {
            final NativeHistogramView h = HistogramPayload.read(payload, offset, view);
            final StringBuilder line = new StringBuilder().append(timestampMs).append(" count=")
                .append(h.isFloat() ? h.floatCount() : h.count()).append(" sum=").append(h.sum());
            final List<double[]> negative = buckets(h.negative());
            for (int i = negative.size() - 1; i >= 0; i--)
            {
                final double[] bucket = negative.get(i);
                appendBucket(line, 1, -upperBound(h.schema(), (int)bucket[0]),
                    -upperBound(h.schema(), (int)bucket[0] - 1), bucket[1]);
            }
            final double zeroCount = h.isFloat() ? h.floatZeroCount() : h.zeroCount();
            if (zeroCount > 0)
            {
                appendBucket(line, 3, -h.zeroThreshold(), h.zeroThreshold(), zeroCount);
            }
            for (final double[] bucket : buckets(h.positive()))
            {
                appendBucket(line, 0, upperBound(h.schema(), (int)bucket[0] - 1),
                    upperBound(h.schema(), (int)bucket[0]), bucket[1]);
            }
            histograms.computeIfAbsent(table.load(seriesId, labels).toString(), key -> new ArrayList<>())
                .add(line.toString());
        }

        @Override
        public void endCommit(final long targetId, final long scrapeId, final int outcome)
        {
        }

        /** The non-empty buckets of one side as (absolute index, absolute count), ascending by index. */
        private static List<double[]> buckets(final NativeHistogramView.Buckets side)
        {
            final List<double[]> buckets = new ArrayList<>();
            for (side.iterate(); side.next(); )
            {
                if (side.count() != 0)
                {
                    buckets.add(new double[] {side.index(), side.count()});
                }
            }
            return buckets;
        }

        /** {@code 2^(index * 2^-schema)}, exact for the schemas up to 0 used here: a power of two. */
        private static double upperBound(final int schema, final int index)
        {
            return Math.scalb(1.0, index << -schema);
        }

        private static void appendBucket(
            final StringBuilder line, final int rule, final double lower, final double upper, final double count)
        {
            line.append(' ').append(rule).append(':').append(lower).append(':').append(upper).append(':')
                .append(count);
        }
    }
}
