package dev.sluice.parser.number;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static dev.sluice.parser.number.NumberTestData.describe;
import static dev.sluice.parser.number.NumberTestData.halfwayAbove;
import static dev.sluice.parser.number.NumberTestData.javaBits;
import static dev.sluice.parser.number.NumberTestData.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DecimalParserPropertiesTest
{
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");
    private static final Pattern NAN = Pattern.compile("(?i:nan)");

    private final DecimalParser parser = new DecimalParser();

    @Property(tries = 10000)
    void shortDecimalsMatchJava(@ForAll("decimals") final String text)
    {
        assertMatchesJava(text);
    }

    @Property(tries = 2000)
    void longDecimalsMatchJava(@ForAll("longDecimals") final String text)
    {
        assertMatchesJava(text);
    }

    @Property(tries = 3000)
    void halfwayPointsAndTheirNeighboursMatchJava(@ForAll("halfwayPoints") final String text)
    {
        assertMatchesJava(text);
    }

    @Property(tries = 10000)
    void javaRenderingsOfAnyDoubleParseBack(@ForAll final long bits)
    {
        final double value = Double.longBitsToDouble(bits);
        final long expected = Double.isNaN(value) ? 0x7ff8000000000000L : bits;
        assertEquals(expected, parse(parser, Double.toString(value)), () -> Double.toString(value));
    }

    @Property(tries = 10000)
    void anyTextIsAcceptedExactlyWhenInTheGrammar(@ForAll("nearlyNumbers") final String text)
    {
        final long expected;
        if (DECIMAL.matcher(text).matches())
        {
            expected = javaBits(text);
        }
        else if (INFINITY.matcher(text).matches())
        {
            expected = Double.doubleToRawLongBits(text.startsWith("-") ?
                Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        else if (NAN.matcher(text).matches())
        {
            expected = 0x7ff8000000000000L;
        }
        else
        {
            expected = DecimalParser.INVALID;
        }
        assertEquals(expected, parse(parser, text), () -> describe(text));
    }

    @Property(tries = 10000)
    void junkAroundOrInsideNumbersIsInvalid(@ForAll("junk") final String text)
    {
        assertEquals(DecimalParser.INVALID, parse(parser, text), () -> describe(text));
    }

    private void assertMatchesJava(final String text)
    {
        final long bits = parse(parser, text);
        assertEquals(javaBits(text), bits, () -> describe(text) + " parsed as " + Double.longBitsToDouble(bits));
    }

    @Provide
    Arbitrary<String> decimals()
    {
        return decimalsWithMantissa(digits(0, 40), digits(0, 40));
    }

    @Provide
    Arbitrary<String> longDecimals()
    {
        return decimalsWithMantissa(digits(0, 800), digits(0, 800))
            .filter(text -> text.length() >= 300);
    }

    @Provide
    Arbitrary<String> halfwayPoints()
    {
        final Arbitrary<Double> values = Arbitraries.longs().between(0, 0x7fefffffffffffffL)
            .map(Double::longBitsToDouble);
        final Arbitrary<Integer> variants = Arbitraries.integers().between(0, 4);
        return Combinators.combine(values, variants).as((value, variant) ->
        {
            final BigDecimal halfway = halfwayAbove(value);
            switch (variant)
            {
                case 0:
                    return halfway.toString();
                case 1:
                    return halfway.toPlainString();
                case 2:
                    return halfway.toString().replace("E", "000000000000000000000001e");
                case 3:
                    return halfway.subtract(BigDecimal.ONE.movePointLeft(1200)).toString();
                default:
                    return halfway.round(new java.math.MathContext(17)).toString();
            }
        });
    }

    @Provide
    Arbitrary<String> nearlyNumbers()
    {
        return Arbitraries.strings().withChars("0123456789.eE+-_ xXbBoOnNaAiIfFtTyYdD\t").ofMinLength(0)
            .ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> junk()
    {
        final Arbitrary<String> valid = decimals();
        final Arbitrary<Integer> kinds = Arbitraries.integers().between(0, 5);
        final Arbitrary<Integer> positions = Arbitraries.integers().between(0, 1000);
        return Combinators.combine(valid, kinds, positions).as((text, kind, position) ->
        {
            final int at = position % (text.length() + 1);
            switch (kind)
            {
                case 0:
                    return text.substring(0, at) + "_" + text.substring(at);
                case 1:
                    return text.substring(0, at) + " \t\n\r\f\u000b".charAt(position % 6) + text.substring(at);
                case 2:
                    return text + "dDfFLx".charAt(position % 6);
                case 3:
                    return new String[]{ "0x", "0X", "0b", "0B", "0o", "0O" }[position % 6] + unsigned(text);
                case 4:
                    return new String[]{ "+-", "--", "++", "-+" }[position % 4] + unsigned(text);
                default:
                    return text + "e";
            }
        });
    }

    private static String unsigned(final String text)
    {
        return text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    }

    private static Arbitrary<String> digits(final int min, final int max)
    {
        return Arbitraries.strings().withCharRange('0', '9').ofMinLength(min).ofMaxLength(max);
    }

    private static Arbitrary<String> decimalsWithMantissa(
        final Arbitrary<String> integerDigits, final Arbitrary<String> fractionDigits)
    {
        final Arbitrary<String> signs = Arbitraries.of("", "", "+", "-");
        final Arbitrary<String> points = Arbitraries.of("", ".");
        final Arbitrary<String> exponents = Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.integers().between(-400, 400).map(e -> "e" + e),
            Arbitraries.integers().between(-30, 30).map(e -> (e >= 0 ? "E+" : "E") + e),
            Arbitraries.longs().map(e -> "e" + e));
        return Combinators.combine(signs, integerDigits, points, fractionDigits, exponents)
            .as((sign, integer, point, fraction, exponent) ->
                sign + integer + point + (point.isEmpty() ? "" : fraction) + exponent)
            .filter(text -> DECIMAL.matcher(text).matches());
    }
}
