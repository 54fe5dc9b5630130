package dev.sluice.parser;

import java.nio.charset.StandardCharsets;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A reusable flyweight over a range of UTF-8 bytes in a buffer: a metric name, a label name or value, a HELP
 * text. Escape sequences are kept as they appear in the input and resolved only when asked, into a caller's
 * buffer ({@link #unescapeTo}) or into a new {@code String} ({@link #toString}).
 *
 * <p>A view filled by a {@link MetricCursor} is valid until the next call to {@link MetricCursor#next()} or
 * {@link MetricCursor#reset}.
 */
public final class TextView
{
    /** No escape sequences: the bytes are the value. */
    public static final int ESCAPES_NONE = 0;
    /** Quoted-string escapes: {@code \\}, {@code \"} and {@code \n}; any other backslash stays as written. */
    public static final int ESCAPES_QUOTED = 1;
    /** Prometheus text HELP escapes: {@code \\} and {@code \n}; any other backslash stays as written. */
    public static final int ESCAPES_HELP = 2;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int escapes;

    /**
     * Points this view at a range of a buffer.
     *
     * @param buffer  the bytes.
     * @param offset  first byte of the range.
     * @param length  number of bytes, escape sequences included.
     * @param escapes one of {@link #ESCAPES_NONE}, {@link #ESCAPES_QUOTED}, {@link #ESCAPES_HELP}; use
     *                {@link #ESCAPES_NONE} when the range holds no backslash, so readers can skip unescaping.
     * @return this view.
     */
    public TextView wrap(final DirectBuffer buffer, final int offset, final int length, final int escapes)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.escapes = escapes;
        return this;
    }

    /**
     * The buffer the view reads.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Index of the first byte in {@link #buffer()}.
     *
     * @return the offset.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Number of raw bytes, escape sequences included.
     *
     * @return the raw length.
     */
    public int length()
    {
        return length;
    }

    /**
     * Which escape rules apply; {@link #ESCAPES_NONE} means the raw bytes are the value.
     *
     * @return the escape kind.
     */
    public int escapes()
    {
        return escapes;
    }

    /**
     * Raw byte at an index of the view.
     *
     * @param index 0-based index below {@link #length()}.
     * @return the byte.
     */
    public byte byteAt(final int index)
    {
        return buffer.getByte(offset + index);
    }

    /**
     * Length of the value once escape sequences are resolved.
     *
     * @return the unescaped length in bytes.
     */
    public int unescapedLength()
    {
        if (escapes == ESCAPES_NONE)
        {
            return length;
        }
        int n = 0;
        final int end = offset + length;
        for (int i = offset; i < end; i++)
        {
            if (buffer.getByte(i) == '\\' && i + 1 < end && isEscape(buffer.getByte(i + 1)))
            {
                i++;
            }
            n++;
        }
        return n;
    }

    /**
     * Copies the value, escape sequences resolved, into {@code dst}.
     *
     * @param dst       destination with room for {@link #unescapedLength()} bytes from {@code dstOffset}.
     * @param dstOffset where to write.
     * @return the number of bytes written.
     */
    public int unescapeTo(final MutableDirectBuffer dst, final int dstOffset)
    {
        if (escapes == ESCAPES_NONE)
        {
            copyTo(dst, dstOffset);
            return length;
        }
        int w = dstOffset;
        final int end = offset + length;
        for (int i = offset; i < end; i++)
        {
            byte b = buffer.getByte(i);
            if (b == '\\' && i + 1 < end)
            {
                final byte next = buffer.getByte(i + 1);
                if (isEscape(next))
                {
                    b = next == 'n' ? (byte)'\n' : next;
                    i++;
                }
            }
            dst.putByte(w++, b);
        }
        return w - dstOffset;
    }

    /**
     * Copies the raw bytes; between two heap buffers with {@code System.arraycopy}, which beats the buffer's
     * general copy for the short names and values of a sample.
     */
    private void copyTo(final MutableDirectBuffer dst, final int dstOffset)
    {
        final byte[] src = buffer.byteArray();
        if (src != null)
        {
            dst.checkLimit(dstOffset + length);
            final byte[] target = dst.byteArray();
            if (target != null)
            {
                System.arraycopy(src, arrayIndex(buffer, offset), target, arrayIndex(dst, dstOffset), length);
                return;
            }
        }
        dst.putBytes(dstOffset, buffer, offset, length);
    }

    private static int arrayIndex(final DirectBuffer heapBuffer, final int index)
    {
        return (int)(heapBuffer.addressOffset() - BufferUtil.ARRAY_BASE_OFFSET) + index;
    }

    /**
     * Compares the unescaped value with an ASCII or UTF-8 string, without allocating for ASCII strings, escaped or
     * not.
     *
     * @param text the string to compare with.
     * @return true when the unescaped bytes equal the UTF-8 encoding of {@code text}.
     */
    public boolean contentEquals(final String text)
    {
        final int n = text.length();
        for (int i = 0; i < n; i++)
        {
            if (text.charAt(i) >= 0x80)
            {
                return toString().equals(text);
            }
        }
        if (escapes == ESCAPES_NONE ? n != length : n > length)
        {
            return false;
        }
        int i = offset;
        final int end = offset + length;
        for (int k = 0; k < n; k++)
        {
            if (i >= end)
            {
                return false;
            }
            byte b = buffer.getByte(i++);
            if (escapes != ESCAPES_NONE && b == '\\' && i < end && isEscape(buffer.getByte(i)))
            {
                final byte next = buffer.getByte(i++);
                b = next == 'n' ? (byte)'\n' : next;
            }
            if (b != text.charAt(k))
            {
                return false;
            }
        }
        return i == end;
    }

    /**
     * Decodes the unescaped value as UTF-8. Allocates: for display, tests and the edges, not the hot path.
     *
     * @return the value.
     */
    @Override
    public String toString()
    {
        final byte[] bytes = new byte[length];
        int w = 0;
        final int end = offset + length;
        for (int i = offset; i < end; i++)
        {
            byte b = buffer.getByte(i);
            if (escapes != ESCAPES_NONE && b == '\\' && i + 1 < end && isEscape(buffer.getByte(i + 1)))
            {
                final byte next = buffer.getByte(++i);
                b = next == 'n' ? (byte)'\n' : next;
            }
            bytes[w++] = b;
        }
        return new String(bytes, 0, w, StandardCharsets.UTF_8);
    }

    private boolean isEscape(final byte next)
    {
        return next == '\\' || next == 'n' || (next == '"' && escapes == ESCAPES_QUOTED);
    }
}
