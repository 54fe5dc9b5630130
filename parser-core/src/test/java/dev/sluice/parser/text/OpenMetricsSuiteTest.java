package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ParseException;

/** Every case of the OpenMetrics 1.0 conformance suite: good cases parse, bad cases are rejected. */
class OpenMetricsSuiteTest
{
    private static final Path SUITE = Corpus.root().resolve("openmetrics-suite/parsers");

    static List<Path> cases() throws IOException
    {
        try (Stream<Path> dirs = Files.list(SUITE))
        {
            return dirs.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void suiteHasAllCases() throws IOException
    {
        final List<Path> all = cases();
        assertEquals(211, all.size());
        assertEquals(167, all.stream().filter(p -> p.getFileName().toString().startsWith("bad_")).count());
    }

    @TestFactory
    Stream<DynamicTest> everyCase() throws IOException
    {
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(final Path dir) throws IOException
    {
        final String json = Files.readString(dir.resolve("test.json"));
        final boolean shouldParse = json.replace(" ", "").contains("\"shouldParse\":true");
        final byte[] body = Files.readAllBytes(dir.resolve("metrics"));
        if (shouldParse)
        {
            final int entries = assertDoesNotThrow(() -> parseAll(body), dir.getFileName().toString());
            assertTrue(entries >= 0);
        }
        else
        {
            final ParseException ex = assertThrows(ParseException.class, () -> parseAll(body));
            assertTrue(ex.line() >= 1 && ex.column() >= 1, ex.getMessage());
        }
    }

    static int parseAll(final byte[] body)
    {
        final OpenMetricsCursor cursor = new OpenMetricsCursor();
        cursor.reset(body, 0, body.length);
        int samples = 0;
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind == EntryKind.SAMPLE)
            {
                samples++;
            }
        }
        return samples;
    }
}
