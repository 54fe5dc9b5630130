package dev.sluice.parser.text;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.Body;

/**
 * A small direct-mapped memory of {@code le}/{@code quantile} values already normalised: their raw bytes,
 * parsed value and OpenMetrics float form. Histograms repeat the same bounds on every series, so nearly every
 * bucket after the first series is a hit and skips parsing and formatting. A miss simply overwrites the slot.
 * There are 256 slots (22 KiB), so that even the dozens of bounds of one family (Go runtime histograms have
 * forty and more) seldom share a slot and evict each other on every series.
 */
final class FloatLabelForms
{
    /** Values longer than this are not remembered (bounds are short in practice). */
    static final int MAX_RAW = 24;
    /** Form length of a slot whose raw bytes are already in float form. */
    static final int SAME_AS_RAW = 0;
    /** Form length of a slot whose raw bytes are not a float. */
    static final int NOT_A_FLOAT = -1;

    private static final int SLOT_BITS = 8;
    private static final int ENTRIES = 1 << SLOT_BITS;
    /** Odd multiplier whose top bits of a product spread keys over the slots. */
    private static final long SPREAD = 0x9E3779B97F4A7C15L;
    private static final int FORM_AT = MAX_RAW;
    private static final int STRIDE = 64;

    private final UnsafeBuffer bytes = new UnsafeBuffer(new byte[ENTRIES * STRIDE]);
    /** Per slot: the raw bytes as a word when at most eight, else their hash. */
    private final long[] keys = new long[ENTRIES];
    private final int[] rawLengths = new int[ENTRIES];
    private final int[] formLengths = new int[ENTRIES];
    private final double[] values = new double[ENTRIES];

    /** The key of the raw value {@link #slot} was last asked for; {@link #holds} and {@link #store} use it. */
    private long key;

    /**
     * The slot a raw value maps to, or -1 when it is too long to remember. A value of up to eight bytes (nearly
     * every bound) is keyed by its bytes as one word, so that a lookup is one read and one comparison; a longer one
     * by a hash of its bytes, which are compared as well.
     */
    int slot(final Body input, final int offset, final int length)
    {
        if (length == 0 || length > MAX_RAW)
        {
            return -1;
        }
        final long k = length <= Long.BYTES ?
            input.shortWordAt(offset, length) : ByteScan.hash(input, offset, length, 0);
        key = k;
        return (int)((k * SPREAD) >>> (Long.SIZE - SLOT_BITS));
    }

    /** Whether the slot remembers exactly these raw bytes, which {@link #slot} was just asked for. */
    boolean holds(final int slot, final Body input, final int offset, final int length)
    {
        if (keys[slot] != key || rawLengths[slot] != length)
        {
            return false;
        }
        if (length <= Long.BYTES)
        {
            return true;
        }
        final int base = slot * STRIDE;
        for (int k = 0; k < length; k++)
        {
            if (bytes.getByte(base + k) != input.byteAt(offset + k))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Remembers raw bytes, which {@link #slot} was just asked for, with their value and form ({@code formLength}
     * may be SAME_AS_RAW or NOT_A_FLOAT).
     */
    void store(
        final int slot,
        final Body input,
        final int offset,
        final int length,
        final double value,
        final DirectBuffer form,
        final int formOffset,
        final int formLength)
    {
        final int base = slot * STRIDE;
        keys[slot] = key;
        bytes.putBytes(base, input.buffer(), offset, length);
        if (formLength > 0)
        {
            bytes.putBytes(base + FORM_AT, form, formOffset, formLength);
        }
        rawLengths[slot] = length;
        formLengths[slot] = formLength;
        values[slot] = value;
    }

    double value(final int slot)
    {
        return values[slot];
    }

    int formLength(final int slot)
    {
        return formLengths[slot];
    }

    /** The buffer and offset of a slot's form, for copying it out. */
    UnsafeBuffer bytes()
    {
        return bytes;
    }

    int formOffset(final int slot)
    {
        return slot * STRIDE + FORM_AT;
    }
}
