package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.parser.testkit.DebianServers;
import dev.sluice.parser.testkit.LocalServerProcess;
import dev.sluice.pipeline.forward.LoopbackHttpServer.Reply;

/**
 * {@code follow_redirects} with a loopback server that redirects every write to a real VictoriaMetrics: 307 and
 * 308 are followed with the same method and body and the samples are read back; with {@code follow_redirects: false},
 * and for 301, 302 and 303 (which Go would turn into a GET without the body), the batch is rejected; a redirect loop
 * gives up after 10 redirects and retries. Every outcome is counted.
 */
class RedirectDeliveryTest
{
    private static long startMs()
    {
        return (System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10)) / 1000 * 1000;
    }

    private static ScrapeWorkload run(final String url, final String more, final int scrapes)
    {
        final RemoteWriteConfig config = RemoteWriteConfig.fromYaml("- url: " + url + "\n  remote_timeout: 5s\n" +
            "  queue_config: {max_samples_per_send: 25, batch_send_deadline: 50ms, min_backoff: 10ms, " +
            "max_backoff: 100ms}\n" + more, Path.of(".")).get(0);
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

    private static LoopbackHttpServer redirecting(final int status, final String target)
    {
        return new LoopbackHttpServer(TestEventLoop.group(),
            request -> Reply.of(status, "Location", target + request.uri(), ""));
    }

    private static void awaitSettled(final ScrapeWorkload workload) throws InterruptedException
    {
        final ForwarderMetrics metrics = workload.endpoint.metrics();
        final long expected = expected(workload);
        Awaits.until(() -> metrics.samplesSent() + metrics.samplesFailed() == expected, Duration.ofSeconds(30),
            () -> "settled " + (metrics.samplesSent() + metrics.samplesFailed()) + " of " + expected + "; log " +
                workload.log);
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void aRedirectKeepingMethodAndBodyIsFollowedToTheDatabase(final int status)
        throws IOException, InterruptedException
    {
        try (LocalServerProcess victoria = LocalServerProcess.start(DebianServers.victoriaMetrics());
            LoopbackHttpServer redirect = redirecting(status, "http://127.0.0.1:" + victoria.port());
            ScrapeWorkload workload = run(redirect.url("/api/v1/write"), "", 8))
        {
            awaitSettled(workload);
            final ForwarderMetrics metrics = workload.endpoint.metrics();
            assertEquals(0, metrics.samplesFailed(), workload.log::toString);
            assertEquals(redirect.received().size(), metrics.redirectsFollowed());
            assertTrue(redirect.received().stream().allMatch(r -> r.method().equals("POST") &&
                r.uri().equals("/api/v1/write") && r.headers().get("Content-Encoding").equals("snappy")));
            final Map<String, List<String>> expected = workload.committed.samples();
            Awaits.until(() -> expected.equals(read(victoria)), Duration.ofSeconds(20),
                () -> "VictoriaMetrics holds " + read(victoria) + "\nexpected " + expected);
        }
    }

    private static Map<String, List<String>> read(final LocalServerProcess victoria)
    {
        return TsdbReadBack.victoriaMetricsOrFailure(victoria.port());
    }

    @Test
    void aFollowedRedirectCarriesTheSameBodyAndHeadersAuthorizationIncluded() throws InterruptedException
    {
        try (LoopbackHttpServer database = new LoopbackHttpServer(TestEventLoop.group(), r -> Reply.of(204, "X", "y",
                ""));
            LoopbackHttpServer redirect = redirecting(307, "http://127.0.0.1:" + database.port() + "/moved");
            ScrapeWorkload workload = run(redirect.url("/api/v1/write?tenant=a"),
                "  basic_auth: {username: u, password: p}\n  headers: {X-Scope-OrgID: team}\n", 2))
        {
            awaitSettled(workload);
            assertEquals(0, workload.endpoint.metrics().samplesFailed(), workload.log::toString);
            assertEquals(redirect.received().size(), database.received().size());
            for (int i = 0; i < database.received().size(); i++)
            {
                final LoopbackHttpServer.Request first = redirect.received().get(i);
                final LoopbackHttpServer.Request moved = database.received().get(i);
                assertEquals("POST", moved.method());
                assertEquals("/moved/api/v1/write?tenant=a", moved.uri());
                assertEquals(first.body(), moved.body());
                for (final String header : List.of("Authorization", "X-Scope-OrgID", "Content-Type",
                    "Content-Encoding", "X-Prometheus-Remote-Write-Version"))
                {
                    assertEquals(first.headers().get(header), moved.headers().get(header), header);
                }
                assertEquals("127.0.0.1:" + database.port(), moved.headers().get("Host"));
            }
        }
    }

    @Test
    void withFollowRedirectsFalseARedirectRejectsTheBatch() throws InterruptedException
    {
        try (LoopbackHttpServer database = new LoopbackHttpServer(TestEventLoop.group(), r -> Reply.of(204, "X", "y",
                ""));
            LoopbackHttpServer redirect = redirecting(307, "http://127.0.0.1:" + database.port());
            ScrapeWorkload workload = run(redirect.url("/api/v1/write"), "  follow_redirects: false\n", 2))
        {
            awaitSettled(workload);
            final ForwarderMetrics metrics = workload.endpoint.metrics();
            assertEquals(expected(workload), metrics.samplesFailed());
            assertEquals(redirect.received().size(), metrics.redirectsNotFollowed());
            assertEquals(metrics.requestsRejected(), metrics.redirectsNotFollowed());
            assertEquals(0, metrics.redirectsFollowed());
            assertEquals(0, database.received().size());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303})
    void aRedirectThatWouldDropTheBodyIsNotFollowedAndRejectsTheBatch(final int status) throws InterruptedException
    {
        try (LoopbackHttpServer database = new LoopbackHttpServer(TestEventLoop.group(), r -> Reply.of(204, "X", "y",
                ""));
            LoopbackHttpServer redirect = redirecting(status, "http://127.0.0.1:" + database.port());
            ScrapeWorkload workload = run(redirect.url("/api/v1/write"), "", 1))
        {
            awaitSettled(workload);
            final ForwarderMetrics metrics = workload.endpoint.metrics();
            assertEquals(expected(workload), metrics.samplesFailed());
            assertEquals(redirect.received().size(), metrics.redirectsNotFollowed());
            assertEquals(0, database.received().size(), "no GET without the body is sent");
            assertTrue(workload.log.stream().anyMatch(line -> line.contains("rejected with " + status)),
                workload.log::toString);
        }
    }

    @Test
    void aRedirectLoopGivesUpAfterTenRedirectsAndRetries() throws InterruptedException
    {
        try (LoopbackHttpServer loop = new LoopbackHttpServer(TestEventLoop.group(),
                request -> Reply.of(308, "Location", request.uri(), ""));
            ScrapeWorkload workload = run(loop.url("/api/v1/write"), "", 1))
        {
            final ForwarderMetrics metrics = workload.endpoint.metrics();
            Awaits.until(() -> metrics.redirectLimitsReached() >= 2, Duration.ofSeconds(30), workload.log::toString);
            workload.endpoint.close();
            assertTrue(metrics.requestsRetried() >= metrics.redirectLimitsReached());
            assertEquals(0, metrics.samplesFailed());
            assertTrue(loop.received().size() >= 2 * (HttpWriteConnection.MAX_REDIRECTS + 1));
            assertTrue(workload.log.stream().anyMatch(line -> line.contains("stopped after 10 redirects")),
                workload.log::toString);
        }
    }
}
