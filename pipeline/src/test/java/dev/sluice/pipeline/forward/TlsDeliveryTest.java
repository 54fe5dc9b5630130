package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.parser.testkit.DebianServers;
import dev.sluice.parser.testkit.LocalServerProcess;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * {@code tls_config} and {@code enable_http2} against real servers over TLS, with a PKI made for the test:
 * VictoriaMetrics with {@code -tls} (which offers no ALPN, so HTTP/2 falls back to HTTP/1.1) and Prometheus 2.42
 * with a {@code --web.config.file} (which offers {@code h2}, and can demand a client certificate).
 */
class TlsDeliveryTest
{
    /** An empty {@code WriteRequest}, Snappy-compressed: a valid write of nothing, answered 204. */
    private static final byte[] EMPTY_WRITE = {0};

    @TempDir
    static Path directory;
    private static TestCertificates pki;

    @BeforeAll
    static void makeCertificates()
    {
        pki = TestCertificates.create(directory);
    }

    private static LocalServerProcess victoria(final Path cert, final Path key)
    {
        return LocalServerProcess.start(DebianServers.victoriaMetrics()
            .withExtraArguments("-tls", "-tlsCertFile=" + cert, "-tlsKeyFile=" + key).withPortReadiness());
    }

    private static LocalServerProcess prometheus(final String clientAuth) throws IOException
    {
        final Path web = Files.createTempFile(directory, "web", ".yml");
        // Prometheus refuses a client CA without a policy that asks for client certificates.
        Files.writeString(web, "tls_server_config:\n  cert_file: " + pki.serverCert + "\n  key_file: " +
            pki.serverKey + "\n  client_auth_type: " + clientAuth + "\n" +
            (clientAuth.equals("NoClientCert") ? "" : "  client_ca_file: " + pki.ca + "\n"), StandardCharsets.UTF_8);
        return LocalServerProcess.start(DebianServers.prometheus().withExtraArguments(
            "--web.enable-remote-write-receiver", "--web.config.file=" + web).withPortReadiness());
    }

    private static RemoteWriteConfig entry(final String host, final int port, final String more)
    {
        return RemoteWriteConfig.fromYaml("- url: https://" + host + ":" + port + "/api/v1/write\n" +
            "  remote_timeout: 5s\n" +
            "  queue_config: {max_samples_per_send: 25, batch_send_deadline: 50ms, min_backoff: 10ms, " +
            "max_backoff: 100ms}\n" + more, directory).get(0);
    }

    private static long startMs()
    {
        return (System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10)) / 1000 * 1000;
    }

    private static ScrapeWorkload run(final RemoteWriteConfig config, final int scrapes)
    {
        final ScrapeWorkload workload = new ScrapeWorkload(
            log -> config.toEndpoint(TestEventLoop.group(), 1, Map.of(), log::add), startMs());
        for (int k = 0; k < scrapes; k++)
        {
            workload.scrape();
        }
        workload.flush();
        return workload;
    }

    private static long expected(final ScrapeWorkload workload)
    {
        return workload.committed.sampleCount() +
            workload.committed.staleMarkers().values().stream().mapToInt(Integer::intValue).sum();
    }

    private static void awaitDelivered(final ScrapeWorkload workload) throws InterruptedException
    {
        final ForwarderMetrics metrics = workload.endpoint.metrics();
        final long expected = expected(workload);
        Awaits.until(() -> metrics.samplesSent() + metrics.samplesFailed() == expected, Duration.ofSeconds(30),
            () -> "sent " + metrics.samplesSent() + " of " + expected + "; log " + workload.log);
        assertEquals(0, metrics.samplesFailed(), () -> "rejected: " + workload.log);
    }

    private static void awaitRetriedWithoutDelivery(final ScrapeWorkload workload, final String logged)
        throws InterruptedException
    {
        final ForwarderMetrics metrics = workload.endpoint.metrics();
        Awaits.until(() -> metrics.requestsRetried() >= 3, Duration.ofSeconds(30),
            () -> "retried " + metrics.requestsRetried() + "; log " + workload.log);
        assertEquals(0, metrics.samplesSent());
        assertEquals(0, metrics.samplesFailed(), "a TLS failure is retried, never a rejection");
        assertTrue(workload.log.stream().anyMatch(line -> line.contains(logged)), () -> workload.log.toString());
    }

    @Test
    void aWriteOverHttpsWithCaFileIsReadBackExactly() throws IOException, InterruptedException
    {
        try (LocalServerProcess victoria = victoria(pki.serverCert, pki.serverKey);
            ScrapeWorkload workload = run(entry("localhost", victoria.port(), "  tls_config: {ca_file: ca.pem}\n"), 8))
        {
            awaitDelivered(workload);
            final HttpClient client = HttpClient.newBuilder().sslContext(pki.trustingCa()).build();
            final Map<String, List<String>> expected = workload.committed.samples();
            final String base = "https://localhost:" + victoria.port();
            Awaits.until(() -> expected.equals(read(base, client)), Duration.ofSeconds(20),
                () -> "VictoriaMetrics holds " + read(base, client) + "\nexpected " + expected);
        }
    }

    private static Map<String, List<String>> read(final String base, final HttpClient client)
    {
        return TsdbReadBack.victoriaMetricsOrFailure(base, client);
    }

    @Test
    void aServerSignedByAnotherCaFailsTheHandshakeAndIsRetriedAndCounted() throws InterruptedException
    {
        try (LocalServerProcess victoria = victoria(pki.serverCert, pki.serverKey);
            ScrapeWorkload workload = run(entry("localhost", victoria.port(),
                "  tls_config: {ca_file: other-ca.pem}\n"), 1))
        {
            awaitRetriedWithoutDelivery(workload, "TLS handshake with https://localhost:");
        }
    }

    @Test
    void theJdkTrustStoreDoesNotTrustTheTestCaButInsecureSkipVerifyDoes() throws InterruptedException
    {
        try (LocalServerProcess victoria = victoria(pki.serverCert, pki.serverKey))
        {
            try (ScrapeWorkload workload = run(entry("localhost", victoria.port(), ""), 1))
            {
                awaitRetriedWithoutDelivery(workload, "TLS handshake with");
            }
            try (ScrapeWorkload workload = run(entry("localhost", victoria.port(),
                "  tls_config: {insecure_skip_verify: true}\n"), 2))
            {
                awaitDelivered(workload);
            }
        }
    }

    @Test
    void serverNameIsTheNameTheCertificateIsCheckedAgainst() throws InterruptedException
    {
        try (LocalServerProcess victoria = victoria(pki.namedServerCert, pki.namedServerKey))
        {
            try (ScrapeWorkload workload = run(entry("127.0.0.1", victoria.port(),
                "  tls_config: {ca_file: ca.pem, server_name: sluice-db.test}\n"), 2))
            {
                awaitDelivered(workload);
            }
            try (ScrapeWorkload workload = run(entry("127.0.0.1", victoria.port(),
                "  tls_config: {ca_file: ca.pem}\n"), 1))
            {
                awaitRetriedWithoutDelivery(workload, "TLS handshake with https://127.0.0.1:");
            }
            try (ScrapeWorkload workload = run(entry("127.0.0.1", victoria.port(),
                "  tls_config: {ca_file: ca.pem, server_name: other.test}\n"), 1))
            {
                awaitRetriedWithoutDelivery(workload, "TLS handshake with https://127.0.0.1:");
            }
        }
    }

    private static String protocolOfAnEmptyWrite(final int port, final String tlsAndHttp2)
        throws IOException, InterruptedException
    {
        final RemoteWriteConfig config = entry("localhost", port, tlsAndHttp2);
        try (HttpWriteConnection connection = new HttpWriteConnection(TestEventLoop.group(), config.url(),
            Duration.ofSeconds(10), config.http()))
        {
            final HttpHeaders headers = new DefaultHttpHeaders().set("Content-Type", "application/x-protobuf")
                .set("Content-Encoding", "snappy").set("X-Prometheus-Remote-Write-Version", "0.1.0");
            WriteResponse response = connection.post(Unpooled.wrappedBuffer(EMPTY_WRITE), headers);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (response.status() == 503 && System.nanoTime() < deadline)
            {
                // Prometheus listens before its TSDB is open and answers 503 until then.
                Thread.sleep(100);
                response = connection.post(Unpooled.wrappedBuffer(EMPTY_WRITE), headers);
            }
            assertEquals(204, response.status(), response::body);
            final String first = connection.negotiatedProtocol();
            assertEquals(204, connection.post(Unpooled.wrappedBuffer(EMPTY_WRITE), headers).status());
            assertEquals(first, connection.negotiatedProtocol(), "the second write reuses the connection");
            return first;
        }
    }

    @Test
    void http2IsNegotiatedByAlpnWhenEnabledAndOfferedAndHttp11Otherwise() throws IOException, InterruptedException
    {
        try (LocalServerProcess prometheus = prometheus("NoClientCert"))
        {
            assertEquals("h2", protocolOfAnEmptyWrite(prometheus.port(),
                "  tls_config: {ca_file: ca.pem}\n  enable_http2: true\n"));
            assertEquals("http/1.1", protocolOfAnEmptyWrite(prometheus.port(),
                "  tls_config: {ca_file: ca.pem}\n  enable_http2: false\n"));
            assertEquals("http/1.1", protocolOfAnEmptyWrite(prometheus.port(), "  tls_config: {ca_file: ca.pem}\n"),
                "enable_http2 is false by default for remote write");
        }
        try (LocalServerProcess victoria = victoria(pki.serverCert, pki.serverKey))
        {
            assertEquals("http/1.1", protocolOfAnEmptyWrite(victoria.port(),
                "  tls_config: {ca_file: ca.pem}\n  enable_http2: true\n"), "VictoriaMetrics offers no h2");
        }
    }

    @Test
    void mutualTlsDeliversWithTheClientCertificateOverHttp2AndFailsWithoutOne() throws IOException, InterruptedException
    {
        try (LocalServerProcess prometheus = prometheus("RequireAndVerifyClientCert"))
        {
            try (ScrapeWorkload workload = run(entry("localhost", prometheus.port(),
                "  enable_http2: true\n  tls_config: {ca_file: ca.pem, cert_file: client.pem, key_file: client.key}\n"),
                8))
            {
                awaitDelivered(workload);
            }
            try (ScrapeWorkload workload = run(entry("localhost", prometheus.port(),
                "  tls_config: {ca_file: ca.pem}\n"), 1))
            {
                awaitRetriedWithoutDelivery(workload, "Received fatal alert: bad_certificate");
            }
        }
    }
}
