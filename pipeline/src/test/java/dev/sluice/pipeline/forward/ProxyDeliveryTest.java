package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.parser.testkit.DebianServers;
import dev.sluice.parser.testkit.LocalServerProcess;
import dev.sluice.parser.testkit.ServerDefinition;

/**
 * {@code proxy_url}, {@code proxy_connect_header} and {@code no_proxy} through a real proxy, Debian's
 * {@code tinyproxy} with basic authentication, to real VictoriaMetrics over http (absolute-form requests) and https
 * ({@code CONNECT} tunnels): the proxy's own log shows each request, the samples are read back, and the proxy's
 * password appears in no log line, error or {@code toString()}.
 */
class ProxyDeliveryTest
{
    private static final String USER = "sluice";
    private static final String PASSWORD = "pr0xy-s3cret";

    @TempDir
    static Path directory;
    private static TestCertificates pki;

    @BeforeAll
    static void makeCertificates()
    {
        pki = TestCertificates.create(directory);
    }

    /** tinyproxy in the foreground on a free loopback port, asking for basic authentication, logging each request. */
    private static LocalServerProcess tinyproxy()
    {
        return LocalServerProcess.start(new ServerDefinition("tinyproxy", Path.of("/usr/bin/tinyproxy"), "tinyproxy",
            ServerDefinition.PORT_READINESS, (host, port, dir) ->
            {
                final Path config = dir.resolve("tinyproxy.conf");
                Files.writeString(config, "Port " + port + "\nListen " + host + "\nTimeout 60\nLogLevel Info\n" +
                    "MaxClients 20\nAllow " + host + "\nBasicAuth " + USER + " " + PASSWORD + "\n",
                    StandardCharsets.UTF_8);
                return List.of("-d", "-c", config.toString());
            }));
    }

    private static long startMs()
    {
        return (System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10)) / 1000 * 1000;
    }

    private static ScrapeWorkload run(final String yaml, final int scrapes)
    {
        final RemoteWriteConfig config = RemoteWriteConfig.fromYaml(yaml +
            "  remote_timeout: 5s\n" +
            "  queue_config: {max_samples_per_send: 25, batch_send_deadline: 50ms, min_backoff: 10ms, " +
            "max_backoff: 100ms}\n", directory).get(0);
        assertFalse(config.toString().contains(PASSWORD), config::toString);
        final ScrapeWorkload workload = new ScrapeWorkload(
            log -> config.toEndpoint(TestEventLoop.group(), 1, Map.of(), log::add), startMs());
        for (int k = 0; k < scrapes; k++)
        {
            workload.scrape();
        }
        workload.flush();
        return workload;
    }

    private static void awaitDelivered(final ScrapeWorkload workload) throws InterruptedException
    {
        final ForwarderMetrics metrics = workload.endpoint.metrics();
        final long expected = workload.committed.sampleCount() +
            workload.committed.staleMarkers().values().stream().mapToInt(Integer::intValue).sum();
        Awaits.until(() -> metrics.samplesSent() + metrics.samplesFailed() == expected, Duration.ofSeconds(30),
            () -> "sent " + metrics.samplesSent() + " of " + expected + "; log " + workload.log);
        assertEquals(0, metrics.samplesFailed(), () -> "rejected: " + workload.log);
    }

    private static void awaitReadBack(final ScrapeWorkload workload, final LocalServerProcess victoria)
        throws InterruptedException
    {
        final Map<String, List<String>> expected = workload.committed.samples();
        Awaits.until(() -> expected.equals(read(victoria)), Duration.ofSeconds(20),
            () -> "VictoriaMetrics holds " + read(victoria) + "\nexpected " + expected);
    }

    private static Map<String, List<String>> read(final LocalServerProcess victoria)
    {
        try
        {
            return victoria.definition().arguments("", 0, directory).contains("-tls") ?
                TsdbReadBack.victoriaMetrics("https://127.0.0.1:" + victoria.port(),
                    HttpClient.newBuilder().sslContext(pki.trustingCa()).build()) :
                TsdbReadBack.victoriaMetrics(victoria.port());
        }
        catch (final IOException ex)
        {
            return Map.of("read failed", List.of(ex.toString()));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static long count(final String log, final String regex)
    {
        return Pattern.compile(regex).matcher(log).results().count();
    }

    @Test
    void httpWritesGoThroughTheProxyInAbsoluteFormWithItsCredentials() throws InterruptedException
    {
        try (LocalServerProcess proxy = tinyproxy();
            LocalServerProcess victoria = LocalServerProcess.start(DebianServers.victoriaMetrics());
            ScrapeWorkload workload = run("- url: http://127.0.0.1:" + victoria.port() + "/api/v1/write\n" +
                "  proxy_url: http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + proxy.port() + "\n", 8))
        {
            awaitDelivered(workload);
            awaitReadBack(workload, victoria);
            final String proxyLog = proxy.logTail();
            assertTrue(count(proxyLog, "Request \\(file descriptor \\d+\\): POST http://127\\.0\\.0\\.1:" +
                victoria.port() + "/api/v1/write HTTP/1\\.1") >= 1, proxyLog);
            assertEquals(0, count(proxyLog, "407"), proxyLog);
            assertTrue(workload.log.stream().noneMatch(line -> line.contains(PASSWORD)));
        }
    }

    @Test
    void httpsWritesTunnelThroughConnectWithTheConnectHeaders() throws InterruptedException
    {
        final String credentials = Base64.getEncoder().encodeToString(
            (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (LocalServerProcess proxy = tinyproxy();
            LocalServerProcess victoria = LocalServerProcess.start(DebianServers.victoriaMetrics().withExtraArguments(
                "-tls", "-tlsCertFile=" + pki.serverCert, "-tlsKeyFile=" + pki.serverKey).withPortReadiness());
            ScrapeWorkload workload = run("- url: https://127.0.0.1:" + victoria.port() + "/api/v1/write\n" +
                "  tls_config: {ca_file: ca.pem}\n" +
                "  proxy_url: http://127.0.0.1:" + proxy.port() + "\n" +
                "  proxy_connect_header: {Proxy-Authorization: ['Basic " + credentials + "']}\n", 8))
        {
            awaitDelivered(workload);
            awaitReadBack(workload, victoria);
            final String proxyLog = proxy.logTail();
            assertTrue(count(proxyLog, "Request \\(file descriptor \\d+\\): CONNECT 127\\.0\\.0\\.1:" +
                victoria.port() + " HTTP/1\\.1") >= 1, proxyLog);
            assertEquals(0, count(proxyLog, "POST"), "the write itself is inside the tunnel");
        }
    }

    @Test
    void aProxyRefusingTheCredentialsIsARetriedFailureThatNamesNoPassword() throws InterruptedException
    {
        try (LocalServerProcess proxy = tinyproxy();
            LocalServerProcess victoria = LocalServerProcess.start(DebianServers.victoriaMetrics().withExtraArguments(
                "-tls", "-tlsCertFile=" + pki.serverCert, "-tlsKeyFile=" + pki.serverKey).withPortReadiness());
            ScrapeWorkload workload = run("- url: https://127.0.0.1:" + victoria.port() + "/api/v1/write\n" +
                "  tls_config: {ca_file: ca.pem}\n" +
                "  proxy_url: http://" + USER + ":wrong-" + PASSWORD + "@127.0.0.1:" + proxy.port() + "\n", 1))
        {
            final ForwarderMetrics metrics = workload.endpoint.metrics();
            Awaits.until(() -> metrics.requestsRetried() >= 3, Duration.ofSeconds(30), workload.log::toString);
            assertEquals(0, metrics.samplesSent());
            // tinyproxy refuses a CONNECT with 401 where RFC 9110 says 407; either way the proxy's answer is named.
            final String refusal = "through http://127.0.0.1:" + proxy.port() + ": ";
            assertTrue(workload.log.stream().anyMatch(line -> line.contains(refusal) &&
                line.contains("status: 401 Unauthorized")), workload.log::toString);
            assertTrue(workload.log.stream().noneMatch(line -> line.contains(PASSWORD)), workload.log::toString);
        }
    }

    @Test
    void theOauth2TokenIsFetchedThroughTheProxyOfTheOauth2Block() throws InterruptedException
    {
        try (LocalServerProcess proxy = tinyproxy();
            LoopbackHttpServer tokens = new LoopbackHttpServer(TestEventLoop.group(), request -> LoopbackHttpServer
                .Reply.of(200, "Content-Type", "application/json", "{\"access_token\":\"via-proxy\"}"));
            ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0);
            ScrapeWorkload workload = run("- url: http://127.0.0.1:" + receiver.port() + "/api/v1/write\n" +
                "  oauth2:\n    client_id: sluice\n    token_url: " + tokens.url("/token") + "\n" +
                "    proxy_url: http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + proxy.port() + "\n", 1))
        {
            awaitDelivered(workload);
            assertTrue(count(proxy.logTail(), "Request \\(file descriptor \\d+\\): POST " +
                Pattern.quote(tokens.url("/token")) + " HTTP/1\\.1") >= 1, proxy.logTail());
            assertEquals(0, count(proxy.logTail(), "/api/v1/write"), "the write itself goes direct");
            assertTrue(receiver.received().stream().allMatch(w -> "Bearer via-proxy".equals(
                w.headers().get("Authorization"))));
        }
    }

    @Test
    void noProxyHostsGoStraightToTheEndpoint() throws InterruptedException
    {
        try (LocalServerProcess victoria = LocalServerProcess.start(DebianServers.victoriaMetrics());
            ScrapeWorkload workload = run("- url: http://127.0.0.1:" + victoria.port() + "/api/v1/write\n" +
                "  proxy_url: http://127.0.0.1:" + LocalServerProcess.freeLoopbackPort() + "\n" +
                "  no_proxy: db.example,127.0.0.1\n", 2))
        {
            awaitDelivered(workload);
            awaitReadBack(workload, victoria);
        }
    }
}
