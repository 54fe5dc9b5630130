package dev.sluice.pipeline.forward.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.sluice.pipeline.config.InvalidConfigException;

/**
 * PEM text of {@code tls_config}: written inline ({@code ca}, {@code cert}, {@code key}) or kept in a file
 * ({@code ca_file}, {@code cert_file}, {@code key_file}) that is read each time a connection is opened, so a rotated
 * certificate applies to the next connection. Its content never appears in {@link #toString()} nor in an error.
 *
 * @param inline the PEM text, or null when it is in a file.
 * @param file   the file, or null when it is inline.
 * @param field  the field that gave it, such as {@code remote_write[0].tls_config.ca_file}, for errors.
 */
public record PemSource(String inline, Path file, String field)
{
    /**
     * PEM written in the configuration.
     *
     * @param pem   the text.
     * @param field the field.
     * @return the source.
     */
    public static PemSource inline(final String pem, final String field)
    {
        return new PemSource(pem, null, field);
    }

    /**
     * PEM kept in a file.
     *
     * @param file  the file.
     * @param field the field.
     * @return the source.
     */
    public static PemSource inFile(final Path file, final String field)
    {
        return new PemSource(null, file, field);
    }

    /**
     * The PEM bytes, read from the file now if there is one.
     *
     * @return the bytes.
     * @throws InvalidConfigException naming the field and file when the file cannot be read.
     */
    public byte[] read()
    {
        if (file == null)
        {
            return inline.getBytes(StandardCharsets.UTF_8);
        }
        try
        {
            return Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new InvalidConfigException(field, "cannot read " + file + " (" + ex.getClass().getSimpleName() + ")");
        }
    }

    /** The field, and the file if there is one; never the content. */
    @Override
    public String toString()
    {
        return file == null ? field + " (inline)" : field + " " + file;
    }
}
