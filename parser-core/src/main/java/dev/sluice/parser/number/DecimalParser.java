package dev.sluice.parser.number;

import java.math.BigInteger;

import org.agrona.DirectBuffer;

/**
 * Parses a decimal floating-point number from a range of bytes, exactly and without allocating. The result equals
 * {@code Double.parseDouble} of the same text bit for bit (signed zeros, subnormals, overflow to infinity and
 * underflow to zero included), for inputs of any length.
 *
 * <p>Accepted grammar (that of Go's {@code strconv.ParseFloat} for decimal text, which Prometheus uses):
 * <pre>
 *   number  = [ "+" | "-" ] ( decimal | infinity ) | nan
 *   decimal = ( digit+ [ "." digit* ] | "." digit+ ) [ ( "e" | "E" ) [ "+" | "-" ] digit+ ]
 *   infinity = "inf" | "infinity"          (any letter case)
 *   nan      = "nan"                       (any letter case, no sign)
 * </pre>
 * Everything else is rejected with {@link #INVALID}: empty input, a lone sign or point, hexadecimal, octal and
 * binary prefixes ({@code 0x1p-3}, {@code 0b1}, {@code 0o1}), underscores, whitespace anywhere, Java suffixes
 * ({@code 1d}, {@code 1f}), a missing mantissa ({@code e5}) or exponent ({@code 1e}, {@code 1e+}), trailing bytes.
 *
 * <p>How: up to 19 significant digits are gathered into a {@code long}. Small exact cases use Clinger's fast path
 * (one correctly rounded multiplication or division of two exact doubles); the rest use the Eisel-Lemire algorithm
 * with a 128-bit table of powers of five built once at class initialisation. When more than 19 digits are present
 * and the first 19 do not settle the result, an exact conversion over preallocated scratch digits decides. No
 * byte outside the given range is read.
 *
 * <p>An instance holds scratch space: reuse it, one per thread.
 */
public final class DecimalParser
{
    /**
     * Returned for input outside the grammar: an all-ones NaN pattern that no successful parse produces (a parsed
     * NaN is the canonical {@code 0x7ff8000000000000L}).
     */
    public static final long INVALID = -1L;

    private static final long SIGN_BIT = 0x8000000000000000L;
    private static final long INFINITY_BITS = 0x7ff0000000000000L;
    private static final long CANONICAL_NAN_BITS = 0x7ff8000000000000L;
    private static final int MANTISSA_BITS = 52;
    private static final int INFINITE_EXPONENT_FIELD = 0x7ff;

    /** Significant digits that always fit an unsigned 64-bit integer. */
    private static final int MAX_EXACT_DIGITS = 19;

    /** Explicit exponents stop growing here: far past any finite or non-zero double, and far from overflow. */
    private static final long EXPONENT_SATURATION = 1_000_000_000_000L;
    private static final long MALFORMED_EXPONENT = Long.MIN_VALUE;

    /** Below 10^-342 even 19 digits of nines round to zero. */
    private static final int MIN_POWER_OF_TEN = -342;
    /** Above 10^308 any non-zero significand overflows. */
    private static final int MAX_POWER_OF_TEN = 308;

    /** Clinger's fast path: significands up to 2^53 and powers of ten up to 10^22 are exact doubles. */
    private static final long MAX_EXACT_SIGNIFICAND = 1L << 53;
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    private static final int MAX_EXACT_POWER_OF_TEN = EXACT_POWERS_OF_TEN.length - 1;

    /**
     * A product can fall exactly halfway between two doubles only when 5^|q| is small enough for the product of
     * a 64-bit significand and 5^q to be exact or near-exact: q in [-4, 23] for doubles.
     */
    private static final int MIN_HALFWAY_POWER = -4;
    private static final int MAX_HALFWAY_POWER = 23;

    /** Low bits of the product's high word that, when all ones, call for the second half of the table entry. */
    private static final long PRECISION_MASK = 0x1ffL;

    /**
     * 5^q for q in [-342, 308] as 128-bit significands with the top bit set (high and low words), following the
     * table of Lemire's "Number parsing at a gigabyte per second": positive powers truncated, 5^-1 to 5^-27 rounded
     * up, smaller ones computed with extra precision, incremented and then truncated. The error analysis of
     * Mushtak and Lemire ("Fast number parsing without fallback") holds for exactly this table.
     */
    private static final long[] POWER_OF_FIVE_HIGH = new long[MAX_POWER_OF_TEN - MIN_POWER_OF_TEN + 1];
    private static final long[] POWER_OF_FIVE_LOW = new long[POWER_OF_FIVE_HIGH.length];

    /** For each q, the biased exponent field of 10^q before normalisation: {@code q + floor(log2 5^q) + 1086}. */
    private static final int[] POWER_OF_TEN_EXPONENT = new int[POWER_OF_FIVE_HIGH.length];

    private static final int LAST_ROUNDED_UP_INVERSE_POWER = -27;
    private static final int TABLE_BITS = 128;
    private static final int EXPONENT_BASE = 1086;

    private static final byte[] INFINITY_TEXT = { 'i', 'n', 'f', 'i', 'n', 'i', 't', 'y' };
    private static final int SHORT_INFINITY_LENGTH = 3;
    private static final byte[] NAN_TEXT = { 'n', 'a', 'n' };

    static
    {
        for (int q = MIN_POWER_OF_TEN; q <= MAX_POWER_OF_TEN; q++)
        {
            final BigInteger significand = powerOfFiveSignificand(q);
            final int index = q - MIN_POWER_OF_TEN;
            POWER_OF_FIVE_HIGH[index] = significand.shiftRight(Long.SIZE).longValue();
            POWER_OF_FIVE_LOW[index] = significand.longValue();
            final int log2PowerOfFive = q >= 0 ?
                BigInteger.valueOf(5).pow(q).bitLength() - 1 : -BigInteger.valueOf(5).pow(-q).bitLength();
            POWER_OF_TEN_EXPONENT[index] = q + log2PowerOfFive + EXPONENT_BASE;
        }
    }

    private final HighPrecisionDecimal slowPath = new HighPrecisionDecimal();

    /**
     * Parses the bytes {@code [offset, offset + length)} of {@code buffer} as a whole number text.
     *
     * @param buffer the input; only the given range is read.
     * @param offset index of the first byte.
     * @param length number of bytes; 0 or less is invalid.
     * @return the IEEE-754 bits of the value ({@code Double.longBitsToDouble} turns them into the double), or
     *         {@link #INVALID} when the text is outside the grammar.
     */
    public long parseBits(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0)
        {
            return INVALID;
        }
        final int end = offset + length;
        int i = offset;
        byte first = buffer.getByte(i);
        final boolean negative = first == '-';
        if (negative || first == '+')
        {
            if (++i == end)
            {
                return INVALID;
            }
            first = buffer.getByte(i);
        }
        if (first != '.' && (first < '0' || first > '9'))
        {
            return parseSpecial(buffer, i, end, negative, i != offset);
        }

        final int mantissaStart = i;
        int pointIndex = -1;
        long significand = 0;
        for (; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if (b >= '0' && b <= '9')
            {
                significand = significand * 10 + (b - '0');
            }
            else if (b == '.' && pointIndex < 0)
            {
                pointIndex = i;
            }
            else
            {
                break;
            }
        }
        final int mantissaEnd = i;
        final int fractionDigits = pointIndex < 0 ? 0 : mantissaEnd - pointIndex - 1;
        final int digitCount = mantissaEnd - mantissaStart - (pointIndex < 0 ? 0 : 1);
        if (digitCount == 0)
        {
            return INVALID;
        }

        long exponent = -fractionDigits;
        if (i < end)
        {
            final long explicitExponent = parseExponent(buffer, i, end);
            if (explicitExponent == MALFORMED_EXPONENT)
            {
                return INVALID;
            }
            exponent += explicitExponent;
        }

        final long magnitude = digitCount <= MAX_EXACT_DIGITS ?
            magnitudeBits(significand, exponent) :
            manyDigitsBits(buffer, mantissaStart, mantissaEnd, digitCount, significand, exponent);
        return negative ? magnitude | SIGN_BIT : magnitude;
    }

    /**
     * Parses {@code ('e'|'E') [+-]? digits} spanning {@code [start, end)} exactly.
     *
     * @return the exponent, saturated at {@link #EXPONENT_SATURATION}, or {@link #MALFORMED_EXPONENT}.
     */
    private static long parseExponent(final DirectBuffer buffer, final int start, final int end)
    {
        if ((buffer.getByte(start) | 0x20) != 'e')
        {
            return MALFORMED_EXPONENT;
        }
        int i = start + 1;
        boolean negative = false;
        if (i < end)
        {
            final byte sign = buffer.getByte(i);
            if (sign == '-' || sign == '+')
            {
                negative = sign == '-';
                i++;
            }
        }
        if (i == end)
        {
            return MALFORMED_EXPONENT;
        }
        long value = 0;
        for (; i < end; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                return MALFORMED_EXPONENT;
            }
            if (value < EXPONENT_SATURATION)
            {
                value = value * 10 + digit;
            }
        }
        return negative ? -value : value;
    }

    /** Accepts {@code inf}, {@code infinity} (signed or not) and unsigned {@code nan}, in any letter case. */
    private static long parseSpecial(
        final DirectBuffer buffer, final int start, final int end, final boolean negative, final boolean signed)
    {
        final int length = end - start;
        if ((length == SHORT_INFINITY_LENGTH || length == INFINITY_TEXT.length) &&
            equalsIgnoreCase(buffer, start, INFINITY_TEXT, length))
        {
            return negative ? INFINITY_BITS | SIGN_BIT : INFINITY_BITS;
        }
        if (!signed && length == NAN_TEXT.length && equalsIgnoreCase(buffer, start, NAN_TEXT, length))
        {
            return CANONICAL_NAN_BITS;
        }
        return INVALID;
    }

    private static boolean equalsIgnoreCase(
        final DirectBuffer buffer, final int start, final byte[] lowerCaseText, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            // Setting bit 0x20 lower-cases an ASCII letter and maps no other byte onto a lower-case letter.
            if ((buffer.getByte(start + i) | 0x20) != lowerCaseText[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * More than 19 digits: skips leading zeros, keeps the first 19 significant digits {@code w}, and when the
     * rest is not all zeros, tries {@code w} and {@code w + 1}; if both round to the same double, so does
     * everything between them. Otherwise the exact slow path decides.
     */
    private long manyDigitsBits(
        final DirectBuffer buffer,
        final int mantissaStart,
        final int mantissaEnd,
        final int digitCount,
        final long significand,
        final long exponent)
    {
        int i = mantissaStart;
        int significantDigits = digitCount;
        for (; i < mantissaEnd; i++)
        {
            final byte b = buffer.getByte(i);
            if (b == '0')
            {
                significantDigits--;
            }
            else if (b != '.')
            {
                break;
            }
        }
        if (significantDigits <= MAX_EXACT_DIGITS)
        {
            // Leading zeros added nothing to the accumulated significand, which is therefore exact.
            return magnitudeBits(significand, exponent);
        }

        long truncatedSignificand = 0;
        for (int taken = 0; taken < MAX_EXACT_DIGITS; i++)
        {
            final byte b = buffer.getByte(i);
            if (b != '.')
            {
                truncatedSignificand = truncatedSignificand * 10 + (b - '0');
                taken++;
            }
        }
        final long truncatedExponent = exponent + (significantDigits - MAX_EXACT_DIGITS);
        if (!hasNonZeroDigit(buffer, i, mantissaEnd))
        {
            return magnitudeBits(truncatedSignificand, truncatedExponent);
        }
        final long lower = magnitudeBits(truncatedSignificand, truncatedExponent);
        if (lower == magnitudeBits(truncatedSignificand + 1, truncatedExponent))
        {
            return lower;
        }
        return slowPath.toBits(buffer, mantissaStart, mantissaEnd, significantDigits + exponent);
    }

    private static boolean hasNonZeroDigit(final DirectBuffer buffer, final int start, final int end)
    {
        for (int i = start; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if (b != '0' && b != '.')
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Bits of the double nearest to {@code w * 10^q}, sign aside.
     *
     * @param w unsigned significand, up to 10^19.
     * @param q decimal exponent.
     */
    private static long magnitudeBits(final long w, final long q)
    {
        if (w == 0 || q < MIN_POWER_OF_TEN)
        {
            return 0;
        }
        if (q > MAX_POWER_OF_TEN)
        {
            return INFINITY_BITS;
        }
        if (w >= 0 && w <= MAX_EXACT_SIGNIFICAND && q >= -MAX_EXACT_POWER_OF_TEN && q <= MAX_EXACT_POWER_OF_TEN)
        {
            final double value = q < 0 ? w / EXACT_POWERS_OF_TEN[(int)-q] : w * EXACT_POWERS_OF_TEN[(int)q];
            return Double.doubleToRawLongBits(value);
        }
        return eiselLemire(w, (int)q);
    }

    /**
     * The Eisel-Lemire algorithm: multiplies the normalised significand by the 128-bit approximation of 5^q,
     * keeps 54 bits of the product, and rounds them to 53 with ties to even.
     */
    private static long eiselLemire(final long w, final int q)
    {
        final int leadingZeros = Long.numberOfLeadingZeros(w);
        final long normalized = w << leadingZeros;
        final int index = q - MIN_POWER_OF_TEN;

        long productHigh = unsignedMultiplyHigh(normalized, POWER_OF_FIVE_HIGH[index]);
        long productLow = normalized * POWER_OF_FIVE_HIGH[index];
        if ((productHigh & PRECISION_MASK) == PRECISION_MASK)
        {
            // The bits that decide rounding may still change: add the contribution of the low table word.
            final long correction = unsignedMultiplyHigh(normalized, POWER_OF_FIVE_LOW[index]);
            final long sum = productLow + correction;
            if (Long.compareUnsigned(sum, productLow) < 0)
            {
                productHigh++;
            }
            productLow = sum;
        }

        final int upperBit = (int)(productHigh >>> 63);
        final int shift = upperBit + 64 - MANTISSA_BITS - 3;
        long mantissa = productHigh >>> shift;
        final int exponentField = POWER_OF_TEN_EXPONENT[index] + upperBit - leadingZeros;
        if (exponentField <= 0)
        {
            return subnormalBits(mantissa, exponentField);
        }

        if (Long.compareUnsigned(productLow, 1) <= 0 && q >= MIN_HALFWAY_POWER && q <= MAX_HALFWAY_POWER &&
            (mantissa & 3) == 1 && (mantissa << shift) == productHigh)
        {
            // Exactly halfway with an even lower neighbour: clear the rounding bit so that it rounds down.
            mantissa &= ~1L;
        }
        mantissa = (mantissa + (mantissa & 1)) >>> 1;

        // The mantissa carries its implicit bit: adding it lifts the exponent field by one, and a rounding carry
        // to 2^53 lifts it once more, as it should.
        final long bits = ((long)(exponentField - 1) << MANTISSA_BITS) + mantissa;
        return exponentField >= INFINITE_EXPONENT_FIELD ? INFINITY_BITS : Math.min(bits, INFINITY_BITS);
    }

    private static long subnormalBits(final long mantissa54, final int exponentField)
    {
        final int shift = 1 - exponentField;
        if (shift >= Long.SIZE)
        {
            return 0;
        }
        // An exact tie cannot happen this far from 10^0, so rounding half up is exact here. A result of 2^52 is
        // the smallest normal number, whose bits equal that mantissa too.
        final long shifted = mantissa54 >>> shift;
        return (shifted + (shifted & 1)) >>> 1;
    }

    private static long unsignedMultiplyHigh(final long x, final long y)
    {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    private static BigInteger powerOfFiveSignificand(final int q)
    {
        if (q >= 0)
        {
            final BigInteger power = BigInteger.valueOf(5).pow(q);
            // A negative left shift truncates: the high 128 bits of 5^q.
            return power.shiftLeft(TABLE_BITS - power.bitLength());
        }
        final BigInteger divisor = BigInteger.valueOf(5).pow(-q);
        final int bits = divisor.bitLength();
        if (q >= LAST_ROUNDED_UP_INVERSE_POWER)
        {
            return BigInteger.ONE.shiftLeft(TABLE_BITS - 1 + bits).divide(divisor).add(BigInteger.ONE);
        }
        final BigInteger wide = BigInteger.ONE.shiftLeft(2 * bits + TABLE_BITS).divide(divisor).add(BigInteger.ONE);
        return wide.shiftRight(wide.bitLength() - TABLE_BITS);
    }
}
