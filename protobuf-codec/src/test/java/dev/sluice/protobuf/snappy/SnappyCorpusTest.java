package dev.sluice.protobuf.snappy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xerial.snappy.Snappy;

import dev.sluice.parser.Corpus;

/**
 * The Remote Write bodies of the corpus: each {@code .pb.snappy}, as a sender posts it (written by another Snappy
 * implementation), decompresses to its {@code .pb} byte for byte; Sluice's compression of each {@code .pb} reads
 * back through both decompressors and is no larger than the corpus block.
 */
class SnappyCorpusTest
{
    private final SnappyCodec sluice = new SnappyCodec();

    @ParameterizedTest
    @ValueSource(strings = {"generated/remote-write/rw1_write_request.pb", "generated/remote-write/rw2_request.pb"})
    void corpusBlockDecompressesToItsProtobufBody(final String file)
    {
        final byte[] body = Corpus.bytes(file);
        final byte[] block = Corpus.bytes(file + ".snappy");
        assertEquals(body.length, SnappyDecompressor.uncompressedLength(new UnsafeBuffer(block), 0, block.length));
        assertArrayEquals(body, sluice.decompress(block));
    }

    @ParameterizedTest
    @ValueSource(strings = {"generated/remote-write/rw1_write_request.pb", "generated/remote-write/rw2_request.pb"})
    void sluiceCompressionOfTheBodyReadsBackAndIsNoLargerThanTheCorpusBlock(final String file) throws IOException
    {
        final byte[] body = Corpus.bytes(file);
        final byte[] block = sluice.compress(body);
        assertArrayEquals(body, sluice.decompress(block));
        assertArrayEquals(body, Snappy.uncompress(block));
        final int corpusLength = Corpus.bytes(file + ".snappy").length;
        assertTrue(block.length <= corpusLength, block.length + " bytes against " + corpusLength);
        assertTrue(block.length < body.length * 9 / 10, block.length + " bytes of " + body.length);
    }
}
