package dev.sluice.protobuf.snappy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.ParseException;
import dev.sluice.protobuf.TransportFormat;

/**
 * Whatever the bytes, the decompressor returns the declared length or throws {@link ParseException} naming Snappy
 * and an offset inside the block: no other exception, no endless loop, no read outside the block (each block is
 * the exact range of an Agrona buffer, whose bounds checks would throw) and no write outside the declared output
 * (the output buffer is fixed and filled with a marker that must survive around the output).
 */
class SnappyHostileInputTest
{
    private static final HexFormat HEX = HexFormat.of();
    private static final String RW1 = "generated/remote-write/rw1_write_request.pb.snappy";
    private static final byte[] SEED = Corpus.bytes(RW1);
    private static final int OUTPUT_OFFSET = 16;
    private static final byte MARKER = (byte)0xA5;
    private static final int SMALL_LIMIT = 4096;

    private final SnappyDecompressor decompressor = new SnappyDecompressor(SMALL_LIMIT);

    /** Decompresses into a fixed, marked buffer; the declared length on success, -1 on ParseException. */
    private int decompressed(final byte[] block, final int length)
    {
        final UnsafeBuffer input = new UnsafeBuffer(block, 0, length);
        final byte[] output = new byte[OUTPUT_OFFSET + SMALL_LIMIT + OUTPUT_OFFSET];
        Arrays.fill(output, MARKER);
        final UnsafeBuffer dst = new UnsafeBuffer(output, 0, OUTPUT_OFFSET + SMALL_LIMIT);
        final int written;
        try
        {
            written = decompressor.decompress(input, 0, length, dst, OUTPUT_OFFSET);
        }
        catch (final ParseException ex)
        {
            assertEquals(TransportFormat.SNAPPY, ex.format());
            assertTrue(ex.offset() >= 0 && ex.offset() <= length, "offset " + ex.offset() + " of " + length);
            assertUntouched(output, 0, OUTPUT_OFFSET);
            assertUntouched(output, OUTPUT_OFFSET + declaredWithinLimit(input, length), output.length);
            return -1;
        }
        assertEquals(SnappyDecompressor.uncompressedLength(input, 0, length), written);
        assertUntouched(output, 0, OUTPUT_OFFSET);
        assertUntouched(output, OUTPUT_OFFSET + written, output.length);
        return written;
    }

    /** The declared length where the preamble is valid and within the limit, else 0: nothing may be written. */
    private static int declaredWithinLimit(final UnsafeBuffer input, final int length)
    {
        try
        {
            final int declared = SnappyDecompressor.uncompressedLength(input, 0, length);
            return declared <= SMALL_LIMIT ? declared : 0;
        }
        catch (final ParseException ex)
        {
            return 0;
        }
    }

    private static void assertUntouched(final byte[] output, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            assertEquals(MARKER, output[i], "output byte " + i + " outside the declared range");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {RW1, "generated/remote-write/rw2_request.pb.snappy"})
    void everyTruncationOfAValidBlockIsRejected(final String file)
    {
        final byte[] block = Corpus.bytes(file);
        for (int length = 0; length < block.length; length++)
        {
            assertEquals(-1, decompressed(block, length), "prefix of " + length + " bytes");
        }
        assertEquals(Corpus.bytes(file.replace(".snappy", "")).length, decompressed(block, block.length));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "preamble of 6 bytes,                   8080808080 00,      longer than 5 bytes,             0",
        "preamble of 2^31,                      8080808008,          above 2^31 - 1,                  0",
        "preamble of 2^32 - 1,                  ffffffff0f,          above 2^31 - 1,                  0",
        "truncated preamble,                    8080,                preamble truncated,              2",
        "declared above the limit,              818001 00,           above the limit of 4096,         0",
        "declared beyond what the block holds,  8010 fe0100,         beyond what 5 bytes can hold,    0",
        "literal past the end of the block,     05 10 616263,        runs past the end of the block,  1",
        "literal length bytes truncated,        05 f4 04,            literal length truncated,        1",
        "literal past the declared length,      02 08 616263,        past the declared length 2,      1",
        "copy at distance 0,                    08 0c 61626364 01 00, copy from distance 0,           6",
        "copy from before the output,           08 0c 61626364 01 05, copy from distance 5,           6",
        "4-byte copy from 2^32 - 1 back,        08 0c 61626364 0f ffffffff, distance 4294967295,      6",
        "copy past the declared length,         06 0c 61626364 05 04, past the declared length 6,     6",
        "1-byte copy distance truncated,        08 0c 61626364 01,   copy distance truncated,         6",
        "2-byte copy distance truncated,        08 0c 61626364 12 04, copy distance truncated,        6",
        "output shorter than declared,          06 0c 61626364,      ends after 4 of the 6,           6",
        "copy first of all,                     04 01 01,            copy from distance 1 with 0,     1",
    })
    void malformedBlocksAreRejectedWithTheirReasonAndOffset(
        final String what, final String hex, final String reason, final int offset)
    {
        final byte[] block = HEX.parseHex(hex.replace(" ", ""));
        final ParseException ex = assertThrows(ParseException.class, () -> decompressor.decompress(
            new UnsafeBuffer(block), 0, block.length, new ExpandableDirectByteBuffer(16)), what);
        assertTrue(ex.reason().contains(reason), what + ": " + ex.getMessage());
        assertEquals(offset, ex.offset(), what + ": " + ex.getMessage());
        assertEquals(TransportFormat.SNAPPY, ex.format());
    }

    @Test
    void aDeclaredLengthLargerThanAFixedOutputBufferIsRejectedBeforeWriting()
    {
        final byte[] block = HEX.parseHex("0510" + "68656c6c6f");
        final ParseException ex = assertThrows(ParseException.class, () -> decompressor.decompress(
            new UnsafeBuffer(block), 0, block.length, new UnsafeBuffer(new byte[8]), 4));
        assertTrue(ex.reason().contains("above the room of 4 bytes"), ex.getMessage());
        assertEquals(5, decompressor.decompress(new UnsafeBuffer(block), 0, block.length,
            new UnsafeBuffer(new byte[8]), 3));
    }

    @Test
    void aHugeDeclaredLengthDoesNotGrowTheOutputBuffer()
    {
        final ExpandableDirectByteBuffer output = new ExpandableDirectByteBuffer(16);
        final byte[] block = HEX.parseHex("f7ffffff07" + "00" + "61" + "fe0100");
        final SnappyDecompressor unlimited = new SnappyDecompressor(SnappyDecompressor.MAX_LIMIT);
        final ParseException ex = assertThrows(ParseException.class, () -> unlimited.decompress(
            new UnsafeBuffer(block), 0, block.length, output));
        assertTrue(ex.reason().contains("beyond what 10 bytes can hold"), ex.getMessage());
        assertEquals(16, output.capacity());
    }

    @Property(tries = 5000)
    void mutatedBlocksFailOnlyWithParseException(@ForAll("mutations") final byte[] block)
    {
        final int written = decompressed(block, block.length);
        assertTrue(written >= -1 && written <= SMALL_LIMIT);
    }

    @Property(tries = 3000)
    void arbitraryBytesFailOnlyWithParseException(@ForAll @Size(max = 300) final byte[] block)
    {
        final int written = decompressed(block, block.length);
        assertTrue(written >= -1 && written <= SMALL_LIMIT);
    }

    @Property(tries = 1000)
    void blocksAfterAnyPreambleFailOnlyWithParseException(
        @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) final int declared,
        @ForAll @Size(max = 64) final byte[] elements)
    {
        final byte[] block = new byte[5 + elements.length];
        int at = 0;
        int rest = declared;
        while (rest >= 0x80)
        {
            block[at++] = (byte)(rest | 0x80);
            rest >>>= 7;
        }
        block[at++] = (byte)rest;
        System.arraycopy(elements, 0, block, at, elements.length);
        final int written = decompressed(block, at + elements.length);
        assertTrue(written == -1 || written == declared, "declared " + declared + ", written " + written);
    }

    @Provide
    Arbitrary<byte[]> mutations()
    {
        final Arbitrary<Integer> positions = Arbitraries.integers().between(0, SEED.length - 1);
        final Arbitrary<Byte> bytes = Arbitraries.oneOf(Arbitraries.bytes(),
            Arbitraries.of((byte)0x00, (byte)0x01, (byte)0x02, (byte)0x03, (byte)0x7F, (byte)0x80, (byte)0xFC,
                (byte)0xFF));
        return positions.list().ofMinSize(1).ofMaxSize(6).flatMap(at -> bytes.list().ofSize(at.size())
            .map(values -> mutate(at, values)));
    }

    private static byte[] mutate(final List<Integer> positions, final List<Byte> values)
    {
        final byte[] copy = SEED.clone();
        for (int i = 0; i < positions.size(); i++)
        {
            copy[positions.get(i)] = values.get(i);
        }
        return copy;
    }
}
