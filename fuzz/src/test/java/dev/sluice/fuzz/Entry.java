package dev.sluice.fuzz;

import java.util.List;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricType;

/**
 * One cursor entry with everything a writer must preserve, as plain values that compare with {@code equals}: the
 * expected entries of a generated family and the entries parsed back from its rendering are lists of these.
 *
 * @param kind          what the entry is.
 * @param type          family type of a sample or TYPE entry; {@link MetricType#UNTYPED} for other entries.
 * @param name          series name of a sample, family name of metadata, empty for a comment.
 * @param text          HELP, UNIT or comment text with escapes resolved; empty for samples and TYPE entries.
 * @param labels        labels of a sample, in order.
 * @param valueBits     raw IEEE-754 bits of a sample value (NaN canonical); 0 for other entries.
 * @param hasTimestamp  whether a sample has a timestamp.
 * @param timestampMs   its timestamp in milliseconds, 0 when there is none.
 * @param exemplar      the exemplar of a sample, null when there is none.
 * @param hasCreated    whether a created timestamp is known.
 * @param createdMs     the created timestamp in milliseconds, 0 when there is none.
 * @param histogram     the native histogram of a HISTOGRAM entry, its exemplars included; null for other entries.
 */
record Entry(
    EntryKind kind,
    MetricType type,
    String name,
    String text,
    List<Label> labels,
    long valueBits,
    boolean hasTimestamp,
    long timestampMs,
    Exemplar exemplar,
    boolean hasCreated,
    long createdMs,
    NativeHistogram histogram)
{
    /** The bits parsers give for every NaN. */
    static final long CANONICAL_NAN_BITS = 0x7ff8000000000000L;

    /**
     * An entry without a native histogram: any entry of the text formats.
     *
     * @param kind         what the entry is.
     * @param type         family type.
     * @param name         series or family name.
     * @param text         HELP, UNIT or comment text.
     * @param labels       labels of a sample.
     * @param valueBits    raw bits of a sample value.
     * @param hasTimestamp whether a sample has a timestamp.
     * @param timestampMs  its timestamp in milliseconds.
     * @param exemplar     the exemplar, or null.
     * @param hasCreated   whether a created timestamp is known.
     * @param createdMs    the created timestamp in milliseconds.
     */
    Entry(
        final EntryKind kind,
        final MetricType type,
        final String name,
        final String text,
        final List<Label> labels,
        final long valueBits,
        final boolean hasTimestamp,
        final long timestampMs,
        final Exemplar exemplar,
        final boolean hasCreated,
        final long createdMs)
    {
        this(kind, type, name, text, labels, valueBits, hasTimestamp, timestampMs, exemplar, hasCreated, createdMs,
            null);
    }

    /**
     * A HELP, UNIT or comment entry.
     *
     * @param kind which of them.
     * @param name family name, empty for a comment.
     * @param text the text, escapes resolved.
     * @return the entry.
     */
    static Entry metadata(final EntryKind kind, final String name, final String text)
    {
        return new Entry(kind, MetricType.UNTYPED, name, text, List.of(), 0, false, 0, null, false, 0);
    }

    /**
     * A TYPE entry.
     *
     * @param name family name.
     * @param type family type.
     * @return the entry.
     */
    static Entry type(final String name, final MetricType type)
    {
        return new Entry(EntryKind.TYPE, type, name, "", List.of(), 0, false, 0, null, false, 0);
    }

    /**
     * Bits of a value as a parser reports it: every NaN becomes the canonical NaN.
     *
     * @param value the value.
     * @return its raw bits.
     */
    static long parsedBits(final double value)
    {
        return Double.isNaN(value) ? CANONICAL_NAN_BITS : Double.doubleToRawLongBits(value);
    }

    /**
     * This sample as far as a format without exemplars or created timestamps keeps it.
     *
     * @return name, type, labels, value and timestamp of this entry; no exemplar, no created timestamp.
     */
    Entry withoutExemplarAndCreated()
    {
        return new Entry(kind, type, name, text, labels, valueBits, hasTimestamp, timestampMs, null, false, 0);
    }
}
