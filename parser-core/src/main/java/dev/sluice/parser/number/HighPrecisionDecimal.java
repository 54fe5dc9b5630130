package dev.sluice.parser.number;

import org.agrona.DirectBuffer;

/**
 * The exact fallback of {@link DecimalParser}: a decimal number held as up to {@link #MAX_DIGITS} significant digits
 * in a preallocated array, converted to binary by repeatedly multiplying or dividing it by powers of two until it
 * lies in [0.5, 1) and then reading off 53 bits (the "simple decimal conversion" algorithm). Digits beyond the cap
 * are dropped and remembered in a {@code truncated} flag; that is enough to round exactly, because a decimal that
 * lies exactly halfway between two doubles never has more than 767 significant digits, so the dropped digits only
 * ever break such a tie upwards.
 *
 * <p>The value is {@code 0.d[0]d[1]...d[count-1] * 10^decimalPoint}, with {@code d[0] != 0} and no trailing zero
 * digit. Not thread-safe; used only on the rare inputs where the fast paths cannot decide.
 */
final class HighPrecisionDecimal
{
    /** Significant digits kept before the rest is folded into the truncated flag. */
    static final int MAX_DIGITS = 800;

    /** Largest shift of one step, so that a digit times {@code 2^MAX_SHIFT} plus carry stays below 2^63. */
    private static final int MAX_SHIFT = 59;

    /** Above this decimal point the value exceeds 10^310 and is infinite whatever its digits. */
    private static final int DECIMAL_POINT_OVERFLOW = 310;

    /** Below this decimal point the value is under 10^-330 and rounds to zero whatever its digits. */
    private static final int DECIMAL_POINT_UNDERFLOW = -330;

    /** Largest decimal point shift worth a step of {@link #MAX_SHIFT}: 2^59 is below 10^18. */
    private static final int LARGE_STEP_DIGITS = 18;

    /** Step sizes by number of decimal digits to move: the largest {@code n} with {@code 2^n <= 10^digits}. */
    private static final int[] SHIFT_FOR_DIGITS = shiftsForDigits();

    private static final int MANTISSA_BITS = 52;
    private static final int MIN_EXPONENT = -1022;
    private static final int MAX_EXPONENT = 1023;
    private static final long INFINITY_BITS = 0x7ff0000000000000L;

    /** Extra room for the digits a left shift adds before the result is cut back to {@link #MAX_DIGITS}. */
    private final byte[] digits = new byte[MAX_DIGITS + MAX_SHIFT / 3 + 1];
    private int count;
    private int decimalPoint;
    private boolean truncated;

    /**
     * Converts the decimal digits of {@code [start, end)} (a '.' among them is skipped) to the bits of the nearest
     * double, ignoring the sign.
     *
     * @param buffer          the input.
     * @param start           first byte of the digits.
     * @param end             one past the last byte of the digits.
     * @param pointAfterFirst where the decimal point falls, counted in digits after the first non-zero one:
     *                        {@code digits * 10^(pointAfterFirst - significantDigits)} is the value.
     * @return the magnitude bits, from 0 to {@code +Infinity}.
     */
    long toBits(final DirectBuffer buffer, final int start, final int end, final long pointAfterFirst)
    {
        if (pointAfterFirst > DECIMAL_POINT_OVERFLOW)
        {
            return INFINITY_BITS;
        }
        if (pointAfterFirst < DECIMAL_POINT_UNDERFLOW)
        {
            return 0;
        }
        load(buffer, start, end, (int)pointAfterFirst);
        return toBits();
    }

    private void load(final DirectBuffer buffer, final int start, final int end, final int pointAfterFirst)
    {
        int n = 0;
        boolean dropped = false;
        for (int i = start; i < end; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || (n == 0 && digit == 0))
            {
                continue;
            }
            if (n < MAX_DIGITS)
            {
                digits[n++] = (byte)digit;
            }
            else if (digit != 0)
            {
                dropped = true;
            }
        }
        count = n;
        truncated = dropped;
        decimalPoint = pointAfterFirst;
        trimTrailingZeros();
    }

    private long toBits()
    {
        int exponent = 0;
        while (decimalPoint > 0)
        {
            final int shift = shiftForDigits(decimalPoint);
            shiftRight(shift);
            exponent += shift;
        }
        while (decimalPoint < 0 || (decimalPoint == 0 && digits[0] < 5))
        {
            final int shift = shiftForDigits(-decimalPoint);
            shiftLeft(shift);
            exponent -= shift;
        }

        // Now 0.5 <= value < 1, so the double is (2 * value) * 2^(exponent - 1).
        int binaryExponent = exponent - 1;
        if (binaryExponent < MIN_EXPONENT)
        {
            shiftRightBy(MIN_EXPONENT - binaryExponent);
            binaryExponent = MIN_EXPONENT;
        }
        if (binaryExponent > MAX_EXPONENT)
        {
            return INFINITY_BITS;
        }
        shiftLeft(MANTISSA_BITS + 1);
        final long mantissa = roundedInteger();

        // The mantissa carries the implicit bit, so adding it raises the exponent field by one for normal values,
        // leaves subnormals (below 2^52) with a zero field, and carries a rounding overflow into the exponent.
        final long bits = ((long)(binaryExponent - MIN_EXPONENT) << MANTISSA_BITS) + mantissa;
        return Math.min(bits, INFINITY_BITS);
    }

    private void shiftRightBy(final int bits)
    {
        int remaining = bits;
        while (remaining > 0)
        {
            final int shift = Math.min(remaining, MAX_SHIFT);
            shiftRight(shift);
            remaining -= shift;
        }
    }

    /** Multiplies the value by {@code 2^shift}, {@code shift <= MAX_SHIFT}, writing digits from the right. */
    private void shiftLeft(final int shift)
    {
        // A product gains at most floor(shift * log10(2)) + 1 digits; shift / 3 + 1 is a safe upper bound.
        final int room = shift / 3 + 1;
        int write = count + room;
        long carry = 0;
        for (int read = count - 1; read >= 0; read--)
        {
            carry += (long)digits[read] << shift;
            final long quotient = carry / 10;
            digits[--write] = (byte)(carry - quotient * 10);
            carry = quotient;
        }
        while (carry > 0)
        {
            final long quotient = carry / 10;
            digits[--write] = (byte)(carry - quotient * 10);
            carry = quotient;
        }

        // Digits now occupy [write, count + room); move them to the front.
        final int produced = count + room - write;
        System.arraycopy(digits, write, digits, 0, produced);
        decimalPoint += produced - count;
        count = produced;
        if (count > MAX_DIGITS)
        {
            for (int i = MAX_DIGITS; i < count; i++)
            {
                truncated |= digits[i] != 0;
            }
            count = MAX_DIGITS;
        }
        trimTrailingZeros();
    }

    /** Divides the value by {@code 2^shift}, {@code shift <= MAX_SHIFT}, writing digits from the left. */
    private void shiftRight(final int shift)
    {
        int read = 0;
        long accumulator = 0;
        while ((accumulator >>> shift) == 0)
        {
            accumulator = accumulator * 10 + (read < count ? digits[read] : 0);
            read++;
        }
        decimalPoint -= read - 1;

        final long mask = (1L << shift) - 1;
        int write = 0;
        for (; read < count; read++)
        {
            final long digit = accumulator >>> shift;
            accumulator = (accumulator & mask) * 10 + digits[read];
            digits[write++] = (byte)digit;
        }
        while (accumulator > 0)
        {
            final long digit = accumulator >>> shift;
            accumulator = (accumulator & mask) * 10;
            if (write < MAX_DIGITS)
            {
                digits[write++] = (byte)digit;
            }
            else if (digit != 0)
            {
                truncated = true;
            }
        }
        count = write;
        trimTrailingZeros();
    }

    /** The integer part, rounded half to even using the digits after the point and the truncated flag. */
    private long roundedInteger()
    {
        long value = 0;
        int i = 0;
        for (; i < decimalPoint && i < count; i++)
        {
            value = value * 10 + digits[i];
        }
        for (; i < decimalPoint; i++)
        {
            value *= 10;
        }
        return shouldRoundUp() ? value + 1 : value;
    }

    private boolean shouldRoundUp()
    {
        final int first = decimalPoint;
        if (first < 0 || first >= count)
        {
            return false;
        }
        if (digits[first] == 5 && first + 1 == count)
        {
            // Exactly one half as far as the kept digits go: dropped digits make it more, else round to even.
            return truncated || (first > 0 && (digits[first - 1] & 1) == 1);
        }
        return digits[first] >= 5;
    }

    private void trimTrailingZeros()
    {
        while (count > 0 && digits[count - 1] == 0)
        {
            count--;
        }
    }

    private static int shiftForDigits(final int decimalDigits)
    {
        return decimalDigits >= LARGE_STEP_DIGITS ? MAX_SHIFT : SHIFT_FOR_DIGITS[decimalDigits];
    }

    private static int[] shiftsForDigits()
    {
        final int[] shifts = new int[LARGE_STEP_DIGITS];
        // Moving by zero digits still has to make progress: double the value.
        shifts[0] = 1;
        long powerOfTen = 1;
        for (int i = 1; i < LARGE_STEP_DIGITS; i++)
        {
            powerOfTen *= 10;
            shifts[i] = 63 - Long.numberOfLeadingZeros(powerOfTen);
        }
        return shifts;
    }
}
