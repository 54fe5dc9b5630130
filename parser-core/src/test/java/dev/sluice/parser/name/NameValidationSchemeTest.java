package dev.sluice.parser.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class NameValidationSchemeTest
{
    private static final byte[] INVALID_UTF8 = {'a', (byte)0xC5, 'z'};

    @Test
    void metricNamesAsPrometheusJudgesThem()
    {
        metric("Avalid_23name", true, true);
        metric("_Avalid_23name", true, true);
        metric("1valid_23name", false, true);
        metric("avalid_23name", true, true);
        metric("Ava:lid_23name", true, true);
        metric("a lid_23name", false, true);
        metric(":leading_colon", true, true);
        metric("colon:in:the:middle", true, true);
        metric("", false, false);
        metric("mysystem.prod.west.cpu.load", false, true);
        metric("花火", false, true);
        metric("label with 😱", false, true);
        metric(INVALID_UTF8, false, false);
    }

    @Test
    void labelNamesAsPrometheusJudgesThem()
    {
        label("Avalid_23name", true, true);
        label("_Avalid_23name", true, true);
        label("1valid_23name", false, true);
        label("avalid_23name", true, true);
        label("Ava:lid_23name", false, true);
        label("a lid_23name", false, true);
        label(":leading_colon", false, true);
        label("colon:in:the:middle", false, true);
        label("__name__", true, true);
        label("", false, false);
        label("error.message", false, true);
        label(INVALID_UTF8, false, false);
    }

    @Test
    void utf8RejectsWhatGoRejects()
    {
        // Overlong slash, a surrogate, a code point above U+10FFFF, a lone continuation byte, a truncated sequence.
        metric(new byte[]{(byte)0xC0, (byte)0xAF}, false, false);
        metric(new byte[]{(byte)0xED, (byte)0xA0, (byte)0x80}, false, false);
        metric(new byte[]{(byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80}, false, false);
        metric(new byte[]{'a', (byte)0x80}, false, false);
        metric(new byte[]{'a', (byte)0xE2, (byte)0x82}, false, false);
        metric(new byte[]{(byte)0xF4, (byte)0x8F, (byte)0xBF, (byte)0xBF}, false, true);
        metric(new byte[]{(byte)0xEF, (byte)0xBF, (byte)0xBD}, false, true);
    }

    @Test
    void stringWithUnpairedSurrogateIsNotUtf8()
    {
        assertEquals(false, NameValidationScheme.UTF8.isValidMetricName("a\uD800b"));
        assertEquals(false, NameValidationScheme.UTF8.isValidLabelName("a\uDC00"));
        assertEquals(true, NameValidationScheme.UTF8.isValidLabelName("a\uD83D\uDE31"));
    }

    @Test
    void checksOnlyTheGivenRangeOfABuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer("{1x.ok_name:2 }".getBytes(StandardCharsets.US_ASCII));
        assertEquals(true, NameValidationScheme.LEGACY.isValidMetricName(buffer, 4, 9));
        assertEquals(false, NameValidationScheme.LEGACY.isValidLabelName(buffer, 4, 9));
        assertEquals(true, NameValidationScheme.LEGACY.isValidLabelName(buffer, 4, 7));
        assertEquals(false, NameValidationScheme.LEGACY.isValidMetricName(buffer, 1, 3));
    }

    @Test
    void configNames()
    {
        assertEquals(NameValidationScheme.LEGACY, NameValidationScheme.fromConfigName("legacy"));
        assertEquals(NameValidationScheme.UTF8, NameValidationScheme.fromConfigName("utf8"));
        assertEquals("utf8", NameValidationScheme.UTF8.configName());
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> NameValidationScheme.fromConfigName("invalid"));
        assertEquals("unrecognized name validation scheme: \"invalid\"", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NameValidationScheme.fromConfigName(""));
        assertThrows(IllegalArgumentException.class, () -> NameValidationScheme.fromConfigName("UTF8"));
    }

    private static void metric(final String name, final boolean legacy, final boolean utf8)
    {
        assertEquals(legacy, NameValidationScheme.LEGACY.isValidMetricName(name), name);
        assertEquals(utf8, NameValidationScheme.UTF8.isValidMetricName(name), name);
        metric(name.getBytes(StandardCharsets.UTF_8), legacy, utf8);
    }

    private static void metric(final byte[] name, final boolean legacy, final boolean utf8)
    {
        final UnsafeBuffer buffer = padded(name);
        assertEquals(legacy, NameValidationScheme.LEGACY.isValidMetricName(buffer, 2, name.length), hex(name));
        assertEquals(utf8, NameValidationScheme.UTF8.isValidMetricName(buffer, 2, name.length), hex(name));
    }

    private static void label(final String name, final boolean legacy, final boolean utf8)
    {
        assertEquals(legacy, NameValidationScheme.LEGACY.isValidLabelName(name), name);
        assertEquals(utf8, NameValidationScheme.UTF8.isValidLabelName(name), name);
        label(name.getBytes(StandardCharsets.UTF_8), legacy, utf8);
    }

    private static void label(final byte[] name, final boolean legacy, final boolean utf8)
    {
        final UnsafeBuffer buffer = padded(name);
        assertEquals(legacy, NameValidationScheme.LEGACY.isValidLabelName(buffer, 2, name.length), hex(name));
        assertEquals(utf8, NameValidationScheme.UTF8.isValidLabelName(buffer, 2, name.length), hex(name));
    }

    /** Puts the name between bytes that would change every verdict if they were read. */
    private static UnsafeBuffer padded(final byte[] name)
    {
        final byte[] bytes = new byte[name.length + 4];
        bytes[0] = (byte)0xFF;
        bytes[1] = (byte)0x80;
        System.arraycopy(name, 0, bytes, 2, name.length);
        bytes[bytes.length - 2] = (byte)0xE2;
        bytes[bytes.length - 1] = ' ';
        return new UnsafeBuffer(bytes);
    }

    private static String hex(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder();
        for (final byte b : bytes)
        {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
