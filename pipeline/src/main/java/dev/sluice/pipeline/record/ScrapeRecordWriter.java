package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.TextView;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
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
 * sample costs no allocation and no intermediate copy. The exemplars of a sample or histogram ride at the end of its
 * record ({@link ExemplarDescriptor}), written in place the same way.
 *
 * <p>A malformed body ends the scrape with {@link ScrapeStatus#PARSE_ERROR}; a full ring buffer, after the
 * {@link BackPressurePolicy}'s wait, ends it with {@link ScrapeStatus#BACK_PRESSURE}. The samples already
 * written stay in the ring buffer and the worker discards them on the failed end. Scrapes and samples lost to
 * back-pressure are counted on two {@link AtomicCounter}s that metrics can read from any thread.
 *
 * <p>With {@code enable_type_and_unit_labels} every series gets {@code __type__} (when its family's type is known
 * and not {@code unknown}) and {@code __unit__} (when its family has a non-empty unit) after its scraped labels,
 * which lose their own {@code __type__} and {@code __unit__}; the raw series hash covers the two values.
 *
 * <p>With {@link #metadataRecords(boolean) metadata records} on, the metadata of each family (name, type, help,
 * unit) is written as a {@link RecordType#METADATA} record before the family's first sample, but only when it differs
 * from what this writer last wrote for that family of that target: a steady target costs a hash and a map lookup per
 * family, no record and no allocation.
 *
 * <p>A native histogram counts as one sample in the scrape's counts, as in Prometheus. One writer belongs to one
 * scraping thread; several writers may share a many-to-one ring buffer.
 */
public final class ScrapeRecordWriter
{
    private static final String TYPE_LABEL = "__type__";
    private static final String UNIT_LABEL = "__unit__";
    private static final byte[] TYPE_LABEL_BYTES = TYPE_LABEL.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNIT_LABEL_BYTES = UNIT_LABEL.getBytes(StandardCharsets.US_ASCII);
    /** The {@code __type__} value of each {@link MetricType} by ordinal, null for untyped (no label). */
    private static final byte[][] TYPE_VALUES = typeValues();
    /** What OpenMetrics lets a sample name add to its family's name. */
    private static final byte[][] SAMPLE_SUFFIXES = ascii(
        "", "_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info");

    private final RingBuffer ringBuffer;
    private final AtomicBuffer buffer;
    private final BackPressurePolicy policy;
    private final NanoClock clock;
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy();
    private final AtomicCounter droppedScrapes;
    private final AtomicCounter droppedSamples;
    private final AtomicLong droppedExemplars = new AtomicLong();
    private final ScrapeBeginFlyweight begin = new ScrapeBeginFlyweight();
    private final SampleFlyweight sample = new SampleFlyweight();
    private final HistogramFlyweight histogramRecord = new HistogramFlyweight();
    private final NativeHistogramView histogram = new NativeHistogramView();
    private final ScrapeEndFlyweight end = new ScrapeEndFlyweight();
    private final TextView nameView = new TextView();
    private final TextView labelView = new TextView();
    private final ExpandableArrayBuffer entryFamily = new ExpandableArrayBuffer(64);
    private final ExpandableArrayBuffer unitFamily = new ExpandableArrayBuffer(64);
    private final ExpandableArrayBuffer unit = new ExpandableArrayBuffer(32);
    private final MetadataFlyweight metadataRecord = new MetadataFlyweight();
    /** By target and family name hash, the hash of the metadata last written; 0 for none. */
    private final Long2LongHashMap writtenMetadata = new Long2LongHashMap(0);
    private final ExpandableArrayBuffer familyName = new ExpandableArrayBuffer(64);
    private final ExpandableArrayBuffer familyHelp = new ExpandableArrayBuffer(128);
    private final ExpandableArrayBuffer familyUnit = new ExpandableArrayBuffer(32);
    private boolean metadataRecords;
    private boolean familyPending;
    private MetricType familyType = MetricType.UNTYPED;
    private int familyNameLength;
    private int familyHelpLength;
    private int familyUnitLength;
    private DirectBuffer body;
    private int bodyOffset;
    private boolean typeAndUnitLabels;
    private int unitFamilyLength;
    private int unitLength;
    private long unitHash;
    private int recordLabelCount;

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
     * Exemplars left out because their sample's or histogram's record would not fit in the ring buffer with them:
     * the sample is written without them rather than failing the scrape, as Prometheus does not fail a scrape for
     * an exemplar. Any thread.
     *
     * @return the count.
     */
    public long droppedExemplars()
    {
        return droppedExemplars.get();
    }

    /**
     * Turns {@link RecordType#METADATA} records on or off (off by default): on when an endpoint sends metadata.
     *
     * @param enabled whether to write them.
     * @return this writer.
     */
    public ScrapeRecordWriter metadataRecords(final boolean enabled)
    {
        this.metadataRecords = enabled;
        return this;
    }

    /**
     * Parses a body with a cursor and writes its scrape as records, without type and unit labels.
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
        return writeScrape(targetId, scrapeId, scrapeTimeMs, startNs, cursor, body, offset, length, false);
    }

    /**
     * Parses a body with a cursor and writes its scrape as records.
     *
     * @param targetId          the target.
     * @param scrapeId          the scrape, increasing per target.
     * @param scrapeTimeMs      the scrape time: timestamp of samples without one.
     * @param startNs           when the scrape started on {@code clock}, for its duration.
     * @param cursor            the cursor for the body's format; it is reset to the body.
     * @param body              the body.
     * @param offset            first byte of the body.
     * @param length            length of the body.
     * @param typeAndUnitLabels the target's {@code enable_type_and_unit_labels}.
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
        final int length,
        final boolean typeAndUnitLabels)
    {
        if (!writeBegin(targetId, scrapeId, scrapeTimeMs))
        {
            droppedScrapes.increment();
            return ScrapeStatus.BACK_PRESSURE;
        }
        this.body = body;
        this.bodyOffset = offset;
        this.typeAndUnitLabels = typeAndUnitLabels;
        unitFamilyLength = 0;
        unitLength = 0;
        familyPending = false;
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
                    writeFamilyMetadata(targetId);
                    status = kind == EntryKind.SAMPLE ?
                        writeSample(targetId, cursor) : writeHistogram(targetId, cursor);
                    samples += status == ScrapeStatus.OK ? 1 : 0;
                }
                else if (kind != EntryKind.COMMENT)
                {
                    trackFamily(targetId, kind, cursor);
                    if (typeAndUnitLabels)
                    {
                        trackUnit(kind, cursor);
                    }
                }
            }
            if (status == ScrapeStatus.OK)
            {
                writeFamilyMetadata(targetId);
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
        clearUnitOutsideFamily(name);
        final int labelBytes = labelBytesLength(cursor, name);
        final int exemplarBytes = fittingExemplarPartLength(cursor, SampleDescriptor.length(labelBytes));
        final int recordLength = SampleDescriptor.length(labelBytes) + exemplarBytes;
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
            (valueBits == SampleDescriptor.STALE_NAN_BITS ? SampleDescriptor.FLAG_STALE : 0) |
            (exemplarBytes > 0 ? ExemplarDescriptor.FLAG_HAS_EXEMPLARS : 0);
        sample.wrap(buffer, index, recordLength)
            .targetId(targetId)
            .seriesHash(rawSeriesHash(cursor))
            .valueBits(valueBits)
            .timestampMs(hasTimestamp ? cursor.timestampMs() : 0)
            .flags(flags)
            .labelCount(recordLabelCount);
        putLabels(sample.labelsOffset(), cursor, name);
        putExemplars(index + recordLength - exemplarBytes, cursor, exemplarBytes);
        ringBuffer.commit(index);
        return ScrapeStatus.OK;
    }

    private int writeHistogram(final long targetId, final MetricCursor cursor)
    {
        final TextView name = cursor.name(nameView);
        clearUnitOutsideFamily(name);
        final int labelBytes = labelBytesLength(cursor, name);
        final NativeHistogramView view = cursor.histogram(histogram);
        final int withoutExemplars = HistogramDescriptor.length(labelBytes, HistogramPayload.length(view));
        final int exemplarBytes = fittingExemplarPartLength(cursor, withoutExemplars);
        final int recordLength = withoutExemplars + exemplarBytes;
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
            .flags((hasTimestamp ? HistogramDescriptor.FLAG_HAS_TIMESTAMP : 0) |
                (exemplarBytes > 0 ? ExemplarDescriptor.FLAG_HAS_EXEMPLARS : 0))
            .labelCount(recordLabelCount)
            .labelsLength(labelBytes);
        putLabels(histogramRecord.labelsOffset(), cursor, name);
        histogramRecord.writeHistogram(view);
        putExemplars(index + recordLength - exemplarBytes, cursor, exemplarBytes);
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
        final long hash = SeriesHash.hash(body, bodyOffset + cursor.seriesOffset(), cursor.seriesLength());
        if (!typeAndUnitLabels)
        {
            return hash;
        }
        return SeriesHash.combine(SeriesHash.combine(hash, cursor.type().ordinal()), unitLength == 0 ? 0 : unitHash);
    }

    /**
     * Collects the metadata of the current family from its TYPE, HELP and UNIT entries; an entry of another family
     * first writes the one collected so far.
     */
    private void trackFamily(final long targetId, final EntryKind kind, final MetricCursor cursor)
    {
        if (!metadataRecords)
        {
            return;
        }
        final int nameLength = cursor.name(nameView).unescapeTo(entryFamily, 0);
        if (!familyPending || nameLength != familyNameLength || !sameBytes(entryFamily, familyName, nameLength))
        {
            writeFamilyMetadata(targetId);
            familyName.putBytes(0, entryFamily, 0, nameLength);
            familyNameLength = nameLength;
            familyType = MetricType.UNTYPED;
            familyHelpLength = 0;
            familyUnitLength = 0;
            familyPending = true;
        }
        if (kind == EntryKind.TYPE)
        {
            familyType = cursor.type();
        }
        else if (kind == EntryKind.HELP)
        {
            familyHelpLength = cursor.metadataText(labelView).unescapeTo(familyHelp, 0);
        }
        else if (kind == EntryKind.UNIT)
        {
            familyUnitLength = cursor.metadataText(labelView).unescapeTo(familyUnit, 0);
        }
    }

    /**
     * Writes the collected family metadata as a record when it differs from what was last written for the family of
     * this target. A record that does not fit now is not waited for: the next scrape writes it.
     */
    private void writeFamilyMetadata(final long targetId)
    {
        if (!familyPending)
        {
            return;
        }
        familyPending = false;
        final long nameHash = SeriesHash.hash(familyName, 0, familyNameLength);
        final long metadataHash = SeriesHash.combine(SeriesHash.combine(SeriesHash.combine(nameHash,
            familyType.ordinal()), SeriesHash.hash(familyHelp, 0, familyHelpLength)),
            SeriesHash.hash(familyUnit, 0, familyUnitLength)) | 1;
        final long key = SeriesHash.combine(targetId, nameHash);
        if (writtenMetadata.get(key) == metadataHash)
        {
            return;
        }
        final int length = MetadataDescriptor.length(familyNameLength, familyHelpLength, familyUnitLength);
        final int index = length > ringBuffer.maxMsgLength() ? -1 : ringBuffer.tryClaim(RecordType.METADATA, length);
        if (index < 0)
        {
            return;
        }
        metadataRecord.wrap(buffer, index).write(targetId, familyType, familyName, familyNameLength, familyHelp,
            familyHelpLength, familyUnit, familyUnitLength);
        ringBuffer.commit(index);
        writtenMetadata.put(key, metadataHash);
    }

    private static boolean sameBytes(final DirectBuffer a, final DirectBuffer b, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (a.getByte(i) != b.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Follows the unit of the current family from its metadata entries: a UNIT entry sets it, a TYPE or HELP entry
     * of another family clears it.
     */
    private void trackUnit(final EntryKind kind, final MetricCursor cursor)
    {
        final int nameLength = cursor.name(nameView).unescapeTo(entryFamily, 0);
        if (kind == EntryKind.UNIT)
        {
            unitFamily.putBytes(0, entryFamily, 0, nameLength);
            unitFamilyLength = nameLength;
            unitLength = cursor.metadataText(labelView).unescapeTo(unit, 0);
            unitHash = SeriesHash.hash(unit, 0, unitLength);
        }
        else if (nameLength != unitFamilyLength || !startsWithUnitFamily(nameLength))
        {
            unitLength = 0;
        }
    }

    /**
     * Clears the unit when a sample is not of the unit's family: OpenMetrics lets a sample open a family without
     * metadata, and the cursor signals that only by the name.
     */
    private void clearUnitOutsideFamily(final TextView name)
    {
        if (unitLength > 0)
        {
            final int nameLength = name.unescapeTo(entryFamily, 0);
            if (!startsWithUnitFamily(nameLength) || !endsWithSampleSuffix(nameLength))
            {
                unitLength = 0;
            }
        }
    }

    /** Whether the {@code nameLength} bytes in {@link #entryFamily} start with the unit's family name. */
    private boolean startsWithUnitFamily(final int nameLength)
    {
        if (nameLength < unitFamilyLength)
        {
            return false;
        }
        for (int i = 0; i < unitFamilyLength; i++)
        {
            if (entryFamily.getByte(i) != unitFamily.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    /** Whether what follows the unit's family name in {@link #entryFamily} is one of {@link #SAMPLE_SUFFIXES}. */
    private boolean endsWithSampleSuffix(final int nameLength)
    {
        final int rest = nameLength - unitFamilyLength;
        for (final byte[] suffix : SAMPLE_SUFFIXES)
        {
            if (suffix.length == rest && hasSuffix(suffix))
            {
                return true;
            }
        }
        return false;
    }

    private boolean hasSuffix(final byte[] suffix)
    {
        for (int i = 0; i < suffix.length; i++)
        {
            if (entryFamily.getByte(unitFamilyLength + i) != suffix[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Bytes the name and labels of the current entry take in a record, each text with its length prefix; sets
     * {@link #recordLabelCount}.
     */
    private int labelBytesLength(final MetricCursor cursor, final TextView name)
    {
        int labelBytes = SampleDescriptor.textLength(name.unescapedLength());
        int count = 0;
        for (int i = 0, n = cursor.labelCount(); i < n; i++)
        {
            if (!isReplacedLabel(cursor, i))
            {
                labelBytes += SampleDescriptor.textLength(cursor.labelName(i, labelView).unescapedLength());
                labelBytes += SampleDescriptor.textLength(cursor.labelValue(i, labelView).unescapedLength());
                count++;
            }
        }
        final byte[] type = typeValue(cursor);
        if (type != null)
        {
            labelBytes += SampleDescriptor.textLength(TYPE_LABEL_BYTES.length) +
                SampleDescriptor.textLength(type.length);
            count++;
        }
        if (typeAndUnitLabels && unitLength > 0)
        {
            labelBytes += SampleDescriptor.textLength(UNIT_LABEL_BYTES.length) +
                SampleDescriptor.textLength(unitLength);
            count++;
        }
        recordLabelCount = count;
        return labelBytes;
    }

    /**
     * Bytes the exemplars of the current entry take at the end of a record of {@code recordLength} bytes without
     * them; 0, the exemplars counted as dropped, when the record would no longer fit in the ring buffer.
     */
    private int fittingExemplarPartLength(final MetricCursor cursor, final int recordLength)
    {
        final int exemplarBytes = exemplarPartLength(cursor);
        if (exemplarBytes > 0 && recordLength <= ringBuffer.maxMsgLength() &&
            recordLength + exemplarBytes > ringBuffer.maxMsgLength())
        {
            droppedExemplars.addAndGet(cursor.exemplarCount());
            return 0;
        }
        return exemplarBytes;
    }

    /**
     * Bytes the exemplars of the current entry take at the end of its record, block and trailer
     * ({@link ExemplarDescriptor}); 0 when it has none.
     */
    private int exemplarPartLength(final MetricCursor cursor)
    {
        final int count = cursor.exemplarCount();
        if (count == 0)
        {
            return 0;
        }
        int entries = 0;
        for (int i = 0; i < count; i++)
        {
            cursor.selectExemplar(i);
            entries += ExemplarDescriptor.entryLength(exemplarLabelBytes(cursor));
        }
        return ExemplarDescriptor.blockLength(entries) + ExemplarDescriptor.TRAILER_LENGTH;
    }

    private int exemplarLabelBytes(final MetricCursor cursor)
    {
        final TextView view = labelView;
        int bytes = 0;
        for (int i = 0, n = cursor.exemplarLabelCount(); i < n; i++)
        {
            bytes += SampleDescriptor.textLength(cursor.exemplarLabelName(i, view).unescapedLength());
            bytes += SampleDescriptor.textLength(cursor.exemplarLabelValue(i, view).unescapedLength());
        }
        return bytes;
    }

    /**
     * Writes the exemplars of the current entry as a block at {@code offset} followed by the block's length, which
     * ends the record; nothing when {@code partLength} is 0.
     */
    private void putExemplars(final int offset, final MetricCursor cursor, final int partLength)
    {
        if (partLength == 0)
        {
            return;
        }
        final int count = cursor.exemplarCount();
        buffer.putInt(offset + ExemplarDescriptor.ENTRY_COUNT_OFFSET, count, LITTLE_ENDIAN);
        buffer.putInt(offset + ExemplarDescriptor.KEPT_COUNT_OFFSET, count, LITTLE_ENDIAN);
        int entry = offset + ExemplarDescriptor.BLOCK_HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            cursor.selectExemplar(i);
            int position = entry + ExemplarDescriptor.ENTRY_LABELS_OFFSET;
            final int labelCount = cursor.exemplarLabelCount();
            for (int j = 0; j < labelCount; j++)
            {
                position = putText(position, cursor.exemplarLabelName(j, labelView));
                position = putText(position, cursor.exemplarLabelValue(j, labelView));
            }
            final boolean hasTimestamp = cursor.exemplarHasTimestamp();
            buffer.putInt(entry + ExemplarDescriptor.ENTRY_LENGTH_OFFSET, position - entry, LITTLE_ENDIAN);
            buffer.putInt(entry + ExemplarDescriptor.ENTRY_FLAGS_OFFSET,
                hasTimestamp ? ExemplarDescriptor.ENTRY_HAS_TIMESTAMP : 0, LITTLE_ENDIAN);
            buffer.putLong(entry + ExemplarDescriptor.ENTRY_VALUE_BITS_OFFSET,
                Double.doubleToRawLongBits(cursor.exemplarValue()), LITTLE_ENDIAN);
            buffer.putLong(entry + ExemplarDescriptor.ENTRY_TIMESTAMP_OFFSET,
                hasTimestamp ? cursor.exemplarTimestampMs() : 0, LITTLE_ENDIAN);
            buffer.putInt(entry + ExemplarDescriptor.ENTRY_LABEL_COUNT_OFFSET, labelCount, LITTLE_ENDIAN);
            entry = position;
        }
        buffer.putInt(entry, partLength - ExemplarDescriptor.TRAILER_LENGTH, LITTLE_ENDIAN);
    }

    private void putLabels(final int offset, final MetricCursor cursor, final TextView name)
    {
        int position = putText(offset, name);
        for (int i = 0, n = cursor.labelCount(); i < n; i++)
        {
            if (!isReplacedLabel(cursor, i))
            {
                position = putText(position, cursor.labelName(i, labelView));
                position = putText(position, cursor.labelValue(i, labelView));
            }
        }
        final byte[] type = typeValue(cursor);
        if (type != null)
        {
            position = putBytes(position, TYPE_LABEL_BYTES, TYPE_LABEL_BYTES.length);
            position = putBytes(position, type, type.length);
        }
        if (typeAndUnitLabels && unitLength > 0)
        {
            position = putBytes(position, UNIT_LABEL_BYTES, UNIT_LABEL_BYTES.length);
            putBytes(position, unit.byteArray(), unitLength);
        }
    }

    /** Whether label {@code i} is a scraped {@code __type__} or {@code __unit__}, which the writer's own replace. */
    private boolean isReplacedLabel(final MetricCursor cursor, final int i)
    {
        if (!typeAndUnitLabels)
        {
            return false;
        }
        final TextView labelName = cursor.labelName(i, labelView);
        return labelName.contentEquals(TYPE_LABEL) || labelName.contentEquals(UNIT_LABEL);
    }

    /** The {@code __type__} value of the current entry, or null when it gets none. */
    private byte[] typeValue(final MetricCursor cursor)
    {
        return typeAndUnitLabels ? TYPE_VALUES[cursor.type().ordinal()] : null;
    }

    private int putBytes(final int index, final byte[] bytes, final int length)
    {
        buffer.putInt(index, length, LITTLE_ENDIAN);
        buffer.putBytes(index + SampleDescriptor.TEXT_LENGTH_PREFIX, bytes, 0, length);
        return index + SampleDescriptor.TEXT_LENGTH_PREFIX + length;
    }

    private int putText(final int index, final TextView text)
    {
        final int length = text.unescapeTo(buffer, index + SampleDescriptor.TEXT_LENGTH_PREFIX);
        buffer.putInt(index, length, LITTLE_ENDIAN);
        return index + SampleDescriptor.TEXT_LENGTH_PREFIX + length;
    }

    private static byte[][] typeValues()
    {
        final MetricType[] types = MetricType.values();
        final byte[][] values = new byte[types.length][];
        for (final MetricType type : types)
        {
            if (type != MetricType.UNTYPED)
            {
                values[type.ordinal()] = type.textName().getBytes(StandardCharsets.US_ASCII);
            }
        }
        return values;
    }

    private static byte[][] ascii(final String... texts)
    {
        final byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++)
        {
            bytes[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
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
