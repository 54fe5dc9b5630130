package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import dev.sluice.parser.number.DecimalParser;
import dev.sluice.parser.number.FloatFormatter;

/**
 * Floats written by {@link FloatFormatter} read back exactly through {@link DecimalParser}, and
 * {@link DecimalParser} agrees with {@code Double.parseDouble} bit for bit on generated decimal strings: random
 * digit strings of every shape, exact expansions of doubles, and the midpoints between neighbouring doubles with
 * their nearest neighbours in the last decimal place, where correct rounding is decided.
 */
class NumberRoundTripProperties
{
    private final DecimalParser parser = new DecimalParser();
    private final ExpandableArrayBuffer written = new ExpandableArrayBuffer(FloatFormatter.MAX_LENGTH);

    @Property(tries = 5000)
    void goFormReadsBackExactly(@ForAll("doubles") final double value)
    {
        final int length = FloatFormatter.formatGo(value, written, 0);
        assertEquals(Entry.parsedBits(value), parser.parseBits(written, 0, length),
            () -> written.getStringWithoutLengthAscii(0, length));
    }

    @Property(tries = 3000)
    void openMetricsFormReadsBackExactlyWithBothZerosAsZero(@ForAll("doubles") final double value)
    {
        final int length = FloatFormatter.formatOpenMetrics(value, written, 0);
        assertEquals(Entry.parsedBits(value == 0 ? 0.0 : value), parser.parseBits(written, 0, length),
            () -> written.getStringWithoutLengthAscii(0, length));
    }

    @Property(tries = 5000)
    void decimalStringsParseAsJavaParsesThem(@ForAll("decimalStrings") final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)),
            parser.parseBits(new UnsafeBuffer(bytes), 0, bytes.length), text);
    }

    @Provide
    Arbitrary<Double> doubles()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(4, FamilyArbitraries.values()),
            Tuple.of(2, Arbitraries.longs().between(1, 0x000fffffffffffffL).map(Double::longBitsToDouble)),
            Tuple.of(2, Combinators.combine(Arbitraries.integers().between(-1074, 1023),
                Arbitraries.integers().between(-3, 3)).as((exponent, ulps) ->
                Double.longBitsToDouble(Double.doubleToRawLongBits(Math.scalb(1.0, exponent)) + ulps))),
            Tuple.of(2, Combinators.combine(Arbitraries.longs().between(1, 99_999_999_999_999_999L),
                Arbitraries.integers().between(-340, 310)).as((digits, exponent) ->
                Double.parseDouble(digits + "e" + exponent))));
    }

    @Provide
    Arbitrary<String> decimalStrings()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(4, shapedDecimals()),
            Tuple.of(2, finiteDoubles().map(value -> new BigDecimal(value).toString())),
            Tuple.of(3, midpointsAndNeighbours()));
    }

    /** Sign, integer digits, point, fraction digits and exponent, each present or not, leading zeros included. */
    private static Arbitrary<String> shapedDecimals()
    {
        final Arbitrary<String> digits = Arbitraries.strings().numeric().ofMaxLength(30);
        final Arbitrary<String> exponents = Arbitraries.oneOf(Arbitraries.just(""),
            Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                Arbitraries.integers().between(0, 400)).as((e, sign, value) -> e + sign + value),
            Arbitraries.of("e99999999999999999999", "e-99999999999999999999", "e0000000000000000000308"));
        return Combinators.combine(Arbitraries.of("", "+", "-"), digits, Arbitraries.of("", "."), digits, exponents)
            .as((sign, integer, point, fraction, exponent) -> sign + integer + point + fraction + exponent)
            .filter(text -> text.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE].*)?"));
    }

    /**
     * The exact midpoint between a positive double and the next one up, and the decimals one unit away in the
     * 17th to 40th significant digit: correct rounding has to look at every digit.
     */
    private static Arbitrary<String> midpointsAndNeighbours()
    {
        return Combinators.combine(finiteDoubles().map(Math::abs).filter(v -> v < Double.MAX_VALUE),
            Arbitraries.integers().between(17, 40), Arbitraries.integers().between(-1, 1)).as((value, digits, step) ->
            {
                final BigDecimal low = new BigDecimal(value);
                final BigDecimal midpoint = low.add(new BigDecimal(Math.nextUp(value))).divide(BigDecimal.valueOf(2));
                if (step == 0)
                {
                    return midpoint.toString();
                }
                final BigDecimal rounded = midpoint.round(new MathContext(digits, RoundingMode.DOWN));
                return rounded.add(BigDecimal.ONE.scaleByPowerOfTen(rounded.precision() - rounded.scale() - digits)
                    .multiply(BigDecimal.valueOf(step))).toString();
            });
    }

    private static Arbitrary<Double> finiteDoubles()
    {
        return Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite);
    }
}
