package dev.sluice.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** UTF-8 well-formedness against the JDK's strict decoder. */
class Utf8Test
{
    private static boolean jdkAccepts(final byte[] bytes, final int offset, final int length)
    {
        try
        {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        }
        catch (final CharacterCodingException ex)
        {
            return false;
        }
    }

    @Test
    void mostlyAsciiRangesAtEveryOffsetAreJudgedAsTheJdkDecoderJudgesThem()
    {
        final SplittableRandom random = new SplittableRandom(20_261_205L);
        final byte[] multiByte = "é€😀".getBytes(StandardCharsets.UTF_8);
        int rejected = 0;
        for (int run = 0; run < 20_000; run++)
        {
            final byte[] bytes = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++)
            {
                bytes[i] = (byte)('a' + random.nextInt(26));
            }
            // Some valid sequences, some stray bytes, anywhere in the words the check reads eight at a time.
            for (int k = random.nextInt(3); k > 0; k--)
            {
                final int at = random.nextInt(bytes.length);
                final int from = random.nextInt(multiByte.length);
                System.arraycopy(multiByte, from, bytes, at, Math.min(bytes.length - at, multiByte.length - from));
            }
            if (random.nextInt(4) == 0)
            {
                bytes[random.nextInt(bytes.length)] = (byte)(0x80 + random.nextInt(0x80));
            }
            final int offset = random.nextInt(bytes.length);
            final int length = random.nextInt(bytes.length - offset + 1);
            final boolean expected = jdkAccepts(bytes, offset, length);
            rejected += expected ? 0 : 1;
            assertEquals(expected, Utf8.isWellFormed(new UnsafeBuffer(bytes), offset, length),
                () -> "bytes " + Arrays.toString(bytes) + " from " + offset + " length " + length);
        }
        assertTrue(rejected > 1_000, "the cases include ill-formed ranges: " + rejected);
    }
}
