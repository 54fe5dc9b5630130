package dev.sluice.parser.name;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class EscapingSchemeTest
{
    private static final byte GUARD = (byte)'#';
    private static final int PAD = 3;

    @Test
    void escapesAsPrometheusDoes()
    {
        // input, underscores, dots, dots unescaped, values (values always unescapes back to the input)
        f("", "", "", "", "");
        f("no:escaping_required", "no:escaping_required", "no:escaping__required", "no:escaping_required",
            "no:escaping_required");
        f("mysystem.prod.west.cpu.load", "mysystem_prod_west_cpu_load", "mysystem_dot_prod_dot_west_dot_cpu_dot_load",
            "mysystem.prod.west.cpu.load", "U__mysystem_2e_prod_2e_west_2e_cpu_2e_load");
        f("mysystem.prod.west.cpu.load_total", "mysystem_prod_west_cpu_load_total",
            "mysystem_dot_prod_dot_west_dot_cpu_dot_load__total", "mysystem.prod.west.cpu.load_total",
            "U__mysystem_2e_prod_2e_west_2e_cpu_2e_load__total");
        f("http.status:sum", "http_status:sum", "http_dot_status:sum", "http.status:sum", "U__http_2e_status:sum");
        f("label with 😱", "label_with__", "label__with____", "label_with__", "U__label_20_with_20__1f631_");
        f("花火", "__", "____", "__", "U___82b1__706b_");
        f("label with \u0100", "label_with__", "label__with____", "label_with__", "U__label_20_with_20__100_");
        f("1st", "_st", "__st", "_st", "U___31_st");
        f("a1", "a1", "a1", "a1", "a1");
        f("\u0000", "_", "__", "_", "U___0_");
        f("\uDBFF\uDFFF", "_", "__", "_", "U___10ffff_");
    }

    @Test
    void malformedUtf8CountsOneCharacterPerByte()
    {
        final byte[] name = {'a', (byte)0xC5, 'z', (byte)0xE2, (byte)0x82};
        assertEquals("a_z__", escape(EscapingScheme.UNDERSCORES, name));
        assertEquals("a__z____", escape(EscapingScheme.DOTS, name));
        assertEquals("U__a_fffd_z_fffd__fffd_", escape(EscapingScheme.VALUES, name));
        assertEquals("a\uFFFDz\uFFFD\uFFFD", EscapingScheme.VALUES.unescape("U__a_fffd_z_fffd__fffd_"));
        assertEquals(new String(name, StandardCharsets.ISO_8859_1),
            new String(bytes(EscapingScheme.ALLOW_UTF8, name), StandardCharsets.ISO_8859_1));
    }

    @Test
    void unpairedSurrogateInAStringEscapesAsReplacementCharacter()
    {
        assertEquals("U__a_fffd_", EscapingScheme.VALUES.escape("a\uD800"));
    }

    @Test
    void valuesUnescapeKeepsMalformedInput()
    {
        unescapesValues("", "");
        unescapesValues("U__no:unescapingrequired", "no:unescapingrequired");
        unescapesValues("U__capitals_2E_ok", "capitals.ok");
        unescapesValues("U__underscores__doubled__", "underscores_doubled_");
        unescapesValues("U__underscores_doubled_", "U__underscores_doubled_");
        unescapesValues("U__underscores__doubled_", "U__underscores__doubled_");
        unescapesValues("U__my__hack_2e_attempt_872348732fabdabbab_", "U__my__hack_2e_attempt_872348732fabdabbab_");
        unescapesValues("U__my__hack_2e", "U__my__hack_2e");
        unescapesValues("U__bad__utf_2eg_", "U__bad__utf_2eg_");
        unescapesValues("U__bad__utf_D900_", "U__bad__utf_D900_");
        unescapesValues("U__too__big_110000_", "U__too__big_110000_");
        unescapesValues("U__seven__digits_000002e_", "U__seven__digits_000002e_");
        unescapesValues("U__six__digits_00002e_", "six_digits.");
        unescapesValues("no_prefix_2e_", "no_prefix_2e_");
        unescapesValues("U__", "");
    }

    @Test
    void dotsUnescapeReplacesDotEscapesBeforeUnderscorePairs()
    {
        assertEquals("a_.b", EscapingScheme.DOTS.unescape("a__dot_b"));
        assertEquals("a__", EscapingScheme.DOTS.unescape("a___"));
        assertEquals("a__", EscapingScheme.DOTS.unescape("a____"));
        assertEquals("._", EscapingScheme.DOTS.unescape("_dot___"));
        assertEquals("_dot", EscapingScheme.DOTS.unescape("_dot"));
    }

    @Test
    void underscoresAndAllowUtf8NeverUnescape()
    {
        assertEquals("U__a_2e_b", EscapingScheme.UNDERSCORES.unescape("U__a_2e_b"));
        assertEquals("a_dot_b", EscapingScheme.ALLOW_UTF8.unescape("a_dot_b"));
        assertEquals("a.b 😱", EscapingScheme.ALLOW_UTF8.escape("a.b 😱"));
    }

    @Test
    void headerNames()
    {
        assertEquals(EscapingScheme.ALLOW_UTF8, EscapingScheme.fromHeaderName("allow-utf-8"));
        assertEquals(EscapingScheme.UNDERSCORES, EscapingScheme.fromHeaderName("underscores"));
        assertEquals(EscapingScheme.DOTS, EscapingScheme.fromHeaderName("dots"));
        assertEquals(EscapingScheme.VALUES, EscapingScheme.fromHeaderName("values"));
        for (final EscapingScheme scheme : EscapingScheme.values())
        {
            assertEquals(scheme, EscapingScheme.fromHeaderName(scheme.headerName()));
        }
        assertEquals("got empty string instead of escaping scheme",
            assertThrows(IllegalArgumentException.class, () -> EscapingScheme.fromHeaderName("")).getMessage());
        assertEquals("unknown escaping scheme: \"Values\"",
            assertThrows(IllegalArgumentException.class, () -> EscapingScheme.fromHeaderName("Values")).getMessage());
    }

    @Test
    void mediaTypeParameterSelectsTheScheme()
    {
        mediaType("text/plain;version=1.0.0;escaping=allow-utf-8", EscapingScheme.ALLOW_UTF8);
        mediaType("application/openmetrics-text; version=1.0.0; escaping = values", EscapingScheme.VALUES);
        mediaType("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;"
            + "escaping=dots", EscapingScheme.DOTS);
        mediaType("escaping=dots", EscapingScheme.DOTS);
        mediaType("text/plain;version=0.0.4", EscapingScheme.UNDERSCORES);
        mediaType("text/plain;escaping=unknown;escaping=values", EscapingScheme.UNDERSCORES);
        mediaType("text/plain;escaping=values=dots;escaping=allow-utf-8", EscapingScheme.ALLOW_UTF8);
        mediaType("text/plain;Escaping=values", EscapingScheme.UNDERSCORES);
        mediaType("text/plain;escaping=", EscapingScheme.UNDERSCORES);
        mediaType("", EscapingScheme.UNDERSCORES);
        assertEquals(EscapingScheme.UNDERSCORES, EscapingScheme.DEFAULT);
    }

    @Test
    void escapesIntoARangeWithoutTouchingItsSurroundings()
    {
        final byte[] source = "xx.a.b_c.yy".getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer src = new UnsafeBuffer(source);
        final byte[] target = new byte[64];
        Arrays.fill(target, GUARD);
        final UnsafeBuffer dst = new UnsafeBuffer(target);

        final int written = EscapingScheme.VALUES.escape(src, 2, 6, dst, 5);

        assertEquals("U___2e_a_2e_b__c", new String(target, 5, written, StandardCharsets.US_ASCII));
        assertEquals(GUARD, target[4]);
        assertEquals(GUARD, target[5 + written]);
    }

    @Test
    void maxEscapedLengthBoundsTheWorstInputs()
    {
        final byte[] dots = ".....".getBytes(StandardCharsets.US_ASCII);
        assertEquals(EscapingScheme.DOTS.maxEscapedLength(dots.length), bytes(EscapingScheme.DOTS, dots).length);
        final byte[] malformed = {(byte)0xFF, (byte)0xFF};
        assertEquals(EscapingScheme.VALUES.maxEscapedLength(malformed.length),
            bytes(EscapingScheme.VALUES, malformed).length);
        assertEquals(4, EscapingScheme.UNDERSCORES.maxEscapedLength(4));
        assertThrows(ArithmeticException.class, () -> EscapingScheme.VALUES.maxEscapedLength(Integer.MAX_VALUE / 2));
    }

    @Test
    void escapingAndUnescapingABufferAllocatesNothing()
    {
        final UnsafeBuffer src = new UnsafeBuffer("label with 😱.and_more".getBytes(StandardCharsets.UTF_8));
        final UnsafeBuffer escaped = new UnsafeBuffer(new byte[256]);
        final UnsafeBuffer unescaped = new UnsafeBuffer(new byte[256]);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long sum = run(src, escaped, unescaped, 100_000);
        // The least of a few rounds, so a late JIT transition in one round does not count as steady state.
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            sum += run(src, escaped, unescaped, 50_000);
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
        }

        // 200,000 calls per round: any per-call allocation would show as megabytes; the allowance is for the probe.
        assertTrue(sum > 0);
        assertTrue(allocated < 256, "allocated " + allocated + " bytes");
    }

    private static long run(final UnsafeBuffer src, final UnsafeBuffer escaped, final UnsafeBuffer unescaped,
        final int times)
    {
        // values() clones its array, so it is read once, outside the measured loop.
        final EscapingScheme[] schemes = EscapingScheme.values();
        long sum = 0;
        for (int i = 0; i < times; i++)
        {
            for (final EscapingScheme scheme : schemes)
            {
                final int length = scheme.escape(src, 0, src.capacity(), escaped, 0);
                sum += scheme.unescape(escaped, 0, length, unescaped, 0);
            }
        }
        return sum;
    }

    private static void f(
        final String input,
        final String underscores,
        final String dots,
        final String unescapedDots,
        final String values)
    {
        final byte[] name = input.getBytes(StandardCharsets.UTF_8);
        assertEquals(input, escape(EscapingScheme.ALLOW_UTF8, name));
        assertEquals(input, EscapingScheme.ALLOW_UTF8.escape(input));

        assertEquals(underscores, escape(EscapingScheme.UNDERSCORES, name), input);
        assertEquals(underscores, EscapingScheme.UNDERSCORES.escape(input), input);
        assertEquals(underscores, unescape(EscapingScheme.UNDERSCORES, underscores), input);

        assertEquals(dots, escape(EscapingScheme.DOTS, name), input);
        assertEquals(dots, EscapingScheme.DOTS.escape(input), input);
        assertEquals(unescapedDots, unescape(EscapingScheme.DOTS, dots), input);
        assertEquals(unescapedDots, EscapingScheme.DOTS.unescape(dots), input);

        assertEquals(values, escape(EscapingScheme.VALUES, name), input);
        assertEquals(values, EscapingScheme.VALUES.escape(input), input);
        assertEquals(input, unescape(EscapingScheme.VALUES, values), input);
        assertEquals(input, EscapingScheme.VALUES.unescape(values), input);
    }

    private static void unescapesValues(final String input, final String expected)
    {
        assertEquals(expected, unescape(EscapingScheme.VALUES, input), input);
        assertEquals(expected, EscapingScheme.VALUES.unescape(input), input);
    }

    private static void mediaType(final String mediaType, final EscapingScheme expected)
    {
        assertEquals(expected, EscapingScheme.fromMediaType(mediaType), mediaType);
    }

    private static String escape(final EscapingScheme scheme, final byte[] name)
    {
        return new String(bytes(scheme, name), StandardCharsets.UTF_8);
    }

    /** Escapes through the buffer API, from and to offsets inside guarded buffers, and checks the guards. */
    private static byte[] bytes(final EscapingScheme scheme, final byte[] name)
    {
        final UnsafeBuffer src = guarded(name, PAD);
        final int capacity = scheme.maxEscapedLength(name.length);
        final byte[] target = new byte[capacity + 2 * PAD];
        Arrays.fill(target, GUARD);
        final int written = scheme.escape(src, PAD, name.length, new UnsafeBuffer(target), PAD);
        assertTrue(written <= capacity);
        assertGuarded(target, written);
        return Arrays.copyOfRange(target, PAD, PAD + written);
    }

    private static String unescape(final EscapingScheme scheme, final String escaped)
    {
        final byte[] name = escaped.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer src = guarded(name, PAD);
        final byte[] target = new byte[name.length + 2 * PAD];
        Arrays.fill(target, GUARD);
        final int written = scheme.unescape(src, PAD, name.length, new UnsafeBuffer(target), PAD);
        assertTrue(written <= name.length);
        assertGuarded(target, name.length);
        return new String(target, PAD, written, StandardCharsets.UTF_8);
    }

    private static UnsafeBuffer guarded(final byte[] name, final int pad)
    {
        final byte[] bytes = new byte[name.length + 2 * pad];
        Arrays.fill(bytes, (byte)'_');
        System.arraycopy(name, 0, bytes, pad, name.length);
        return new UnsafeBuffer(bytes);
    }

    private static void assertGuarded(final byte[] target, final int room)
    {
        final byte[] guard = new byte[PAD];
        Arrays.fill(guard, GUARD);
        assertArrayEquals(guard, Arrays.copyOfRange(target, 0, PAD));
        assertArrayEquals(guard, Arrays.copyOfRange(target, PAD + room, PAD + room + PAD));
    }
}
