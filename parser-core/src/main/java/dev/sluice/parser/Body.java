package dev.sluice.parser;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The body a cursor parses. It is wrapped in an {@link UnsafeBuffer} so that index 0 is its first byte and views
 * can point into it; when the body lives in a heap array, reads go to the array directly, where the JVM's own
 * range checks are cheaper than the buffer's (and often removed). Every caller checks its indices against the
 * body's end before reading, so either path only ever reads inside the body. Multi-byte reads are little-endian
 * on both paths, which the word-at-a-time scans and the protobuf wire format rely on. Shared by the text cursors
 * and the protobuf wire reader; one per reader, not thread-safe.
 */
public final class Body
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS =
        MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private byte[] array;
    private int base;

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
        base = array == null ? 0 : (int)(buffer.addressOffset() - BufferUtil.ARRAY_BASE_OFFSET);
    }

    /**
     * One byte.
     *
     * @param index index in the body, checked by the caller.
     * @return the byte.
     */
    public byte byteAt(final int index)
    {
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
        if (index + Long.BYTES <= buffer.capacity())
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
        final byte[] a = array;
        return a != null ? (short)SHORTS.get(a, base + index) : buffer.getShort(index, ByteOrder.LITTLE_ENDIAN);
    }
}
