package dev.sluice.collector.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice run}: the collector is not built yet, so this says so and points to what works today. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    header = "Run the collector (not available yet: use 'sluice parse').",
    description = "The scraping collector is not part of this build yet; this command exits with status 2.")
final class RunCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    /**
     * Prints one line to standard error.
     *
     * @return {@link SluiceCommand#USAGE_ERROR}, since the command cannot run.
     */
    @Override
    public Integer call()
    {
        spec.commandLine().getErr().println(
            "sluice run: the collector is not available yet; use 'sluice parse FILE' to read an exposition " +
            "(try 'sluice parse sample:node_exporter')");
        return SluiceCommand.USAGE_ERROR;
    }
}
