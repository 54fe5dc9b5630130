package dev.sluice.parser.negotiation;

import java.util.List;
import java.util.Locale;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.name.EscapingScheme;

/**
 * The exposition protocols a scrape may ask for, named as in Prometheus' {@code scrape_protocols}, each with the
 * media range it sends in {@code Accept} and the format Sluice parses it with.
 */
public enum ScrapeProtocol
{
    /** Delimited protobuf {@code MetricFamily} messages. */
    PROMETHEUS_PROTO("PrometheusProto",
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
        ExpositionFormat.PROTOBUF, false),
    /** Prometheus text 0.0.4. */
    PROMETHEUS_TEXT_0_0_4("PrometheusText0.0.4", "text/plain;version=0.0.4", ExpositionFormat.PROMETHEUS_TEXT, false),
    /** Prometheus text 1.0.0 (quoted UTF-8 names). */
    PROMETHEUS_TEXT_1_0_0("PrometheusText1.0.0", "text/plain;version=1.0.0", ExpositionFormat.PROMETHEUS_TEXT, true),
    /** OpenMetrics 0.0.1. */
    OPENMETRICS_TEXT_0_0_1("OpenMetricsText0.0.1", "application/openmetrics-text;version=0.0.1",
        ExpositionFormat.OPENMETRICS, false),
    /** OpenMetrics 1.0.0. */
    OPENMETRICS_TEXT_1_0_0("OpenMetricsText1.0.0", "application/openmetrics-text;version=1.0.0",
        ExpositionFormat.OPENMETRICS, true);

    /** Prometheus' default order: the text formats, OpenMetrics first. */
    public static final List<ScrapeProtocol> DEFAULT = List.of(
        OPENMETRICS_TEXT_1_0_0, OPENMETRICS_TEXT_0_0_1, PROMETHEUS_TEXT_1_0_0, PROMETHEUS_TEXT_0_0_4);
    /** Prometheus' order when native histograms are scraped: protobuf first. */
    public static final List<ScrapeProtocol> PROTO_FIRST = List.of(
        PROMETHEUS_PROTO, OPENMETRICS_TEXT_1_0_0, OPENMETRICS_TEXT_0_0_1, PROMETHEUS_TEXT_1_0_0,
        PROMETHEUS_TEXT_0_0_4);

    private final String configName;
    private final String mediaRange;
    private final ExpositionFormat format;
    private final boolean takesEscaping;

    ScrapeProtocol(
        final String configName, final String mediaRange, final ExpositionFormat format, final boolean takesEscaping)
    {
        this.configName = configName;
        this.mediaRange = mediaRange;
        this.format = format;
        this.takesEscaping = takesEscaping;
    }

    /**
     * The name used in {@code scrape_protocols} and {@code fallback_scrape_protocol}.
     *
     * @return the name, such as {@code OpenMetricsText1.0.0}.
     */
    public String configName()
    {
        return configName;
    }

    /**
     * The media range sent in {@code Accept}, without escaping or weight.
     *
     * @return the media range.
     */
    public String mediaRange()
    {
        return mediaRange;
    }

    /**
     * The format a body of this protocol is parsed as.
     *
     * @return the format.
     */
    public ExpositionFormat format()
    {
        return format;
    }

    /**
     * The protocol of a configuration name.
     *
     * @param name a name such as {@code PrometheusProto}.
     * @return the protocol.
     * @throws IllegalArgumentException naming the supported protocols, for an unknown name.
     */
    public static ScrapeProtocol fromConfigName(final String name)
    {
        for (final ScrapeProtocol protocol : values())
        {
            if (protocol.configName.equals(name))
            {
                return protocol;
            }
        }
        final StringBuilder supported = new StringBuilder();
        for (final ScrapeProtocol protocol : values())
        {
            supported.append(supported.length() == 0 ? "" : ", ").append(protocol.configName);
        }
        throw new IllegalArgumentException("unknown scrape protocol " + name + ", supported: " + supported);
    }

    /**
     * The {@code Accept} header Prometheus sends for these protocols, in order of preference: each media range
     * with a weight falling from {@code q=0.6}, the 1.0.0 text formats with the escaping scheme, then
     * {@code *}{@code /*} with the next weight.
     *
     * @param protocols the protocols, most preferred first, without repeats.
     * @param escaping  the escaping scheme the scrape accepts for names.
     * @return the header value.
     */
    public static String acceptHeader(final List<ScrapeProtocol> protocols, final EscapingScheme escaping)
    {
        final StringBuilder header = new StringBuilder(256);
        int weight = values().length + 1;
        for (final ScrapeProtocol protocol : protocols)
        {
            header.append(protocol.mediaRange);
            if (protocol.takesEscaping)
            {
                header.append(";escaping=").append(escaping.headerName());
            }
            header.append(";q=0.").append(weight--).append(',');
        }
        return header.append("*/*;q=0.").append(weight).toString();
    }

    /**
     * The format to parse a response with, from its {@code Content-Type}: OpenMetrics, protobuf
     * {@code MetricFamily} or text by media type, as Prometheus chooses its parser; the fallback protocol's
     * format when the header is missing or names none of them.
     *
     * @param contentType the response's Content-Type, or null.
     * @param fallback    the {@code fallback_scrape_protocol}, or null when none is configured.
     * @return the format.
     * @throws IllegalArgumentException when the type is missing or unknown and there is no fallback.
     */
    public static ExpositionFormat formatOf(final String contentType, final ScrapeProtocol fallback)
    {
        final String type = mediaType(contentType);
        if (type.equals("application/openmetrics-text"))
        {
            return ExpositionFormat.OPENMETRICS;
        }
        if (type.equals("text/plain"))
        {
            return ExpositionFormat.PROMETHEUS_TEXT;
        }
        if (type.equals("application/vnd.google.protobuf") && contentType.toLowerCase(Locale.ROOT)
            .replace(" ", "").contains("proto=io.prometheus.client.metricfamily"))
        {
            return ExpositionFormat.PROTOBUF;
        }
        if (fallback == null)
        {
            throw new IllegalArgumentException("cannot choose a parser for Content-Type \"" +
                (contentType == null ? "" : contentType) + "\" and no fallback_scrape_protocol is configured");
        }
        return fallback.format;
    }

    private static String mediaType(final String contentType)
    {
        if (contentType == null)
        {
            return "";
        }
        final int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
