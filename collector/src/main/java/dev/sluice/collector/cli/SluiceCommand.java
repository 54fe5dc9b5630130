package dev.sluice.collector.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code sluice} command: the entry point of the runnable jar. It holds the process's streams, so that the
 * subcommands can be run in a test with streams of the test's choosing, and turns a {@link CommandFailure} into one
 * line on standard error and its exit code.
 */
@Command(
    name = "sluice",
    mixinStandardHelpOptions = true,
    versionProvider = SluiceVersion.class,
    description = "Reads Prometheus metrics expositions at memory speed.",
    subcommands = {ParseCommand.class, BenchCommand.class, RunCommand.class, CommandLine.HelpCommand.class})
public final class SluiceCommand implements Callable<Integer>
{
    /** Exit code for a command line that cannot be understood, as picocli and promtool use it. */
    static final int USAGE_ERROR = 2;

    private final InputStream stdin;
    private final OutputStream stdout;

    @Spec
    private CommandSpec spec;

    /**
     * Creates the command over a set of streams.
     *
     * @param stdin  standard input, read by {@code parse -}.
     * @param stdout standard output; commands write to it in large blocks.
     */
    public SluiceCommand(final InputStream stdin, final OutputStream stdout)
    {
        this.stdin = stdin;
        this.stdout = stdout;
    }

    /**
     * Runs {@code sluice} with the process's streams and exits with the command's exit code.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        // Straight to the file descriptor: commands buffer their own output, so System.out's buffer would only copy.
        final int exitCode = execute(args, System.in, new FileOutputStream(FileDescriptor.out), System.err);
        System.exit(exitCode);
    }

    /**
     * Runs {@code sluice} with the given streams, as {@link #main} does with the process's.
     *
     * @param args   the command line.
     * @param stdin  standard input.
     * @param stdout standard output.
     * @param stderr standard error.
     * @return the exit code: 0 on success, 1 when the command failed, 2 for a command line that cannot be
     * understood.
     */
    public static int execute(
        final String[] args, final InputStream stdin, final OutputStream stdout, final OutputStream stderr)
    {
        final PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        final PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        final CommandLine commandLine = new CommandLine(new SluiceCommand(stdin, stdout))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setOut(out)
            .setErr(err)
            .setExecutionExceptionHandler((ex, failed, parseResult) ->
            {
                if (ex instanceof CommandFailure)
                {
                    failed.getErr().println("sluice: " + ex.getMessage());
                    return ((CommandFailure)ex).exitCode();
                }
                throw ex;
            });
        try
        {
            return commandLine.execute(args);
        }
        finally
        {
            out.flush();
            err.flush();
        }
    }

    /**
     * Without a subcommand: prints the usage to standard error.
     *
     * @return {@link #USAGE_ERROR}.
     */
    @Override
    public Integer call()
    {
        final CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("sluice: missing command");
        commandLine.usage(commandLine.getErr());
        return USAGE_ERROR;
    }

    /**
     * Standard input of the process.
     *
     * @return the stream.
     */
    InputStream stdin()
    {
        return stdin;
    }

    /**
     * Standard output of the process, for byte output; text goes through {@code spec.commandLine().getOut()}.
     *
     * @return the stream.
     */
    OutputStream stdout()
    {
        return stdout;
    }
}
