package dev.sluice.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class BenchCommandTest
{
    private static final Pattern JSON_LINE = Pattern.compile("\\{\"format\": \"text\", \"bytes\": (\\d+), " +
        "\"samples\": (\\d+), \"seconds\": ([0-9.]+), \"mb_per_s\": ([0-9.]+), \"samples_per_s\": ([0-9.]+), " +
        "\"alloc_bytes_per_sample\": ([0-9.]+)}\n");

    @Test
    void jsonIsOneLineWithTheDocumentedKeys()
    {
        final SluiceRun run = SluiceRun.of("bench", "--json", "--seconds", "0.3", "sample:node_exporter");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        final Matcher m = JSON_LINE.matcher(run.out());
        assertTrue(m.matches(), run.out());
        assertEquals(19_537, Long.parseLong(m.group(1)));
        assertEquals(103, Long.parseLong(m.group(2)));
        for (int group = 3; group <= 5; group++)
        {
            assertTrue(Double.parseDouble(m.group(group)) > 0, m.group(group));
        }
        assertTrue(Double.parseDouble(m.group(6)) >= 0, m.group(6));
    }

    @Test
    void humanOutputReportsThroughputAndAllocation()
    {
        final SluiceRun run = SluiceRun.of(
            "a{x=\"1\"} 1\nb 2\n".getBytes(StandardCharsets.UTF_8), "bench", "--seconds", "0.2", "-");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("format       text\ninput        15 bytes, 2 samples\n"), run.out());
        assertTrue(run.out().contains(" MB/s, "), run.out());
        assertTrue(run.out().contains("bytes/sample"), run.out());
    }

    @Test
    void badInputAndBadOptionsFail()
    {
        final SluiceRun bad = SluiceRun.of("a 1\nb{\n".getBytes(StandardCharsets.UTF_8), "bench", "-");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().startsWith("sluice: -: text parse error at line 2, column "), bad.err());

        final SluiceRun empty = SluiceRun.of("# nothing\n".getBytes(StandardCharsets.UTF_8), "bench", "-");
        assertEquals(1, empty.exitCode());
        assertEquals("sluice: -: no samples to measure\n", empty.err());

        final SluiceRun zero = SluiceRun.of("bench", "--seconds", "0", "sample:node_exporter");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("--seconds must be a positive number"), zero.err());
    }
}
