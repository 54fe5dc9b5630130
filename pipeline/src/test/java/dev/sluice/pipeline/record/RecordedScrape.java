package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.parser.NativeHistogramView;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/** Test helpers: off-heap ring buffers, counters, and records drained into readable lines. */
final class RecordedScrape
{
    private RecordedScrape()
    {
    }

    static RingBuffer ringBuffer(final int capacity)
    {
        return new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    static AtomicCounter counter(final String label)
    {
        final CountersManager counters = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(1024)));
        return counters.newCounter(label);
    }

    /** Every record in the ring buffer, one line each, such as {@code SAMPLE 7 up{job="a"} 1.0 ts=- flags=0}. */
    static List<String> drain(final RingBuffer ringBuffer)
    {
        final List<String> lines = new ArrayList<>();
        final ScrapeBeginFlyweight begin = new ScrapeBeginFlyweight();
        final SampleFlyweight sample = new SampleFlyweight();
        final HistogramFlyweight histogram = new HistogramFlyweight();
        final NativeHistogramView view = new NativeHistogramView();
        final ScrapeEndFlyweight end = new ScrapeEndFlyweight();
        final MetadataFlyweight metadata = new MetadataFlyweight();
        ringBuffer.read((type, buffer, index, length) ->
        {
            switch (type)
            {
                case RecordType.SCRAPE_BEGIN:
                    begin.wrap(buffer, index);
                    lines.add("BEGIN " + begin.targetId() + " " + begin.scrapeId() + " " + begin.scrapeTimeMs());
                    break;
                case RecordType.SAMPLE:
                    sample.wrap(buffer, index, length);
                    lines.add("SAMPLE " + sample.targetId() + " " + labels(sample.buffer(), sample.labelsOffset(),
                        sample.labelsLength(), sample.labelCount()) + " " +
                        Double.longBitsToDouble(sample.valueBits()) + " ts=" +
                        (sample.hasTimestamp() ? Long.toString(sample.timestampMs()) : "-") +
                        " flags=" + sample.flags() + (sample.hasExemplars() ?
                        exemplars(buffer, sample.exemplarsOffset(), sample.exemplarsLength()) : ""));
                    break;
                case RecordType.HISTOGRAM:
                    histogram.wrap(buffer, index, length);
                    lines.add("HISTOGRAM " + histogram.targetId() + " " + labels(histogram.buffer(),
                        histogram.labelsOffset(), histogram.labelsLength(), histogram.labelCount()) + " " +
                        NativeHistograms.describe(histogram.readHistogram(view)) + " ts=" +
                        (histogram.hasTimestamp() ? Long.toString(histogram.timestampMs()) : "-") +
                        " flags=" + histogram.flags() + (histogram.hasExemplars() ?
                        exemplars(buffer, histogram.exemplarsOffset(), histogram.exemplarsLength()) : ""));
                    break;
                case RecordType.METADATA:
                    metadata.wrap(buffer, index);
                    lines.add("METADATA " + metadata.targetId() + " " + metadata.type() + " " +
                        buffer.getStringWithoutLengthUtf8(metadata.nameOffset(), metadata.nameLength()) + " help=" +
                        buffer.getStringWithoutLengthUtf8(metadata.helpOffset(), metadata.helpLength()) + " unit=" +
                        buffer.getStringWithoutLengthUtf8(metadata.unitOffset(), metadata.unitLength()));
                    break;
                case RecordType.SCRAPE_END:
                    end.wrap(buffer, index);
                    lines.add("END " + end.targetId() + " " + end.scrapeId() + " " + ScrapeStatus.name(end.status()) +
                        " samples=" + end.samplesScraped() + " body=" + end.bodySize() + " ns=" + end.durationNs());
                    break;
                default:
                    lines.add("UNKNOWN " + type);
            }
        }, Integer.MAX_VALUE);
        return lines;
    }

    /** An exemplar block as {@code  # {labels} value ts=...} per entry, skipped ones included. */
    static String exemplars(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        final StringBuilder out = new StringBuilder();
        final ExemplarFlyweight exemplars = new ExemplarFlyweight().wrap(buffer, offset, length);
        while (exemplars.nextEntry())
        {
            out.append(" # {");
            for (int i = 0; exemplars.nextLabel(); i++)
            {
                out.append(i > 0 ? "," : "")
                    .append(buffer.getStringWithoutLengthUtf8(exemplars.nameOffset(), exemplars.nameLength()))
                    .append("=\"")
                    .append(buffer.getStringWithoutLengthUtf8(exemplars.valueOffset(), exemplars.valueLength()))
                    .append('"');
            }
            out.append("} ").append(Double.longBitsToDouble(exemplars.valueBits())).append(" ts=")
                .append(exemplars.hasTimestamp() ? Long.toString(exemplars.timestampMs()) : "-");
        }
        return out.toString();
    }

    /** The label bytes of a record in exposition notation, values unquoted-escaped as stored. */
    static String labels(
        final MutableDirectBuffer buffer, final int labelsOffset, final int labelsLength, final int labelCount)
    {
        final StringBuilder out = new StringBuilder();
        final int[] cursor = {labelsOffset};
        out.append(text(buffer, cursor));
        out.append('{');
        for (int i = 0; i < labelCount; i++)
        {
            out.append(i > 0 ? "," : "").append(text(buffer, cursor)).append("=\"").append(text(buffer, cursor))
                .append('"');
        }
        if (cursor[0] != labelsOffset + labelsLength)
        {
            throw new AssertionError("label bytes end at " + cursor[0] + ", expected at " +
                (labelsOffset + labelsLength));
        }
        return out.append('}').toString();
    }

    private static String text(final MutableDirectBuffer buffer, final int[] position)
    {
        final int length = buffer.getInt(position[0], LITTLE_ENDIAN);
        final byte[] bytes = new byte[length];
        buffer.getBytes(position[0] + SampleDescriptor.TEXT_LENGTH_PREFIX, bytes);
        position[0] += SampleDescriptor.TEXT_LENGTH_PREFIX + length;
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
