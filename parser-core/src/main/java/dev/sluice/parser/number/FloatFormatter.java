package dev.sluice.parser.number;

import java.math.BigInteger;

import org.agrona.MutableDirectBuffer;

/**
 * Writes doubles as ASCII text the way Prometheus does, without allocating.
 *
 * <p>{@link #formatGo} reproduces Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}: the shortest decimal that
 * reads back as the same double (the one closest to it when several are that short), in exponent form
 * {@code d.ddde±XX} when the decimal exponent is below -4 or at least 6, and in plain form otherwise;
 * {@code NaN}, {@code +Inf} and {@code -Inf} for the special values. {@link #formatOpenMetrics} adds the
 * {@code .0} that Prometheus 3 puts on integral {@code le} and {@code quantile} label values.
 *
 * <p>The shortest digits come from Giulietti's Schubfach algorithm ("The Schubfach way to render doubles"): one
 * 126-bit approximation of a power of ten, taken from a table built once at class initialisation, scales the
 * value and both ends of its rounding interval with a round-to-odd product, which is exact enough to decide
 * between the at most four candidate decimals. The JDK's {@code Double.toString} is not used: before JDK 19 it
 * does not always produce the shortest digits.
 */
public final class FloatFormatter
{
    /** No call writes more bytes than this (24 at most, in fact). */
    public static final int MAX_LENGTH = 32;

    private static final long SIGN_BIT = 0x8000000000000000L;
    private static final long EXPONENT_MASK = 0x7ff0000000000000L;
    private static final long FRACTION_MASK = 0x000fffffffffffffL;
    private static final long HIDDEN_BIT = 1L << 52;
    private static final int MANTISSA_BITS = 52;
    private static final int EXPONENT_BIAS_AND_SHIFT = 1075;
    private static final int MIN_BINARY_EXPONENT = -1074;

    /** Go switches to exponent form when the decimal exponent is below this ... */
    private static final int MIN_PLAIN_EXPONENT = -4;
    /** ... or at least this (its precision for shortest formatting). */
    private static final int PLAIN_EXPONENT_LIMIT = 6;

    /** Range of the power-of-ten table: 10^e for the e = -k that the doubles need. */
    private static final int MIN_TABLE_POWER = -292;
    private static final int MAX_TABLE_POWER = 324;
    private static final int TABLE_BITS = 126;
    private static final long LOW_63_BITS = Long.MAX_VALUE;

    /** {@code floor(10^e * 2^(125 - r)) + 1} split into its high and low 63 bits, with r = floor(log2 10^e). */
    private static final long[] POWER_OF_TEN_HIGH = new long[MAX_TABLE_POWER - MIN_TABLE_POWER + 1];
    private static final long[] POWER_OF_TEN_LOW = new long[POWER_OF_TEN_HIGH.length];
    /** {@code floor(log2 10^e)} for each table entry. */
    private static final int[] POWER_OF_TEN_BINARY_EXPONENT = new int[POWER_OF_TEN_HIGH.length];

    private static final long[] POWERS_OF_TEN = new long[18];

    private static final byte[] NAN_TEXT = { 'N', 'a', 'N' };
    private static final byte[] POSITIVE_INFINITY_TEXT = { '+', 'I', 'n', 'f' };
    private static final byte[] NEGATIVE_INFINITY_TEXT = { '-', 'I', 'n', 'f' };
    private static final byte[] ZERO_POINT_ZERO_TEXT = { '0', '.', '0' };

    static
    {
        for (int e = MIN_TABLE_POWER; e <= MAX_TABLE_POWER; e++)
        {
            final int index = e - MIN_TABLE_POWER;
            final BigInteger scaled;
            final int binaryExponent;
            if (e >= 0)
            {
                final BigInteger power = BigInteger.TEN.pow(e);
                binaryExponent = power.bitLength() - 1;
                // A negative left shift truncates, which is the floor wanted here.
                scaled = power.shiftLeft(TABLE_BITS - 1 - binaryExponent);
            }
            else
            {
                final BigInteger divisor = BigInteger.TEN.pow(-e);
                binaryExponent = -divisor.bitLength();
                scaled = BigInteger.ONE.shiftLeft(TABLE_BITS - 1 - binaryExponent).divide(divisor);
            }
            final BigInteger rounded = scaled.add(BigInteger.ONE);
            POWER_OF_TEN_HIGH[index] = rounded.shiftRight(63).longValue();
            POWER_OF_TEN_LOW[index] = rounded.longValue() & LOW_63_BITS;
            POWER_OF_TEN_BINARY_EXPONENT[index] = binaryExponent;
        }
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private FloatFormatter()
    {
    }

    /**
     * Writes {@code v} exactly as Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} does: {@code 1e+06},
     * {@code 100000}, {@code 1e-06}, {@code 0.0001}, {@code 5e-324}, {@code -0}, {@code NaN}, {@code +Inf}.
     *
     * @param v      the value.
     * @param dst    destination with room for {@link #MAX_LENGTH} bytes from {@code offset}.
     * @param offset index of the first byte to write.
     * @return the number of bytes written.
     */
    public static int formatGo(final double v, final MutableDirectBuffer dst, final int offset)
    {
        final long bits = Double.doubleToRawLongBits(v);
        if ((bits & EXPONENT_MASK) == EXPONENT_MASK)
        {
            return writeSpecial(bits, dst, offset);
        }
        return writeFinite(bits, dst, offset, false);
    }

    /**
     * Writes {@code v} as Prometheus 3 normalises {@code le} and {@code quantile} label values (its
     * {@code FormatOpenMetricsFloat}): like {@link #formatGo}, with {@code .0} added to a result that has neither a
     * point nor an exponent, and both zeros written {@code 0.0}. Examples: {@code 1.0}, {@code 100000.0},
     * {@code 1e+06}, {@code 1e-06}, {@code NaN}, {@code +Inf}, {@code -Inf}.
     *
     * @param v      the value.
     * @param dst    destination with room for {@link #MAX_LENGTH} bytes from {@code offset}.
     * @param offset index of the first byte to write.
     * @return the number of bytes written.
     */
    public static int formatOpenMetrics(final double v, final MutableDirectBuffer dst, final int offset)
    {
        final long bits = Double.doubleToRawLongBits(v);
        if ((bits & EXPONENT_MASK) == EXPONENT_MASK)
        {
            return writeSpecial(bits, dst, offset);
        }
        if ((bits & ~SIGN_BIT) == 0)
        {
            dst.putBytes(offset, ZERO_POINT_ZERO_TEXT);
            return ZERO_POINT_ZERO_TEXT.length;
        }
        return writeFinite(bits, dst, offset, true);
    }

    private static int writeSpecial(final long bits, final MutableDirectBuffer dst, final int offset)
    {
        final byte[] text = (bits & FRACTION_MASK) != 0 ? NAN_TEXT :
            bits < 0 ? NEGATIVE_INFINITY_TEXT : POSITIVE_INFINITY_TEXT;
        dst.putBytes(offset, text);
        return text.length;
    }

    private static int writeFinite(
        final long bits, final MutableDirectBuffer dst, final int offset, final boolean pointForIntegers)
    {
        int position = offset;
        if (bits < 0)
        {
            dst.putByte(position++, (byte)'-');
        }
        final int exponentField = (int)((bits & EXPONENT_MASK) >>> MANTISSA_BITS);
        final long fraction = bits & FRACTION_MASK;
        if (exponentField == 0 && fraction == 0)
        {
            dst.putByte(position++, (byte)'0');
            return position - offset;
        }

        final long c = exponentField == 0 ? fraction : fraction | HIDDEN_BIT;
        final int q = exponentField == 0 ? MIN_BINARY_EXPONENT : exponentField - EXPONENT_BIAS_AND_SHIFT;
        if (q < 0 && q > -MANTISSA_BITS - 1 && (c & ((1L << -q) - 1)) == 0)
        {
            // An integer below 2^53: its own digits are the shortest, since no other integer rounds to it.
            return position - offset + writeDecimal(c >> -q, 0, dst, position, pointForIntegers);
        }
        // The gap below a power of two is half the gap above it (except at the smallest normal exponent).
        final boolean asymmetric = fraction == 0 && exponentField > 1;
        final int k = asymmetric ? floorLog10ThreeQuartersPow2(q) : floorLog10Pow2(q);
        final long digits = shortestDigits(c, q, k, asymmetric);
        return position - offset + writeDecimal(digits, k, dst, position, pointForIntegers);
    }

    /**
     * Schubfach: the decimal significand, in units of 10^k, of the shortest decimal in the rounding interval of
     * {@code c * 2^q}, nearest to it among the shortest, ties to even. With 10^k at most the interval width, and
     * 10^(k+1) above it, the only candidates are the multiples of 10^(k+1) and of 10^k on either side of the value.
     */
    private static long shortestDigits(final long c, final int q, final int k, final boolean asymmetric)
    {
        final int index = -k - MIN_TABLE_POWER;
        final long high = POWER_OF_TEN_HIGH[index];
        final long low = POWER_OF_TEN_LOW[index];
        final int shift = q + POWER_OF_TEN_BINARY_EXPONENT[index] + 2;

        // Four times the value and the interval ends, scaled by 10^-k and rounded to odd.
        final long centre = c << 2;
        final long scaledCentre = roundToOddProduct(high, low, centre << shift);
        final long scaledLower = roundToOddProduct(high, low, (centre - (asymmetric ? 1 : 2)) << shift);
        final long scaledUpper = roundToOddProduct(high, low, (centre + 2) << shift);
        // An even significand rounds-to-even onto itself from the interval ends, so the ends belong to it.
        final long open = c & 1;

        final long floor = scaledCentre >> 2;
        final long shortBelow = floor / 10 * 10;
        final long shortAbove = shortBelow + 10;
        final boolean shortBelowInside = scaledLower + open <= shortBelow << 2;
        final boolean shortAboveInside = (shortAbove << 2) + open <= scaledUpper;
        if (shortBelowInside != shortAboveInside)
        {
            return shortBelowInside ? shortBelow : shortAbove;
        }

        final boolean belowInside = scaledLower + open <= floor << 2;
        final boolean aboveInside = ((floor + 1) << 2) + open <= scaledUpper;
        if (belowInside != aboveInside)
        {
            return belowInside ? floor : floor + 1;
        }
        final long fromMidpoint = scaledCentre - ((floor << 2) + 2);
        return fromMidpoint < 0 || (fromMidpoint == 0 && (floor & 1) == 0) ? floor : floor + 1;
    }

    /**
     * {@code (high * 2^63 + low) * scaled / 2^127}, floored, with the lowest bit set when the discarded fraction
     * is not zero. Bits of the product below 2^64 are ignored, as the algorithm's error analysis allows.
     */
    private static long roundToOddProduct(final long high, final long low, final long scaled)
    {
        final long lowProductHigh = Math.multiplyHigh(low, scaled);
        final long highProductLow = high * scaled;
        final long highProductHigh = Math.multiplyHigh(high, scaled);
        final long fraction = (highProductLow >>> 1) + lowProductHigh;
        final long integer = highProductHigh + (fraction >>> 63);
        return (fraction << 1) != 0 ? integer | 1 : integer;
    }

    /** Writes {@code digits * 10^exponent} in Go's shortest 'g' layout, from {@code position}. */
    private static int writeDecimal(
        final long digits,
        final int exponent,
        final MutableDirectBuffer dst,
        final int position,
        final boolean pointForIntegers)
    {
        long significand = digits;
        int exponent10 = exponent;
        while (significand % 10 == 0)
        {
            significand /= 10;
            exponent10++;
        }
        final int count = digitCount(significand);
        // Go's decimal point position: the value is 0.ddd * 10^point.
        final int point = count + exponent10;
        if (point - 1 < MIN_PLAIN_EXPONENT || point - 1 >= PLAIN_EXPONENT_LIMIT)
        {
            return writeExponentForm(significand, count, point - 1, dst, position);
        }
        int p = position;
        if (point <= 0)
        {
            dst.putByte(p++, (byte)'0');
            dst.putByte(p++, (byte)'.');
            for (int i = point; i < 0; i++)
            {
                dst.putByte(p++, (byte)'0');
            }
            p += writeDigits(significand, count, dst, p);
        }
        else if (point < count)
        {
            final long divisor = POWERS_OF_TEN[count - point];
            p += writeDigits(significand / divisor, point, dst, p);
            dst.putByte(p++, (byte)'.');
            p += writeDigits(significand % divisor, count - point, dst, p);
        }
        else
        {
            p += writeDigits(significand, count, dst, p);
            for (int i = count; i < point; i++)
            {
                dst.putByte(p++, (byte)'0');
            }
            if (pointForIntegers)
            {
                dst.putByte(p++, (byte)'.');
                dst.putByte(p++, (byte)'0');
            }
        }
        return p - position;
    }

    /** {@code d[.ddd]e±XX}, with at least two exponent digits. */
    private static int writeExponentForm(
        final long significand, final int count, final int exponent, final MutableDirectBuffer dst, final int position)
    {
        int p = position;
        final long divisor = POWERS_OF_TEN[count - 1];
        dst.putByte(p++, (byte)('0' + significand / divisor));
        if (count > 1)
        {
            dst.putByte(p++, (byte)'.');
            p += writeDigits(significand % divisor, count - 1, dst, p);
        }
        dst.putByte(p++, (byte)'e');
        dst.putByte(p++, (byte)(exponent < 0 ? '-' : '+'));
        final int magnitude = Math.abs(exponent);
        p += writeDigits(magnitude, magnitude < 100 ? 2 : 3, dst, p);
        return p - position;
    }

    /** Writes exactly {@code count} digits of {@code value}, with leading zeros as needed. */
    private static int writeDigits(final long value, final int count, final MutableDirectBuffer dst, final int position)
    {
        long remaining = value;
        for (int i = position + count - 1; i >= position; i--)
        {
            final long quotient = remaining / 10;
            dst.putByte(i, (byte)('0' + (remaining - quotient * 10)));
            remaining = quotient;
        }
        return count;
    }

    private static int digitCount(final long value)
    {
        int count = 1;
        while (count < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[count])
        {
            count++;
        }
        return count;
    }

    /**
     * {@code floor(q * log10(2))}, exact for every binary exponent of a double (checked exhaustively by a test).
     *
     * @param q binary exponent in [-1074, 971].
     * @return the decimal exponent.
     */
    static int floorLog10Pow2(final int q)
    {
        // 315653 / 2^20 is log10(2) rounded to 20 bits.
        return (q * 315653) >> 20;
    }

    /**
     * {@code floor(q * log10(2) + log10(3/4))}, exact for every binary exponent of a double (checked by a test).
     *
     * @param q binary exponent in [-1074, 971].
     * @return the decimal exponent.
     */
    static int floorLog10ThreeQuartersPow2(final int q)
    {
        // -131008 / 2^20 is log10(3/4) rounded down to 20 bits.
        return (q * 315653 - 131008) >> 20;
    }
}
