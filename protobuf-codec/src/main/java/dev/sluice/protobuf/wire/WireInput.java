package dev.sluice.protobuf.wire;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.Body;
import dev.sluice.parser.InputFormat;
import dev.sluice.parser.ParseException;

/**
 * Reads the protobuf wire format from one body, in place: tags, varints, fixed-width numbers, the length prefixes
 * of embedded messages, and skips fields of every wire type. The body is wrapped so that index 0 is its first byte;
 * every read names the end of the message it belongs to ({@code limit}) and is checked against it before any byte
 * is touched, so nothing past a message, and nothing past the body, is ever read. Malformed input raises {@link
 * ParseException} with the byte offset in the body, naming the format given at construction. A body in a heap array
 * is read from the array directly ({@link Body}); packed repeated numbers are decoded in one tight loop each.
 *
 * <p>Shared by the exposition cursor and the Remote Write decoders; not thread-safe, one per decoder.
 */
public final class WireInput
{
    /** Wire type of int32, int64, uint32, uint64, sint32, sint64, bool and enum fields. */
    public static final int VARINT = 0;
    /** Wire type of double, fixed64 and sfixed64 fields. */
    public static final int FIXED64 = 1;
    /** Wire type of strings, bytes, embedded messages and packed repeated fields. */
    public static final int LENGTH_DELIMITED = 2;
    /** Wire type opening a group (deprecated, skipped). */
    public static final int START_GROUP = 3;
    /** Wire type closing a group. */
    public static final int END_GROUP = 4;
    /** Wire type of float, fixed32 and sfixed32 fields. */
    public static final int FIXED32 = 5;

    /** A varint holds at most 64 bits, in at most this many bytes. */
    public static final int MAX_VARINT_BYTES = 10;
    /** Unknown groups are skipped up to this depth; deeper nesting is rejected rather than followed. */
    public static final int MAX_GROUP_DEPTH = 64;

    /** A tag is the field number shifted left by this, or-ed with the wire type; tags in switches are written so. */
    public static final int TAG_SHIFT = 3;
    private static final int WIRE_TYPE_MASK = 7;
    private static final long MAX_FIELD_NUMBER = (1L << 29) - 1;
    /** The high bit of each of the eight bytes of a word: set in a byte that a varint continues after. */
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private final InputFormat format;
    private final Body body = new Body();
    private final int[] openGroups = new int[MAX_GROUP_DEPTH];
    private int length;
    private int position;

    /**
     * Creates a reader whose errors name {@code format}.
     *
     * @param format the format being decoded.
     */
    public WireInput(final InputFormat format)
    {
        this.format = format;
    }

    /**
     * The field number of a tag.
     *
     * @param tag a tag as read by {@link #readTag(int)}.
     * @return the field number.
     */
    public static int fieldNumber(final int tag)
    {
        return tag >>> TAG_SHIFT;
    }

    /**
     * The wire type of a tag.
     *
     * @param tag a tag as read by {@link #readTag(int)}.
     * @return the wire type, 0 to 5.
     */
    public static int wireType(final int tag)
    {
        return tag & WIRE_TYPE_MASK;
    }

    /**
     * Starts reading a body held in a direct buffer.
     *
     * @param body   the buffer.
     * @param offset index of the first byte of the body.
     * @param length length of the body.
     */
    public void wrap(final DirectBuffer body, final int offset, final int length)
    {
        this.body.wrap(body, offset, length);
        start(length);
    }

    /**
     * Starts reading a body held in an array.
     *
     * @param body   the array.
     * @param offset index of the first byte of the body.
     * @param length length of the body.
     */
    public void wrap(final byte[] body, final int offset, final int length)
    {
        this.body.wrap(body, offset, length);
        start(length);
    }

    private void start(final int length)
    {
        this.length = length;
        position = 0;
    }

    /**
     * The wrapped body; index 0 is its first byte.
     *
     * @return the buffer, owned by this reader.
     */
    public UnsafeBuffer buffer()
    {
        return body.buffer();
    }

    /**
     * Length of the body.
     *
     * @return the length.
     */
    public int length()
    {
        return length;
    }

    /**
     * Index of the next byte to read.
     *
     * @return the position.
     */
    public int position()
    {
        return position;
    }

    /**
     * Moves the reader.
     *
     * @param position index of the next byte to read, at most {@link #length()}.
     */
    public void position(final int position)
    {
        this.position = position;
    }

    /** Reads a field tag, rejecting field number 0, numbers above 2^29 - 1 and wire types 6 and 7. */
    public int readTag(final int limit)
    {
        final int at = position;
        if (at < limit)
        {
            // A one-byte tag of fields 1 to 15 with a valid wire type: the tags of nearly every field.
            final byte first = body.byteAt(at);
            if (first >= 1 << TAG_SHIFT && (first & WIRE_TYPE_MASK) <= FIXED32)
            {
                position = at + 1;
                return first;
            }
        }
        return readLongTag(limit);
    }

    private int readLongTag(final int limit)
    {
        final int at = position;
        final long tag = readVarint(limit);
        final long fieldNumber = tag >>> TAG_SHIFT;
        if (fieldNumber == 0 || fieldNumber > MAX_FIELD_NUMBER)
        {
            throw error("invalid field number " + Long.toUnsignedString(fieldNumber), at);
        }
        if ((tag & WIRE_TYPE_MASK) > FIXED32)
        {
            throw error("invalid wire type " + (tag & WIRE_TYPE_MASK) + " of field " + fieldNumber, at);
        }
        return (int)tag;
    }

    /** Reads a varint of up to {@value #MAX_VARINT_BYTES} bytes as the 64 bits it encodes. */
    public long readVarint(final int limit)
    {
        final Body b = body;
        final int p = position;
        if (p < limit)
        {
            final byte first = b.byteAt(p);
            if (first >= 0)
            {
                position = p + 1;
                return first;
            }
            if (p + 1 < limit)
            {
                final byte second = b.byteAt(p + 1);
                if (second >= 0)
                {
                    position = p + 2;
                    return (first & 0x7F) | (long)second << 7;
                }
            }
        }
        return readLongVarint(limit);
    }

    /** The varints of three bytes and more, and the truncated and overlong ones, kept out of the inlined path. */
    private long readLongVarint(final int limit)
    {
        final Body b = body;
        int p = position;
        long value = 0;
        for (int shift = 0; shift < Long.SIZE; shift += 7)
        {
            if (p >= limit)
            {
                throw error("truncated varint", p);
            }
            final byte next = b.byteAt(p++);
            value |= (long)(next & 0x7F) << shift;
            if (next >= 0)
            {
                if (shift == Long.SIZE - 1 && next > 1)
                {
                    throw error("varint overflows 64 bits", p - 1);
                }
                position = p;
                return value;
            }
        }
        throw error("varint longer than " + MAX_VARINT_BYTES + " bytes", position);
    }

    /** Reads a sint32 varint: the low 32 bits, zigzag-decoded. */
    public int readSignedVarint32(final int limit)
    {
        final int raw = (int)readVarint(limit);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** Reads a sint64 varint, zigzag-decoded. */
    public long readSignedVarint64(final int limit)
    {
        return zigzag(readVarint(limit));
    }

    private static long zigzag(final long raw)
    {
        return (raw >>> 1) ^ -(raw & 1);
    }

    /**
     * Counts the varints that end between the position and {@code end}: the bytes with the high bit clear, eight
     * at a time. Tells how many values a packed field holds, so that they can be decoded into an array of that
     * size; does not move the position.
     *
     * @param end end of the packed payload, within the enclosing message.
     * @return the number of varint ends.
     */
    public int countVarintEnds(final int end)
    {
        final Body b = body;
        int p = position;
        int count = 0;
        for (; p + Long.BYTES <= end; p += Long.BYTES)
        {
            count += Long.bitCount(~b.longAt(p) & HIGH_BITS);
        }
        for (; p < end; p++)
        {
            if (b.byteAt(p) >= 0)
            {
                count++;
            }
        }
        return count;
    }

    /**
     * Reads packed {@code sint64} values, zigzag-decoded, from the position up to {@code packedEnd} into an array:
     * the loop of a packed field, with the one- and two-byte varints that bucket deltas mostly are decoded inline.
     *
     * @param packedEnd end of the packed payload, within the enclosing message.
     * @param values    where to write; room for {@link #countVarintEnds(int)} values after {@code at}.
     * @param at        index of the first value to write.
     * @return the index after the last value written.
     */
    public int readPackedSignedVarints64(final int packedEnd, final long[] values, final int at)
    {
        final Body b = body;
        int p = position;
        int n = at;
        while (p < packedEnd)
        {
            final byte first = b.byteAt(p);
            final long raw;
            if (first >= 0)
            {
                raw = first;
                p++;
            }
            else if (p + 1 < packedEnd && b.byteAt(p + 1) >= 0)
            {
                raw = (first & 0x7F) | (long)b.byteAt(p + 1) << 7;
                p += 2;
            }
            else
            {
                position = p;
                raw = readLongVarint(packedEnd);
                p = position;
            }
            values[n++] = zigzag(raw);
        }
        position = p;
        return n;
    }

    /**
     * Reads the value of an unpacked repeated {@code sint64} field, the input standing after its tag, and then the
     * values of the fields that directly follow with the same tag, zigzag-decoded, into an array while it has room:
     * the loop of a repeated field written one value per field, as proto2 encoders write bucket deltas. The input
     * is left after the last value read, which is on the next field's tag when the array ran out of room first.
     *
     * @param tag    the field's tag, one byte (a field number up to 15).
     * @param limit  end of the enclosing message.
     * @param values where to write; room for at least one value after {@code at}.
     * @param at     index of the first value to write.
     * @return the index after the last value written.
     */
    public int readSignedVarint64Run(final int tag, final int limit, final long[] values, final int at)
    {
        final Body b = body;
        final byte tagByte = (byte)tag;
        int n = at;
        values[n++] = readSignedVarint64(limit);
        int p = position;
        while (n < values.length && p < limit && b.byteAt(p) == tagByte)
        {
            p++;
            final long raw;
            if (p < limit && b.byteAt(p) >= 0)
            {
                raw = b.byteAt(p);
                p++;
            }
            else if (p + 1 < limit && b.byteAt(p + 1) >= 0)
            {
                raw = (b.byteAt(p) & 0x7F) | (long)b.byteAt(p + 1) << 7;
                p += 2;
            }
            else
            {
                position = p;
                raw = readLongVarint(limit);
                p = position;
            }
            values[n++] = zigzag(raw);
        }
        position = p;
        return n;
    }

    /**
     * Reads the value of an unpacked repeated {@code double} field, the input standing after its tag, and then the
     * values of the fields that directly follow with the same tag, into an array while it has room; see {@link
     * #readSignedVarint64Run}.
     *
     * @param tag    the field's tag, one byte (a field number up to 15).
     * @param limit  end of the enclosing message.
     * @param values where to write; room for at least one value after {@code at}.
     * @param at     index of the first value to write.
     * @return the index after the last value written.
     */
    public int readDoubleRun(final int tag, final int limit, final double[] values, final int at)
    {
        final Body b = body;
        final byte tagByte = (byte)tag;
        int n = at;
        values[n++] = readDouble(limit);
        int p = position;
        while (n < values.length && limit - p > Long.BYTES && b.byteAt(p) == tagByte)
        {
            values[n++] = Double.longBitsToDouble(b.longAt(p + 1));
            p += 1 + Long.BYTES;
        }
        position = p;
        return n;
    }

    /**
     * Moves past a one-byte tag when the next field has it.
     *
     * @param tag   the tag, one byte (a field number up to 15).
     * @param limit end of the enclosing message.
     * @return whether the next field had the tag; the position is unchanged when not.
     */
    public boolean skipTag(final int tag, final int limit)
    {
        final int p = position;
        if (p < limit && body.byteAt(p) == (byte)tag)
        {
            position = p + 1;
            return true;
        }
        return false;
    }

    /**
     * Reads packed doubles from the position up to {@code packedEnd} (checked by {@link #readPackedFixed64}) into
     * an array.
     *
     * @param packedEnd end of the packed payload, a multiple of 8 bytes after the position.
     * @param values    where to write; room for {@code (packedEnd - position()) / 8} values after {@code at}.
     * @param at        index of the first value to write.
     * @return the index after the last value written.
     */
    public int readPackedDoubles(final int packedEnd, final double[] values, final int at)
    {
        final Body b = body;
        int n = at;
        for (int p = position; p < packedEnd; p += Long.BYTES)
        {
            values[n++] = Double.longBitsToDouble(b.longAt(p));
        }
        position = packedEnd;
        return n;
    }

    /** Reads 8 little-endian bytes. */
    public long readFixed64(final int limit)
    {
        final int p = position;
        if (limit - p < Long.BYTES)
        {
            throw error("truncated 8-byte field", p);
        }
        position = p + Long.BYTES;
        return body.longAt(p);
    }

    /** Reads a double (8 little-endian bytes). */
    public double readDouble(final int limit)
    {
        return Double.longBitsToDouble(readFixed64(limit));
    }

    /**
     * Reads the length prefix of a length-delimited field and checks that the payload fits in the enclosing
     * message. Leaves the position at the first byte of the payload.
     *
     * @return the index one past the payload.
     */
    public int readLengthDelimited(final int limit)
    {
        final int at = position;
        if (at < limit)
        {
            final byte first = body.byteAt(at);
            if (first >= 0 && first < limit - at)
            {
                position = at + 1;
                return at + 1 + first;
            }
        }
        return readLongLengthDelimited(limit);
    }

    private int readLongLengthDelimited(final int limit)
    {
        final int at = position;
        final long payloadLength = readVarint(limit);
        if (payloadLength < 0)
        {
            throw error("negative length " + payloadLength, at);
        }
        if (payloadLength > limit - position)
        {
            throw error("length " + payloadLength + " runs past the end of its message (" + (limit - position) +
                " bytes left)", at);
        }
        return position + (int)payloadLength;
    }

    /**
     * Reads the length prefix of a packed repeated double (or fixed64) field and checks that the payload is a whole
     * number of 8-byte values. Leaves the position at the first value.
     *
     * @param limit end of the enclosing message.
     * @param tagAt index of the field's tag, for the error.
     * @return the index one past the payload.
     */
    public int readPackedFixed64(final int limit, final int tagAt)
    {
        final int packedEnd = readLengthDelimited(limit);
        if ((packedEnd - position) % Long.BYTES != 0)
        {
            throw error("packed doubles of " + (packedEnd - position) + " bytes, not a multiple of 8", tagAt);
        }
        return packedEnd;
    }

    /**
     * Skips the value of a field that the caller does not read. A field number listed in {@code knownFields}
     * (bit {@code n} for field {@code n}) is a field whose wire type the caller did not accept: an error naming
     * {@code message}. Unknown fields of every wire type are skipped, groups with the fields inside them.
     *
     * @param tag         the tag just read.
     * @param limit       end of the enclosing message.
     * @param knownFields bit set of the field numbers the message defines.
     * @param message     name of the message type, for the error.
     * @param tagAt       index of the tag, for the error.
     */
    public void skipUnknown(
        final int tag, final int limit, final long knownFields, final String message, final int tagAt)
    {
        final int fieldNumber = fieldNumber(tag);
        if (fieldNumber < Long.SIZE && (knownFields & (1L << fieldNumber)) != 0)
        {
            throw error(message + " field " + fieldNumber + " has wire type " + wireType(tag) +
                ", which its type does not allow", tagAt);
        }
        skipField(tag, limit, tagAt);
    }

    /**
     * Skips the value of any field, a group with the fields inside it.
     *
     * @param tag   the tag just read.
     * @param limit end of the enclosing message.
     * @param tagAt index of the tag, for errors.
     */
    public void skipField(final int tag, final int limit, final int tagAt)
    {
        if (wireType(tag) == START_GROUP)
        {
            skipGroup(fieldNumber(tag), limit);
        }
        else
        {
            skipValue(tag, limit, tagAt);
        }
    }

    private void skipValue(final int tag, final int limit, final int tagAt)
    {
        switch (wireType(tag))
        {
            case VARINT:
                readVarint(limit);
                break;
            case FIXED64:
                readFixed64(limit);
                break;
            case LENGTH_DELIMITED:
                position = readLengthDelimited(limit);
                break;
            case FIXED32:
                if (limit - position < Integer.BYTES)
                {
                    throw error("truncated 4-byte field", position);
                }
                position += Integer.BYTES;
                break;
            default:
                throw error("end-group tag of field " + fieldNumber(tag) + " without a group", tagAt);
        }
    }

    /** Skips the fields of a group up to its matching end-group tag, without recursion. */
    private void skipGroup(final int fieldNumber, final int limit)
    {
        final int[] open = openGroups;
        open[0] = fieldNumber;
        int depth = 1;
        while (depth > 0)
        {
            final int tagAt = position;
            if (tagAt >= limit)
            {
                throw error("group of field " + open[depth - 1] + " not closed before the end of its message", tagAt);
            }
            final int tag = readTag(limit);
            final int wireType = wireType(tag);
            if (wireType == START_GROUP)
            {
                if (depth == MAX_GROUP_DEPTH)
                {
                    throw error("groups nested deeper than " + MAX_GROUP_DEPTH, tagAt);
                }
                open[depth++] = fieldNumber(tag);
            }
            else if (wireType == END_GROUP)
            {
                if (open[depth - 1] != fieldNumber(tag))
                {
                    throw error("end-group tag of field " + fieldNumber(tag) + " closes the group of field " +
                        open[depth - 1], tagAt);
                }
                depth--;
            }
            else
            {
                skipValue(tag, limit, tagAt);
            }
        }
    }

    /** Whether two ranges of the body hold the same bytes. */
    public boolean rangesEqual(final int first, final int second, final int length)
    {
        final Body b = body;
        for (int k = 0; k < length; k++)
        {
            if (b.byteAt(first + k) != b.byteAt(second + k))
            {
                return false;
            }
        }
        return true;
    }

    /** Whether a range of the body holds exactly the given bytes. */
    public boolean rangeEquals(final int offset, final int length, final byte[] text)
    {
        if (length != text.length)
        {
            return false;
        }
        final Body b = body;
        for (int k = 0; k < length; k++)
        {
            if (b.byteAt(offset + k) != text[k])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Builds the exception for malformed input at an index of the body.
     *
     * @param reason what is wrong.
     * @param at     index of the offending byte.
     * @return the exception, ready to throw.
     */
    public ParseException error(final String reason, final int at)
    {
        return ParseException.atBinaryOffset(format, reason, body.buffer(), 0, length, at);
    }
}
