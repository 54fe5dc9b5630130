package dev.sluice.protobuf.snappy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.xerial.snappy.Snappy;

/**
 * Sluice's Snappy codec agrees with the reference implementation (snappy-java, the JNI binding of the C++
 * library) on bodies of every shape and of sizes from empty to several 64 KiB fragments: each side decompresses
 * what either side compressed back to the original bytes. Sizes lean to the edges: tiny bodies, bodies around a
 * fragment boundary, and large ones.
 */
class SnappyRoundTripTest
{
    private static final int MAX_SIZE = 300 * 1024;

    private final SnappyCodec sluice = new SnappyCodec();

    @Property(tries = 300)
    void sluiceDecompressesWhatSluiceCompressed(
        @ForAll final BodyShape shape, @ForAll final long seed, @ForAll("sizes") final int size)
    {
        final byte[] body = shape.make(seed, size);
        final byte[] block = sluice.compress(body);
        assertTrue(block.length <= SnappyCompressor.maxCompressedLength(size), "within the bound");
        assertArrayEquals(body, sluice.decompress(block));
    }

    @Property(tries = 300)
    void referenceDecompressesWhatSluiceCompressed(
        @ForAll final BodyShape shape, @ForAll final long seed, @ForAll("sizes") final int size) throws IOException
    {
        final byte[] body = shape.make(seed, size);
        final byte[] block = sluice.compress(body);
        assertTrue(Snappy.isValidCompressedBuffer(block), "valid for the reference");
        assertArrayEquals(body, Snappy.uncompress(block));
    }

    @Property(tries = 300)
    void sluiceDecompressesWhatTheReferenceCompressed(
        @ForAll final BodyShape shape, @ForAll final long seed, @ForAll("sizes") final int size) throws IOException
    {
        final byte[] body = shape.make(seed, size);
        assertArrayEquals(body, sluice.decompress(Snappy.compress(body)));
    }

    @Property(tries = 100)
    void repetitiveBodiesShrinkFourfoldAndProtobufLikeOnesByAThird(
        @ForAll final long seed, @ForAll @IntRange(min = 4096, max = MAX_SIZE) final int size)
    {
        final int repetitive = sluice.compress(BodyShape.REPETITIVE.make(seed, size)).length;
        assertTrue(repetitive < size / 4, "repetitive: " + repetitive + " of " + size);
        final int protobufLike = sluice.compress(BodyShape.PROTOBUF_LIKE.make(seed, size)).length;
        assertTrue(protobufLike < size * 2 / 3, "protobuf-like: " + protobufLike + " of " + size);
    }

    @Provide
    Arbitrary<Integer> sizes()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0, 40)),
            Tuple.of(3, Arbitraries.integers().between(40, 4096)),
            Tuple.of(1, Arbitraries.integers().between(65_536 - 40, 65_536 + 40)),
            Tuple.of(1, Arbitraries.integers().between(2 * 65_536 - 40, 2 * 65_536 + 40)),
            Tuple.of(2, Arbitraries.integers().between(4096, MAX_SIZE)));
    }
}
