package dev.sluice.parser.number;

import org.agrona.MutableDirectBuffer;

/** Interim formatter; replaced by the shortest-digits zero-allocation implementation. */
public final class FloatFormatter
{
    private FloatFormatter()
    {
    }

    /**
     * Go 'g' -1 formatting.
     *
     * @param v      value.
     * @param dst    destination.
     * @param offset where.
     * @return bytes written.
     */
    public static int formatGo(final double v, final MutableDirectBuffer dst, final int offset)
    {
        if (Double.isNaN(v))
        {
            return dst.putStringWithoutLengthAscii(offset, "NaN");
        }
        if (Double.isInfinite(v))
        {
            return dst.putStringWithoutLengthAscii(offset, v > 0 ? "+Inf" : "-Inf");
        }
        final java.math.BigDecimal bd = new java.math.BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        final String digits = bd.unscaledValue().toString();
        final int nd = digits.length();
        final int dp = nd - bd.scale();
        final StringBuilder sb = new StringBuilder();
        if (Double.doubleToRawLongBits(v) < 0)
        {
            sb.append('-');
        }
        final int exp = dp - 1;
        if (v != 0 && (exp < -4 || exp >= 6 && !(nd >= dp && false)))
        {
            sb.append(digits.charAt(0));
            if (nd > 1)
            {
                sb.append('.').append(digits, 1, nd);
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            final int ae = Math.abs(exp);
            if (ae < 10)
            {
                sb.append('0');
            }
            sb.append(ae);
        }
        else if (v == 0)
        {
            sb.append('0');
        }
        else if (dp <= 0)
        {
            sb.append("0.");
            for (int i = dp; i < 0; i++)
            {
                sb.append('0');
            }
            sb.append(digits);
        }
        else if (dp >= nd)
        {
            sb.append(digits);
            for (int i = nd; i < dp; i++)
            {
                sb.append('0');
            }
        }
        else
        {
            sb.append(digits, 0, dp).append('.').append(digits, dp, nd);
        }
        return dst.putStringWithoutLengthAscii(offset, sb.toString());
    }

    /**
     * OpenMetrics float form.
     *
     * @param v      value.
     * @param dst    destination.
     * @param offset where.
     * @return bytes written.
     */
    public static int formatOpenMetrics(final double v, final MutableDirectBuffer dst, final int offset)
    {
        int n = formatGo(v, dst, offset);
        if (Double.isNaN(v) || Double.isInfinite(v))
        {
            return n;
        }
        for (int i = 0; i < n; i++)
        {
            final byte b = dst.getByte(offset + i);
            if (b == '.' || b == 'e')
            {
                return n;
            }
        }
        dst.putByte(offset + n++, (byte)'.');
        dst.putByte(offset + n++, (byte)'0');
        return n;
    }
}
