package dev.sluice.protobuf.exposition;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.sluice.protobuf.wire.WireInput;

/**
 * Writes protobuf wire format for tests: fields of every wire type, packed repeated fields, nested messages, and
 * raw bytes for malformed input. Each method appends one field and returns this writer. Public for the tests of
 * the other protobuf formats.
 */
public final class ProtoWriter
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Appends a tag. */
    public ProtoWriter tag(final int field, final int wireType)
    {
        return rawVarint((long)field << WireInput.TAG_SHIFT | wireType);
    }

    /** Appends a varint, without a tag. */
    public ProtoWriter rawVarint(final long value)
    {
        long v = value;
        while ((v & ~0x7FL) != 0)
        {
            out.write((int)(v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int)v);
        return this;
    }

    /** Appends bytes given as ints, without a tag. */
    public ProtoWriter raw(final int... bytes)
    {
        for (final int b : bytes)
        {
            out.write(b);
        }
        return this;
    }

    /** Appends bytes, without a tag. */
    public ProtoWriter raw(final byte[] bytes)
    {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** Appends a varint field. */
    public ProtoWriter varint(final int field, final long value)
    {
        return tag(field, WireInput.VARINT).rawVarint(value);
    }

    /** Appends a zigzag (sint) varint field. */
    public ProtoWriter signed(final int field, final long value)
    {
        return varint(field, zigzag(value));
    }

    /** Appends an 8-byte field. */
    public ProtoWriter fixed64(final int field, final long bits)
    {
        tag(field, WireInput.FIXED64);
        for (int i = 0; i < Long.BYTES; i++)
        {
            out.write((int)(bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** Appends a 4-byte field. */
    public ProtoWriter fixed32(final int field, final int bits)
    {
        tag(field, WireInput.FIXED32);
        for (int i = 0; i < Integer.BYTES; i++)
        {
            out.write((bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** Appends a double field. */
    public ProtoWriter dbl(final int field, final double value)
    {
        return fixed64(field, Double.doubleToRawLongBits(value));
    }

    /** Appends a length-delimited field. */
    public ProtoWriter bytes(final int field, final byte[] payload)
    {
        return tag(field, WireInput.LENGTH_DELIMITED).rawVarint(payload.length).raw(payload);
    }

    /** Appends a string field, UTF-8. */
    public ProtoWriter string(final int field, final String text)
    {
        return bytes(field, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends an embedded message. */
    public ProtoWriter message(final int field, final ProtoWriter message)
    {
        return bytes(field, message.toBytes());
    }

    /** Appends packed zigzag varints. */
    public ProtoWriter packedSigned(final int field, final long... values)
    {
        final ProtoWriter payload = new ProtoWriter();
        for (final long v : values)
        {
            payload.rawVarint(zigzag(v));
        }
        return bytes(field, payload.toBytes());
    }

    /** Appends packed doubles. */
    public ProtoWriter packedDoubles(final int field, final double... values)
    {
        final ProtoWriter payload = new ProtoWriter();
        for (final double v : values)
        {
            final long bits = Double.doubleToRawLongBits(v);
            for (int i = 0; i < Long.BYTES; i++)
            {
                payload.raw((int)(bits >>> (8 * i)) & 0xFF);
            }
        }
        return bytes(field, payload.toBytes());
    }

    /** What was written so far. */
    public byte[] toBytes()
    {
        return out.toByteArray();
    }

    /** This message with its varint length in front, as one element of a delimited stream. */
    public byte[] delimited()
    {
        return new ProtoWriter().rawVarint(out.size()).raw(toBytes()).toBytes();
    }

    /** A delimited stream of messages. */
    public static byte[] stream(final ProtoWriter... messages)
    {
        final ProtoWriter all = new ProtoWriter();
        for (final ProtoWriter m : messages)
        {
            all.raw(m.delimited());
        }
        return all.toBytes();
    }

    private static long zigzag(final long value)
    {
        return (value << 1) ^ (value >> 63);
    }
}
