package dev.sluice.protobuf.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.ParseException;

/**
 * Whatever the bytes, the decoders end or throw {@link ParseException}: no other exception, no endless loop, and
 * no read outside the body. Each body sits inside a larger array and the decoder sees only its range, so that a
 * read past the end would fail Agrona's bounds check rather than read the padding. Every series, exemplar,
 * histogram and metadata entry of an accepted body is read out.
 */
class RemoteWriteHostileInputTest
{
    private static final byte[] RW1 = Corpus.bytes("generated/remote-write/rw1_write_request.pb");
    private static final byte[] RW2 = Corpus.bytes("generated/remote-write/rw2_request.pb");
    private static final int PADDING = 8;

    private static byte[] padded(final byte[] body, final int length)
    {
        final byte[] padded = new byte[length + 2 * PADDING];
        Arrays.fill(padded, (byte)0x0A);
        System.arraycopy(body, 0, padded, PADDING, length);
        return padded;
    }

    private static boolean acceptedByVersion1(final byte[] body, final int length)
    {
        try
        {
            RemoteWrite1Models.decode(padded(body, length), PADDING, length);
            return true;
        }
        catch (final ParseException ex)
        {
            return false;
        }
    }

    private static boolean acceptedByVersion2(final byte[] body, final int length)
    {
        try
        {
            RemoteWrite2Models.decode(padded(body, length), PADDING, length);
            return true;
        }
        catch (final ParseException ex)
        {
            return false;
        }
    }

    @Test
    void everyTruncationOfTheVersion1FixtureEndsCleanly()
    {
        int accepted = 0;
        for (int length = 0; length <= RW1.length; length++)
        {
            accepted += acceptedByVersion1(RW1, length) ? 1 : 0;
        }
        // The empty body, the body after each of the three series and after each metadata entry.
        assertEquals(6, accepted);
    }

    @Test
    void everyTruncationOfTheVersion2FixtureEndsCleanly()
    {
        int accepted = 0;
        for (int length = 0; length <= RW2.length; length++)
        {
            accepted += acceptedByVersion2(RW2, length) ? 1 : 0;
        }
        // The empty body, the body after each of the 18 symbols (no series yet) and after each of the 3 series.
        assertEquals(22, accepted);
    }

    @Property(tries = 2000)
    void mutatedVersion2BodiesFailOnlyWithParseException(@ForAll("version2Mutations") final byte[] body)
    {
        acceptedByVersion2(body, body.length);
    }

    @Property(tries = 2000)
    void mutatedVersion1BodiesFailOnlyWithParseException(@ForAll("version1Mutations") final byte[] body)
    {
        acceptedByVersion1(body, body.length);
    }

    @Property(tries = 1000)
    void arbitraryBytesFailOnlyWithParseException(@ForAll @Size(max = 300) final byte[] body)
    {
        acceptedByVersion1(body, body.length);
        acceptedByVersion2(body, body.length);
    }

    @Provide
    Arbitrary<byte[]> version2Mutations()
    {
        return mutations(RW2);
    }

    @Provide
    Arbitrary<byte[]> version1Mutations()
    {
        return mutations(RW1);
    }

    private static Arbitrary<byte[]> mutations(final byte[] seed)
    {
        final Arbitrary<Integer> positions = Arbitraries.integers().between(0, seed.length - 1);
        final Arbitrary<Byte> bytes = Arbitraries.oneOf(Arbitraries.bytes(),
            Arbitraries.of((byte)0x00, (byte)0x01, (byte)0x7F, (byte)0x80, (byte)0xFF));
        return positions.list().ofMinSize(1).ofMaxSize(6).flatMap(at -> bytes.list().ofSize(at.size()).map(values ->
        {
            final byte[] copy = seed.clone();
            for (int i = 0; i < at.size(); i++)
            {
                copy[at.get(i)] = values.get(i);
            }
            return copy;
        }));
    }
}
