package dev.sluice.pipeline.record;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a {@link RecordType#METADATA} record: the metadata of one metric family of a target (its name, type,
 * help and unit, as TYPE, HELP and UNIT entries give them), written only when it differs from what the writer last
 * wrote for that family of that target. Little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                           Target Id                           |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |              Type (MetricType ordinal, UNTYPED for none)      |
 *  +---------------------------------------------------------------+
 *  |                          Name Length                          |
 *  +---------------------------------------------------------------+
 *  |                          Help Length                          |
 *  +---------------------------------------------------------------+
 *  |                          Unit Length                          |
 *  +---------------------------------------------------------------+
 *  |     Family name, help, unit (UTF-8, unescaped), back to back ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class MetadataDescriptor
{
    /** Offset of the target id. */
    public static final int TARGET_ID_OFFSET = 0;
    /** Offset of the type. */
    public static final int TYPE_OFFSET = TARGET_ID_OFFSET + SIZE_OF_LONG;
    /** Offset of the name's length. */
    public static final int NAME_LENGTH_OFFSET = TYPE_OFFSET + SIZE_OF_INT;
    /** Offset of the help's length. */
    public static final int HELP_LENGTH_OFFSET = NAME_LENGTH_OFFSET + SIZE_OF_INT;
    /** Offset of the unit's length. */
    public static final int UNIT_LENGTH_OFFSET = HELP_LENGTH_OFFSET + SIZE_OF_INT;
    /** Offset of the texts: the name, then the help, then the unit. */
    public static final int TEXT_OFFSET = UNIT_LENGTH_OFFSET + SIZE_OF_INT;

    private MetadataDescriptor()
    {
    }

    /**
     * Length of a record with texts of the given lengths.
     *
     * @param nameLength the family name's length.
     * @param helpLength the help's length.
     * @param unitLength the unit's length.
     * @return the record length.
     */
    public static int length(final int nameLength, final int helpLength, final int unitLength)
    {
        return TEXT_OFFSET + nameLength + helpLength + unitLength;
    }
}
