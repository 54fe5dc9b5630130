package dev.sluice.parser.number;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class FloatFormatterTest
{
    private static final int OFFSET = 5;
    private static final byte UNTOUCHED = '#';

    private static String write(final double v, final boolean openMetrics)
    {
        final MutableDirectBuffer buffer = new ExpandableArrayBuffer(64);
        buffer.setMemory(0, 64, UNTOUCHED);
        final int length = openMetrics ?
            FloatFormatter.formatOpenMetrics(v, buffer, OFFSET) : FloatFormatter.formatGo(v, buffer, OFFSET);
        for (int i = 0; i < 64; i++)
        {
            if (i < OFFSET || i >= OFFSET + length)
            {
                assertEquals(UNTOUCHED, buffer.getByte(i), "byte " + i + " outside the written range changed");
            }
        }
        return buffer.getStringWithoutLengthAscii(OFFSET, length);
    }

    private static void f(final double v, final String expected)
    {
        assertEquals(expected, write(v, false), () -> "formatGo(" + v + ")");
    }

    private static void om(final double v, final String expected)
    {
        assertEquals(expected, write(v, true), () -> "formatOpenMetrics(" + v + ")");
    }

    @Test
    void switchesToExponentFormLikeGo()
    {
        f(1000000, "1e+06");
        f(100000, "100000");
        f(999999, "999999");
        f(123456, "123456");
        f(1234567, "1.234567e+06");
        f(123456789, "1.23456789e+08");
        f(0.000001, "1e-06");
        f(0.00001, "1e-05");
        f(0.0001, "0.0001");
        f(0.000123, "0.000123");
        f(0.00012345678901234, "0.00012345678901234");
        f(1e21, "1e+21");
        f(1e100, "1e+100");
        f(1.5e300, "1.5e+300");
        f(-2.5e-10, "-2.5e-10");
        f(12345.678, "12345.678");
        f(100, "100");
        f(1, "1");
        f(-1.5, "-1.5");
        f(0.5, "0.5");
    }

    @Test
    void extremesAndSpecials()
    {
        f(Double.MIN_VALUE, "5e-324");
        f(2 * Double.MIN_VALUE, "1e-323");
        f(Double.MAX_VALUE, "1.7976931348623157e+308");
        f(Double.MIN_NORMAL, "2.2250738585072014e-308");
        f(Math.nextDown(Double.MIN_NORMAL), "2.225073858507201e-308");
        f(0.0, "0");
        f(-0.0, "-0");
        f(Double.NaN, "NaN");
        f(Double.longBitsToDouble(0xfff0000000000123L), "NaN");
        f(Double.POSITIVE_INFINITY, "+Inf");
        f(Double.NEGATIVE_INFINITY, "-Inf");
    }

    @Test
    void writesShortestDigitsWhereTheJdkDoesNot()
    {
        assertNotEquals("2.82879384806159E17", Double.toString(2.82879384806159E17));
        f(2.82879384806159E17, "2.82879384806159e+17");
        f(1e23, "1e+23");
        f(0.1 + 0.2, "0.30000000000000004");
        f(1.0 / 3, "0.3333333333333333");
        f(9007199254740993.0, "9.007199254740992e+15");
        f(Math.scalb(1.0, 63), "9.223372036854776e+18");
        // Above a power of two the shortest decimal lies on the wide side of the interval.
        f(Math.scalb(1.0, -1017), "7.120236347223045e-307");
    }

    @Test
    void openMetricsAddsAPointToIntegersOnly()
    {
        om(1, "1.0");
        om(5, "5.0");
        om(-1, "-1.0");
        om(100000, "100000.0");
        om(1000000, "1e+06");
        om(0.000001, "1e-06");
        om(0.25, "0.25");
        om(0.0, "0.0");
        om(-0.0, "0.0");
        om(2.5e-5, "2.5e-05");
        om(Double.NaN, "NaN");
        om(Double.POSITIVE_INFINITY, "+Inf");
        om(Double.NEGATIVE_INFINITY, "-Inf");
    }

    @Test
    void decimalExponentApproximationsAreExactForEveryBinaryExponent()
    {
        final BigDecimal threeQuarters = new BigDecimal("0.75");
        for (int q = -1074; q <= 971; q++)
        {
            final BigDecimal power = q >= 0 ? new BigDecimal(BigDecimal.valueOf(2).toBigInteger().pow(q)) :
                BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(-q));
            assertEquals(floorLog10(power), FloatFormatter.floorLog10Pow2(q), "q = " + q);
            assertEquals(floorLog10(power.multiply(threeQuarters)), FloatFormatter.floorLog10ThreeQuartersPow2(q),
                "3/4 * 2^q, q = " + q);
        }
    }

    private static int floorLog10(final BigDecimal positive)
    {
        final BigDecimal leading = positive.round(new MathContext(1, RoundingMode.FLOOR));
        return leading.precision() - leading.scale() - 1;
    }
}
