package dev.sluice.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Test access to the corpus copied under {@code src/test/resources/corpus}. */
public final class Corpus
{
    private Corpus()
    {
    }

    /**
     * Reads a corpus file.
     *
     * @param relative path below {@code corpus/}.
     * @return its bytes.
     */
    public static byte[] bytes(final String relative)
    {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + relative))
        {
            if (in == null)
            {
                throw new IllegalArgumentException("no corpus file " + relative);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The corpus root on disk, for directory walks.
     *
     * @return the path.
     */
    public static Path root()
    {
        try
        {
            return Paths.get(Corpus.class.getResource("/corpus/README.md").toURI()).getParent();
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
