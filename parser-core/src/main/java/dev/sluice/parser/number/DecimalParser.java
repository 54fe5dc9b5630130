package dev.sluice.parser.number;

import org.agrona.DirectBuffer;

/** Interim decimal parser; replaced by the exact zero-allocation implementation. */
public final class DecimalParser
{
    /** Returned for input outside the grammar. */
    public static final long INVALID = -1L;

    /**
     * Parses a float.
     *
     * @param buffer input.
     * @param offset first byte.
     * @param length byte count.
     * @return IEEE bits or {@link #INVALID}.
     */
    public long parseBits(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0)
        {
            return INVALID;
        }
        final String s = buffer.getStringWithoutLengthAscii(offset, length);
        final String lower = s.toLowerCase(java.util.Locale.ROOT);
        switch (lower)
        {
            case "nan":
                return Double.doubleToRawLongBits(Double.NaN);
            case "inf": case "+inf": case "infinity": case "+infinity":
                return Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
            case "-inf": case "-infinity":
                return Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);
            default:
                break;
        }
        if (!s.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?"))
        {
            return INVALID;
        }
        return Double.doubleToRawLongBits(Double.parseDouble(s));
    }
}
