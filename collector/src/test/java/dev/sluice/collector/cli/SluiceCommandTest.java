package dev.sluice.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SluiceCommandTest
{
    @Test
    void versionNamesTheBuild()
    {
        final SluiceRun run = SluiceRun.of("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("sluice 0."), run.out());
        assertTrue(run.out().contains("\nJava "), run.out());
    }

    @Test
    void helpListsTheCommands()
    {
        final SluiceRun run = SluiceRun.of("help");
        assertEquals(0, run.exitCode());
        for (final String command : new String[]{"parse", "bench", "run", "help"})
        {
            assertTrue(run.out().contains("\n  " + command + " "), command + " missing from\n" + run.out());
        }
        final SluiceRun parseHelp = SluiceRun.of("help", "parse");
        assertEquals(0, parseHelp.exitCode());
        assertTrue(parseHelp.out().contains("(no spaces)"), parseHelp.out());
    }

    @Test
    void runSaysTheCollectorIsNotThereYet()
    {
        final SluiceRun run = SluiceRun.of("run");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals(1, run.err().split("\n").length, run.err());
        assertTrue(run.err().contains("sluice parse"), run.err());
    }

    @Test
    void withoutACommandPrintsUsageAndExitsTwo()
    {
        final SluiceRun run = SluiceRun.of();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("sluice: missing command\nUsage: sluice"), run.err());
    }
}
