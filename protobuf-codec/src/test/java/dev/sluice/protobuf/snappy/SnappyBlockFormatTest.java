package dev.sluice.protobuf.snappy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xerial.snappy.Snappy;

/**
 * Blocks written by hand, one element kind at a time (literals with their length in the tag and in 1 to 4 length
 * bytes, copies of the 1-, 2- and 4-byte forms, copies overlapping their own output), decompress to what the
 * format says, and so does the reference implementation; the compressor picks the elements the format
 * description leads to for simple inputs.
 */
class SnappyBlockFormatTest
{
    private static final HexFormat HEX = HexFormat.of();

    private final SnappyCodec sluice = new SnappyCodec();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "empty,                          00,                               ''",
        "literal in the tag,             05 10 68656c6c6f,                 hello",
        "literal with 1 length byte,     03 f0 02 616263,                  abc",
        "literal with 2 length bytes,    03 f4 0200 616263,                abc",
        "literal with 3 length bytes,    03 f8 020000 616263,              abc",
        "literal with 4 length bytes,    03 fc 02000000 616263,            abc",
        "1-byte copy,                    08 0c 61626364 01 04,             abcdabcd",
        "1-byte copy of 11 bytes,        0f 0c 61626364 1d 04,             abcdabcdabcdabc",
        "2-byte copy,                    09 0c 61626364 12 0400,           abcdabcda",
        "4-byte copy,                    06 0c 61626364 07 03000000,       abcdbc",
        "copy overlapping at distance 1, 0a 00 78 22 0100,                 xxxxxxxxxx",
        "copy overlapping at distance 3, 14 08 616263 42 0300,             abcabcabcabcabcabcab",
        "two copies back to back,        0c 04 6162 09 02 0e 0400,         abababababab",
    })
    void handWrittenBlocksDecompressAsTheFormatSays(final String what, final String block, final String expected)
        throws IOException
    {
        final byte[] bytes = HEX.parseHex(block.replace(" ", ""));
        final byte[] text = expected.getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(text, sluice.decompress(bytes), what);
        assertArrayEquals(text, Snappy.uncompress(bytes), what + ", by the reference");
        assertEquals(text.length, SnappyDecompressor.uncompressedLength(new UnsafeBuffer(bytes), 0, bytes.length));
    }

    @Test
    void aLiteralOfMoreThan256BytesTakesTwoLengthBytes() throws IOException
    {
        final byte[] body = BodyShape.RANDOM.make(7, 300);
        final byte[] block = new byte[2 + 3 + body.length];
        block[0] = (byte)(300 & 0x7F | 0x80);
        block[1] = (byte)(300 >>> 7);
        block[2] = (byte)0xF4;
        block[3] = (byte)(299 & 0xFF);
        block[4] = (byte)(299 >>> 8);
        System.arraycopy(body, 0, block, 5, body.length);
        assertArrayEquals(body, sluice.decompress(block));
        assertArrayEquals(block, sluice.compress(body), "random bytes compress to the same single literal");
    }

    @Test
    void bodiesShorterThanSixteenBytesAreOneLiteral()
    {
        final byte[] body = "aaaaaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII);
        assertEquals("0f38" + HEX.formatHex(body), HEX.formatHex(sluice.compress(body)));
    }

    @Test
    void aRunBecomesOneLiteralByteAndCopiesAtDistanceOne()
    {
        final byte[] body = new byte[100];
        Arrays.fill(body, (byte)'a');
        // Preamble 100, literal "a", a 2-byte copy of 64 and one of 35, both at distance 1.
        assertEquals("64" + "0061" + "fe0100" + "8a0100", HEX.formatHex(sluice.compress(body)));
    }

    @Test
    void aRepeatTakesTheTwoByteFormWhenLongAndTheOneByteFormWhenShortAndNear()
    {
        final String twenty = "0123456789abcdefghij";
        final String tail = "klmnopqrstuvwxyz";
        final byte[] body = (twenty + twenty + "XYZ" + "012345678" + tail).getBytes(StandardCharsets.US_ASCII);
        final byte[] block = sluice.compress(body);
        assertArrayEquals(body, sluice.decompress(block));
        // Preamble 68; literal of 20; copy of 20 at distance 20 (2-byte form: too long for the 1-byte one); literal
        // "XYZ"; copy of 9 at distance 23 (1-byte form); the last 16 bytes as a literal.
        assertEquals("44" + "4c" + HEX.formatHex(body, 0, 20) + "4e1400" + "08" + "58595a" + "1517" + "3c" +
            HEX.formatHex(tail.getBytes(StandardCharsets.US_ASCII)), HEX.formatHex(block));
    }
}
