package dev.sluice.pipeline.relabel;

/**
 * Where in a Prometheus configuration a list of relabel rules sits. Prometheus words an empty or null rule differently
 * for each list, and so does the loader.
 */
public enum RelabelSection
{
    /** {@code scrape_configs[].relabel_configs}: rules applied to targets before scraping. */
    TARGET("relabel_configs", "empty or null target relabeling rule in scrape config"),
    /** {@code scrape_configs[].metric_relabel_configs}: rules applied to each new series of a scrape. */
    METRIC("metric_relabel_configs", "empty or null metric relabeling rule in scrape config"),
    /** {@code alerting.alert_relabel_configs}: rules applied to alerts before sending. */
    ALERT("alert_relabel_configs", "empty or null alert relabeling rule"),
    /** {@code alerting.alertmanagers[].relabel_configs}: rules applied to discovered Alertmanagers. */
    ALERTMANAGER("relabel_configs", "empty or null Alertmanager target relabeling rule"),
    /** {@code alerting.alertmanagers[].alert_relabel_configs}: rules applied to alerts sent to one Alertmanager. */
    ALERTMANAGER_ALERT("alert_relabel_configs", "empty or null Alertmanager alert relabeling rule"),
    /** {@code remote_write[].write_relabel_configs}: rules applied to series before they are sent. */
    REMOTE_WRITE("write_relabel_configs", "empty or null relabeling rule in remote write config");

    private final String fieldName;
    private final String nullRuleMessage;

    RelabelSection(final String fieldName, final String nullRuleMessage)
    {
        this.fieldName = fieldName;
        this.nullRuleMessage = nullRuleMessage;
    }

    /**
     * The YAML field that holds the list.
     *
     * @return the field name, such as {@code metric_relabel_configs}.
     */
    public String fieldName()
    {
        return fieldName;
    }

    /**
     * Prometheus' error for a null entry in the list.
     *
     * @return the message.
     */
    public String nullRuleMessage()
    {
        return nullRuleMessage;
    }
}
