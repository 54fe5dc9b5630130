package dev.sluice.pipeline.config;

/**
 * A configuration field Sluice refuses to load: the message names the field, with its line when the YAML gave it, and
 * says why. Never carries a secret: readers word errors about credentials without their values.
 */
public final class InvalidConfigException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    /**
     * A problem with one field.
     *
     * @param location the field, such as {@code remote_write[0].queue_config.capacity at line 7}.
     * @param reason   what is wrong with it.
     */
    public InvalidConfigException(final String location, final String reason)
    {
        super(location + ": " + reason);
    }
}
