package dev.sluice.parser.number;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Named inputs shared by the number tests (and usable by benchmarks): hard decimal strings, text outside the
 * grammar, and helpers that build exact halfway decimals.
 */
final class NumberTestData
{
    private NumberTestData()
    {
    }

    /** Decimal strings that are hard to round, all inside the grammar and read the same by Java. */
    static List<String> hardDecimals()
    {
        return List.of(
            "1e23",
            "8.41e21",
            "9007199254740993",
            "9007199254740993.0000000000000000000000000000000001",
            "9007199254740992.9999999999999999999999999999999999",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072013e-308",
            "2.2250738585072014e-308",
            "4.9e-324",
            "5e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1.797693134862315807937289714053e308",
            "0.1",
            "0.3",
            "123456789012345678901234567890",
            "7.038531e-26",
            "1448997445238699",
            "3.4028234663852886e38",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "-0",
            "+0.0e10",
            "-0.0e-10",
            "0e99999999999999999999",
            ".5",
            "5.",
            "1.e5",
            "+.5e-3",
            "00000000000000000000000000000000000000001.5",
            "0.000000000000000000000000000000000000000015e40",
            "1E5",
            "1e+5",
            "1e-5",
            "18446744073709551615",
            "18446744073709551616",
            "9999999999999999999",
            "10000000000000000000");
    }

    /** Text outside the grammar: each must parse to {@link DecimalParser#INVALID}. */
    static List<String> invalidTexts()
    {
        return List.of(
            "", "+", "-", ".", "+.", "-.", "..", "1..2", "1.2.3",
            "0x1p-3", "0X1", "0x10", "0b1", "0B1", "0o1", "0O7", "0x",
            "1_2", "1_000", "_1", "1_", "1.0_0", "1e1_0",
            " 1", "1 ", "1 2", "\t1", "1\n", "1\r", "- 1", "1e 5", "1 e5",
            "1d", "1D", "1f", "1F", "1.5d", "1e5f", "1L",
            "e5", "E5", ".e5", "e", "1e", "1E", "1e+", "1e-", "1e+-5", "1e5.0", "1e5e5", "1ee5",
            "++1", "--1", "+-1", "-+1", "1+", "1-", "1-1",
            "+nan", "-nan", "nan1", "nann", "na", "n", "in", "infin", "infinit", "infinityy", "inff", "-infx",
            "Infinity1", "+", "abc", "1,5", "1,000", "1a", "∞", "١");
    }

    /** Specials and what they parse to. */
    static List<Object[]> specials()
    {
        final long inf = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
        final long negInf = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);
        final long nan = 0x7ff8000000000000L;
        return List.of(
            new Object[]{ "inf", inf }, new Object[]{ "Inf", inf }, new Object[]{ "INF", inf },
            new Object[]{ "+inf", inf }, new Object[]{ "+Inf", inf }, new Object[]{ "-inf", negInf },
            new Object[]{ "-Inf", negInf }, new Object[]{ "infinity", inf }, new Object[]{ "Infinity", inf },
            new Object[]{ "+INFINITY", inf }, new Object[]{ "-Infinity", negInf }, new Object[]{ "-iNfInItY", negInf },
            new Object[]{ "nan", nan }, new Object[]{ "NaN", nan }, new Object[]{ "NAN", nan },
            new Object[]{ "nAn", nan });
    }

    /**
     * The exact decimal halfway between {@code v} and the next double up (for the largest double, the point
     * from which values round to infinity).
     *
     * @param v a finite double, zero or positive.
     * @return the midpoint, exactly.
     */
    static BigDecimal halfwayAbove(final double v)
    {
        return new BigDecimal(v).add(new BigDecimal(Math.ulp(v)).divide(BigDecimal.valueOf(2)));
    }

    /**
     * Shortens long texts for assertion messages.
     *
     * @param text the text.
     * @return the text, or its ends and length.
     */
    static String describe(final String text)
    {
        return text.length() <= 80 ? "'" + text + "'" :
            "'" + text.substring(0, 40) + "..." + text.substring(text.length() - 30) + "' (" + text.length() +
            " bytes)";
    }

    /**
     * Wraps the ASCII bytes of {@code text} in a buffer of exactly that capacity, placed inside a larger array, so
     * that any read outside the text fails the bounds check.
     *
     * @param text the text.
     * @return the buffer; the text is at index 0.
     */
    static UnsafeBuffer exactBuffer(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final byte[] padded = new byte[bytes.length + 8];
        Arrays.fill(padded, (byte)'9');
        System.arraycopy(bytes, 0, padded, 4, bytes.length);
        return new UnsafeBuffer(padded, 4, bytes.length);
    }

    /**
     * Parses with a fresh view over exactly the text.
     *
     * @param parser the parser.
     * @param text   the text.
     * @return the bits or {@link DecimalParser#INVALID}.
     */
    static long parse(final DecimalParser parser, final String text)
    {
        final UnsafeBuffer buffer = exactBuffer(text);
        return parser.parseBits(buffer, 0, buffer.capacity());
    }

    /**
     * What Java reads from text inside the grammar.
     *
     * @param text decimal text (no specials).
     * @return the bits.
     */
    static long javaBits(final String text)
    {
        return Double.doubleToRawLongBits(Double.parseDouble(text));
    }
}
