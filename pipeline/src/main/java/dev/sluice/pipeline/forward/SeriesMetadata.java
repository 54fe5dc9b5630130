package dev.sluice.pipeline.forward;

import dev.sluice.parser.MetricType;
import org.agrona.DirectBuffer;

/**
 * The metadata of one family: for formats that attach it to each series (Remote Write 2.0) and for those that send
 * it in requests of their own (Remote Write 1.0): type, and name, help and unit as bytes in one buffer. A reused
 * view, valid during one append only.
 */
public final class SeriesMetadata
{
    private MetricType type = MetricType.UNTYPED;
    private DirectBuffer text;
    private int nameOffset;
    private int nameLength;
    private int helpOffset;
    private int helpLength;
    private int unitOffset;
    private int unitLength;

    SeriesMetadata of(final FamilyMetadataTable families, final int entry)
    {
        type = families.type(entry);
        text = families.texts();
        nameOffset = families.nameOffset(entry);
        nameLength = families.nameLength(entry);
        helpOffset = families.helpOffset(entry);
        helpLength = families.helpLength(entry);
        unitOffset = families.unitOffset(entry);
        unitLength = families.unitLength(entry);
        return this;
    }

    /**
     * The family's type.
     *
     * @return the type, {@link MetricType#UNTYPED} when the exposition gave none.
     */
    public MetricType type()
    {
        return type;
    }

    /**
     * The buffer holding help and unit.
     *
     * @return the buffer.
     */
    public DirectBuffer text()
    {
        return text;
    }

    /**
     * Index of the family name in {@link #text()}.
     *
     * @return the index.
     */
    public int nameOffset()
    {
        return nameOffset;
    }

    /**
     * Length of the family name.
     *
     * @return the length.
     */
    public int nameLength()
    {
        return nameLength;
    }

    /**
     * Index of the help text.
     *
     * @return the index.
     */
    public int helpOffset()
    {
        return helpOffset;
    }

    /**
     * Length of the help text.
     *
     * @return the length, 0 for none.
     */
    public int helpLength()
    {
        return helpLength;
    }

    /**
     * Index of the unit.
     *
     * @return the index.
     */
    public int unitOffset()
    {
        return unitOffset;
    }

    /**
     * Length of the unit.
     *
     * @return the length, 0 for none.
     */
    public int unitLength()
    {
        return unitLength;
    }
}
