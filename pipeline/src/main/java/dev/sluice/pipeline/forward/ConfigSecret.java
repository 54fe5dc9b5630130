package dev.sluice.pipeline.forward;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.sluice.pipeline.config.InvalidConfigException;

/**
 * A credential of the configuration, written inline or kept in a file ({@code password_file},
 * {@code credentials_file}). A file is read when the endpoint is built, its surrounding whitespace stripped as
 * Prometheus strips it; a later change may read it again per request so that rotated credentials apply. The value
 * never appears in {@link #toString()} nor in an exception message.
 */
public final class ConfigSecret
{
    private final String value;
    private final Path file;
    private final String field;

    private ConfigSecret(final String value, final Path file, final String field)
    {
        this.value = value;
        this.file = file;
        this.field = field;
    }

    /**
     * A credential written in the configuration.
     *
     * @param value the credential.
     * @return the secret.
     */
    public static ConfigSecret inline(final String value)
    {
        return new ConfigSecret(value, null, null);
    }

    /**
     * A credential kept in a file.
     *
     * @param file  the file.
     * @param field the field that named it, for the error when it cannot be read.
     * @return the secret.
     */
    public static ConfigSecret inFile(final Path file, final String field)
    {
        return new ConfigSecret(null, file, field);
    }

    /**
     * The credential, read from its file if it has one.
     *
     * @return the value.
     * @throws InvalidConfigException naming the field and the file, not its content, when the file cannot be read.
     */
    public String read()
    {
        if (file == null)
        {
            return value;
        }
        try
        {
            return Files.readString(file).strip();
        }
        catch (final IOException ex)
        {
            throw new InvalidConfigException(field, "cannot read " + file + " (" + ex.getClass().getSimpleName() + ")");
        }
    }

    /** {@code <secret>}, or the file it is in; never the value. */
    @Override
    public String toString()
    {
        return file == null ? "<secret>" : "<secret in " + file + ">";
    }
}
