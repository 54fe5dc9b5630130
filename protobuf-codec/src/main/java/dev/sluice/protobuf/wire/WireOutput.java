package dev.sluice.protobuf.wire;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes the protobuf wire format into an Agrona buffer, in canonical form: minimal varints, little-endian fixed
 * numbers, and length prefixes of minimal width. Every method takes the index to write at and returns the index
 * one past what it wrote, so callers keep their position in a local; with an expandable buffer (for example
 * {@link org.agrona.ExpandableDirectByteBuffer}) the buffer grows as needed, otherwise writing past its capacity
 * fails with Agrona's bounds check.
 *
 * <p>Embedded messages whose size is not known when they start are written with {@link #openMessage} and
 * {@link #closeMessage}: opening reserves {@value #LENGTH_SLOT_BYTES} bytes for the length prefix (enough for any
 * length up to 2^35), closing writes the length in its minimal width at the start of the slot and, when that is
 * narrower than the slot, moves the content back over the unused bytes. The move touches only the message just
 * written, still in cache, and keeps the encoders single-pass and free of a size-computing twin of every writer.
 * Messages nest: an inner message is closed before its outer one, and closing the inner one only moves bytes
 * after the outer one's slot.
 */
public final class WireOutput
{
    /** Bytes reserved for the length prefix of an embedded message whose size is not yet known. */
    public static final int LENGTH_SLOT_BYTES = 5;

    private static final int SEVEN_BITS = 0x7F;
    private static final int CONTINUATION = 0x80;

    private WireOutput()
    {
    }

    /**
     * Number of bytes of the varint encoding of a value taken as unsigned 64 bits.
     *
     * @param value the value.
     * @return 1 to 10.
     */
    public static int varintSize(final long value)
    {
        // One byte per started group of 7 significant bits, and at least one byte.
        return 1 + (Long.SIZE - 1 - Long.numberOfLeadingZeros(value | 1)) / 7;
    }

    /**
     * Writes a value as a varint of minimal length.
     *
     * @param buffer where to write.
     * @param index  where the varint starts.
     * @param value  the value, taken as unsigned 64 bits (an int32 or int64 is sign-extended first, as protobuf
     *               does).
     * @return the index after the varint.
     */
    public static int putVarint(final MutableDirectBuffer buffer, final int index, final long value)
    {
        int p = index;
        long v = value;
        while ((v & ~SEVEN_BITS) != 0)
        {
            buffer.putByte(p++, (byte)((v & SEVEN_BITS) | CONTINUATION));
            v >>>= 7;
        }
        buffer.putByte(p++, (byte)v);
        return p;
    }

    /**
     * The zigzag form of a {@code sint64}, which keeps small negative numbers small as varints.
     *
     * @param value the signed value.
     * @return the value to write as a varint.
     */
    public static long zigzag64(final long value)
    {
        return (value << 1) ^ (value >> (Long.SIZE - 1));
    }

    /**
     * The zigzag form of a {@code sint32}, as the unsigned 32 bits a varint carries.
     *
     * @param value the signed value.
     * @return the value to write as a varint.
     */
    public static long zigzag32(final int value)
    {
        return ((value << 1) ^ (value >> (Integer.SIZE - 1))) & 0xFFFF_FFFFL;
    }

    /**
     * Writes 8 bytes little-endian.
     *
     * @param buffer where to write.
     * @param index  where the bytes start.
     * @param bits   the value.
     * @return the index after the bytes.
     */
    public static int putFixed64(final MutableDirectBuffer buffer, final int index, final long bits)
    {
        buffer.putLong(index, bits, ByteOrder.LITTLE_ENDIAN);
        return index + Long.BYTES;
    }

    /**
     * Writes a tag and a varint value.
     *
     * @param buffer where to write.
     * @param index  where the field starts.
     * @param tag    the tag, of wire type {@link WireInput#VARINT}.
     * @param value  the value.
     * @return the index after the field.
     */
    public static int putVarintField(final MutableDirectBuffer buffer, final int index, final int tag, final long value)
    {
        return putVarint(buffer, putVarint(buffer, index, tag), value);
    }

    /**
     * Writes a tag and a double, its exact bits (NaN payloads included).
     *
     * @param buffer where to write.
     * @param index  where the field starts.
     * @param tag    the tag, of wire type {@link WireInput#FIXED64}.
     * @param value  the value.
     * @return the index after the field.
     */
    public static int putDoubleField(
        final MutableDirectBuffer buffer, final int index, final int tag, final double value)
    {
        return putFixed64(buffer, putVarint(buffer, index, tag), Double.doubleToRawLongBits(value));
    }

    /**
     * Writes a length-delimited field holding bytes copied from a buffer (a string, or bytes).
     *
     * @param buffer    where to write.
     * @param index     where the field starts.
     * @param tag       the tag, of wire type {@link WireInput#LENGTH_DELIMITED}.
     * @param source    buffer holding the bytes.
     * @param offset    index of the first byte in {@code source}.
     * @param length    number of bytes.
     * @return the index after the field.
     */
    public static int putBytesField(
        final MutableDirectBuffer buffer,
        final int index,
        final int tag,
        final DirectBuffer source,
        final int offset,
        final int length)
    {
        final int p = putVarint(buffer, putVarint(buffer, index, tag), length);
        buffer.putBytes(p, source, offset, length);
        return p + length;
    }

    /**
     * Size of a length-delimited field: its tag, its length prefix and its payload.
     *
     * @param tag           the tag.
     * @param payloadLength the payload length.
     * @return the number of bytes.
     */
    public static int lengthDelimitedSize(final int tag, final int payloadLength)
    {
        return varintSize(tag) + varintSize(payloadLength) + payloadLength;
    }

    /**
     * Writes the tag of an embedded message of unknown size and reserves its length slot.
     *
     * @param buffer where to write.
     * @param index  where the field starts.
     * @param tag    the tag, of wire type {@link WireInput#LENGTH_DELIMITED}.
     * @return the index where the message's content starts; pass it to {@link #closeMessage}.
     */
    public static int openMessage(final MutableDirectBuffer buffer, final int index, final int tag)
    {
        return putVarint(buffer, index, tag) + LENGTH_SLOT_BYTES;
    }

    /**
     * Ends an embedded message opened with {@link #openMessage}: writes its length in minimal width and moves the
     * content back over the part of the slot the length did not need.
     *
     * @param buffer       the buffer written to.
     * @param contentStart what {@link #openMessage} returned.
     * @param contentEnd   the index after the message's last byte.
     * @return the index after the message, now where the next field starts.
     */
    public static int closeMessage(final MutableDirectBuffer buffer, final int contentStart, final int contentEnd)
    {
        final int length = contentEnd - contentStart;
        final int slot = contentStart - LENGTH_SLOT_BYTES;
        final int lengthEnd = putVarint(buffer, slot, length);
        if (lengthEnd != contentStart && length > 0)
        {
            // Overlapping move towards lower addresses: Agrona copies with Unsafe.copyMemory, which handles overlap.
            buffer.putBytes(lengthEnd, buffer, contentStart, length);
        }
        return lengthEnd + length;
    }
}
