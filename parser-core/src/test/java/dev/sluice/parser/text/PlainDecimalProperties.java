package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;

/**
 * The cursors' fast path for decimals (Clinger's: up to 18 digits, significands up to 2^53, powers of ten within
 * 10^&plusmn;22) gives exactly what {@code Double.parseDouble} gives, at every length around its digit, significand
 * and exponent limits, with signs, points anywhere and exponents of any sign: in the Prometheus text value, which
 * ends at whitespace, and in OpenMetrics, where a timestamp follows.
 */
class PlainDecimalProperties
{
    @Property(tries = 5000)
    void textValuesAreBitExact(@ForAll("decimals") final String value)
    {
        assertBitExact(new PrometheusTextCursor(), "m " + value + "\n", value);
        assertBitExact(new PrometheusTextCursor(), "m{a=\"b\"}\t" + value + " 17", value);
    }

    @Property(tries = 3000)
    void openMetricsValuesAreBitExact(@ForAll("decimals") final String value)
    {
        assertBitExact(new OpenMetricsCursor(), "# TYPE m gauge\nm " + value + " 17\n# EOF\n", value);
    }

    private static void assertBitExact(final MetricCursor cursor, final String text, final String value)
    {
        final byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        cursor.reset(body, 0, body.length);
        EntryKind kind;
        do
        {
            kind = cursor.next();
        }
        while (kind != EntryKind.SAMPLE);
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(value)), Double.doubleToRawLongBits(cursor.value()),
            value);
    }

    @Provide
    Arbitrary<String> decimals()
    {
        final Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(20);
        final Arbitrary<String> nines = Arbitraries.integers().between(14, 20).map("9"::repeat);
        final Arbitrary<String> powersOfTwo = Arbitraries.integers().between(50, 56)
            .map(bits -> Long.toString((1L << bits) + (bits & 1) - 1));
        final Arbitrary<String> mantissa = Arbitraries.frequencyOf(
            Tuple.of(8, digits), Tuple.of(1, nines), Tuple.of(1, powersOfTwo))
            .flatMap(d -> Arbitraries.integers().between(-1, d.length()).map(point ->
                point < 0 ? d : d.substring(0, point) + "." + d.substring(point)))
            .filter(m -> !".".equals(m));
        final Arbitrary<String> exponent = Combinators.combine(Arbitraries.of("", "", "e", "E", "e+", "e-", "E-"),
            Arbitraries.integers().between(0, 30), Arbitraries.of("", "", "0", "00"))
            .as((e, n, zeros) -> e.isEmpty() ? "" : e + zeros + n);
        return Combinators.combine(Arbitraries.of("", "", "-", "+"), mantissa, exponent)
            .as((sign, m, e) -> sign + m + e);
    }
}
