package dev.sluice.pipeline.forward;

import java.util.Arrays;

import dev.sluice.parser.MetricType;
import dev.sluice.pipeline.record.MetadataFlyweight;
import dev.sluice.pipeline.record.SeriesHash;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.Long2LongHashMap;

/**
 * The current metadata (type, help, unit) of every metric family of every target one worker has seen, as
 * Prometheus' per-target metadata store holds it: Remote Write 1.0 endpoints send it every {@code send_interval}, 2.0
 * endpoints attach it to each series. Entries are dense indexes that never change; the texts live off-heap, and an
 * update overwrites them in place when they fit. Only a new family or a longer text allocates. Worker thread only.
 */
final class FamilyMetadataTable
{
    private static final int INITIAL_FAMILIES = 64;
    private static final MetricType[] TYPES = MetricType.values();

    private final Long2LongHashMap byKey = new Long2LongHashMap(-1);
    private final ExpandableDirectByteBuffer texts = new ExpandableDirectByteBuffer(4096);
    private int textsEnd;
    private int count;
    private long[] contentHashes = new long[INITIAL_FAMILIES];
    private int[] types = new int[INITIAL_FAMILIES];
    private int[] textOffsets = new int[INITIAL_FAMILIES];
    private int[] textCapacities = new int[INITIAL_FAMILIES];
    private int[] nameLengths = new int[INITIAL_FAMILIES];
    private int[] helpLengths = new int[INITIAL_FAMILIES];
    private int[] unitLengths = new int[INITIAL_FAMILIES];

    /**
     * Adds a family or replaces its metadata.
     *
     * @param family the record of a family's metadata.
     */
    void update(final MetadataFlyweight family)
    {
        final DirectBuffer source = family.buffer();
        final int nameLength = family.nameLength();
        final long nameHash = SeriesHash.hash(source, family.nameOffset(), nameLength);
        final long key = SeriesHash.combine(family.targetId(), nameHash);
        final int textLength = nameLength + family.helpLength() + family.unitLength();
        int entry = (int)byKey.get(key);
        if (entry < 0)
        {
            entry = add(key);
        }
        if (textCapacities[entry] < textLength)
        {
            textOffsets[entry] = textsEnd;
            textCapacities[entry] = textLength;
            textsEnd += textLength;
        }
        texts.putBytes(textOffsets[entry], source, family.nameOffset(), textLength);
        types[entry] = family.type().ordinal();
        nameLengths[entry] = nameLength;
        helpLengths[entry] = family.helpLength();
        unitLengths[entry] = family.unitLength();
        contentHashes[entry] = SeriesHash.combine(SeriesHash.combine(SeriesHash.combine(
            SeriesHash.combine(nameHash, types[entry]), nameLength), helpLengths[entry]),
            SeriesHash.hash(texts, textOffsets[entry], textLength));
    }

    private int add(final long key)
    {
        if (count == types.length)
        {
            final int capacity = count * 2;
            contentHashes = Arrays.copyOf(contentHashes, capacity);
            types = Arrays.copyOf(types, capacity);
            textOffsets = Arrays.copyOf(textOffsets, capacity);
            textCapacities = Arrays.copyOf(textCapacities, capacity);
            nameLengths = Arrays.copyOf(nameLengths, capacity);
            helpLengths = Arrays.copyOf(helpLengths, capacity);
            unitLengths = Arrays.copyOf(unitLengths, capacity);
        }
        final int entry = count++;
        textCapacities[entry] = 0;
        byKey.put(key, entry);
        return entry;
    }

    /**
     * The entry of a target's family.
     *
     * @param targetId the target.
     * @param name     buffer holding the family name.
     * @param offset   its index.
     * @param length   its length.
     * @return the entry, or -1 when the target gave no metadata for that family.
     */
    int find(final long targetId, final DirectBuffer name, final int offset, final int length)
    {
        return (int)byKey.get(SeriesHash.combine(targetId, SeriesHash.hash(name, offset, length)));
    }

    /**
     * Families held.
     *
     * @return the count; entries are {@code 0 .. count - 1}.
     */
    int count()
    {
        return count;
    }

    /**
     * The buffer all texts are in.
     *
     * @return the buffer.
     */
    DirectBuffer texts()
    {
        return texts;
    }

    /**
     * A hash of the entry's name, type, help and unit, the target left out: equal entries of several targets are
     * sent once.
     */
    long contentHash(final int entry)
    {
        return contentHashes[entry];
    }

    MetricType type(final int entry)
    {
        return TYPES[types[entry]];
    }

    int nameOffset(final int entry)
    {
        return textOffsets[entry];
    }

    int nameLength(final int entry)
    {
        return nameLengths[entry];
    }

    int helpOffset(final int entry)
    {
        return textOffsets[entry] + nameLengths[entry];
    }

    int helpLength(final int entry)
    {
        return helpLengths[entry];
    }

    int unitOffset(final int entry)
    {
        return helpOffset(entry) + helpLengths[entry];
    }

    int unitLength(final int entry)
    {
        return unitLengths[entry];
    }
}
