package dev.sluice.parser.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One run of a real server program (installed from a Debian package) on a free loopback port, with its own
 * temporary data directory, for integration tests. {@link #start} returns once the server's readiness URL
 * answers 2xx; {@link #close} stops it (SIGTERM, then a forced kill after {@link #STOP_TIMEOUT}) and deletes the
 * directory. Standard output and error go to a log file in that directory, quoted in every failure message.
 *
 * <p>A missing binary skips the calling test through JUnit {@link Assumptions}, naming the package to install;
 * when the environment variable {@code CI} is {@code true} it fails the test instead, so a CI machine without
 * the servers cannot pass by skipping.
 */
public final class LocalServerProcess implements AutoCloseable
{
    /** The only address servers listen on. */
    public static final String LOOPBACK_HOST = "127.0.0.1";
    /** How long {@link #start} waits for the readiness URL. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #close} waits after SIGTERM before killing the process. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_BYTES = 8192;
    private static final String LOG_FILE = "server.log";
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(REQUEST_TIMEOUT)
        .build();

    private final ServerDefinition definition;
    private volatile Process process;
    private final Path dataDirectory;
    private final int port;
    private final Thread shutdownHook;
    private boolean closed;

    private LocalServerProcess(
        final ServerDefinition definition, final Process process, final Path dataDirectory, final int port)
    {
        this.definition = definition;
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.shutdownHook = new Thread(() -> this.process.destroyForcibly(), "stop-" + definition.name());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server and waits until it is ready. Skips (or, under {@code CI=true}, fails) the calling test when
     * the binary is not installed. A start that loses its port to another process is retried on a new port.
     *
     * @param definition the server to start.
     * @return the running server; close it.
     */
    public static LocalServerProcess start(final ServerDefinition definition)
    {
        requireInstalled(definition);
        String lastFailure = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++)
        {
            final Path dataDirectory = createDataDirectory(definition);
            final int port = freeLoopbackPort();
            final Process process = launch(definition, dataDirectory, port);
            final String failure = awaitReady(definition, process, port);
            if (failure == null)
            {
                return new LocalServerProcess(definition, process, dataDirectory, port);
            }
            final String log = logTail(dataDirectory);
            stop(process);
            deleteRecursively(dataDirectory);
            lastFailure = failure + "\n--- " + definition.name() + " log (tail) ---\n" + log;
            if (!log.toLowerCase(Locale.ROOT).contains("address already in use"))
            {
                break;
            }
        }
        throw new IllegalStateException(definition.name() + " did not become ready: " + lastFailure);
    }

    /**
     * A port on {@link #LOOPBACK_HOST} that was free a moment ago, for servers that need more than one listener.
     *
     * @return the port number.
     */
    public static int freeLoopbackPort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK_HOST)))
        {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free loopback port", ex);
        }
    }

    /**
     * Whether integration tests run under CI, where missing servers fail instead of skipping.
     *
     * @return true when the environment variable {@code CI} is {@code true}.
     */
    public static boolean isCi()
    {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * The HTTP port the server listens on.
     *
     * @return the port.
     */
    public int port()
    {
        return port;
    }

    /**
     * An absolute URI on the server.
     *
     * @param path path and optional query, starting with {@code /}.
     * @return {@code http://127.0.0.1:PORT/path}.
     */
    public URI uri(final String path)
    {
        return URI.create("http://" + LOOPBACK_HOST + ":" + port + path);
    }

    /**
     * The server's own temporary directory (deleted on {@link #close}).
     *
     * @return the directory.
     */
    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /**
     * The definition this server was started from.
     *
     * @return the definition.
     */
    public ServerDefinition definition()
    {
        return definition;
    }

    /**
     * The last few kilobytes the server wrote to standard output and error, for failure messages.
     *
     * @return the log tail.
     */
    public String logTail()
    {
        return logTail(dataDirectory);
    }

    /**
     * Sends a GET request to the server.
     *
     * @param path   path and optional query.
     * @param accept the {@code Accept} header, or null for none.
     * @return the response with its body as bytes.
     */
    public HttpResponse<byte[]> get(final String path, final String accept)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).GET();
        if (accept != null)
        {
            request.header("Accept", accept);
        }
        return send(request.build());
    }

    /**
     * Sends a request with a body to the server.
     *
     * @param method      {@code PUT} or {@code POST}.
     * @param path        path and optional query.
     * @param contentType the {@code Content-Type} header.
     * @param body        the body.
     * @return the response with its body as bytes.
     */
    public HttpResponse<byte[]> send(
        final String method, final String path, final String contentType, final byte[] body)
    {
        return send(HttpRequest.newBuilder(uri(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
    }

    /**
     * Stops the server process (SIGTERM, then a forced kill) but keeps its port and data directory, so that an
     * outage test can take a receiver away and bring it back with {@link #restart}.
     */
    public void stopForOutage()
    {
        stop(process);
    }

    /**
     * Starts the server again, on the same port and data directory, after {@link #stopForOutage}, and waits until
     * it is ready. Its log continues in the same file.
     */
    public void restart()
    {
        process = launch(definition, dataDirectory, port);
        final String failure = awaitReady(definition, process, port);
        if (failure != null)
        {
            throw new IllegalStateException(definition.name() + " did not come back on port " + port + ": " +
                failure + "\n--- log (tail) ---\n" + logTail());
        }
    }

    /** Stops the server (SIGTERM, then a forced kill) and deletes its directory. Idempotent. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        stop(process);
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is already shutting down: the hook runs anyway and the process is gone.
            return;
        }
        deleteRecursively(dataDirectory);
    }

    @Override
    public String toString()
    {
        return definition.name() + "@" + LOOPBACK_HOST + ":" + port;
    }

    private HttpResponse<byte[]> send(final HttpRequest request)
    {
        try
        {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed; " + definition.name() +
                " log:\n" + logTail(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    private static void requireInstalled(final ServerDefinition definition)
    {
        if (definition.isInstalled())
        {
            return;
        }
        final String message = definition.name() + " is not installed: apt-get install " +
            definition.debianPackage() + " (or run .ci/run, which installs it)";
        if (isCi())
        {
            Assertions.fail(message + "; CI=true, so a missing server fails instead of skipping");
        }
        Assumptions.abort(message);
    }

    private static Path createDataDirectory(final ServerDefinition definition)
    {
        try
        {
            return Files.createTempDirectory("sluice-" + definition.name() + "-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Process launch(final ServerDefinition definition, final Path dataDirectory, final int port)
    {
        try
        {
            final List<String> command = new ArrayList<>();
            command.add(definition.binary().toString());
            command.addAll(definition.arguments(LOOPBACK_HOST, port, dataDirectory));
            return new ProcessBuilder(command)
                .directory(dataDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDirectory.resolve(LOG_FILE).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        }
        catch (final IOException ex)
        {
            deleteRecursively(dataDirectory);
            throw new UncheckedIOException("cannot start " + definition.binary(), ex);
        }
    }

    /** Polls the readiness URL (or the port); returns null once it answers 2xx, else why it never did. */
    private static String awaitReady(final ServerDefinition definition, final Process process, final int port)
    {
        if (definition.readinessPath().equals(ServerDefinition.PORT_READINESS))
        {
            return awaitPortOpen(process, port);
        }
        final URI readiness = URI.create("http://" + LOOPBACK_HOST + ":" + port + definition.readinessPath());
        final HttpRequest request = HttpRequest.newBuilder(readiness).timeout(REQUEST_TIMEOUT).GET().build();
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastAnswer = "no answer";
        while (System.nanoTime() < deadline)
        {
            if (!process.isAlive())
            {
                return "process exited with status " + process.exitValue() + " before " + readiness + " answered";
            }
            try
            {
                final int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300)
                {
                    return null;
                }
                lastAnswer = "status " + status;
            }
            catch (final IOException ex)
            {
                lastAnswer = ex.toString();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return "interrupted while waiting";
            }
            sleep(POLL_INTERVAL);
        }
        return readiness + " did not answer 2xx within " + READY_TIMEOUT.toSeconds() + " s (last: " + lastAnswer +
            ")";
    }

    private static String awaitPortOpen(final Process process, final int port)
    {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastAnswer = "no answer";
        while (System.nanoTime() < deadline)
        {
            if (!process.isAlive())
            {
                return "process exited with status " + process.exitValue() + " before port " + port + " opened";
            }
            try (Socket socket = new Socket())
            {
                socket.connect(new InetSocketAddress(LOOPBACK_HOST, port), (int)REQUEST_TIMEOUT.toMillis());
                return null;
            }
            catch (final IOException ex)
            {
                lastAnswer = ex.toString();
            }
            sleep(POLL_INTERVAL);
        }
        return "port " + port + " did not open within " + READY_TIMEOUT.toSeconds() + " s (last: " + lastAnswer + ")";
    }

    private static void stop(final Process process)
    {
        if (!process.isAlive())
        {
            return;
        }
        process.destroy();
        if (!waitFor(process, STOP_TIMEOUT))
        {
            process.destroyForcibly();
            waitFor(process, STOP_TIMEOUT);
        }
    }

    private static boolean waitFor(final Process process, final Duration timeout)
    {
        try
        {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String logTail(final Path dataDirectory)
    {
        final Path log = dataDirectory.resolve(LOG_FILE);
        try
        {
            if (!Files.exists(log))
            {
                return "(no log)";
            }
            final byte[] bytes = Files.readAllBytes(log);
            final int from = Math.max(0, bytes.length - LOG_TAIL_BYTES);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "(log unreadable: " + ex + ")";
        }
    }

    private static void deleteRecursively(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + directory, ex);
        }
    }

    private static void sleep(final Duration duration)
    {
        try
        {
            Thread.sleep(duration.toMillis());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
