package dev.sluice.pipeline.forward;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.sluice.pipeline.series.SeriesLabelCursor;
import dev.sluice.pipeline.series.SeriesTable;
import org.agrona.DirectBuffer;

/**
 * Which family's metadata each series of a worker's table has: its {@code __name__} as the family name, or with an
 * OpenMetrics sample suffix ({@code _total}, {@code _bucket}, {@code _count}, {@code _sum}, {@code _created},
 * {@code _gcount}, {@code _gsum}, {@code _info}) taken off, among the families of the target that committed it.
 * Resolved on a series' first sample and again only after new families arrived, in arrays by series id that grow
 * only for new series. Worker thread only.
 */
final class SeriesFamilies
{
    private static final byte[] NAME_LABEL = "__name__".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] SUFFIXES = suffixes("_total", "_bucket", "_count", "_sum", "_created", "_gcount",
        "_gsum", "_info");
    private static final int INITIAL_SERIES = 256;

    private final SeriesLabelCursor labels = new SeriesLabelCursor();
    private final SeriesMetadata metadata = new SeriesMetadata();
    private int[] entries = new int[INITIAL_SERIES];
    /** The family count when a series was last resolved, plus one: 0 for never. */
    private int[] resolvedAt = new int[INITIAL_SERIES];

    /**
     * The metadata of a series' family.
     *
     * @param families the worker's family metadata.
     * @param table    the worker's series table.
     * @param seriesId the series.
     * @param targetId the target committing it.
     * @return the metadata, a reused view; null when the target gave none for the series' family.
     */
    SeriesMetadata metadataOf(
        final FamilyMetadataTable families, final SeriesTable table, final int seriesId, final long targetId)
    {
        if (seriesId >= entries.length)
        {
            final int capacity = Math.max(seriesId + 1, entries.length * 2);
            entries = Arrays.copyOf(entries, capacity);
            resolvedAt = Arrays.copyOf(resolvedAt, capacity);
        }
        if (resolvedAt[seriesId] == 0 || entries[seriesId] < 0 && resolvedAt[seriesId] != families.count() + 1)
        {
            entries[seriesId] = resolve(families, table.buffer(), table.recordOffset(seriesId), targetId);
            resolvedAt[seriesId] = families.count() + 1;
        }
        final int entry = entries[seriesId];
        return entry < 0 ? null : metadata.of(families, entry);
    }

    private int resolve(
        final FamilyMetadataTable families, final DirectBuffer series, final int recordOffset, final long targetId)
    {
        for (labels.wrap(series, recordOffset); labels.next(); )
        {
            if (equals(series, labels.nameOffset(), labels.nameLength(), NAME_LABEL, NAME_LABEL.length))
            {
                final int offset = labels.valueOffset();
                final int length = labels.valueLength();
                final int whole = families.find(targetId, series, offset, length);
                if (whole >= 0)
                {
                    return whole;
                }
                for (final byte[] suffix : SUFFIXES)
                {
                    final int stem = length - suffix.length;
                    if (stem > 0 && equals(series, offset + stem, suffix.length, suffix, suffix.length))
                    {
                        final int entry = families.find(targetId, series, offset, stem);
                        if (entry >= 0)
                        {
                            return entry;
                        }
                    }
                }
                return -1;
            }
        }
        return -1;
    }

    private static boolean equals(
        final DirectBuffer buffer, final int offset, final int length, final byte[] bytes, final int bytesLength)
    {
        if (length != bytesLength)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != bytes[i])
            {
                return false;
            }
        }
        return true;
    }

    private static byte[][] suffixes(final String... texts)
    {
        final byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++)
        {
            bytes[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
