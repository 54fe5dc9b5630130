package dev.sluice.parser.number;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.sluice.parser.number.NumberTestData.describe;
import static dev.sluice.parser.number.NumberTestData.halfwayAbove;
import static dev.sluice.parser.number.NumberTestData.javaBits;
import static dev.sluice.parser.number.NumberTestData.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalParserTest
{
    private final DecimalParser parser = new DecimalParser();

    private void f(final String text, final double expected)
    {
        final long bits = parse(parser, text);
        assertEquals(Double.doubleToRawLongBits(expected), bits,
            () -> describe(text) + " parsed as " + Double.longBitsToDouble(bits) + ", expected " + expected);
    }

    private void sameAsJava(final String text)
    {
        final long bits = parse(parser, text);
        assertEquals(javaBits(text), bits, () -> describe(text) + " parsed as " + Double.longBitsToDouble(bits) + " (" +
            Long.toHexString(bits) + "), Java reads " + Double.parseDouble(text));
    }

    @ParameterizedTest
    @MethodSource("dev.sluice.parser.number.NumberTestData#hardDecimals")
    void hardDecimalsMatchJava(final String text)
    {
        sameAsJava(text);
    }

    @Test
    void hardDecimalsHaveTheirKnownValues()
    {
        f("1e23", 1e23);
        f("9007199254740993", 9007199254740992.0);
        f("9007199254740993.0000000000000000000000000000000001", 9007199254740994.0);
        f("2.2250738585072011e-308", Double.longBitsToDouble(0x000fffffffffffffL));
        f("2.2250738585072012e-308", Double.MIN_NORMAL);
        f("4.9e-324", Double.MIN_VALUE);
        f("2.4703282292062327e-324", 0.0);
        f("2.4703282292062328e-324", Double.MIN_VALUE);
        f("1.7976931348623157e308", Double.MAX_VALUE);
        f("1.7976931348623158e308", Double.MAX_VALUE);
        f("1.7976931348623159e308", Double.POSITIVE_INFINITY);
        f("0.1", 0.1);
        f("-0", -0.0);
        f("+0.0e10", 0.0);
        f("-0.0e-10", -0.0);
        f("123.456", 123.456);
        f("-7", -7.0);
    }

    @Test
    void exponentsOfAnySizeSaturate()
    {
        f("1e99999999999999999999", Double.POSITIVE_INFINITY);
        f("-1e99999999999999999999", Double.NEGATIVE_INFINITY);
        f("1e-99999999999999999999", 0.0);
        f("-1e-99999999999999999999", -0.0);
        f("0e99999999999999999999", 0.0);
        f("1e2147483648", Double.POSITIVE_INFINITY);
        f("1e-2147483649", 0.0);
        f("1e309", Double.POSITIVE_INFINITY);
        f("1e-400", 0.0);
        f("0." + "0".repeat(400) + "1e500", 1e99);
        f("1" + "0".repeat(400) + "e-500", 1e-100);
    }

    @Test
    void leadingZerosAndLongMantissas()
    {
        f("0".repeat(1000) + "1.5", 1.5);
        f("0." + "0".repeat(1000) + "15e1001", 1.5);
        f("1" + "0".repeat(799) + "1e-800", 1.0);
        f("1." + "0".repeat(2000) + "1", 1.0);
        f("3" + "3".repeat(900) + "e-901", 1.0 / 3);
        f("0".repeat(1000), 0.0);
        f("-0." + "0".repeat(1000), -0.0);
        sameAsJava("9".repeat(850));
        sameAsJava("0." + "9".repeat(850));
        sameAsJava("1" + "0".repeat(308) + "." + "9".repeat(500));
    }

    @Test
    void exactHalfwayPointsRoundToEven()
    {
        final BigDecimal belowMinValue = halfwayAbove(0.0);
        assertEquals(0L, parse(parser, belowMinValue.toString()));
        assertEquals(1L, parse(parser, belowMinValue.toPlainString() + "0000000000000000000001"));
        assertEquals(1L, parse(parser, belowMinValue.add(BigDecimal.ONE.movePointLeft(1100)).toString()));

        final BigDecimal aboveOne = halfwayAbove(1.0);
        f(aboveOne.toString(), 1.0);
        f(aboveOne.toPlainString() + "0".repeat(900) + "1", Math.nextUp(1.0));
        f(aboveOne.subtract(BigDecimal.ONE.movePointLeft(1000)).toString(), 1.0);

        final BigDecimal subnormalTie = halfwayAbove(Double.longBitsToDouble(3));
        assertEquals(4L, parse(parser, subnormalTie.toString()));
        assertEquals(4L, parse(parser, subnormalTie.toPlainString() + "1"));
        assertEquals(3L, parse(parser, subnormalTie.subtract(BigDecimal.ONE.movePointLeft(1200)).toPlainString()));

        final BigDecimal belowInfinity = halfwayAbove(Double.MAX_VALUE);
        f(belowInfinity.toPlainString(), Double.POSITIVE_INFINITY);
        f(belowInfinity.subtract(BigDecimal.ONE.movePointLeft(5)).toPlainString(), Double.MAX_VALUE);
    }

    @ParameterizedTest
    @MethodSource("dev.sluice.parser.number.NumberTestData#specials")
    void specialsFollowGo(final String text, final long expectedBits)
    {
        assertEquals(expectedBits, parse(parser, text), text);
    }

    @ParameterizedTest
    @MethodSource("dev.sluice.parser.number.NumberTestData#invalidTexts")
    void textOutsideTheGrammarIsInvalid(final String text)
    {
        assertEquals(DecimalParser.INVALID, parse(parser, text), () -> describe(text));
    }

    @Test
    void invalidIsNotTheCanonicalNaN()
    {
        assertEquals(0x7ff8000000000000L, parse(parser, "NaN"));
        assertTrue(Double.isNaN(Double.longBitsToDouble(DecimalParser.INVALID)));
    }

    @Test
    void readsOnlyTheGivenRange()
    {
        final byte[] bytes = "9991.5e29999".getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        assertEquals(javaBits("1.5e2"), parser.parseBits(buffer, 3, 5));
        assertEquals(javaBits("1.5"), parser.parseBits(buffer, 3, 3));
        assertEquals(javaBits("91"), parser.parseBits(buffer, 2, 2));
        assertEquals(DecimalParser.INVALID, parser.parseBits(buffer, 3, 0));
        assertEquals(DecimalParser.INVALID, parser.parseBits(buffer, 3, -1));
    }

    @Test
    void instanceIsReusableAfterTheSlowPath()
    {
        final String slow = halfwayAbove(1.0).toPlainString() + "1";
        for (int i = 0; i < 3; i++)
        {
            f(slow, Math.nextUp(1.0));
            f("2.5", 2.5);
            f(halfwayAbove(1e300).toString(), 1e300);
        }
    }
}
