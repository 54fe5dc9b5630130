package dev.sluice.jmh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.TextView;

/**
 * A Remote Write 1.0 body made up for benchmarks: every sample of a {@link SyntheticExposition} as one {@code
 * prometheus.TimeSeries} of a {@code prometheus.WriteRequest}, the way a Prometheus server sends a scrape on:
 * labels sorted by name with {@code __name__} among them, the target's {@code instance} and {@code job} added, one
 * sample each with the scrape time (or the sample's own timestamp). Encoded by hand in the proto3 wire format,
 * without metadata. The same pod count always gives the same bytes; made in memory, never stored.
 */
public final class SyntheticWriteRequest
{
    /** Pod count of the standard body, chosen to give about 1 MB. */
    public static final int STANDARD_PODS = 50;
    /** Scrape time of samples without their own timestamp, in milliseconds. */
    public static final long SCRAPE_TIME_MS = 1_763_900_000_000L;

    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED64 = 1;
    private static final String INSTANCE = "10.0.3.17:9100";
    private static final String JOB = "kubernetes-nodes";

    private final byte[] bytes;
    private final int sampleCount;

    private SyntheticWriteRequest(final byte[] bytes, final int sampleCount)
    {
        this.bytes = bytes;
        this.sampleCount = sampleCount;
    }

    /**
     * The standard body: the {@link SyntheticExposition} of {@link SyntheticExposition#STANDARD_SEED} with {@link
     * #STANDARD_PODS} pods.
     *
     * @return a newly encoded body.
     */
    public static SyntheticWriteRequest standard()
    {
        return encode(SyntheticExposition.generate(SyntheticExposition.STANDARD_SEED, STANDARD_PODS).text());
    }

    /**
     * Encodes every sample of a Prometheus text body as a {@code WriteRequest}.
     *
     * @param text the exposition.
     * @return the encoded request.
     */
    public static SyntheticWriteRequest encode(final byte[] text)
    {
        final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROMETHEUS_TEXT).reset(text, 0, text.length);
        final TextView view = new TextView();
        final ByteArrayOutputStream request = new ByteArrayOutputStream(text.length / 4);
        final ByteArrayOutputStream series = new ByteArrayOutputStream(1024);
        final ByteArrayOutputStream field = new ByteArrayOutputStream(256);
        final List<String[]> labels = new ArrayList<>();
        int samples = 0;
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind != EntryKind.SAMPLE)
            {
                continue;
            }
            samples++;
            labels.clear();
            labels.add(new String[] {"__name__", cursor.name(view).toString()});
            for (int i = 0; i < cursor.labelCount(); i++)
            {
                labels.add(new String[] {cursor.labelName(i, view).toString(), cursor.labelValue(i, view).toString()});
            }
            labels.add(new String[] {"instance", INSTANCE});
            labels.add(new String[] {"job", JOB});
            labels.sort(Comparator.comparing(pair -> pair[0]));

            series.reset();
            for (final String[] pair : labels)
            {
                field.reset();
                writeText(field, 1, pair[0]);
                writeText(field, 2, pair[1]);
                writeMessage(series, 1, field);
            }
            field.reset();
            writeTag(field, 1, FIXED64);
            final long bits = Double.doubleToRawLongBits(cursor.value());
            for (int b = 0; b < Long.BYTES; b++)
            {
                field.write((int)(bits >>> (Byte.SIZE * b)));
            }
            writeTag(field, 2, 0);
            writeVarint(field, cursor.hasTimestamp() ? cursor.timestampMs() : SCRAPE_TIME_MS);
            writeMessage(series, 2, field);
            writeMessage(request, 1, series);
        }
        return new SyntheticWriteRequest(request.toByteArray(), samples);
    }

    /**
     * The encoded {@code WriteRequest}.
     *
     * @return the bytes (shared; do not modify).
     */
    public byte[] bytes()
    {
        return bytes;
    }

    /**
     * Number of series, one sample each.
     *
     * @return the sample count.
     */
    public int sampleCount()
    {
        return sampleCount;
    }

    private static void writeText(final ByteArrayOutputStream out, final int fieldNumber, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeTag(out, fieldNumber, LENGTH_DELIMITED);
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeMessage(final ByteArrayOutputStream out, final int fieldNumber,
        final ByteArrayOutputStream message)
    {
        writeTag(out, fieldNumber, LENGTH_DELIMITED);
        writeVarint(out, message.size());
        out.writeBytes(message.toByteArray());
    }

    private static void writeTag(final ByteArrayOutputStream out, final int fieldNumber, final int wireType)
    {
        writeVarint(out, (long)fieldNumber << 3 | wireType);
    }

    private static void writeVarint(final ByteArrayOutputStream out, final long value)
    {
        long rest = value;
        while ((rest & ~0x7FL) != 0)
        {
            out.write((int)(rest & 0x7F | 0x80));
            rest >>>= 7;
        }
        out.write((int)rest);
    }
}
