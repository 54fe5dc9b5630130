package dev.sluice.parser.name;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.Utf8;

/**
 * How metric and label names outside the legacy character set are rewritten for a consumer that only accepts legacy
 * names, as Prometheus negotiates it with the {@code escaping} parameter of {@code Accept} and {@code Content-Type}
 * headers. Every scheme but {@link #ALLOW_UTF8} produces legacy-valid names from names that do not start with a
 * digit.
 *
 * <p>Characters are read as UTF-8 with Go's rules: each byte that does not start a well-formed sequence counts as one
 * character U+FFFD. Escaping and unescaping copy from a buffer range into a caller's buffer and allocate nothing; the
 * destination must not overlap the source.
 */
public enum EscapingScheme
{
    /** No escaping: the consumer accepts UTF-8 names as they are. */
    ALLOW_UTF8("allow-utf-8"),
    /**
     * Each character that is not legacy-valid becomes {@code _}; names already legacy-valid are kept. Lossy: there
     * is no unescaping.
     */
    UNDERSCORES("underscores"),
    /**
     * {@code .} becomes {@code _dot_}, {@code _} becomes {@code __}, any other character that is not legacy-valid
     * becomes {@code __}. Applied to every name, legacy-valid or not. Unescaping restores dots and underscores; other
     * replaced characters are lost.
     */
    DOTS("dots"),
    /**
     * Names that are not legacy-valid get the prefix {@code U__}; then {@code _} becomes {@code __} and each character
     * that is not legacy-valid becomes {@code _}, its code point in lower-case hex, {@code _}. Unescaping restores
     * every name that was not legacy-valid to begin with.
     */
    VALUES("values");

    /** The scheme Prometheus applies when a header names none, or names one it does not know. */
    public static final EscapingScheme DEFAULT = UNDERSCORES;

    /** The media-type parameter that selects a scheme, as in {@code text/plain;version=1.0.0;escaping=values}. */
    public static final String HEADER_PARAMETER = "escaping";

    private static final String VALUES_PREFIX = "U__";
    private static final int VALUES_PREFIX_LENGTH = 3;
    // Six hex digits reach U+10FFFF, the largest code point.
    private static final int MAX_HEX_DIGITS = 6;
    private static final int HEX_RADIX = 16;
    private static final byte[] REPLACEMENT_BYTES = {(byte)0xEF, (byte)0xBF, (byte)0xBD};

    private final String headerName;

    EscapingScheme(final String headerName)
    {
        this.headerName = headerName;
    }

    /**
     * The value of the {@code escaping} header parameter that selects this scheme.
     *
     * @return {@code allow-utf-8}, {@code underscores}, {@code dots} or {@code values}.
     */
    public String headerName()
    {
        return headerName;
    }

    /**
     * Looks a scheme up by its header spelling.
     *
     * @param name the parameter value, case-sensitive.
     * @return the scheme.
     * @throws IllegalArgumentException for an empty or unknown name.
     */
    public static EscapingScheme fromHeaderName(final String name)
    {
        final EscapingScheme scheme = lookUp(name);
        if (scheme == null)
        {
            throw new IllegalArgumentException(name.isEmpty() ?
                "got empty string instead of escaping scheme" : "unknown escaping scheme: \"" + name + "\"");
        }
        return scheme;
    }

    /**
     * Finds the scheme a media type asks for, the way Prometheus reads a {@code Content-Type} or one entry of an
     * {@code Accept} header: the first {@code ;}-separated {@code key=value} part whose trimmed key is
     * {@code escaping} decides; a part with no {@code =} or more than one is skipped. When no part names the
     * parameter, or its value is not a known scheme, the {@link #DEFAULT} applies.
     *
     * @param mediaType for example {@code application/openmetrics-text;version=1.0.0;escaping=allow-utf-8}.
     * @return the scheme to use.
     */
    public static EscapingScheme fromMediaType(final String mediaType)
    {
        final int length = mediaType.length();
        int start = 0;
        while (start <= length)
        {
            int end = mediaType.indexOf(';', start);
            if (end < 0)
            {
                end = length;
            }
            final int equals = mediaType.indexOf('=', start);
            if (equals >= 0 && equals < end && !contains(mediaType, '=', equals + 1, end))
            {
                final String key = mediaType.substring(start, equals).strip();
                if (HEADER_PARAMETER.equals(key))
                {
                    final EscapingScheme scheme = lookUp(mediaType.substring(equals + 1, end).strip());
                    return scheme == null ? DEFAULT : scheme;
                }
            }
            start = end + 1;
        }
        return DEFAULT;
    }

    /**
     * Upper bound of the escaped length of a name, for sizing a destination buffer.
     *
     * @param length length of the name in bytes.
     * @return the most bytes {@link #escape(DirectBuffer, int, int, MutableDirectBuffer, int)} can write.
     * @throws ArithmeticException when the bound does not fit an {@code int}.
     */
    public int maxEscapedLength(final int length)
    {
        switch (this)
        {
            case DOTS:
                // "." grows to "_dot_".
                return Math.multiplyExact(length, 5);
            case VALUES:
                // A malformed byte grows to "_fffd_", after the prefix.
                return Math.addExact(VALUES_PREFIX_LENGTH, Math.multiplyExact(length, 6));
            default:
                return length;
        }
    }

    /**
     * Escapes a name held in a buffer, as Prometheus' {@code EscapeName} does; the name is not validated.
     *
     * @param src       the bytes of the name, read as UTF-8.
     * @param offset    first byte of the name.
     * @param length    number of bytes of the name.
     * @param dst       destination with room for {@link #maxEscapedLength(int)} bytes at {@code dstOffset}, or an
     *                  expandable buffer.
     * @param dstOffset where to write.
     * @return the number of bytes written.
     */
    public int escape(
        final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer dst, final int dstOffset)
    {
        if (this == ALLOW_UTF8 || length == 0 ||
            this != DOTS && NameValidationScheme.LEGACY.isValidMetricName(src, offset, length))
        {
            dst.putBytes(dstOffset, src, offset, length);
            return length;
        }
        int w = dstOffset;
        if (this == VALUES)
        {
            w += dst.putStringWithoutLengthAscii(w, VALUES_PREFIX);
        }
        final int end = offset + length;
        int i = offset;
        while (i < end)
        {
            final int b = src.getByte(i);
            final int sequenceLength = Utf8.sequenceLength(src, i, end);
            final int width = sequenceLength == 0 ? 1 : sequenceLength;
            if (b == '_')
            {
                w += this == UNDERSCORES ? putAscii(dst, w, '_') : putAscii(dst, w, '_', '_');
            }
            else if (b == '.' && this == DOTS)
            {
                w += dst.putStringWithoutLengthAscii(w, "_dot_");
            }
            else if (NameValidationScheme.isLegacyMetricNameChar(b, i == offset))
            {
                w += putAscii(dst, w, b);
            }
            else if (this == UNDERSCORES)
            {
                w += putAscii(dst, w, '_');
            }
            else if (this == DOTS)
            {
                w += putAscii(dst, w, '_', '_');
            }
            else
            {
                final int codePoint = sequenceLength == 0 ?
                    Utf8.REPLACEMENT_CHARACTER : Utf8.codePoint(src, i, sequenceLength);
                w += putHexEscape(dst, w, codePoint);
            }
            i += width;
        }
        return w - dstOffset;
    }

    /**
     * Reverses the escaping where it can, as Prometheus' {@code UnescapeName} does: {@link #DOTS} restores
     * {@code _dot_} to {@code .} and then {@code __} to {@code _}; {@link #VALUES} decodes names that start with
     * {@code U__} and copies any other name, or a name with a malformed escape, unchanged; the other schemes copy.
     * Hex digits are {@code 0-9a-fA-F}. Unlike Prometheus, which stops at five, a hex escape may have six digits, so
     * that code points from U+100000 escaped by {@link #escape} come back too.
     *
     * @param src       the bytes of the escaped name.
     * @param offset    first byte of the name.
     * @param length    number of bytes of the name.
     * @param dst       destination with room for {@code length} bytes at {@code dstOffset}: unescaping never grows.
     *                  Bytes past the returned length, within those {@code length}, may be overwritten.
     * @param dstOffset where to write.
     * @return the length of the unescaped name.
     */
    public int unescape(
        final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer dst, final int dstOffset)
    {
        if (this == DOTS)
        {
            return unescapeDots(src, offset, length, dst, dstOffset);
        }
        if (this == VALUES && hasValuesPrefix(src, offset, length))
        {
            final int written = unescapeValues(src, offset + VALUES_PREFIX_LENGTH,
                length - VALUES_PREFIX_LENGTH, dst, dstOffset);
            if (written >= 0)
            {
                return written;
            }
        }
        dst.putBytes(dstOffset, src, offset, length);
        return length;
    }

    /**
     * Escapes a name held in a string. Allocates: for configuration, tools and tests.
     *
     * @param name the name; an unpaired surrogate counts as one malformed character.
     * @return the escaped name.
     */
    public String escape(final String name)
    {
        final UnsafeBuffer src = utf8(name);
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[maxEscapedLength(src.capacity())]);
        final int length = escape(src, 0, src.capacity(), dst, 0);
        return dst.getStringWithoutLengthUtf8(0, length);
    }

    /**
     * Unescapes a name held in a string. Allocates: for configuration, tools and tests.
     *
     * @param name the escaped name.
     * @return the unescaped name; malformed UTF-8 produced by an escape such as {@code _d800_} is never written, since
     * such escapes are rejected.
     */
    public String unescape(final String name)
    {
        final UnsafeBuffer src = utf8(name);
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[src.capacity()]);
        final int length = unescape(src, 0, src.capacity(), dst, 0);
        return dst.getStringWithoutLengthUtf8(0, length);
    }

    private static boolean contains(final String text, final char c, final int from, final int to)
    {
        final int index = text.indexOf(c, from);
        return index >= 0 && index < to;
    }

    private static EscapingScheme lookUp(final String name)
    {
        for (final EscapingScheme scheme : values())
        {
            if (scheme.headerName.equals(name))
            {
                return scheme;
            }
        }
        return null;
    }

    private static int unescapeDots(
        final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer dst, final int dstOffset)
    {
        // Two passes, as Prometheus replaces all "_dot_" first and all "__" in the result second; the second pass
        // works in place, since it only shrinks.
        final int end = offset + length;
        int w = dstOffset;
        int i = offset;
        while (i < end)
        {
            if (isDotEscape(src, i, end))
            {
                dst.putByte(w++, (byte)'.');
                i += 5;
            }
            else
            {
                dst.putByte(w++, src.getByte(i++));
            }
        }
        final int middleEnd = w;
        w = dstOffset;
        int r = dstOffset;
        while (r < middleEnd)
        {
            final byte b = dst.getByte(r);
            dst.putByte(w++, b);
            r += b == '_' && r + 1 < middleEnd && dst.getByte(r + 1) == '_' ? 2 : 1;
        }
        return w - dstOffset;
    }

    private static boolean isDotEscape(final DirectBuffer src, final int index, final int end)
    {
        return index + 5 <= end && src.getByte(index) == '_' && src.getByte(index + 1) == 'd' &&
            src.getByte(index + 2) == 'o' && src.getByte(index + 3) == 't' && src.getByte(index + 4) == '_';
    }

    private static boolean hasValuesPrefix(final DirectBuffer src, final int offset, final int length)
    {
        return length >= VALUES_PREFIX_LENGTH && src.getByte(offset) == 'U' && src.getByte(offset + 1) == '_' &&
            src.getByte(offset + 2) == '_';
    }

    /** Decodes the part after {@code U__}; returns -1 on a malformed escape, after writing part of it. */
    private static int unescapeValues(
        final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int end = offset + length;
        int w = dstOffset;
        int i = offset;
        while (i < end)
        {
            final byte b = src.getByte(i++);
            if (b != '_')
            {
                dst.putByte(w++, b);
                continue;
            }
            if (i == end)
            {
                return -1;
            }
            if (src.getByte(i) == '_')
            {
                dst.putByte(w++, (byte)'_');
                i++;
                continue;
            }
            int codePoint = 0;
            int digits = 0;
            while (i < end && src.getByte(i) != '_')
            {
                final int digit = Character.digit(src.getByte(i++), HEX_RADIX);
                if (digit < 0 || ++digits > MAX_HEX_DIGITS)
                {
                    return -1;
                }
                codePoint = codePoint * HEX_RADIX + digit;
            }
            if (i == end || !Utf8.isScalarValue(codePoint))
            {
                return -1;
            }
            i++;
            w += Utf8.encode(codePoint, dst, w);
        }
        return w - dstOffset;
    }

    private static int putHexEscape(final MutableDirectBuffer dst, final int index, final int codePoint)
    {
        int w = index;
        dst.putByte(w++, (byte)'_');
        // Start at the highest non-zero nibble: Go's FormatInt writes no leading zeros.
        for (int shift = (31 - Integer.numberOfLeadingZeros(codePoint | 1)) & ~3; shift >= 0; shift -= 4)
        {
            dst.putByte(w++, (byte)Character.forDigit((codePoint >> shift) & 0xF, HEX_RADIX));
        }
        dst.putByte(w++, (byte)'_');
        return w - index;
    }

    private static int putAscii(final MutableDirectBuffer dst, final int index, final int c)
    {
        dst.putByte(index, (byte)c);
        return 1;
    }

    private static int putAscii(final MutableDirectBuffer dst, final int index, final int c1, final int c2)
    {
        dst.putByte(index, (byte)c1);
        dst.putByte(index + 1, (byte)c2);
        return 2;
    }

    private static UnsafeBuffer utf8(final String text)
    {
        final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(REPLACEMENT_BYTES);
        try
        {
            final ByteBuffer encoded = encoder.encode(CharBuffer.wrap(text));
            return new UnsafeBuffer(encoded.array(), 0, encoded.limit());
        }
        catch (final CharacterCodingException ex)
        {
            // REPLACE on both error kinds means the encoder never reports one.
            throw new IllegalStateException(ex);
        }
    }
}
