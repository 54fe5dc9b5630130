package dev.sluice.parser.number;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FloatFormatterPropertiesTest
{
    private final MutableDirectBuffer buffer = new ExpandableArrayBuffer(FloatFormatter.MAX_LENGTH);
    private final DecimalParser parser = new DecimalParser();

    @Property(tries = 10000)
    void anyDoubleIsWrittenAsGoWritesIt(@ForAll final long bits)
    {
        assertWrittenAsGo(Double.longBitsToDouble(bits));
    }

    @Property(tries = 3000)
    void subnormalsAreWrittenAsGoWritesThem(@ForAll @LongRange(min = 1, max = 0x000fffffffffffffL) final long bits)
    {
        assertWrittenAsGo(Double.longBitsToDouble(bits));
        assertWrittenAsGo(-Double.longBitsToDouble(bits));
    }

    @Property(tries = 3000)
    void powersOfTwoAndTheirNeighboursAreWrittenAsGoWritesThem(
        @ForAll @IntRange(min = -1074, max = 1023) final int exponent,
        @ForAll @IntRange(min = -2, max = 2) final int ulps)
    {
        final long bits = Double.doubleToRawLongBits(Math.scalb(1.0, exponent)) + ulps;
        if (bits > 0 && bits < 0x7ff0000000000000L)
        {
            assertWrittenAsGo(Double.longBitsToDouble(bits));
        }
    }

    @Property(tries = 3000)
    void integersAreWrittenAsGoWritesThem(@ForAll @LongRange(min = -(1L << 54), max = 1L << 54) final long integer)
    {
        assertWrittenAsGo(integer);
    }

    @Property(tries = 3000)
    void shortDecimalsAreWrittenAsGoWritesThem(
        @ForAll @IntRange(min = 0, max = 99999) final int digits,
        @ForAll @IntRange(min = -330, max = 310) final int exponent)
    {
        assertWrittenAsGo(Double.parseDouble(digits + "e" + exponent));
    }

    @Property(tries = 5000)
    void openMetricsFormIsGoFormWithAPointOnIntegers(@ForAll final long bits)
    {
        final double value = Double.longBitsToDouble(bits);
        final int length = FloatFormatter.formatOpenMetrics(value, buffer, 0);
        assertEquals(GoFormatReference.formatOpenMetrics(value), buffer.getStringWithoutLengthAscii(0, length));
    }

    @Property(tries = 3000)
    void openMetricsFormOfIntegers(@ForAll @IntRange(min = -2_000_000, max = 2_000_000) final int integer)
    {
        final int length = FloatFormatter.formatOpenMetrics(integer, buffer, 0);
        assertEquals(GoFormatReference.formatOpenMetrics(integer), buffer.getStringWithoutLengthAscii(0, length));
    }

    private void assertWrittenAsGo(final double value)
    {
        final int length = FloatFormatter.formatGo(value, buffer, 0);
        final String text = buffer.getStringWithoutLengthAscii(0, length);
        assertTrue(length <= FloatFormatter.MAX_LENGTH, text);
        assertEquals(GoFormatReference.formatGo(value), text, () -> "bits " + Long.toHexString(
            Double.doubleToRawLongBits(value)));
        if (!Double.isNaN(value))
        {
            assertEquals(Double.doubleToRawLongBits(value), parser.parseBits(buffer, 0, length), text);
        }
    }
}
