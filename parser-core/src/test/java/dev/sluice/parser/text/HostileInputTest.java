package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.ParseException;

/**
 * Whatever the bytes, a cursor ends or throws {@link ParseException}: no other exception, no endless loop, no
 * read past the given length (the body sits inside a larger array whose extra bytes would change the result).
 */
class HostileInputTest
{
    private static final byte[] SEED = Corpus.bytes("prometheus-textparse/textparse-testdata/alltypes.5mfs.om.txt");

    /** Parses to the end; returns the entry count, or -1 on a parse error. */
    static int drain(final MetricCursor cursor, final byte[] body, final int offset, final int length)
    {
        cursor.reset(body, offset, length);
        int entries = 0;
        try
        {
            while (cursor.next() != EntryKind.END)
            {
                entries++;
                assertTrue(entries <= length + 1, "more entries than bytes: the cursor does not advance");
            }
            return entries;
        }
        catch (final ParseException ex)
        {
            return -1;
        }
    }

    private static void bothCursors(final byte[] body)
    {
        final byte[] padded = new byte[body.length + 16];
        Arrays.fill(padded, (byte)'"');
        System.arraycopy(body, 0, padded, 8, body.length);
        drain(new PrometheusTextCursor(), padded, 8, body.length);
        drain(new OpenMetricsCursor(), padded, 8, body.length);
    }

    @Property(tries = 3000)
    void arbitraryBytes(@ForAll @Size(max = 200) final byte[] body)
    {
        bothCursors(body);
    }

    @Property(tries = 3000)
    void mutatedExpositions(@ForAll("mutations") final byte[] body)
    {
        bothCursors(body);
    }

    @Provide
    Arbitrary<byte[]> mutations()
    {
        final byte[] alphabet = "{}\"=,# \n\r\\.eE+-0123456789aINf_:".getBytes(StandardCharsets.US_ASCII);
        return Arbitraries.integers().between(0, SEED.length - 1).list().ofMaxSize(8).flatMap(positions ->
            Arbitraries.of(toObjects(alphabet)).list().ofSize(positions.size()).map(replacements ->
            {
                final byte[] copy = SEED.clone();
                for (int i = 0; i < positions.size(); i++)
                {
                    copy[positions.get(i)] = replacements.get(i);
                }
                return copy;
            }));
    }

    private static Byte[] toObjects(final byte[] bytes)
    {
        final Byte[] out = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++)
        {
            out[i] = bytes[i];
        }
        return out;
    }

    @Test
    void everyPrefixOfRealBodiesEndsOrFailsCleanly()
    {
        for (final String file : new String[] {"prometheus-textparse/textparse-testdata/alltypes.5mfs.om.txt",
            "prometheus-textparse/textparse-testdata-pre-2025/promtestdata.txt"})
        {
            final byte[] body = Corpus.bytes(file);
            final int step = Math.max(1, body.length / 2000);
            for (int len = 0; len <= body.length; len += step)
            {
                drain(new PrometheusTextCursor(), body, 0, len);
                drain(new OpenMetricsCursor(), body, 0, len);
            }
        }
    }
}
