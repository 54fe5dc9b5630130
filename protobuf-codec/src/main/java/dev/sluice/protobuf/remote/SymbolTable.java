package dev.sluice.protobuf.remote;

import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;

import dev.sluice.protobuf.wire.WireOutput;

/**
 * The symbol table of one Remote Write 2.0 request, built while series are encoded: each distinct string gets the
 * next index, its bytes are copied once into an off-heap buffer, and an open-addressing hash table (linear
 * probing, at most half full) finds it again by hash, length and byte comparison. Interning a string seen before
 * allocates nothing and copies nothing; the arrays grow, and are kept, only when a request has more symbols than
 * any before. {@link #reset()} empties the table for the next request and enters the empty string as symbol 0, as
 * the specification requires.
 */
final class SymbolTable
{
    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    private final ExpandableDirectByteBuffer bytes = new ExpandableDirectByteBuffer(4096);
    private int[] offsets = new int[256];
    private int[] lengths = new int[256];
    private int[] hashes = new int[256];
    /** Symbol index + 1 per slot, 0 for an empty slot; the length is a power of two. */
    private int[] slots = new int[512];
    private int count;
    private int used;
    private int encodedLength;

    SymbolTable()
    {
        reset();
    }

    /** Forgets every symbol but the empty string, symbol 0. */
    void reset()
    {
        Arrays.fill(slots, 0);
        count = 0;
        used = 0;
        encodedLength = 0;
        intern(bytes, 0, 0);
    }

    int count()
    {
        return count;
    }

    /** Bytes the {@code symbols} fields take in the request. */
    int encodedLength()
    {
        return encodedLength;
    }

    /** The index of a string, entering it when it is new. */
    int intern(final DirectBuffer source, final int offset, final int length)
    {
        final int hash = hash(source, offset, length);
        final int mask = slots.length - 1;
        int slot = hash & mask;
        int entry;
        while ((entry = slots[slot]) != 0)
        {
            final int symbol = entry - 1;
            if (hashes[symbol] == hash && lengths[symbol] == length && sameBytes(symbol, source, offset, length))
            {
                return symbol;
            }
            slot = (slot + 1) & mask;
        }
        return add(source, offset, length, hash, slot);
    }

    private int add(final DirectBuffer source, final int offset, final int length, final int hash, final int slot)
    {
        final int symbol = count;
        if (symbol == offsets.length)
        {
            offsets = Arrays.copyOf(offsets, symbol * 2);
            lengths = Arrays.copyOf(lengths, symbol * 2);
            hashes = Arrays.copyOf(hashes, symbol * 2);
        }
        bytes.putBytes(used, source, offset, length);
        offsets[symbol] = used;
        lengths[symbol] = length;
        hashes[symbol] = hash;
        used += length;
        encodedLength += WireOutput.lengthDelimitedSize(RemoteWrite2Schema.SYMBOLS, length);
        count++;
        slots[slot] = symbol + 1;
        if (count * 2 > slots.length)
        {
            rehash(slots.length * 2);
        }
        return symbol;
    }

    private void rehash(final int capacity)
    {
        slots = new int[capacity];
        final int mask = capacity - 1;
        for (int symbol = 0; symbol < count; symbol++)
        {
            int slot = hashes[symbol] & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            slots[slot] = symbol + 1;
        }
    }

    private boolean sameBytes(final int symbol, final DirectBuffer source, final int offset, final int length)
    {
        final int at = offsets[symbol];
        for (int i = 0; i < length; i++)
        {
            if (bytes.getByte(at + i) != source.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static int hash(final DirectBuffer source, final int offset, final int length)
    {
        int h = FNV_OFFSET;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ source.getByte(offset + i)) * FNV_PRIME;
        }
        return h ^ (h >>> 16);
    }

    /** Writes every symbol, in index order, as a {@code symbols} field; returns the index after the last one. */
    int writeTo(final MutableDirectBuffer out, final int index)
    {
        int p = index;
        for (int symbol = 0; symbol < count; symbol++)
        {
            p = WireOutput.putBytesField(out, p, RemoteWrite2Schema.SYMBOLS, bytes, offsets[symbol], lengths[symbol]);
        }
        return p;
    }
}
