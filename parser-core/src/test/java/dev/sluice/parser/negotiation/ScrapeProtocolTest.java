package dev.sluice.parser.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.name.EscapingScheme;

class ScrapeProtocolTest
{
    @Test
    void acceptHeaderWeighsProtocolsInOrderAsPrometheusDoes()
    {
        assertEquals("application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.6,"
                + "application/openmetrics-text;version=0.0.1;q=0.5,"
                + "text/plain;version=1.0.0;escaping=underscores;q=0.4,"
                + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2",
            ScrapeProtocol.acceptHeader(ScrapeProtocol.DEFAULT, EscapingScheme.UNDERSCORES));
        assertEquals("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;"
                + "q=0.6,application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
                + "application/openmetrics-text;version=0.0.1;q=0.4,"
                + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1",
            ScrapeProtocol.acceptHeader(ScrapeProtocol.PROTO_FIRST, EscapingScheme.ALLOW_UTF8));
        assertEquals("text/plain;version=0.0.4;q=0.6,*/*;q=0.5",
            ScrapeProtocol.acceptHeader(List.of(ScrapeProtocol.PROMETHEUS_TEXT_0_0_4), EscapingScheme.VALUES));
    }

    @Test
    void contentTypeChoosesTheParser()
    {
        assertEquals(ExpositionFormat.OPENMETRICS,
            ScrapeProtocol.formatOf("application/openmetrics-text; version=1.0.0; charset=utf-8", null));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ScrapeProtocol.formatOf("text/plain; version=0.0.4", null));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ScrapeProtocol.formatOf("Text/Plain", null));
        assertEquals(ExpositionFormat.PROTOBUF, ScrapeProtocol.formatOf(
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited", null));
    }

    @Test
    void missingOrUnknownTypesUseTheFallbackOrFailClearly()
    {
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT,
            ScrapeProtocol.formatOf(null, ScrapeProtocol.PROMETHEUS_TEXT_0_0_4));
        assertEquals(ExpositionFormat.OPENMETRICS,
            ScrapeProtocol.formatOf("application/json", ScrapeProtocol.OPENMETRICS_TEXT_1_0_0));
        assertEquals(ExpositionFormat.PROMETHEUS_TEXT,
            ScrapeProtocol.formatOf("application/vnd.google.protobuf; proto=other.Message",
                ScrapeProtocol.PROMETHEUS_TEXT_1_0_0));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ScrapeProtocol.formatOf("", null));
        assertTrue(ex.getMessage().contains("no fallback_scrape_protocol"), ex.getMessage());
    }

    @Test
    void configNamesRoundTripAndUnknownNamesListTheSupportedOnes()
    {
        for (final ScrapeProtocol protocol : ScrapeProtocol.values())
        {
            assertEquals(protocol, ScrapeProtocol.fromConfigName(protocol.configName()));
        }
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ScrapeProtocol.fromConfigName("PrometheusText2"));
        assertTrue(ex.getMessage().contains("OpenMetricsText1.0.0"), ex.getMessage());
    }
}
