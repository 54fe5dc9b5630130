package dev.sluice.fuzz;

import java.nio.charset.StandardCharsets;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.protobuf.remote.RemoteWrite1Encoder;
import dev.sluice.protobuf.remote.RemoteWrite2Encoder;

/**
 * The Remote Write seeds written by Sluice's encoders ({@code made-here/encoder-rw1.pb} and
 * {@code made-here/encoder-rw2.pb} of the differential target), for what the two fixtures leave out: multi-byte
 * UTF-8 labels, the stale marker, {@code -0.0}, negative timestamps, a float histogram with custom bounds, an
 * integer one with spans on both sides, a tiny zero threshold and a reset hint, exemplars, metadata.
 */
final class EncodedRemoteWriteSeeds
{
    private static final double STALE_MARKER = Double.longBitsToDouble(0x7ff0000000000002L);
    private static final long TIME_MS = 1_700_000_000_000L;

    private EncodedRemoteWriteSeeds()
    {
    }

    /**
     * The 1.0 seed.
     *
     * @return its bytes.
     */
    static byte[] version1()
    {
        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(1024);
        final RemoteWrite1Encoder e = new RemoteWrite1Encoder().wrap(out, 0);
        final UnsafeBuffer name = utf8("http_requests_total");
        final UnsafeBuffer path = utf8("path");
        final UnsafeBuffer pathValue = utf8("/ü/€/𝄞");
        final UnsafeBuffer trace = utf8("trace_id");
        final UnsafeBuffer traceValue = utf8("4bf92f3577b34da6");
        final UnsafeBuffer nameLabel = utf8("__name__");
        e.beginSeries()
            .addLabel(nameLabel, 0, nameLabel.capacity(), name, 0, name.capacity())
            .addLabel(path, 0, path.capacity(), pathValue, 0, pathValue.capacity())
            .addSample(1.5, TIME_MS).addSample(STALE_MARKER, TIME_MS + 15_000).addSample(-0.0, -1)
            .beginExemplar().addExemplarLabel(trace, 0, trace.capacity(), traceValue, 0, traceValue.capacity())
            .endExemplar(0.25, TIME_MS + 1)
            .endSeries();
        e.beginSeries()
            .addLabel(nameLabel, 0, nameLabel.capacity(), name, 0, name.capacity())
            .addHistogram(customBoundsHistogram(), TIME_MS)
            .addHistogram(integerHistogram(), -TIME_MS)
            .endSeries();
        final UnsafeBuffer metadata = utf8("http_requests_totalRequests served, by path.seconds");
        e.addMetadata(MetricType.COUNTER, metadata, 0, 19, 19, 25, 44, 7);
        return bytes(out, e.length());
    }

    /**
     * The 2.0 seed.
     *
     * @return its bytes.
     */
    static byte[] version2()
    {
        final RemoteWrite2Encoder e = new RemoteWrite2Encoder().reset();
        final UnsafeBuffer name = utf8("rpc_duration_seconds");
        final UnsafeBuffer nameLabel = utf8("__name__");
        final UnsafeBuffer job = utf8("job");
        final UnsafeBuffer jobValue = utf8("サービス");
        final UnsafeBuffer help = utf8("RPC latency.");
        final UnsafeBuffer unit = utf8("seconds");
        e.beginSeries()
            .addLabel(nameLabel, 0, nameLabel.capacity(), name, 0, name.capacity())
            .addLabel(job, 0, job.capacity(), jobValue, 0, jobValue.capacity())
            .addSample(0.125, TIME_MS, TIME_MS - 60_000).addSample(STALE_MARKER, TIME_MS + 15_000, 0)
            .addSample(-0.0, -1, -2)
            .addHistogram(integerHistogram(), TIME_MS, TIME_MS - 60_000)
            .addHistogram(customBoundsHistogram(), TIME_MS + 15_000, 0)
            .beginExemplar().addExemplarLabel(job, 0, job.capacity(), jobValue, 0, jobValue.capacity())
            .endExemplar(0.5, TIME_MS + 2)
            .setMetadata(MetricType.HISTOGRAM, help, 0, help.capacity(), unit, 0, unit.capacity())
            .endSeries();
        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(1024);
        return bytes(out, e.finish(out, 0));
    }

    private static NativeHistogramView customBoundsHistogram()
    {
        final NativeHistogramView h = new NativeHistogramView().schema(NativeHistogramView.CUSTOM_BUCKETS_SCHEMA)
            .isFloat(true).floatCount(3.0).sum(7.5).resetHint(NativeHistogramView.ResetHint.GAUGE)
            .addCustomValue(0.5).addCustomValue(1.0).addCustomValue(5.0);
        h.positive().addSpan(0, 2).addSpan(1, 1).addFloatBucket(1.0).addFloatBucket(0.0).addFloatBucket(2.0);
        return h;
    }

    private static NativeHistogramView integerHistogram()
    {
        final NativeHistogramView h = new NativeHistogramView().schema(3).zeroThreshold(0x1p-128).count(11)
            .zeroCount(2).sum(-3.25).resetHint(NativeHistogramView.ResetHint.YES);
        h.negative().addSpan(-2, 2).addDelta(1).addDelta(-1);
        h.positive().addSpan(1, 1).addSpan(2, 2).addDelta(3).addDelta(-2).addDelta(4);
        return h;
    }

    private static UnsafeBuffer utf8(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(final ExpandableDirectByteBuffer out, final int length)
    {
        final byte[] body = new byte[length];
        out.getBytes(0, body);
        return body;
    }
}
