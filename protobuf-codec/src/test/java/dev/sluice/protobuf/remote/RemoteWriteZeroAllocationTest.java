package dev.sluice.protobuf.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.TextView;

/**
 * After warm-up, encoding a batch of 3,000 series with one sample each (for 2.0 with its symbols interned),
 * labels taken from off-heap memory as the forwarder keeps them, and decoding the batch with every field read,
 * allocates nothing: measured with the thread's allocated-bytes counter around whole passes.
 */
class RemoteWriteZeroAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private static final int SERIES = 3000;
    private static final int LABELS = 4;

    /** Off-heap label store: per series, {@value #LABELS} pairs of (name offset, name length, value offset, ...). */
    private final UnsafeBuffer store = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 20));
    private final int[] positions = new int[SERIES * LABELS * 4];
    private final TextView view = new TextView();

    RemoteWriteZeroAllocationTest()
    {
        int at = 0;
        int slot = 0;
        for (int s = 0; s < SERIES; s++)
        {
            final String[] pairs = {"__name__", "http_requests_total_" + (s % 40), "instance", "host-" + (s % 97) +
                ":9100", "job", "api", "path", "/v1/items/" + s};
            for (final String text : pairs)
            {
                final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                store.putBytes(at, bytes);
                positions[slot++] = at;
                positions[slot++] = bytes.length;
                at += bytes.length;
            }
        }
    }

    private long encodeVersion1(final RemoteWrite1Encoder encoder, final ExpandableDirectByteBuffer out)
    {
        encoder.wrap(out, 0);
        for (int s = 0; s < SERIES; s++)
        {
            encoder.beginSeries();
            for (int l = 0; l < LABELS; l++)
            {
                final int base = (s * LABELS + l) * 4;
                encoder.addLabel(store, positions[base], positions[base + 1], positions[base + 2],
                    positions[base + 3]);
            }
            encoder.addSample(s * 0.5, 1_700_000_000_000L + s).endSeries();
        }
        return encoder.length();
    }

    private long decodeVersion1(
        final RemoteWrite1Decoder decoder, final ExpandableDirectByteBuffer body, final int length)
    {
        decoder.wrap(body, 0, length);
        long sink = 0;
        while (decoder.nextSeries())
        {
            for (int i = 0; i < decoder.labelCount(); i++)
            {
                sink += decoder.labelName(i, view).length() + decoder.labelValue(i, view).byteAt(0);
            }
            for (int i = 0; i < decoder.sampleCount(); i++)
            {
                sink += Double.doubleToRawLongBits(decoder.sampleValue(i)) + decoder.sampleTimestampMs(i);
            }
        }
        return sink;
    }

    private long encodeVersion2(final RemoteWrite2Encoder encoder, final ExpandableDirectByteBuffer out)
    {
        encoder.reset();
        for (int s = 0; s < SERIES; s++)
        {
            encoder.beginSeries();
            for (int l = 0; l < LABELS; l++)
            {
                final int base = (s * LABELS + l) * 4;
                encoder.addLabel(store, positions[base], positions[base + 1], positions[base + 2],
                    positions[base + 3]);
            }
            encoder.addSample(s * 0.5, 1_700_000_000_000L + s, 1_600_000_000_000L).endSeries();
        }
        return encoder.finish(out, 0);
    }

    private long decodeVersion2(
        final RemoteWrite2Decoder decoder, final ExpandableDirectByteBuffer body, final int length)
    {
        decoder.wrap(body, 0, length);
        long sink = 0;
        while (decoder.nextSeries())
        {
            for (int i = 0; i < decoder.labelCount(); i++)
            {
                sink += decoder.labelName(i, view).length() + decoder.labelValue(i, view).byteAt(0);
            }
            for (int i = 0; i < decoder.sampleCount(); i++)
            {
                sink += Double.doubleToRawLongBits(decoder.sampleValue(i)) + decoder.sampleTimestampMs(i) +
                    decoder.sampleStartTimestampMs(i);
            }
        }
        return sink;
    }

    /** Runs a pass 200 times to warm up, then measures 20 passes; returns the bytes they allocated. */
    private static long allocatedByPasses(final LongSupplier pass)
    {
        long sink = 0;
        for (int i = 0; i < 200; i++)
        {
            sink += pass.getAsLong();
        }
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20; i++)
        {
            sink += pass.getAsLong();
        }
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sink != 0);
        return allocated;
    }

    /** Counts the series a decoder walks through, from where it is to the end of its body. */
    private static int countSeries(final BooleanSupplier nextSeries)
    {
        int series = 0;
        while (nextSeries.getAsBoolean())
        {
            series++;
        }
        return series;
    }

    @Test
    void version1EncodingAndDecodingAllocateNothing()
    {
        final RemoteWrite1Encoder encoder = new RemoteWrite1Encoder();
        final RemoteWrite1Decoder decoder = new RemoteWrite1Decoder();
        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(1024);
        assertEquals(0, allocatedByPasses(() -> decodeVersion1(decoder, out, (int)encodeVersion1(encoder, out))));
        decoder.wrap(out, 0, (int)encodeVersion1(encoder, out));
        assertEquals(SERIES, countSeries(decoder::nextSeries));
    }

    @Test
    void version2EncodingAndDecodingAllocateNothing()
    {
        final RemoteWrite2Encoder encoder = new RemoteWrite2Encoder();
        final RemoteWrite2Decoder decoder = new RemoteWrite2Decoder();
        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(1024);
        assertEquals(0, allocatedByPasses(() -> decodeVersion2(decoder, out, (int)encodeVersion2(encoder, out))));
        decoder.wrap(out, 0, (int)encodeVersion2(encoder, out));
        assertEquals(SERIES, countSeries(decoder::nextSeries));
        // __name__ x 40, instance x 97, job, api, path, 3,000 paths, and the empty string.
        assertEquals(1 + 1 + 40 + 1 + 97 + 2 + 1 + SERIES, encoder.symbolCount());
    }
}
