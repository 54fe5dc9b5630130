package dev.sluice.collector.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One run of {@code sluice} in the test's JVM, with its exit code and what it printed.
 *
 * @param exitCode the exit code.
 * @param out      standard output, decoded as UTF-8.
 * @param err      standard error, decoded as UTF-8.
 */
record SluiceRun(int exitCode, String out, String err)
{
    /**
     * Runs {@code sluice} with the given standard input.
     *
     * @param stdin the bytes on standard input.
     * @param args  the command line.
     * @return the run.
     */
    static SluiceRun of(final byte[] stdin, final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exitCode = SluiceCommand.execute(args, new ByteArrayInputStream(stdin), out, err);
        return new SluiceRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code sluice} with empty standard input.
     *
     * @param args the command line.
     * @return the run.
     */
    static SluiceRun of(final String... args)
    {
        return of(new byte[0], args);
    }
}
