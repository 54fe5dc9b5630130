package dev.sluice.parser.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How to start one server program for a test: where its binary lives, which Debian package installs it, which
 * path answers 2xx once it is ready, and how to build its command line for a given loopback port and data
 * directory. Immutable; {@link #withExtraArguments} returns a copy.
 */
public final class ServerDefinition
{
    /**
     * Builds the arguments (program name excluded) for one start of the server. May write configuration files
     * into the data directory first.
     */
    @FunctionalInterface
    public interface ArgumentsFactory
    {
        /**
         * The command-line arguments for a start on {@code port}.
         *
         * @param host          the loopback address to listen on, {@code 127.0.0.1}.
         * @param port          the free port chosen for the HTTP listener.
         * @param dataDirectory a fresh, empty directory owned by this start.
         * @return the arguments after the binary.
         * @throws IOException when a configuration file cannot be written.
         */
        List<String> arguments(String host, int port, Path dataDirectory) throws IOException;
    }

    /** The {@link #readinessPath()} of {@link #withPortReadiness()}: no path, the open port is enough. */
    public static final String PORT_READINESS = "";

    private final String name;
    private final Path binary;
    private final String debianPackage;
    private final String readinessPath;
    private final ArgumentsFactory argumentsFactory;
    private final List<String> extraArguments;
    private final Path installedMarker;

    /**
     * Defines a server.
     *
     * @param name             short name used in temp-directory names and messages.
     * @param binary           absolute path of the executable.
     * @param debianPackage    the Debian package that installs {@code binary}, named when it is missing.
     * @param readinessPath    HTTP path that answers 2xx once the server accepts requests.
     * @param argumentsFactory builds the command line for one start.
     */
    public ServerDefinition(
        final String name,
        final Path binary,
        final String debianPackage,
        final String readinessPath,
        final ArgumentsFactory argumentsFactory)
    {
        this(name, binary, debianPackage, readinessPath, argumentsFactory, List.of(), binary);
    }

    private ServerDefinition(
        final String name,
        final Path binary,
        final String debianPackage,
        final String readinessPath,
        final ArgumentsFactory argumentsFactory,
        final List<String> extraArguments,
        final Path installedMarker)
    {
        this.name = Objects.requireNonNull(name, "name");
        this.binary = Objects.requireNonNull(binary, "binary");
        this.debianPackage = Objects.requireNonNull(debianPackage, "debianPackage");
        this.readinessPath = Objects.requireNonNull(readinessPath, "readinessPath");
        this.argumentsFactory = Objects.requireNonNull(argumentsFactory, "argumentsFactory");
        this.extraArguments = List.copyOf(extraArguments);
        this.installedMarker = Objects.requireNonNull(installedMarker, "installedMarker");
    }

    /**
     * A copy that appends arguments after the generated ones, e.g. a feature flag a later test needs.
     *
     * @param arguments the arguments to append.
     * @return the new definition.
     */
    public ServerDefinition withExtraArguments(final String... arguments)
    {
        final List<String> all = new ArrayList<>(extraArguments);
        all.addAll(Arrays.asList(arguments));
        return new ServerDefinition(name, binary, debianPackage, readinessPath, argumentsFactory, all,
            installedMarker);
    }

    /**
     * A copy that is ready once its port accepts a TCP connection instead of once a path answers 2xx: for a server
     * that speaks TLS (and may demand a client certificate), which the plain-HTTP readiness poll cannot ask.
     *
     * @return the new definition.
     */
    public ServerDefinition withPortReadiness()
    {
        return new ServerDefinition(name, binary, debianPackage, PORT_READINESS, argumentsFactory, extraArguments,
            installedMarker);
    }

    /**
     * A copy whose presence check looks for a file other than the binary: for a server that is a script run
     * by an interpreter from another package, the file that {@link #debianPackage()} installs.
     *
     * @param file the file whose existence shows the package is installed.
     * @return the new definition.
     */
    public ServerDefinition withInstalledMarker(final Path file)
    {
        return new ServerDefinition(name, binary, debianPackage, readinessPath, argumentsFactory, extraArguments,
            file);
    }

    /**
     * Short name of the server.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * Absolute path of the executable.
     *
     * @return the path.
     */
    public Path binary()
    {
        return binary;
    }

    /**
     * Whether the server can be started here: the binary is executable and the package's marker file exists.
     *
     * @return true when installed.
     */
    public boolean isInstalled()
    {
        return Files.isExecutable(binary) && Files.exists(installedMarker);
    }

    /**
     * The Debian package that installs the binary.
     *
     * @return the package name.
     */
    public String debianPackage()
    {
        return debianPackage;
    }

    /**
     * HTTP path polled until it answers 2xx.
     *
     * @return the path, starting with {@code /}, or {@link #PORT_READINESS}.
     */
    public String readinessPath()
    {
        return readinessPath;
    }

    /**
     * The full argument list (program name excluded) for a start on a port and data directory.
     *
     * @param host          loopback address.
     * @param port          HTTP port.
     * @param dataDirectory the start's own directory.
     * @return generated arguments followed by the extra ones.
     * @throws IOException when a configuration file cannot be written.
     */
    public List<String> arguments(final String host, final int port, final Path dataDirectory) throws IOException
    {
        final List<String> all = new ArrayList<>(argumentsFactory.arguments(host, port, dataDirectory));
        all.addAll(extraArguments);
        return all;
    }

    @Override
    public String toString()
    {
        return name;
    }
}
