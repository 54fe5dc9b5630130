package dev.sluice.parser;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.testkit.DebianServers;
import dev.sluice.parser.testkit.LocalServerProcess;
import dev.sluice.parser.testkit.ParsedExposition;
import dev.sluice.parser.testkit.ParsedExposition.Sample;

/**
 * Scrapes the {@code /metrics} endpoint of real servers from Debian packages, once asking for Prometheus text
 * 0.0.4 and once for OpenMetrics 1.0.0, and parses each body with the cursor its Content-Type names. A server
 * that does not offer OpenMetrics answers the second request with text, which is then what is parsed: the
 * Debian 12 builds of the four Go servers do so. The exporter built on the official Python client does serve
 * OpenMetrics, so the OpenMetrics cursor reads a real producer's output there.
 */
class RealExporterScrapeTest
{
    private static final String ACCEPT_TEXT = "text/plain;version=0.0.4";
    private static final String ACCEPT_OPENMETRICS = "application/openmetrics-text;version=1.0.0";
    private static final List<String> ACCEPTS = List.of(ACCEPT_TEXT, ACCEPT_OPENMETRICS);
    /** 2001-09-09 in seconds: any process start time or push time below it is not plausible. */
    private static final double PLAUSIBLE_EPOCH_SECONDS = 1.0e9;

    @Test
    void nodeExporterMetricsParseInBothFormats()
    {
        try (LocalServerProcess server = LocalServerProcess.start(DebianServers.nodeExporter()))
        {
            for (final String accept : ACCEPTS)
            {
                final ParsedExposition metrics = scrapeAndParse(server, accept);
                assertBuildInfo(metrics, "node_exporter_build_info");
                assertProcessMetrics(metrics, true);
                final List<Sample> cpu = metrics.named("node_cpu_seconds_total");
                assertFalse(cpu.isEmpty(), "node_cpu_seconds_total missing");
                for (final Sample sample : cpu)
                {
                    assertEquals(MetricType.COUNTER, sample.type());
                    assertTrue(sample.label("cpu") != null && sample.label("mode") != null, sample::toString);
                    assertTrue(sample.value() >= 0 && Double.isFinite(sample.value()), sample::toString);
                }
                assertSummaryQuantilesNormalised(metrics, "go_gc_duration_seconds");
                assertHistogramInfBucketsEqualCounts(metrics);
            }
        }
    }

    @Test
    void pushgatewayServesPushedFamiliesInBothFormats()
    {
        try (LocalServerProcess server = LocalServerProcess.start(DebianServers.pushgateway()))
        {
            final String pushed =
                "# TYPE sluice_it_requests_total counter\n" +
                "sluice_it_requests_total{path=\"/a\"} 42\n" +
                "# TYPE sluice_it_latency_seconds histogram\n" +
                "sluice_it_latency_seconds_bucket{le=\"0.1\"} 3\n" +
                "sluice_it_latency_seconds_bucket{le=\"1\"} 5\n" +
                "sluice_it_latency_seconds_bucket{le=\"+Inf\"} 6\n" +
                "sluice_it_latency_seconds_sum 2.5\n" +
                "sluice_it_latency_seconds_count 6\n";
            final HttpResponse<byte[]> push = server.send("PUT", "/metrics/job/sluice_it/instance/it",
                "text/plain; version=0.0.4", pushed.getBytes(StandardCharsets.UTF_8));
            assertTrue(push.statusCode() / 100 == 2,
                () -> "push answered " + push.statusCode() + ": " + new String(push.body(), StandardCharsets.UTF_8));

            for (final String accept : ACCEPTS)
            {
                final ParsedExposition metrics = scrapeAndParse(server, accept);
                assertBuildInfo(metrics, "pushgateway_build_info");
                assertProcessMetrics(metrics, true);

                final Sample requests = single(metrics, "sluice_it_requests_total");
                assertEquals(42.0, requests.value());
                assertEquals(MetricType.COUNTER, requests.type());
                assertEquals(Map.of("instance", "it", "job", "sluice_it", "path", "/a"), requests.labels());

                final List<Sample> buckets = metrics.named("sluice_it_latency_seconds_bucket");
                final Map<String, Double> countByBound = new LinkedHashMap<>();
                buckets.forEach(bucket -> countByBound.put(bucket.label("le"), bucket.value()));
                assertEquals(Map.of("0.1", 3.0, "1.0", 5.0, "+Inf", 6.0), countByBound);
                assertEquals(2.5, single(metrics, "sluice_it_latency_seconds_sum").value());
                assertHistogramInfBucketsEqualCounts(metrics);

                final List<Sample> pushTimes = metrics.find(sample -> sample.name().equals("push_time_seconds") &&
                    "sluice_it".equals(sample.label("job")));
                assertEquals(1, pushTimes.size(), "push_time_seconds of job sluice_it");
                assertTrue(pushTimes.get(0).value() > PLAUSIBLE_EPOCH_SECONDS, pushTimes.get(0)::toString);
            }
        }
    }

    @Test
    void victoriaMetricsSelfMetricsParseInBothFormats()
    {
        try (LocalServerProcess server = LocalServerProcess.start(DebianServers.victoriaMetrics()))
        {
            for (final String accept : ACCEPTS)
            {
                final ParsedExposition metrics = scrapeAndParse(server, accept);
                assertEquals(1.0, single(metrics, "vm_app_version").value());
                // VictoriaMetrics writes no TYPE lines, so its counters are untyped here.
                assertProcessMetrics(metrics, false);
                final List<Sample> listenFlag = metrics.find(sample -> sample.name().equals("flag") &&
                    "httpListenAddr".equals(sample.label("name")));
                assertEquals(1, listenFlag.size(), "flag{name=\"httpListenAddr\"}");
                assertEquals(LocalServerProcess.LOOPBACK_HOST + ":" + server.port(), listenFlag.get(0).label("value"));
            }
        }
    }

    @Test
    void prometheusSelfMetricsParseInBothFormats()
    {
        try (LocalServerProcess server = LocalServerProcess.start(DebianServers.prometheus()))
        {
            for (final String accept : ACCEPTS)
            {
                final ParsedExposition metrics = scrapeAndParse(server, accept);
                assertBuildInfo(metrics, "prometheus_build_info");
                assertProcessMetrics(metrics, true);
                assertEquals(1.0, single(metrics, "prometheus_ready").value());
                final List<Sample> infBuckets = metrics.find(sample ->
                    sample.name().equals("prometheus_http_request_duration_seconds_bucket") &&
                    "+Inf".equals(sample.label("le")));
                assertFalse(infBuckets.isEmpty(), "prometheus_http_request_duration_seconds_bucket{le=\"+Inf\"}");
                assertEquals(MetricType.HISTOGRAM, infBuckets.get(0).type());
                assertTrue(assertHistogramInfBucketsEqualCounts(metrics) >= infBuckets.size());
            }
        }
    }

    @Test
    void pythonClientServesOpenMetricsWhenAskedAndTextOtherwise()
    {
        try (LocalServerProcess server = LocalServerProcess.start(DebianServers.pythonClientExporter()))
        {
            final ParsedExposition text = scrapeAndParse(server, ACCEPT_TEXT);
            final ParsedExposition openMetrics = scrapeAndParse(server, ACCEPT_OPENMETRICS);
            assertEquals(ExpositionFormat.OPENMETRICS, openMetrics.format());
            for (final ParsedExposition metrics : List.of(text, openMetrics))
            {
                assertProcessMetrics(metrics, true);
                final Sample requests = single(metrics, "sluice_it_requests_total");
                assertEquals(42.0, requests.value());
                assertEquals(MetricType.COUNTER, requests.type());
                assertEquals(Map.of("path", "/a"), requests.labels());

                final Map<String, Double> countByBound = new LinkedHashMap<>();
                metrics.named("sluice_it_latency_seconds_bucket")
                    .forEach(bucket -> countByBound.put(bucket.label("le"), bucket.value()));
                assertEquals(Map.of("0.1", 3.0, "1.0", 5.0, "+Inf", 6.0), countByBound);
                assertEquals(6.15, single(metrics, "sluice_it_latency_seconds_sum").value(), 1e-9);
                assertEquals(1, assertHistogramInfBucketsEqualCounts(metrics));

                assertEquals(2.0, single(metrics, "sluice_it_response_bytes_count").value());
                assertEquals(2048.0, single(metrics, "sluice_it_response_bytes_sum").value());
                assertEquals(-3.25, single(metrics, "sluice_it_temperature_celsius").value());
                assertEquals("1.2.3", single(metrics, "sluice_it_build_info").label("version"));
            }
            assertEquals(MetricType.GAUGE, single(text, "sluice_it_build_info").type());
            assertEquals(MetricType.INFO, single(openMetrics, "sluice_it_build_info").type());

            final Sample created = single(openMetrics, "sluice_it_requests_created");
            final long nowMs = System.currentTimeMillis();
            assertTrue(created.createdMs() != null && created.createdMs() > PLAUSIBLE_EPOCH_SECONDS * 1000 &&
                created.createdMs() <= nowMs, created::toString);
        }
    }

    private static ParsedExposition scrapeAndParse(final LocalServerProcess server, final String accept)
    {
        final HttpResponse<byte[]> response = server.get("/metrics", accept);
        final String what = server + " /metrics with Accept: " + accept;
        assertEquals(200, response.statusCode(), what);
        final String contentType = response.headers().firstValue("Content-Type").orElse("");
        final ExpositionFormat format = ParsedExposition.formatOfContentType(contentType)
            .orElseThrow(() -> new AssertionError(what + " answered Content-Type '" + contentType + "'"));
        if (ACCEPT_TEXT.equals(accept))
        {
            assertEquals(ExpositionFormat.PROMETHEUS_TEXT, format, what + " answered " + contentType);
        }
        final byte[] body = response.body();
        final ParsedExposition parsed = assertDoesNotThrow(() -> ParsedExposition.parse(format, body),
            () -> what + " did not parse as " + format.shortName());
        assertEquals(countSampleLines(body, format), parsed.samples().size(), what + ": samples");
        return parsed;
    }

    /**
     * Lines that hold a sample: in Prometheus text, lines that are neither blank nor comments (leading
     * whitespace ignored); in OpenMetrics, which allows neither blank lines nor leading whitespace, lines that
     * do not start with {@code #}.
     */
    private static int countSampleLines(final byte[] body, final ExpositionFormat format)
    {
        int count = 0;
        for (final String line : new String(body, StandardCharsets.UTF_8).split("\n", -1))
        {
            final String content = format == ExpositionFormat.PROMETHEUS_TEXT ? line.strip() : line;
            if (!content.isEmpty() && content.charAt(0) != '#')
            {
                count++;
            }
        }
        return count;
    }

    private static Sample single(final ParsedExposition metrics, final String name)
    {
        final List<Sample> found = metrics.named(name);
        assertEquals(1, found.size(), () -> name + ": " + found);
        return found.get(0);
    }

    private static void assertBuildInfo(final ParsedExposition metrics, final String name)
    {
        final Sample info = single(metrics, name);
        assertEquals(1.0, info.value());
        assertEquals(MetricType.GAUGE, info.type());
        assertTrue(info.label("version") != null && !info.label("version").isEmpty(), info::toString);
        assertTrue(info.label("goversion") != null && info.label("goversion").startsWith("go"), info::toString);
    }

    private static void assertProcessMetrics(final ParsedExposition metrics, final boolean typed)
    {
        final Sample cpu = single(metrics, "process_cpu_seconds_total");
        assertTrue(cpu.value() >= 0 && cpu.value() < 3600, cpu::toString);
        final Sample started = single(metrics, "process_start_time_seconds");
        final double nowSeconds = System.currentTimeMillis() / 1000.0;
        assertTrue(started.value() > PLAUSIBLE_EPOCH_SECONDS && started.value() <= nowSeconds + 60,
            started::toString);
        assertTrue(single(metrics, "process_resident_memory_bytes").value() > 0);
        if (typed)
        {
            assertEquals(MetricType.COUNTER, cpu.type());
            assertEquals(MetricType.GAUGE, started.type());
        }
    }

    /** The Go client writes quantiles 0 and 1 as {@code 0} and {@code 1}; the cursor reports them as floats. */
    private static void assertSummaryQuantilesNormalised(final ParsedExposition metrics, final String family)
    {
        final List<Sample> quantiles = metrics.named(family);
        assertFalse(quantiles.isEmpty(), family + " missing");
        final List<String> labels = quantiles.stream().map(sample -> sample.label("quantile")).toList();
        assertEquals(List.of("0.0", "0.25", "0.5", "0.75", "1.0"), labels);
        assertEquals(MetricType.SUMMARY, quantiles.get(0).type());
    }

    /**
     * For every histogram series, the {@code +Inf} bucket equals {@code _count} of the same labels.
     *
     * @return the number of series checked.
     */
    private static int assertHistogramInfBucketsEqualCounts(final ParsedExposition metrics)
    {
        final List<Sample> infBuckets = metrics.find(sample -> sample.type() == MetricType.HISTOGRAM &&
            sample.name().endsWith("_bucket") && "+Inf".equals(sample.label("le")));
        for (final Sample bucket : infBuckets)
        {
            final String countName = bucket.name().substring(0, bucket.name().length() - "_bucket".length()) +
                "_count";
            final Map<String, String> seriesLabels = new LinkedHashMap<>(bucket.labels());
            seriesLabels.remove("le");
            final List<Sample> counts = metrics.find(sample -> sample.name().equals(countName) &&
                sample.labels().equals(seriesLabels));
            assertEquals(1, counts.size(), () -> countName + seriesLabels);
            assertEquals(counts.get(0).value(), bucket.value(), bucket::toString);
        }
        return infBuckets.size();
    }
}
