package dev.sluice.pipeline.record;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import dev.sluice.parser.MetricType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Reads and writes a {@link RecordType#METADATA} record in place ({@link MetadataDescriptor}). Reusable:
 * {@link #wrap} points it at another record without allocating.
 */
public final class MetadataFlyweight
{
    private static final MetricType[] TYPES = MetricType.values();

    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a record.
     *
     * @param buffer the buffer holding the record.
     * @param offset the start of the record.
     * @return this flyweight.
     */
    public MetadataFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Writes the whole record: the fixed part and the three texts.
     *
     * @param targetId   the target.
     * @param type       the family's type.
     * @param name       buffer holding the family name.
     * @param nameLength its length.
     * @param help       buffer holding the help text.
     * @param helpLength its length.
     * @param unit       buffer holding the unit.
     * @param unitLength its length.
     * @return this flyweight.
     */
    public MetadataFlyweight write(
        final long targetId,
        final MetricType type,
        final DirectBuffer name,
        final int nameLength,
        final DirectBuffer help,
        final int helpLength,
        final DirectBuffer unit,
        final int unitLength)
    {
        buffer.putLong(offset + MetadataDescriptor.TARGET_ID_OFFSET, targetId, LITTLE_ENDIAN);
        buffer.putInt(offset + MetadataDescriptor.TYPE_OFFSET, type.ordinal(), LITTLE_ENDIAN);
        buffer.putInt(offset + MetadataDescriptor.NAME_LENGTH_OFFSET, nameLength, LITTLE_ENDIAN);
        buffer.putInt(offset + MetadataDescriptor.HELP_LENGTH_OFFSET, helpLength, LITTLE_ENDIAN);
        buffer.putInt(offset + MetadataDescriptor.UNIT_LENGTH_OFFSET, unitLength, LITTLE_ENDIAN);
        buffer.putBytes(nameOffset(), name, 0, nameLength);
        buffer.putBytes(helpOffset(), help, 0, helpLength);
        buffer.putBytes(unitOffset(), unit, 0, unitLength);
        return this;
    }

    /**
     * The buffer the record is in: the texts are read from it.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Reads the target id.
     *
     * @return the target.
     */
    public long targetId()
    {
        return buffer.getLong(offset + MetadataDescriptor.TARGET_ID_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Reads the family's type.
     *
     * @return the type, {@link MetricType#UNTYPED} when the exposition gave none.
     */
    public MetricType type()
    {
        return TYPES[buffer.getInt(offset + MetadataDescriptor.TYPE_OFFSET, LITTLE_ENDIAN)];
    }

    /**
     * Index of the family name.
     *
     * @return the index.
     */
    public int nameOffset()
    {
        return offset + MetadataDescriptor.TEXT_OFFSET;
    }

    /**
     * Length of the family name.
     *
     * @return the length in bytes.
     */
    public int nameLength()
    {
        return buffer.getInt(offset + MetadataDescriptor.NAME_LENGTH_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Index of the help text.
     *
     * @return the index.
     */
    public int helpOffset()
    {
        return nameOffset() + nameLength();
    }

    /**
     * Length of the help text.
     *
     * @return the length in bytes, 0 for none.
     */
    public int helpLength()
    {
        return buffer.getInt(offset + MetadataDescriptor.HELP_LENGTH_OFFSET, LITTLE_ENDIAN);
    }

    /**
     * Index of the unit.
     *
     * @return the index.
     */
    public int unitOffset()
    {
        return helpOffset() + helpLength();
    }

    /**
     * Length of the unit.
     *
     * @return the length in bytes, 0 for none.
     */
    public int unitLength()
    {
        return buffer.getInt(offset + MetadataDescriptor.UNIT_LENGTH_OFFSET, LITTLE_ENDIAN);
    }
}
