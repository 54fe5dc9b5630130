package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.sluice.parser.EntryKind;

/**
 * The cursors' fast path for short plain decimals gives exactly what {@code Double.parseDouble} gives, at every
 * length around its 15-character limit and for every position of the point.
 */
class PlainDecimalProperties
{
    @Property(tries = 5000)
    void valuesAreBitExact(@ForAll("plainDecimals") final String value)
    {
        final byte[] body = ("m " + value + "\n").getBytes(StandardCharsets.US_ASCII);
        final PrometheusTextCursor cursor = new PrometheusTextCursor();
        cursor.reset(body, 0, body.length);
        assertEquals(EntryKind.SAMPLE, cursor.next());
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(value)), Double.doubleToRawLongBits(cursor.value()),
            value);
    }

    @Provide
    Arbitrary<String> plainDecimals()
    {
        final Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(17);
        return digits.flatMap(d -> Arbitraries.integers().between(-1, d.length()).map(point ->
            point < 0 ? d : d.substring(0, point) + "." + d.substring(point) + (point == d.length() ? "0" : "")));
    }
}
