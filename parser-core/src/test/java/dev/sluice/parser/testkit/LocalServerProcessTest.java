package dev.sluice.parser.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class LocalServerProcessTest
{
    @Test
    void influxdbStartsOnLoopbackAcceptsWritesAndIsCleanedUpOnClose()
    {
        final Path directory;
        final LocalServerProcess server = LocalServerProcess.start(DebianServers.influxdb());
        try (server)
        {
            directory = server.dataDirectory();
            assertTrue(Files.isDirectory(directory));
            assertEquals("http://127.0.0.1:" + server.port() + "/ping", server.uri("/ping").toString());

            final HttpResponse<byte[]> create = server.send("POST", "/query?q=CREATE+DATABASE+sluice",
                "application/x-www-form-urlencoded", new byte[0]);
            assertEquals(200, create.statusCode(), () -> new String(create.body(), StandardCharsets.UTF_8));
            final HttpResponse<byte[]> write = server.send("POST", "/write?db=sluice", "text/plain",
                "prometheus,job=it up=1 1700000000000000000\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(204, write.statusCode(), () -> new String(write.body(), StandardCharsets.UTF_8));
            final HttpResponse<byte[]> query = server.get("/query?db=sluice&q=SELECT+up+FROM+prometheus", null);
            final String answer = new String(query.body(), StandardCharsets.UTF_8);
            assertTrue(answer.contains("\"up\"") && answer.contains(",1]"), answer);
        }
        assertFalse(Files.exists(directory), "data directory left behind: " + directory);
    }

    @Test
    void aMissingBinarySkipsOutsideCiAndFailsUnderCi()
    {
        final ServerDefinition missing = new ServerDefinition("missing", Path.of("/nonexistent/sluice-no-server"),
            "sluice-no-such-package", "/", (host, port, dir) -> List.of());
        if (LocalServerProcess.isCi())
        {
            final AssertionFailedError failure =
                assertThrows(AssertionFailedError.class, () -> LocalServerProcess.start(missing));
            assertTrue(failure.getMessage().contains("apt-get install sluice-no-such-package"), failure::getMessage);
        }
        else
        {
            final TestAbortedException skip =
                assertThrows(TestAbortedException.class, () -> LocalServerProcess.start(missing));
            assertTrue(skip.getMessage().contains("apt-get install sluice-no-such-package"), skip::getMessage);
        }
    }

    @Test
    void aServerThatExitsAtOnceFailsWithItsLogInTheMessage()
    {
        final ServerDefinition failing = new ServerDefinition("exits", Path.of("/bin/sh"), "dash", "/",
            (host, port, dir) -> List.of("-c", "echo sluice-harness-marker; exit 3"));
        final IllegalStateException failure =
            assertThrows(IllegalStateException.class, () -> LocalServerProcess.start(failing));
        assertTrue(failure.getMessage().contains("exited with status 3"), failure::getMessage);
        assertTrue(failure.getMessage().contains("sluice-harness-marker"), failure::getMessage);
    }
}
