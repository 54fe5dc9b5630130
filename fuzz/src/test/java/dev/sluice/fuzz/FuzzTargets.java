package dev.sluice.fuzz;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/**
 * What the fuzz targets share: their default fuzzing time, the way they hand a body to a decoder, and their seeds.
 */
final class FuzzTargets
{
    /**
     * Fuzzing time of a target when nothing else is asked for. Under {@code -Pfuzz} the property
     * {@code fuzz.seconds} overrides it (see the fuzz module's pom and docs/fuzzing.md).
     */
    static final String MAX_DURATION = "60s";

    /** Bytes before and after a body in the array a decoder gets: the body never starts at index 0. */
    static final int PADDING = 8;

    /**
     * A quote and a newline: bytes that change the meaning of any text body they would extend, so that a read
     * past either end of the body shows in the result even where no bounds check catches it.
     */
    private static final byte[] PADDING_PATTERN = {'"', '\n'};

    private FuzzTargets()
    {
    }

    /**
     * Reads a seed of a target.
     *
     * @param path the seed's path under this package's test resources, {@code <Target>Inputs/<method>/...}.
     * @return its bytes.
     * @throws IOException when it cannot be read.
     */
    static byte[] seed(final String path) throws IOException
    {
        try (InputStream in = FuzzTargets.class.getResourceAsStream(path))
        {
            if (in == null)
            {
                throw new FileNotFoundException(path);
            }
            return in.readAllBytes();
        }
    }

    /**
     * Copies {@code body} to index {@link #PADDING} of a larger array filled with the padding pattern.
     *
     * @param body the input.
     * @return the array, {@code body.length + 2 * PADDING} long.
     */
    static byte[] padded(final byte[] body)
    {
        final byte[] padded = new byte[body.length + 2 * PADDING];
        for (int i = 0; i < padded.length; i++)
        {
            padded[i] = PADDING_PATTERN[i % PADDING_PATTERN.length];
        }
        System.arraycopy(body, 0, padded, PADDING, body.length);
        return padded;
    }
}
