package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import dev.sluice.parser.NativeHistogramView;
import org.agrona.MutableDirectBuffer;

/**
 * Reads and writes a {@link RecordType#HISTOGRAM} record in place ({@link HistogramDescriptor}). Reusable:
 * {@link #wrap} points it at another record without allocating. The label bytes are reached as a sample's are
 * ({@link #buffer()}, {@link #labelsOffset()}, {@link #labelsLength()}); the histogram through
 * {@link #readHistogram}, or as payload bytes ({@link #payloadOffset()}, {@link #payloadLength()}) to copy whole.
 */
public final class HistogramFlyweight
{
    private MutableDirectBuffer buffer;
    private int offset;
    private int length;

    /**
     * Points this flyweight at a record.
     *
     * @param buffer the buffer holding the record.
     * @param offset the start of the record.
     * @param length the whole length of the record, labels and payload included.
     * @return this flyweight.
     */
    public HistogramFlyweight wrap(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /**
     * The buffer the record is in.
     *
     * @return the buffer.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Index of the label bytes (name, then labels) in {@link #buffer()}.
     *
     * @return the index.
     */
    public int labelsOffset()
    {
        return offset + HistogramDescriptor.LABELS_OFFSET;
    }

    /**
     * Reads the length of the label bytes.
     *
     * @return the length.
     */
    public int labelsLength()
    {
        return buffer.getInt(offset + HistogramDescriptor.LABELS_LENGTH_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Writes the length of the label bytes; write it before anything that needs {@link #payloadOffset()}.
     *
     * @param labelsLength the length of the name and labels with their prefixes.
     * @return this flyweight.
     */
    public HistogramFlyweight labelsLength(final int labelsLength)
    {
        buffer.putInt(offset + HistogramDescriptor.LABELS_LENGTH_OFFSET, labelsLength, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Index of the histogram payload ({@link HistogramPayload}) in {@link #buffer()}: after the label bytes.
     *
     * @return the index.
     */
    public int payloadOffset()
    {
        return labelsOffset() + labelsLength();
    }

    /**
     * Length of the histogram payload: the rest of the record, up to its exemplars when it has them.
     *
     * @return the length.
     */
    public int payloadLength()
    {
        return offset + length - ExemplarDescriptor.partLength(buffer, offset, length, flags()) - payloadOffset();
    }

    /**
     * Whether the record ends with an exemplar block ({@link ExemplarDescriptor}).
     *
     * @return true when {@link #exemplarsOffset()} and {@link #exemplarsLength()} are meaningful.
     */
    public boolean hasExemplars()
    {
        return (flags() & ExemplarDescriptor.FLAG_HAS_EXEMPLARS) != 0;
    }

    /**
     * Index of the exemplar block, after the payload.
     *
     * @return the index.
     */
    public int exemplarsOffset()
    {
        return payloadOffset() + payloadLength();
    }

    /**
     * Length of the exemplar block, the trailer excluded.
     *
     * @return the length, 0 without exemplars.
     */
    public int exemplarsLength()
    {
        return Math.max(0, ExemplarDescriptor.partLength(buffer, offset, length, flags()) -
            ExemplarDescriptor.TRAILER_LENGTH);
    }

    /**
     * Fills a view with the record's histogram, without allocating once the view has grown.
     *
     * @param view the view to fill.
     * @return {@code view}.
     */
    public NativeHistogramView readHistogram(final NativeHistogramView view)
    {
        return HistogramPayload.read(buffer, payloadOffset(), view);
    }

    /**
     * Writes a histogram as the record's payload, after the label bytes of {@link #labelsLength()}.
     *
     * @param histogram the histogram.
     * @return this flyweight.
     */
    public HistogramFlyweight writeHistogram(final NativeHistogramView histogram)
    {
        HistogramPayload.write(buffer, payloadOffset(), histogram);
        return this;
    }

    /**
     * Whether the record has a timestamp from the exposition.
     *
     * @return true when {@link #timestampMs()} is meaningful.
     */
    public boolean hasTimestamp()
    {
        return (flags() & HistogramDescriptor.FLAG_HAS_TIMESTAMP) != 0;
    }

    /**
     * Reads the target id.
     *
     * @return the value.
     */
    public long targetId()
    {
        return buffer.getLong(offset + HistogramDescriptor.TARGET_ID_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Writes the target id.
     *
     * @param id the value.
     * @return this flyweight.
     */
    public HistogramFlyweight targetId(final long id)
    {
        buffer.putLong(offset + HistogramDescriptor.TARGET_ID_OFFSET, id, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the hash of the raw series bytes.
     *
     * @return the value.
     */
    public long seriesHash()
    {
        return buffer.getLong(offset + HistogramDescriptor.SERIES_HASH_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Writes the hash of the raw series bytes.
     *
     * @param hash the value.
     * @return this flyweight.
     */
    public HistogramFlyweight seriesHash(final long hash)
    {
        buffer.putLong(offset + HistogramDescriptor.SERIES_HASH_OFFSET, hash, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the timestamp in milliseconds, meaningful with {@link HistogramDescriptor#FLAG_HAS_TIMESTAMP}.
     *
     * @return the value.
     */
    public long timestampMs()
    {
        return buffer.getLong(offset + HistogramDescriptor.TIMESTAMP_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Writes the timestamp in milliseconds.
     *
     * @param timestampMs the value.
     * @return this flyweight.
     */
    public HistogramFlyweight timestampMs(final long timestampMs)
    {
        buffer.putLong(offset + HistogramDescriptor.TIMESTAMP_OFFSET, timestampMs, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the flags, {@link HistogramDescriptor#FLAG_HAS_TIMESTAMP}.
     *
     * @return the value.
     */
    public int flags()
    {
        return buffer.getInt(offset + HistogramDescriptor.FLAGS_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Writes the flags, {@link HistogramDescriptor#FLAG_HAS_TIMESTAMP}.
     *
     * @param flags the value.
     * @return this flyweight.
     */
    public HistogramFlyweight flags(final int flags)
    {
        buffer.putInt(offset + HistogramDescriptor.FLAGS_OFFSET, flags, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the number of labels after the name.
     *
     * @return the value.
     */
    public int labelCount()
    {
        return buffer.getInt(offset + HistogramDescriptor.LABEL_COUNT_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Writes the number of labels after the name.
     *
     * @param count the value.
     * @return this flyweight.
     */
    public HistogramFlyweight labelCount(final int count)
    {
        buffer.putInt(offset + HistogramDescriptor.LABEL_COUNT_OFFSET, count, LITTLE_ENDIAN);
        return this;
    }
}
