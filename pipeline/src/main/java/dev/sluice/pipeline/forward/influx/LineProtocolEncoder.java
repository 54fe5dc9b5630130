package dev.sluice.pipeline.forward.influx;

import java.nio.charset.StandardCharsets;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.number.FloatFormatter;
import dev.sluice.pipeline.forward.BatchEncoder;
import dev.sluice.pipeline.forward.EncodedBatch;
import dev.sluice.pipeline.forward.SeriesMetadata;
import dev.sluice.pipeline.record.ExemplarFlyweight;
import dev.sluice.pipeline.series.SeriesLabelCursor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes samples as InfluxDB line protocol, one line per sample, in the shape of Flux's {@code prometheus.scrape}:
 *
 * <pre>
 * prometheus,code=200,job=api,url=http://a:9100/metrics http_requests_total=1027 1700000000000
 * </pre>
 *
 * <p>The measurement is {@value #MEASUREMENT}; the metric name ({@code __name__}) is the field key and the value a
 * float in Go's shortest form; the other labels are tags, sorted as the series record keeps them, with the target's
 * scrape URL ({@link TargetUrls}) inserted as {@value #URL_TAG} at its sorted place (a series' own {@code url}
 * label wins); the timestamp is in the endpoint's {@link TimestampPrecision}. Labels with an empty value are left
 * out, as Prometheus treats them as absent and InfluxDB refuses them. Text is escaped as {@link LineProtocolText}
 * says; a newline in a label becomes the two characters {@code \n}.
 *
 * <p>InfluxDB cannot store a NaN or an infinity, staleness markers included, nor a time outside its nanosecond
 * range; such samples, those whose labels line protocol cannot carry (a name or value ending in a backslash), and
 * native histograms, which line protocol has no form for, are skipped and counted in {@link #unrepresentable()}.
 * Nothing is allocated per sample.
 */
public final class LineProtocolEncoder implements BatchEncoder
{
    /** The measurement of Flux's {@code prometheus.scrape}. */
    public static final String MEASUREMENT = "prometheus";
    /** The tag that carries the scrape URL. */
    public static final String URL_TAG = "url";
    /** The content type of a line-protocol request. */
    public static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    /** InfluxDB takes times within ±(2^63 - 2) ns; this many whole milliseconds fit. */
    private static final long MAX_TIMESTAMP_MS = 9_223_372_036_854L;
    private static final long EXPONENT_MASK = 0x7ff0000000000000L;
    private static final byte[] METRIC_NAME = "__name__".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] URL_TAG_BYTES = URL_TAG.getBytes(StandardCharsets.US_ASCII);

    private final byte[] measurement;
    private final TargetUrls targetUrls;
    private final TimestampPrecision precision;
    private final SeriesLabelCursor labels = new SeriesLabelCursor();
    private volatile long unrepresentable;

    /**
     * Creates an encoder writing measurement {@value #MEASUREMENT}.
     *
     * @param targetUrls the scrape URL of each target.
     * @param precision  the unit of the timestamps, the one the endpoint is told.
     */
    public LineProtocolEncoder(final TargetUrls targetUrls, final TimestampPrecision precision)
    {
        this(MEASUREMENT, targetUrls, precision);
    }

    /**
     * Creates an encoder writing another measurement.
     *
     * @param measurement the measurement of every line.
     * @param targetUrls  the scrape URL of each target.
     * @param precision   the unit of the timestamps, the one the endpoint is told.
     * @throws IllegalArgumentException when the measurement is empty, starts with {@code #} (a comment line) or
     *     ends in a backslash.
     */
    public LineProtocolEncoder(
        final String measurement, final TargetUrls targetUrls, final TimestampPrecision precision)
    {
        this.measurement = escapedMeasurement(measurement);
        this.targetUrls = targetUrls;
        this.precision = precision;
    }

    private static byte[] escapedMeasurement(final String measurement)
    {
        final byte[] utf8 = measurement.getBytes(StandardCharsets.UTF_8);
        final ExpandableArrayBuffer escaped = new ExpandableArrayBuffer(2 * utf8.length + 1);
        final int length = LineProtocolText.write(
            LineProtocolText.Part.MEASUREMENT, new UnsafeBuffer(utf8), 0, utf8.length, escaped, 0);
        if (length == LineProtocolText.UNREPRESENTABLE || utf8[0] == '#')
        {
            throw new IllegalArgumentException("not a measurement line protocol can carry: \"" + measurement + '"');
        }
        final byte[] bytes = new byte[length];
        escaped.getBytes(0, bytes);
        return bytes;
    }

    /**
     * Samples skipped because line protocol or InfluxDB cannot carry them: native histograms, NaN (staleness markers
     * included) and infinite values, times outside InfluxDB's range, labels that cannot be escaped, series without
     * a metric name.
     *
     * @return the count since creation; written by the encoding thread, readable from any thread.
     */
    public long unrepresentable()
    {
        return unrepresentable;
    }

    /** Line protocol has no header: nothing to write. */
    @Override
    public void begin(final EncodedBatch batch)
    {
    }

    /** Line protocol carries neither exemplars nor metadata: both are left out. */
    @Override
    public void append(
        final EncodedBatch batch,
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final long timestampMs,
        final long valueBits,
        final ExemplarFlyweight exemplars,
        final SeriesMetadata metadata)
    {
        final int end = (valueBits & EXPONENT_MASK) == EXPONENT_MASK ||
            timestampMs > MAX_TIMESTAMP_MS || timestampMs < -MAX_TIMESTAMP_MS ? LineProtocolText.UNREPRESENTABLE :
            writeLine(batch.body(), batch.length(), targetId, series, recordOffset, timestampMs, valueBits);
        if (end == LineProtocolText.UNREPRESENTABLE)
        {
            unrepresentable = unrepresentable + 1;
            return;
        }
        batch.length(end);
        batch.countSample();
    }

    /** Line protocol has no histograms: the histogram is skipped and counted in {@link #unrepresentable()}. */
    @Override
    public void appendHistogram(
        final EncodedBatch batch,
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final long timestampMs,
        final NativeHistogramView histogram,
        final ExemplarFlyweight exemplars,
        final SeriesMetadata metadata)
    {
        unrepresentable = unrepresentable + 1;
    }

    /** Line protocol has no trailer: nothing to write. */
    @Override
    public void finish(final EncodedBatch batch)
    {
    }

    @Override
    public void headers(final HttpHeaders headers)
    {
        headers.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
    }

    /** Writes one line from {@code start}; the batch's length moves past it only if the whole line could be written. */
    private int writeLine(
        final MutableDirectBuffer body,
        final int start,
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final long timestampMs,
        final long valueBits)
    {
        body.putBytes(start, measurement);
        int position = start + measurement.length;
        final byte[] escapedUrl = targetUrls.escapedUrl(targetId);
        boolean urlPending = escapedUrl != null;
        int nameOffset = -1;
        int nameLength = 0;
        labels.wrap(series, recordOffset);
        while (labels.next())
        {
            final int keyOffset = labels.nameOffset();
            final int keyLength = labels.nameLength();
            final int valueOffset = labels.valueOffset();
            final int valueLength = labels.valueLength();
            if (equal(series, keyOffset, keyLength, METRIC_NAME))
            {
                nameOffset = valueOffset;
                nameLength = valueLength;
                continue;
            }
            if (urlPending)
            {
                final int order = compare(series, keyOffset, keyLength, URL_TAG_BYTES);
                if (order > 0)
                {
                    position = writeUrlTag(body, position, escapedUrl);
                    urlPending = false;
                }
                else if (order == 0 && valueLength > 0)
                {
                    urlPending = false;
                }
            }
            if (valueLength > 0)
            {
                body.putByte(position++, (byte)',');
                position = LineProtocolText.write(LineProtocolText.Part.TAG, series, keyOffset, keyLength, body,
                    position);
                if (position == LineProtocolText.UNREPRESENTABLE)
                {
                    return position;
                }
                body.putByte(position++, (byte)'=');
                position = LineProtocolText.write(LineProtocolText.Part.TAG, series, valueOffset, valueLength, body,
                    position);
                if (position == LineProtocolText.UNREPRESENTABLE)
                {
                    return position;
                }
            }
        }
        if (urlPending)
        {
            position = writeUrlTag(body, position, escapedUrl);
        }
        if (nameOffset < 0)
        {
            return LineProtocolText.UNREPRESENTABLE;
        }
        body.putByte(position++, (byte)' ');
        position = LineProtocolText.write(LineProtocolText.Part.FIELD_KEY, series, nameOffset, nameLength, body,
            position);
        if (position == LineProtocolText.UNREPRESENTABLE)
        {
            return position;
        }
        body.putByte(position++, (byte)'=');
        body.checkLimit(position + FloatFormatter.MAX_LENGTH);
        position += FloatFormatter.formatGo(Double.longBitsToDouble(valueBits), body, position);
        body.putByte(position++, (byte)' ');
        position += body.putLongAscii(position, precision.fromMillis(timestampMs));
        body.putByte(position++, (byte)'\n');
        return position;
    }

    private static int writeUrlTag(final MutableDirectBuffer body, final int position, final byte[] escapedUrl)
    {
        body.putByte(position, (byte)',');
        body.putBytes(position + 1, URL_TAG_BYTES);
        final int valueStart = position + 1 + URL_TAG_BYTES.length;
        body.putByte(valueStart, (byte)'=');
        body.putBytes(valueStart + 1, escapedUrl);
        return valueStart + 1 + escapedUrl.length;
    }

    private static boolean equal(final DirectBuffer buffer, final int offset, final int length, final byte[] text)
    {
        return length == text.length && compare(buffer, offset, length, text) == 0;
    }

    /** Compares text in a buffer with ASCII text in UTF-8 byte order, the order of the series record's labels. */
    private static int compare(final DirectBuffer buffer, final int offset, final int length, final byte[] text)
    {
        for (int i = 0, n = Math.min(length, text.length); i < n; i++)
        {
            final int difference = (buffer.getByte(offset + i) & 0xff) - (text[i] & 0xff);
            if (difference != 0)
            {
                return difference;
            }
        }
        return length - text.length;
    }
}
