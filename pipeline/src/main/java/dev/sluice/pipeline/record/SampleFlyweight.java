package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.MutableDirectBuffer;

/**
 * Reads and writes a {@link RecordType#SAMPLE} record in place ({@link SampleDescriptor}). Reusable: {@link #wrap}
 * points it at another record without allocating. The label bytes are reached through {@link #buffer()},
 * {@link #labelsOffset()} and {@link #labelsLength()}, each text a 4-byte length and its UTF-8 bytes.
 */
public final class SampleFlyweight
{
    private MutableDirectBuffer buffer;
    private int offset;
    private int length;

    /**
     * Points this flyweight at a record.
     *
     * @param buffer the buffer holding the record.
     * @param offset the start of the record.
     * @param length the whole length of the record, label bytes included.
     * @return this flyweight.
     */
    public SampleFlyweight wrap(final MutableDirectBuffer buffer, final int offset, final int length)
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
        return SampleDescriptor.labelsOffset(offset);
    }

    /**
     * Length of the label bytes: the rest of the record, up to its exemplars when it has them.
     *
     * @return the length.
     */
    public int labelsLength()
    {
        return length - SampleDescriptor.LABELS_OFFSET - ExemplarDescriptor.partLength(buffer, offset, length, flags());
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
     * Index of the exemplar block, after the label bytes.
     *
     * @return the index.
     */
    public int exemplarsOffset()
    {
        return labelsOffset() + labelsLength();
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
     * Whether the record has a timestamp from the exposition.
     *
     * @return true when {@link #timestampMs()} is meaningful.
     */
    public boolean hasTimestamp()
    {
        return (flags() & SampleDescriptor.FLAG_HAS_TIMESTAMP) != 0;
    }

    /**
     * Reads the target id.
     *
     * @return the value.
     */
    public long targetId()
    {
        return buffer.getLong(SampleDescriptor.targetIdOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Writes the target id.
     *
     * @param id the value.
     * @return this flyweight.
     */
    public SampleFlyweight targetId(final long id)
    {
        buffer.putLong(SampleDescriptor.targetIdOffset(offset), id, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the hash of the raw series bytes.
     *
     * @return the value.
     */
    public long seriesHash()
    {
        return buffer.getLong(SampleDescriptor.seriesHashOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Writes the hash of the raw series bytes.
     *
     * @param hash the value.
     * @return this flyweight.
     */
    public SampleFlyweight seriesHash(final long hash)
    {
        buffer.putLong(SampleDescriptor.seriesHashOffset(offset), hash, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the raw bits of the value.
     *
     * @return the value.
     */
    public long valueBits()
    {
        return buffer.getLong(SampleDescriptor.valueBitsOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Writes the raw bits of the value.
     *
     * @param bits the value.
     * @return this flyweight.
     */
    public SampleFlyweight valueBits(final long bits)
    {
        buffer.putLong(SampleDescriptor.valueBitsOffset(offset), bits, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the timestamp in milliseconds, meaningful with {@link SampleDescriptor#FLAG_HAS_TIMESTAMP}.
     *
     * @return the value.
     */
    public long timestampMs()
    {
        return buffer.getLong(SampleDescriptor.timestampOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Writes the timestamp in milliseconds, meaningful with {@link SampleDescriptor#FLAG_HAS_TIMESTAMP}.
     *
     * @param timestampMs the value.
     * @return this flyweight.
     */
    public SampleFlyweight timestampMs(final long timestampMs)
    {
        buffer.putLong(SampleDescriptor.timestampOffset(offset), timestampMs, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the flags, {@link SampleDescriptor#FLAG_HAS_TIMESTAMP} and {@link SampleDescriptor#FLAG_STALE}.
     *
     * @return the value.
     */
    public int flags()
    {
        return buffer.getInt(SampleDescriptor.flagsOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Writes the flags, {@link SampleDescriptor#FLAG_HAS_TIMESTAMP} and {@link SampleDescriptor#FLAG_STALE}.
     *
     * @param flags the value.
     * @return this flyweight.
     */
    public SampleFlyweight flags(final int flags)
    {
        buffer.putInt(SampleDescriptor.flagsOffset(offset), flags, LITTLE_ENDIAN);
        return this;
    }

    /**
     * Reads the number of labels after the name.
     *
     * @return the value.
     */
    public int labelCount()
    {
        return buffer.getInt(SampleDescriptor.labelCountOffset(offset), LITTLE_ENDIAN);
    }

    /**
     * Writes the number of labels after the name.
     *
     * @param count the value.
     * @return this flyweight.
     */
    public SampleFlyweight labelCount(final int count)
    {
        buffer.putInt(SampleDescriptor.labelCountOffset(offset), count, LITTLE_ENDIAN);
        return this;
    }
}
