package dev.sluice.parser.name;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.concurrent.UnsafeBuffer;

class EscapingRoundTripProperties
{
    @Property(tries = 2000)
    void valuesEscapingRoundTrips(@ForAll("names") final String name)
    {
        // A legacy-valid name that starts with U__ is passed through by escaping and then decoded by unescaping:
        // the one ambiguity of the scheme, which Prometheus has too.
        Assume.that(!(name.startsWith("U__") && NameValidationScheme.LEGACY.isValidMetricName(name)));
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer src = new UnsafeBuffer(bytes);
        final UnsafeBuffer escaped = new UnsafeBuffer(new byte[EscapingScheme.VALUES.maxEscapedLength(bytes.length)]);
        final int escapedLength = EscapingScheme.VALUES.escape(src, 0, bytes.length, escaped, 0);
        final UnsafeBuffer unescaped = new UnsafeBuffer(new byte[escapedLength]);

        final int length = EscapingScheme.VALUES.unescape(escaped, 0, escapedLength, unescaped, 0);

        assertArrayEquals(bytes, Arrays.copyOf(unescaped.byteArray(), length));
        assertEquals(name, EscapingScheme.VALUES.unescape(EscapingScheme.VALUES.escape(name)));
    }

    @Property(tries = 1000)
    void escapedNamesAreLegacyValid(@ForAll("names") final String name)
    {
        Assume.that(!name.isEmpty());
        for (final EscapingScheme scheme : EscapingScheme.values())
        {
            if (scheme != EscapingScheme.ALLOW_UTF8)
            {
                final String escaped = scheme.escape(name);
                // A leading digit stays a leading digit under underscores and dots, as in Prometheus.
                assertTrue(NameValidationScheme.LEGACY.isValidMetricName(escaped) ||
                    Character.isDigit(name.charAt(0)) && scheme != EscapingScheme.VALUES, scheme + ": " + escaped);
            }
        }
    }

    @Provide
    Arbitrary<String> names()
    {
        final Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.of((int)'a', (int)'Z', (int)'_', (int)'.', (int)':', (int)'0',
                (int)'9', (int)'U', (int)' ')),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x7F)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xFFFF)
                .filter(c -> !Character.isSurrogate((char)c.intValue()))),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)));
        return codePoints.list().ofMaxSize(24).map(EscapingRoundTripProperties::fromCodePoints);
    }

    private static String fromCodePoints(final java.util.List<Integer> codePoints)
    {
        final StringBuilder sb = new StringBuilder();
        for (final int codePoint : codePoints)
        {
            sb.appendCodePoint(codePoint);
        }
        return sb.toString();
    }
}
