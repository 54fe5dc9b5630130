package dev.sluice.pipeline.relabel;

/**
 * What a relabel rule does, with the spelling of Prometheus' {@code action} field.
 */
public enum RelabelAction
{
    /** Sets {@code target_label} to the expanded {@code replacement} when the regex matches; the default action. */
    REPLACE("replace"),
    /** Drops the series unless the regex matches the joined source values. */
    KEEP("keep"),
    /** Drops the series when the regex matches the joined source values. */
    DROP("drop"),
    /** Drops the series unless the joined source values equal the value of {@code target_label}. */
    KEEP_EQUAL("keepequal"),
    /** Drops the series when the joined source values equal the value of {@code target_label}. */
    DROP_EQUAL("dropequal"),
    /** Sets {@code target_label} to the MD5 of the joined source values modulo {@code modulus}. */
    HASHMOD("hashmod"),
    /** Copies every label whose name matches the regex under the name the replacement gives. */
    LABEL_MAP("labelmap"),
    /** Deletes every label whose name matches the regex. */
    LABEL_DROP("labeldrop"),
    /** Deletes every label whose name does not match the regex. */
    LABEL_KEEP("labelkeep"),
    /** Sets {@code target_label} to the joined source values in lower case. */
    LOWERCASE("lowercase"),
    /** Sets {@code target_label} to the joined source values in upper case. */
    UPPERCASE("uppercase");

    private final String configName;

    RelabelAction(final String configName)
    {
        this.configName = configName;
    }

    /**
     * The spelling in configuration files and error messages.
     *
     * @return the name, such as {@code keepequal}.
     */
    public String configName()
    {
        return configName;
    }

    /**
     * Looks an action up by its configuration spelling, ignoring case the way Prometheus does (Go's
     * {@code strings.ToLower}, so {@code KEEP} and {@code Keep} are {@link #KEEP}).
     *
     * @param name the text of the {@code action} field.
     * @return the action.
     * @throws InvalidRelabelConfigException naming the text when no action has that name.
     */
    public static RelabelAction fromConfigName(final String name)
    {
        final String lower = GoCaseMapping.toLowerCase(name);
        for (final RelabelAction action : values())
        {
            if (action.configName.equals(lower))
            {
                return action;
            }
        }
        throw new InvalidRelabelConfigException("unknown relabel action " + GoStringLiteral.quote(name));
    }

    /**
     * The configuration spelling, as Prometheus prints actions in messages.
     *
     * @return {@link #configName()}.
     */
    @Override
    public String toString()
    {
        return configName;
    }
}
