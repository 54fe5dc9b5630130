package dev.sluice.parser.name;

import org.agrona.DirectBuffer;

import dev.sluice.parser.Utf8;

/**
 * Which metric and label names are accepted, as Prometheus' {@code metric_name_validation_scheme} decides.
 * {@link #LEGACY} keeps the original character set, {@link #UTF8} accepts any non-empty well-formed UTF-8. Checks
 * read a byte range of a buffer without allocating, so parsers and relabeling can run them per sample.
 */
public enum NameValidationScheme
{
    /**
     * Metric names match {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names {@code [a-zA-Z_][a-zA-Z0-9_]*}: the rules
     * of every Prometheus release before 3.0.
     */
    LEGACY("legacy"),
    /** Metric and label names are any non-empty, well-formed UTF-8: the default since Prometheus 3.0. */
    UTF8("utf8");

    private final String configName;

    NameValidationScheme(final String configName)
    {
        this.configName = configName;
    }

    /**
     * The spelling in Prometheus configuration files and flags.
     *
     * @return {@code legacy} or {@code utf8}.
     */
    public String configName()
    {
        return configName;
    }

    /**
     * Looks a scheme up by its configuration spelling. The empty string is rejected: Prometheus reads it as "not
     * set", and which default then applies is the caller's decision.
     *
     * @param name {@code legacy} or {@code utf8}, case-sensitive.
     * @return the scheme.
     * @throws IllegalArgumentException for any other name.
     */
    public static NameValidationScheme fromConfigName(final String name)
    {
        for (final NameValidationScheme scheme : values())
        {
            if (scheme.configName.equals(name))
            {
                return scheme;
            }
        }
        throw new IllegalArgumentException("unrecognized name validation scheme: \"" + name + "\"");
    }

    /**
     * Checks a metric name held in a buffer.
     *
     * @param buffer the bytes.
     * @param offset first byte of the name.
     * @param length number of bytes of the name.
     * @return true when the scheme accepts the name.
     */
    public boolean isValidMetricName(final DirectBuffer buffer, final int offset, final int length)
    {
        return isValidName(buffer, offset, length, true);
    }

    /**
     * Checks a metric name held in a string.
     *
     * @param name the name.
     * @return true when the scheme accepts the name; under {@link #UTF8}, a string with an unpaired surrogate is
     * rejected, since it has no UTF-8 encoding.
     */
    public boolean isValidMetricName(final CharSequence name)
    {
        return isValidName(name, true);
    }

    /**
     * Checks a label name held in a buffer.
     *
     * @param buffer the bytes.
     * @param offset first byte of the name.
     * @param length number of bytes of the name.
     * @return true when the scheme accepts the name.
     */
    public boolean isValidLabelName(final DirectBuffer buffer, final int offset, final int length)
    {
        return isValidName(buffer, offset, length, false);
    }

    /**
     * Checks a label name held in a string.
     *
     * @param name the name.
     * @return true when the scheme accepts the name; under {@link #UTF8}, a string with an unpaired surrogate is
     * rejected.
     */
    public boolean isValidLabelName(final CharSequence name)
    {
        return isValidName(name, false);
    }

    private boolean isValidName(final DirectBuffer buffer, final int offset, final int length, final boolean colon)
    {
        if (length == 0)
        {
            return false;
        }
        if (this == UTF8)
        {
            return Utf8.isWellFormed(buffer, offset, length);
        }
        for (int i = 0; i < length; i++)
        {
            if (!isLegacyChar(buffer.getByte(offset + i), i == 0, colon))
            {
                return false;
            }
        }
        return true;
    }

    private boolean isValidName(final CharSequence name, final boolean colon)
    {
        final int length = name.length();
        if (length == 0)
        {
            return false;
        }
        if (this == UTF8)
        {
            return Utf8.isWellFormed(name);
        }
        for (int i = 0; i < length; i++)
        {
            if (!isLegacyChar(name.charAt(i), i == 0, colon))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a character may appear in a legacy metric name at a position. A byte of a multi-byte UTF-8 sequence
     * is never a legacy character, so the check works on bytes and chars alike.
     *
     * @param c     the byte or char, any value.
     * @param first true at the first position, where digits are not allowed.
     * @return true for letters, {@code _}, {@code :}, and digits after the first position.
     */
    static boolean isLegacyMetricNameChar(final int c, final boolean first)
    {
        return isLegacyChar(c, first, true);
    }

    private static boolean isLegacyChar(final int c, final boolean first, final boolean colon)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':') ||
            (!first && c >= '0' && c <= '9');
    }
}
