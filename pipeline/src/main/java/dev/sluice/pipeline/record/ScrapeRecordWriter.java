package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.TextView;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Turns one scraped body into records in a worker's ring buffer: {@link RecordType#SCRAPE_BEGIN}, one
 * {@link RecordType#SAMPLE} per sample of the cursor and one {@link RecordType#HISTOGRAM} per native histogram
 * (protobuf only; the classic series of the same family stay samples), {@link RecordType#SCRAPE_END}. Each record
 * is claimed in the ring buffer and written in place, names and labels unescaped straight from the body, so a
 * sample costs no allocation and no intermediate copy.
 *
 * <p>A malformed body ends the scrape with {@link ScrapeStatus#PARSE_ERROR}; a full ring buffer, after the
 * {@link BackPressurePolicy}'s wait, ends it with {@link ScrapeStatus#BACK_PRESSURE}. The samples already
 * written stay in the ring buffer and the worker discards them on the failed end. Scrapes and samples lost to
 * back-pressure are counted on two {@link AtomicCounter}s that metrics can read from any thread.
 *
 * <p>A native histogram counts as one sample in the scrape's counts, as in Prometheus. One writer belongs to one
 * scraping thread; several writers may share a many-to-one ring buffer.
 */
public final class ScrapeRecordWriter
{
    private final RingBuffer ringBuffer;
    private final AtomicBuffer buffer;
    private final BackPressurePolicy policy;
    private final NanoClock clock;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy();
    private final AtomicCounter droppedScrapes;
    private final AtomicCounter droppedSamples;
    private final ScrapeBeginFlyweight begin = new ScrapeBeginFlyweight();
    private final SampleFlyweight sample = new SampleFlyweight();
    private final HistogramFlyweight histogramRecord = new HistogramFlyweight();
    private final NativeHistogramView histogram = new NativeHistogramView();
    private final ScrapeEndFlyweight end = new ScrapeEndFlyweight();
    private final TextView nameView = new TextView();
    private final TextView labelView = new TextView();
    private DirectBuffer body;
    private int bodyOffset;

    /**
     * Creates a writer.
     *
     * @param ringBuffer     the worker's ring buffer that the target of every scrape maps to.
     * @param policy         what to do when the ring buffer is full.
     * @param clock          the clock for the wait bound and the scrape duration.
     * @param droppedScrapes counts scrapes failed because the ring buffer was full.
     * @param droppedSamples counts samples and histograms of those scrapes that reached the writer, the one that did
     *                       not fit included; the rest of such a body is not parsed.
     * @throws IllegalArgumentException when the ring buffer's largest message cannot hold a scrape end record.
     */
    public ScrapeRecordWriter(
        final RingBuffer ringBuffer,
        final BackPressurePolicy policy,
        final NanoClock clock,
        final AtomicCounter droppedScrapes,
        final AtomicCounter droppedSamples)
    {
        if (ringBuffer.maxMsgLength() < ScrapeEndDescriptor.LENGTH)
        {
            throw new IllegalArgumentException("ring buffer too small: largest message " + ringBuffer.maxMsgLength() +
                " bytes, a scrape end record needs " + ScrapeEndDescriptor.LENGTH);
        }
        this.ringBuffer = ringBuffer;
        this.buffer = ringBuffer.buffer();
        this.policy = policy;
        this.clock = clock;
        this.droppedScrapes = droppedScrapes;
        this.droppedSamples = droppedSamples;
    }

    /**
     * Parses a body with a cursor and writes its scrape as records.
     *
     * @param targetId     the target.
     * @param scrapeId     the scrape, increasing per target.
     * @param scrapeTimeMs the scrape time: timestamp of samples without one.
     * @param startNs      when the scrape started on {@code clock}, for its duration.
     * @param cursor       the cursor for the body's format; it is reset to the body.
     * @param body         the body.
     * @param offset       first byte of the body.
     * @param length       length of the body.
     * @return the status written in the {@link RecordType#SCRAPE_END} record, one of {@link ScrapeStatus}.
     */
    public int writeScrape(
        final long targetId,
        final long scrapeId,
        final long scrapeTimeMs,
        final long startNs,
        final MetricCursor cursor,
        final DirectBuffer body,
        final int offset,
        final int length)
    {
        if (!writeBegin(targetId, scrapeId, scrapeTimeMs))
        {
            droppedScrapes.increment();
            return ScrapeStatus.BACK_PRESSURE;
        }
        this.body = body;
        this.bodyOffset = offset;
        cursor.reset(body, offset, length);
        long samples = 0;
        int status = ScrapeStatus.OK;
        try
        {
            EntryKind kind;
            while (status == ScrapeStatus.OK && (kind = cursor.next()) != EntryKind.END)
            {
                if (kind == EntryKind.SAMPLE || kind == EntryKind.HISTOGRAM)
                {
                    status = kind == EntryKind.SAMPLE ?
                        writeSample(targetId, cursor) : writeHistogram(targetId, cursor);
                    samples += status == ScrapeStatus.OK ? 1 : 0;
                }
            }
        }
        catch (final ParseException ex)
        {
            status = ScrapeStatus.PARSE_ERROR;
        }
        if (status == ScrapeStatus.BACK_PRESSURE)
        {
            droppedScrapes.increment();
            droppedSamples.getAndAdd(samples + 1);
        }
        writeEnd(targetId, scrapeId, clock.nanoTime() - startNs, length, samples, status);
        return status;
    }

    /**
     * Writes a scrape that failed before it had a body to parse: a begin and an end with the status, so the
     * worker reports the target down and marks its series stale.
     *
     * @param targetId     the target.
     * @param scrapeId     the scrape.
     * @param scrapeTimeMs the scrape time.
     * @param durationNs   how long the attempt took.
     * @param status       why it failed, such as {@link ScrapeStatus#FETCH_FAILED}.
     * @return {@code status}, or {@link ScrapeStatus#BACK_PRESSURE} when the records did not fit.
     */
    public int writeFailedScrape(
        final long targetId, final long scrapeId, final long scrapeTimeMs, final long durationNs, final int status)
    {
        if (!writeBegin(targetId, scrapeId, scrapeTimeMs) || !writeEnd(targetId, scrapeId, durationNs, 0, 0, status))
        {
            droppedScrapes.increment();
            return ScrapeStatus.BACK_PRESSURE;
        }
        return status;
    }

    private boolean writeBegin(final long targetId, final long scrapeId, final long scrapeTimeMs)
    {
        final int index = claim(RecordType.SCRAPE_BEGIN, ScrapeBeginDescriptor.LENGTH);
        if (index < 0)
        {
            return false;
        }
        begin.wrap(buffer, index).targetId(targetId).scrapeId(scrapeId).scrapeTimeMs(scrapeTimeMs);
        ringBuffer.commit(index);
        return true;
    }

    /**
     * Writes the end record. When it does not fit either, the worker closes the scrape as failed when the next
     * scrape of the target begins.
     */
    private boolean writeEnd(
        final long targetId,
        final long scrapeId,
        final long durationNs,
        final long bodySize,
        final long samples,
        final int status)
    {
        final int index = claim(RecordType.SCRAPE_END, ScrapeEndDescriptor.LENGTH);
        if (index < 0)
        {
            return false;
        }
        end.wrap(buffer, index).targetId(targetId).scrapeId(scrapeId).durationNs(durationNs).bodySize(bodySize)
            .samplesScraped(samples).status(status);
        ringBuffer.commit(index);
        return true;
    }

    private int writeSample(final long targetId, final MetricCursor cursor)
    {
        final TextView name = cursor.name(nameView);
        final int labelBytes = labelBytesLength(cursor, name);
        final int recordLength = SampleDescriptor.length(labelBytes);
        if (recordLength > ringBuffer.maxMsgLength())
        {
            return ScrapeStatus.RECORD_TOO_LONG;
        }
        final int index = claim(RecordType.SAMPLE, recordLength);
        if (index < 0)
        {
            return ScrapeStatus.BACK_PRESSURE;
        }
        final long valueBits = Double.doubleToRawLongBits(cursor.value());
        final boolean hasTimestamp = cursor.hasTimestamp();
        final int flags = (hasTimestamp ? SampleDescriptor.FLAG_HAS_TIMESTAMP : 0) |
            (valueBits == SampleDescriptor.STALE_NAN_BITS ? SampleDescriptor.FLAG_STALE : 0);
        sample.wrap(buffer, index, recordLength)
            .targetId(targetId)
            .seriesHash(rawSeriesHash(cursor))
            .valueBits(valueBits)
            .timestampMs(hasTimestamp ? cursor.timestampMs() : 0)
            .flags(flags)
            .labelCount(cursor.labelCount());
        putLabels(sample.labelsOffset(), cursor, name);
        ringBuffer.commit(index);
        return ScrapeStatus.OK;
    }

    private int writeHistogram(final long targetId, final MetricCursor cursor)
    {
        final TextView name = cursor.name(nameView);
        final int labelBytes = labelBytesLength(cursor, name);
        final NativeHistogramView view = cursor.histogram(histogram);
        final int recordLength = HistogramDescriptor.length(labelBytes, HistogramPayload.length(view));
        if (recordLength > ringBuffer.maxMsgLength())
        {
            return ScrapeStatus.RECORD_TOO_LONG;
        }
        final int index = claim(RecordType.HISTOGRAM, recordLength);
        if (index < 0)
        {
            return ScrapeStatus.BACK_PRESSURE;
        }
        final boolean hasTimestamp = cursor.hasTimestamp();
        histogramRecord.wrap(buffer, index, recordLength)
            .targetId(targetId)
            .seriesHash(rawSeriesHash(cursor))
            .timestampMs(hasTimestamp ? cursor.timestampMs() : 0)
            .flags(hasTimestamp ? HistogramDescriptor.FLAG_HAS_TIMESTAMP : 0)
            .labelCount(cursor.labelCount())
            .labelsLength(labelBytes);
        putLabels(histogramRecord.labelsOffset(), cursor, name);
        histogramRecord.writeHistogram(view);
        ringBuffer.commit(index);
        return ScrapeStatus.OK;
    }

    /**
     * The hash of the current entry's raw series bytes, which the cursor indexes from the body's start. They are read
     * from the body itself: the name view of a derived series (a protobuf {@code _bucket}, {@code _sum}) points into
     * a scratch buffer of the cursor instead.
     */
    private long rawSeriesHash(final MetricCursor cursor)
    {
        return SeriesHash.hash(body, bodyOffset + cursor.seriesOffset(), cursor.seriesLength());
    }

    /** Bytes the name and labels of the current entry take in a record, each text with its length prefix. */
    private int labelBytesLength(final MetricCursor cursor, final TextView name)
    {
        int labelBytes = SampleDescriptor.textLength(name.unescapedLength());
        for (int i = 0, n = cursor.labelCount(); i < n; i++)
        {
            labelBytes += SampleDescriptor.textLength(cursor.labelName(i, labelView).unescapedLength());
            labelBytes += SampleDescriptor.textLength(cursor.labelValue(i, labelView).unescapedLength());
        }
        return labelBytes;
    }

    private void putLabels(final int offset, final MetricCursor cursor, final TextView name)
    {
        int position = putText(offset, name);
        for (int i = 0, n = cursor.labelCount(); i < n; i++)
        {
            position = putText(position, cursor.labelName(i, labelView));
            position = putText(position, cursor.labelValue(i, labelView));
        }
    }

    private int putText(final int index, final TextView text)
    {
        final int length = text.unescapeTo(buffer, index + SampleDescriptor.TEXT_LENGTH_PREFIX);
        buffer.putInt(index, length, LITTLE_ENDIAN);
        return index + SampleDescriptor.TEXT_LENGTH_PREFIX + length;
    }

    private int claim(final int recordType, final int length)
    {
        int index = ringBuffer.tryClaim(recordType, length);
        final long maxWaitNs = policy.maxWaitNs();
        if (index >= 0 || maxWaitNs == 0)
        {
            return index;
        }
        final long deadlineNs = clock.nanoTime() + maxWaitNs;
        idleStrategy.reset();
        while ((index = ringBuffer.tryClaim(recordType, length)) < 0 && clock.nanoTime() - deadlineNs < 0)
        {
            idleStrategy.idle();
        }
        return index;
    }
}
