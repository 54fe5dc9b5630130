package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.forward.LoopbackHttpServer.Reply;
import dev.sluice.pipeline.forward.LoopbackHttpServer.Request;
import dev.sluice.pipeline.forward.http.ProxySettings;
import dev.sluice.pipeline.forward.http.TlsSettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * {@code oauth2} client credentials against a loopback token endpoint (no OAuth 2 server is packaged in Debian) and
 * a loopback write receiver that records headers (VictoriaMetrics ignores {@code Authorization}): the form Go's
 * {@code oauth2} package sends, client authentication by Basic with the fallback to the form, the token reused
 * until 10 seconds before it expires and then fetched again, and a token failure retried as a failed send.
 */
class OAuth2DeliveryTest
{
    private static final String SECRET = "s3cr&t";

    private static Reply token(final String accessToken, final int expiresIn)
    {
        return Reply.of(200, "Content-Type", "application/json", "{\"access_token\":\"" + accessToken + "\"," +
            "\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + ",\"scope\":\"write read\"," +
            "\"extra\":{\"a\":[1]}}");
    }

    private static Function<Request, Reply> numberedTokens(final int expiresIn)
    {
        final AtomicInteger issued = new AtomicInteger();
        return request -> token("tok-" + issued.incrementAndGet(), expiresIn);
    }

    private static ScrapeWorkload run(final String yaml, final int scrapes)
    {
        final RemoteWriteConfig config = RemoteWriteConfig.fromYaml(yaml, Path.of(".")).get(0);
        assertFalse(config.toString().contains(SECRET), config::toString);
        final ScrapeWorkload workload = new ScrapeWorkload(
            log -> config.toEndpoint(TestEventLoop.group(), 1, Map.of(), log::add),
            (System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10)) / 1000 * 1000);
        for (int k = 0; k < scrapes; k++)
        {
            workload.scrape();
        }
        workload.flush();
        return workload;
    }

    private static String entry(final ScriptedWriteReceiver receiver, final LoopbackHttpServer tokens)
    {
        return "- url: http://127.0.0.1:" + receiver.port() + "/api/v1/write\n" +
            "  queue_config: {max_samples_per_send: 10, batch_send_deadline: 50ms, min_backoff: 10ms, " +
            "max_backoff: 50ms}\n" +
            "  oauth2:\n    client_id: sluice\n    client_secret: '" + SECRET + "'\n    scopes: [write, read]\n" +
            "    token_url: " + tokens.url("/oauth/token") + "\n    endpoint_params: {audience: metrics}\n";
    }

    private static void awaitDelivered(final ScrapeWorkload workload) throws InterruptedException
    {
        final ForwarderMetrics metrics = workload.endpoint.metrics();
        final long expected = workload.committed.sampleCount() +
            workload.committed.staleMarkers().values().stream().mapToInt(Integer::intValue).sum();
        Awaits.until(() -> metrics.samplesSent() == expected, Duration.ofSeconds(30),
            () -> "sent " + metrics.samplesSent() + " of " + expected + "; log " + workload.log);
    }

    @Test
    void everyWriteCarriesTheBearerTokenOfOneClientCredentialsRequest() throws InterruptedException
    {
        try (LoopbackHttpServer tokens = new LoopbackHttpServer(TestEventLoop.group(), numberedTokens(3600));
            ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0);
            ScrapeWorkload workload = run(entry(receiver, tokens), 4))
        {
            awaitDelivered(workload);
            assertTrue(receiver.received().size() >= 4, "several batches");
            for (final ScriptedWriteReceiver.Received write : receiver.received())
            {
                assertEquals("Bearer tok-1", write.headers().get("Authorization"));
            }
            assertEquals(1, tokens.received().size(), "the token is reused");
            final Request request = tokens.received().get(0);
            assertEquals("POST", request.method());
            assertEquals("/oauth/token", request.uri());
            assertEquals("application/x-www-form-urlencoded", request.headers().get("Content-Type"));
            assertEquals("audience=metrics&grant_type=client_credentials&scope=write+read", request.body());
            assertEquals("Basic " + Base64.getEncoder().encodeToString("sluice:s3cr%26t".getBytes(
                StandardCharsets.UTF_8)), request.headers().get("Authorization"));
            assertTrue(workload.log.stream().noneMatch(line -> line.contains(SECRET)));
        }
    }

    @Test
    void aTokenFailureIsARetriedSendAndTheWriteGoesOutOnceATokenComes() throws InterruptedException
    {
        final AtomicInteger calls = new AtomicInteger();
        try (LoopbackHttpServer tokens = new LoopbackHttpServer(TestEventLoop.group(),
                request -> calls.incrementAndGet() <= 4 ? Reply.of(503, "Content-Type", "text/plain", "down") :
                    token("late", 3600));
            ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0);
            ScrapeWorkload workload = run(entry(receiver, tokens), 1))
        {
            awaitDelivered(workload);
            final ForwarderMetrics metrics = workload.endpoint.metrics();
            assertTrue(metrics.requestsRetried() >= 2, "each failed token fetch is a retried send");
            assertEquals(0, metrics.samplesFailed());
            assertTrue(workload.log.stream().anyMatch(line -> line.contains("oauth2 token endpoint " +
                tokens.url("/oauth/token") + " answered 503")), workload.log::toString);
            assertTrue(receiver.received().stream().allMatch(w -> "Bearer late".equals(w.headers().get(
                "Authorization"))));
        }
    }

    @Test
    void theTokenEndpointIsReachedWithTheTlsConfigOfTheOauth2Block(@TempDir final Path directory)
        throws IOException, InterruptedException
    {
        final TestCertificates pki = TestCertificates.create(directory);
        final SslContext serverTls = SslContextBuilder.forServer(pki.serverCert.toFile(), pki.serverKey.toFile())
            .build();
        try (LoopbackHttpServer tokens = new LoopbackHttpServer(TestEventLoop.group(), serverTls,
                numberedTokens(3600));
            ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(TestEventLoop.group(), 0))
        {
            final String entry = "- url: http://127.0.0.1:" + receiver.port() + "/api/v1/write\n" +
                "  queue_config: {min_backoff: 10ms, max_backoff: 50ms, batch_send_deadline: 50ms}\n" +
                "  oauth2:\n    client_id: sluice\n    token_url: " + tokens.httpsUrl("/token") + "\n";
            try (ScrapeWorkload trusted = run(entry + "    tls_config: {ca_file: " + pki.ca + "}\n", 1))
            {
                awaitDelivered(trusted);
                assertEquals("Bearer tok-1", receiver.received().get(0).headers().get("Authorization"));
            }
            try (ScrapeWorkload untrusted = run(entry, 1))
            {
                final ForwarderMetrics metrics = untrusted.endpoint.metrics();
                Awaits.until(() -> metrics.requestsRetried() >= 2, Duration.ofSeconds(30),
                    untrusted.log::toString);
                assertEquals(0, metrics.samplesSent());
                assertTrue(untrusted.log.stream().anyMatch(line -> line.startsWith("TLS handshake with " +
                    tokens.httpsUrl("/token") + " failed")), untrusted.log::toString);
            }
        }
    }

    private static OAuth2TokenSource source(final LoopbackHttpServer tokens, final AtomicLong clock)
    {
        return new OAuth2TokenSource(TestEventLoop.group(), new OAuth2Config("sluice", ConfigSecret.inline(SECRET),
            List.of(), URI.create(tokens.url("/token")), Map.of(), TlsSettings.DEFAULTS, ProxySettings.NONE),
            Duration.ofSeconds(5), clock::get);
    }

    @Test
    void aTokenIsReusedUntilTenSecondsBeforeItExpiresThenFetchedAgain() throws IOException
    {
        final AtomicLong clock = new AtomicLong(1_000_000);
        try (LoopbackHttpServer tokens = new LoopbackHttpServer(TestEventLoop.group(), numberedTokens(60));
            OAuth2TokenSource source = source(tokens, clock))
        {
            assertEquals("Bearer tok-1", source.headerValue());
            clock.addAndGet(49_999);
            assertEquals("Bearer tok-1", source.headerValue());
            assertEquals(1, tokens.received().size());
            clock.addAndGet(1);
            assertEquals("Bearer tok-2", source.headerValue());
            assertEquals(2, tokens.received().size());
            assertEquals("grant_type=client_credentials", tokens.received().get(1).body(), "no scope when none");
        }
    }

    @Test
    void aTokenWithoutExpiryIsKeptForever() throws IOException
    {
        final AtomicLong clock = new AtomicLong(0);
        try (LoopbackHttpServer tokens = new LoopbackHttpServer(TestEventLoop.group(),
                request -> Reply.of(200, "Content-Type", "application/json", "{\"access_token\":\"forever\"}"));
            OAuth2TokenSource source = source(tokens, clock))
        {
            assertEquals("Bearer forever", source.headerValue());
            clock.set(Long.MAX_VALUE / 2);
            assertEquals("Bearer forever", source.headerValue());
            assertEquals(1, tokens.received().size());
        }
    }

    @Test
    void anEndpointRefusingBasicAuthGetsTheClientInTheFormFromThenOn() throws IOException
    {
        final AtomicLong clock = new AtomicLong(0);
        try (LoopbackHttpServer tokens = new LoopbackHttpServer(TestEventLoop.group(),
                request -> request.headers().contains("Authorization") ?
                    Reply.of(401, "Content-Type", "application/json", "{\"error\":\"invalid_client\"}") :
                    token("form", 20));
            OAuth2TokenSource source = source(tokens, clock))
        {
            assertEquals("Bearer form", source.headerValue());
            clock.addAndGet(11_000);
            assertEquals("Bearer form", source.headerValue());
            assertEquals(3, tokens.received().size(), "Basic refused, then the form twice");
            assertEquals("client_id=sluice&client_secret=s3cr%26t&grant_type=client_credentials",
                tokens.received().get(2).body());
        }
    }

    @Test
    void aTokenAnswerWithoutAnAccessTokenIsAFailureThatQuotesNothing()
    {
        try (LoopbackHttpServer tokens = new LoopbackHttpServer(TestEventLoop.group(),
                request -> Reply.of(200, "Content-Type", "application/json", "{\"token\":\"" + SECRET + "\"}"));
            OAuth2TokenSource source = source(tokens, new AtomicLong()))
        {
            final IOException error = assertThrows(IOException.class, source::headerValue);
            assertEquals("the token endpoint's answer has no access_token", error.getMessage());
        }
    }
}
