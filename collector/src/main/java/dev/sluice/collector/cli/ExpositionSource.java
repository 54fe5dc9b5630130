package dev.sluice.collector.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the FILE argument of {@code parse} and {@code bench} into memory: a path, {@code -} for standard input, or
 * {@code sample:NAME} for a {@link BundledSample}.
 */
final class ExpositionSource
{
    /** The argument that selects standard input. */
    static final String STDIN = "-";
    /** The prefix that selects a bundled sample. */
    static final String SAMPLE_PREFIX = "sample:";

    private ExpositionSource()
    {
    }

    /**
     * Reads the whole input.
     *
     * @param argument the FILE argument as given.
     * @param stdin    the process's standard input.
     * @return the bytes.
     * @throws CommandFailure with exit code 1 when the input cannot be read.
     */
    static byte[] read(final String argument, final InputStream stdin)
    {
        if (argument.startsWith(SAMPLE_PREFIX))
        {
            return BundledSample.named(argument.substring(SAMPLE_PREFIX.length())).bytes();
        }
        try
        {
            return STDIN.equals(argument) ? stdin.readAllBytes() : Files.readAllBytes(Path.of(argument));
        }
        catch (final NoSuchFileException ex)
        {
            throw cannotRead(argument, "no such file");
        }
        catch (final AccessDeniedException ex)
        {
            throw cannotRead(argument, "permission denied");
        }
        catch (final IOException | InvalidPathException ex)
        {
            throw cannotRead(argument, String.valueOf(ex.getMessage()));
        }
    }

    private static CommandFailure cannotRead(final String argument, final String reason)
    {
        return new CommandFailure("cannot read " + argument + ": " + reason, 1);
    }
}
