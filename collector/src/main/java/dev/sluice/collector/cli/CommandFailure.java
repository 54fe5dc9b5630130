package dev.sluice.collector.cli;

/**
 * A command could not do its work for a reason the user can act on (a file that cannot be read, input that does not
 * parse, a format this build does not support). {@link SluiceCommand} prints the message, without a stack trace, and
 * exits with the code carried here.
 */
final class CommandFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * Describes the failure.
     *
     * @param message  one line for standard error, without the {@code sluice:} prefix.
     * @param exitCode the process exit code.
     */
    CommandFailure(final String message, final int exitCode)
    {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /**
     * The process exit code.
     *
     * @return the code, non-zero.
     */
    int exitCode()
    {
        return exitCode;
    }
}
