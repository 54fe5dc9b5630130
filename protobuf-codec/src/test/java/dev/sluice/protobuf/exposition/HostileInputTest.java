package dev.sluice.protobuf.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.ParseException;
import dev.sluice.protobuf.wire.WireInput;

/**
 * Whatever the bytes, the cursor ends or throws {@link ParseException}: no other exception, no endless loop, and
 * no read outside the body. Every body sits inside a larger array, and the cursor sees only its range, so that a
 * read past the end would fail Agrona's bounds check rather than read the padding. After each entry every accessor
 * is used, so accepted garbage cannot make an accessor fail either.
 */
class HostileInputTest
{
    private static final byte[] SEED = Corpus.bytes("generated/protobuf-exposition/all-families.bin");
    private static final int PADDING = 8;

    /** Decodes to the end reading every field; true when the body was accepted. */
    private static boolean accepted(final byte[] body, final int length)
    {
        return accepted(body, length, null);
    }

    /** Decodes to the end with the given histogram options, reading every field; true when accepted. */
    private static boolean accepted(final byte[] body, final int length, final HistogramScrapeOptions options)
    {
        final byte[] padded = new byte[length + 2 * PADDING];
        Arrays.fill(padded, (byte)0x0A);
        System.arraycopy(body, 0, padded, PADDING, length);
        try
        {
            new FieldReader().readBody(new ProtobufExpositionCursor().histogramOptions(options), padded, PADDING,
                length);
            return true;
        }
        catch (final ParseException ex)
        {
            return false;
        }
    }

    /** Offsets where a delimited message ends, 0 included. */
    private static TreeSet<Integer> messageBoundaries(final byte[] body)
    {
        final TreeSet<Integer> boundaries = new TreeSet<>(List.of(0));
        final WireInput input = new WireInput(ExpositionFormat.PROTOBUF);
        input.wrap(body, 0, body.length);
        while (input.position() < body.length)
        {
            input.position(input.readLengthDelimited(body.length));
            boundaries.add(input.position());
        }
        return boundaries;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "generated/protobuf-exposition/all-families.bin",
        "generated/protobuf-exposition/all-families.proto3-packed.bin",
        "real-world/dd-agent/protobuf.bin"})
    void everyTruncationFailsCleanlyUnlessItEndsAtAMessageBoundary(final String file)
    {
        final byte[] body = Corpus.bytes(file);
        final TreeSet<Integer> boundaries = messageBoundaries(body);
        int acceptedCount = 0;
        for (int length = 0; length <= body.length; length++)
        {
            final boolean accepted = accepted(body, length);
            assertEquals(boundaries.contains(length), accepted, "prefix of " + length + " bytes");
            acceptedCount += accepted ? 1 : 0;
        }
        assertTrue(acceptedCount > 10, "message boundaries found: " + acceptedCount);
    }

    @Property(tries = 5000)
    void mutatedBodiesFailOnlyWithParseException(@ForAll("mutations") final byte[] body)
    {
        accepted(body, body.length);
    }

    /** Reduction (a bucket limit of 4, a factor of 4) and conversion to custom buckets on, native part used or not. */
    @Property(tries = 3000)
    void mutatedBodiesFailOnlyWithParseExceptionWithHistogramOptions(
        @ForAll("mutations") final byte[] body, @ForAll final boolean scrapeNative)
    {
        accepted(body, body.length, new HistogramScrapeOptions(scrapeNative, true, true, 4, 4));
    }

    @Property(tries = 2000)
    void arbitraryBytesFailOnlyWithParseException(@ForAll @Size(max = 300) final byte[] body)
    {
        accepted(body, body.length);
    }

    @Provide
    Arbitrary<byte[]> mutations()
    {
        final Arbitrary<Integer> positions = Arbitraries.integers().between(0, SEED.length - 1);
        final Arbitrary<Byte> bytes = Arbitraries.oneOf(Arbitraries.bytes(),
            Arbitraries.of((byte)0x00, (byte)0x01, (byte)0x7F, (byte)0x80, (byte)0xFF));
        return positions.list().ofMinSize(1).ofMaxSize(6).flatMap(at -> bytes.list().ofSize(at.size()).map(values ->
        {
            final byte[] copy = SEED.clone();
            for (int i = 0; i < at.size(); i++)
            {
                copy[at.get(i)] = values.get(i);
            }
            return copy;
        }));
    }
}
