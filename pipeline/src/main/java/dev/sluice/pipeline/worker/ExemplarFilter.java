package dev.sluice.pipeline.worker;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.util.Arrays;

import dev.sluice.pipeline.record.ExemplarDescriptor;
import dev.sluice.pipeline.record.ExemplarFlyweight;
import dev.sluice.pipeline.record.SeriesHash;
import org.agrona.MutableDirectBuffer;

/**
 * Applies Prometheus' exemplar rules to staged exemplar blocks, for all targets of one worker. When a block is
 * staged: an exemplar without a timestamp gets its sample's (the scrape loop's {@code e.Ts = t}), except on a native
 * histogram, where it is dropped (Prometheus keeps only timestamped exemplars of native histograms); an exemplar whose
 * label names and values exceed {@value #MAX_LABEL_SET_RUNES} UTF-8 runes together is dropped (Prometheus'
 * {@code ExemplarMaxLabelSetLength}). When a scrape commits: an exemplar equal to the previous exemplar committed
 * for its series (labels, value and timestamp) is not sent again, as Prometheus' appenders answer a duplicate.
 *
 * <p>Skipped entries are only marked ({@link ExemplarDescriptor#ENTRY_SKIPPED}), never moved. The previous exemplar
 * of a series is kept as the hash of its label bytes, its value bits and its timestamp, in arrays by series id that
 * grow only for new series; two different label sets with the same value and timestamp and the same 64-bit hash
 * would be taken for a repeat. Worker thread only.
 */
final class ExemplarFilter
{
    /** Prometheus' {@code exemplar.ExemplarMaxLabelSetLength}. */
    static final int MAX_LABEL_SET_RUNES = 128;
    private static final int INITIAL_SERIES = 256;

    private final ExemplarFlyweight exemplars = new ExemplarFlyweight();
    private long[] lastLabelHash = new long[INITIAL_SERIES];
    private long[] lastValueBits = new long[INITIAL_SERIES];
    private long[] lastTimestampMs = new long[INITIAL_SERIES];
    private boolean[] hasLast = new boolean[INITIAL_SERIES];
    private long dropped;

    /**
     * Exemplars dropped by the staging rules (no timestamp on a native histogram, label set too long).
     *
     * @return the count.
     */
    long dropped()
    {
        return dropped;
    }

    /**
     * Fills in timestamps and marks invalid entries of a block just staged.
     *
     * @param block       the stage holding the block.
     * @param offset      the block's start.
     * @param length      the block's length.
     * @param timestampMs the timestamp of the sample or histogram the block belongs to.
     * @param histogram   whether it belongs to a native histogram.
     * @return the entries left to send.
     */
    int stage(
        final MutableDirectBuffer block, final int offset, final int length, final long timestampMs,
        final boolean histogram)
    {
        exemplars.wrap(block, offset, length);
        int kept = 0;
        while (exemplars.nextEntry())
        {
            final int entry = exemplars.entryOffset();
            final int flags = exemplars.flags();
            if ((flags & ExemplarDescriptor.ENTRY_HAS_TIMESTAMP) == 0 && histogram ||
                runes(block, exemplars.labelsOffset(), exemplars.labelsLength()) > MAX_LABEL_SET_RUNES)
            {
                block.putInt(entry + ExemplarDescriptor.ENTRY_FLAGS_OFFSET, flags | ExemplarDescriptor.ENTRY_SKIPPED,
                    LITTLE_ENDIAN);
                dropped++;
                continue;
            }
            if ((flags & ExemplarDescriptor.ENTRY_HAS_TIMESTAMP) == 0)
            {
                block.putLong(entry + ExemplarDescriptor.ENTRY_TIMESTAMP_OFFSET, timestampMs, LITTLE_ENDIAN);
                block.putInt(entry + ExemplarDescriptor.ENTRY_FLAGS_OFFSET,
                    flags | ExemplarDescriptor.ENTRY_HAS_TIMESTAMP, LITTLE_ENDIAN);
            }
            kept++;
        }
        block.putInt(offset + ExemplarDescriptor.KEPT_COUNT_OFFSET, kept, LITTLE_ENDIAN);
        return kept;
    }

    /**
     * Marks the entries of a block being committed that repeat the previous exemplar of their series, and
     * remembers the last one sent.
     *
     * @param seriesId the series the block's sample or histogram is committed under.
     * @param block    the stage holding the block.
     * @param offset   the block's start.
     * @param length   the block's length.
     * @return the entries left to send.
     */
    int commit(final int seriesId, final MutableDirectBuffer block, final int offset, final int length)
    {
        ensureSeries(seriesId);
        exemplars.wrap(block, offset, length);
        int kept = 0;
        while (exemplars.next())
        {
            final long labelHash = SeriesHash.hash(block, exemplars.labelsOffset(), exemplars.labelsLength());
            final long valueBits = exemplars.valueBits();
            final long timestampMs = exemplars.timestampMs();
            if (hasLast[seriesId] && lastLabelHash[seriesId] == labelHash && lastValueBits[seriesId] == valueBits &&
                lastTimestampMs[seriesId] == timestampMs)
            {
                final int entry = exemplars.entryOffset();
                block.putInt(entry + ExemplarDescriptor.ENTRY_FLAGS_OFFSET,
                    exemplars.flags() | ExemplarDescriptor.ENTRY_SKIPPED, LITTLE_ENDIAN);
                continue;
            }
            hasLast[seriesId] = true;
            lastLabelHash[seriesId] = labelHash;
            lastValueBits[seriesId] = valueBits;
            lastTimestampMs[seriesId] = timestampMs;
            kept++;
        }
        block.putInt(offset + ExemplarDescriptor.KEPT_COUNT_OFFSET, kept, LITTLE_ENDIAN);
        return kept;
    }

    private void ensureSeries(final int seriesId)
    {
        if (seriesId >= hasLast.length)
        {
            final int capacity = Math.max(seriesId + 1, hasLast.length * 2);
            lastLabelHash = Arrays.copyOf(lastLabelHash, capacity);
            lastValueBits = Arrays.copyOf(lastValueBits, capacity);
            lastTimestampMs = Arrays.copyOf(lastTimestampMs, capacity);
            hasLast = Arrays.copyOf(hasLast, capacity);
        }
    }

    /**
     * Runes of the label names and values, as Go's {@code utf8.RuneCountInString} counts valid UTF-8: every byte
     * that does not continue a sequence. The 4-byte length prefixes are skipped.
     */
    private static int runes(final MutableDirectBuffer block, final int offset, final int length)
    {
        int runes = 0;
        int position = offset;
        final int end = offset + length;
        while (position < end)
        {
            final int textLength = block.getInt(position, LITTLE_ENDIAN);
            position += Integer.BYTES;
            for (int i = 0; i < textLength; i++)
            {
                if ((block.getByte(position + i) & 0xC0) != 0x80)
                {
                    runes++;
                }
            }
            position += textLength;
        }
        return runes;
    }
}
