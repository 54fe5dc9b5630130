package dev.sluice.parser;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The body a cursor parses. It is wrapped in an {@link UnsafeBuffer} so that index 0 is its first byte and views
 * can point into it. Every caller checks its indices against the body's end before reading, so only the body is
 * ever read; the reads check again as a second line while Agrona's bounds checks are on (the default, and in every
 * test, where an over-read fails loudly). Checked, a body in a heap array is read from the array, where the JVM's
 * range checks are cheaper than the buffer's (and often removed). Once {@code agrona.disable.bounds.checks=true}
 * switches the checks off, every read goes straight to the memory behind the buffer, array or off-heap, with no
 * branch. Multi-byte reads are little-endian on every path, which the word-at-a-time scans and the protobuf wire
 * format rely on. Shared by the text cursors and the protobuf wire reader; one per reader, not thread-safe.
 */
public final class Body
{
    private static final boolean CHECK_BOUNDS = DirectBuffer.SHOULD_BOUNDS_CHECK;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS =
        MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private byte[] array;
    private int base;
    private long address;
    private int capacity;

    /** Creates a reader over an empty body. */
    public Body()
    {
    }

    /**
     * The wrapped body, for views and error excerpts.
     *
     * @return the buffer, owned by this body; index 0 is the body's first byte.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Starts reading a body held in a buffer, heap or direct.
     *
     * @param source the buffer.
     * @param offset index of the first byte of the body.
     * @param length length of the body.
     */
    public void wrap(final DirectBuffer source, final int offset, final int length)
    {
        buffer.wrap(source, offset, length);
        findArray();
    }

    /**
     * Starts reading a body held in an array.
     *
     * @param source the array.
     * @param offset index of the first byte of the body.
     * @param length length of the body.
     */
    public void wrap(final byte[] source, final int offset, final int length)
    {
        buffer.wrap(source, offset, length);
        findArray();
    }

    private void findArray()
    {
        array = buffer.byteArray();
        address = buffer.addressOffset();
        base = array == null ? 0 : (int)(address - BufferUtil.ARRAY_BASE_OFFSET);
        capacity = buffer.capacity();
    }

    /**
     * One byte.
     *
     * @param index index in the body, checked by the caller.
     * @return the byte.
     */
    public byte byteAt(final int index)
    {
        if (!CHECK_BOUNDS)
        {
            return UnsafeApi.getByte(array, address + index);
        }
        final byte[] a = array;
        return a != null ? a[base + index] : buffer.getByte(index);
    }

    /**
     * Eight bytes, little-endian.
     *
     * @param index index of the first byte in the body, checked by the caller.
     * @return the bytes as a long.
     */
    public long longAt(final int index)
    {
        if (!CHECK_BOUNDS)
        {
            return UnsafeApi.getLongUnaligned(array, address + index, false);
        }
        final byte[] a = array;
        return a != null ? (long)LONGS.get(a, base + index) : buffer.getLong(index, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Up to eight bytes from {@code index} as a little-endian word, zero above them: one word read when the body
     * has eight bytes from there, byte by byte at its very end.
     *
     * @param index  index of the first byte in the body, checked by the caller.
     * @param length how many bytes, 1 to 8, all within the body.
     * @return the bytes as a long.
     */
    public long shortWordAt(final int index, final int length)
    {
        if (index + Long.BYTES <= capacity)
        {
            return length == Long.BYTES ? longAt(index) : longAt(index) & ((1L << (length << 3)) - 1);
        }
        long word = 0;
        for (int k = length - 1; k >= 0; k--)
        {
            word = (word << 8) | (byteAt(index + k) & 0xFF);
        }
        return word;
    }

    /**
     * Four bytes, little-endian.
     *
     * @param index index of the first byte in the body, checked by the caller.
     * @return the bytes as an int.
     */
    public int intAt(final int index)
    {
        if (!CHECK_BOUNDS)
        {
            return UnsafeApi.getIntUnaligned(array, address + index, false);
        }
        final byte[] a = array;
        return a != null ? (int)INTS.get(a, base + index) : buffer.getInt(index, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Two bytes, little-endian.
     *
     * @param index index of the first byte in the body, checked by the caller.
     * @return the bytes as a short.
     */
    public short shortAt(final int index)
    {
        if (!CHECK_BOUNDS)
        {
            return UnsafeApi.getShortUnaligned(array, address + index, false);
        }
        final byte[] a = array;
        return a != null ? (short)SHORTS.get(a, base + index) : buffer.getShort(index, ByteOrder.LITTLE_ENDIAN);
    }
}
