package dev.sluice.pipeline.relabel;

/**
 * A relabel rule, or a list of rules, that Prometheus would refuse to load. The message carries Prometheus' wording of
 * the problem, prefixed with where the rule was found when it came from YAML; {@link #reason()} is the bare wording.
 */
public final class InvalidRelabelConfigException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    /** The problem in Prometheus' words, without location. */
    private final String reason;

    /**
     * A problem found in a rule built in code.
     *
     * @param reason the problem in Prometheus' words.
     */
    public InvalidRelabelConfigException(final String reason)
    {
        super(reason);
        this.reason = reason;
    }

    /**
     * A problem found at a place in a configuration document.
     *
     * @param location where, such as {@code metric_relabel_configs[2] at line 7}.
     * @param reason   the problem in Prometheus' words.
     */
    public InvalidRelabelConfigException(final String location, final String reason)
    {
        super(location + ": " + reason);
        this.reason = reason;
    }

    /**
     * The problem in Prometheus' words, the text Prometheus' own error contains.
     *
     * @return the reason.
     */
    public String reason()
    {
        return reason;
    }
}
