package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.config.InvalidConfigException;
import dev.sluice.pipeline.forward.ScriptedWriteReceiver.Answer;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import dev.sluice.protobuf.remote.RemoteWriteHeaders;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.HttpHeaders;

/** An endpoint built from a {@code remote_write} entry sends what the entry configures, and no secret leaks. */
class RemoteWriteConfigEndpointTest
{
    private static EventLoopGroup group;

    @TempDir
    Path configDirectory;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final SeriesTable table = new SeriesTable();

    @BeforeAll
    static void startEventLoop()
    {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopEventLoop()
    {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Sends two samples (one of a series the rules drop) through an endpoint built from the entry. */
    private HttpHeaders send(final ScriptedWriteReceiver receiver, final String entry, final int requests)
        throws InterruptedException
    {
        final RemoteWriteConfig config = RemoteWriteConfig.fromYaml(
            "- url: http://127.0.0.1:" + receiver.port() + "/api/v1/write\n" + entry +
            "  write_relabel_configs: [{source_labels: [__name__], regex: dropped, action: drop}]\n" +
            "  queue_config: {batch_send_deadline: 1h, min_backoff: 5ms, max_backoff: 5ms}\n",
            configDirectory).get(0);
        try (WriteEndpoint endpoint = config.toEndpoint(group, 1, Map.of("cluster", "eu"), log::add))
        {
            endpoint.start();
            final ForwardingSink sink = new ForwardingSink(table, endpoint.batcher(0));
            sink.beginCommit(1, 1, 0);
            sink.sample(table.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "up")),
                System.currentTimeMillis(), Double.doubleToRawLongBits(1));
            sink.sample(table.intern(new LabelSetBuilder().set(LabelSetBuilder.METRIC_NAME, "dropped")),
                System.currentTimeMillis(), Double.doubleToRawLongBits(1));
            sink.endCommit(1, 1, 0);
            sink.flushAll();
            Awaits.until(() -> receiver.received().size() == requests && endpoint.metrics().samplesPending() == 0,
                Duration.ofSeconds(10), () -> "received " + receiver.received().size());
            assertEquals(1, endpoint.metrics().samplesDroppedByRelabel());
        }
        return receiver.received().get(requests - 1).headers();
    }

    @Test
    void remoteWrite1WithBasicAuthFromAPasswordFileAndCustomHeaders() throws Exception
    {
        Files.writeString(configDirectory.resolve("password"), "pw-from-file\n");
        try (ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(group, 0))
        {
            final HttpHeaders headers = send(receiver, """
                  headers: {X-Scope-OrgID: tenant-1}
                  basic_auth: {username: alice, password_file: password}
                """, 1);

            assertEquals("Basic " + Base64.getEncoder().encodeToString(
                "alice:pw-from-file".getBytes(StandardCharsets.UTF_8)), headers.get("Authorization"));
            assertEquals("tenant-1", headers.get("X-Scope-OrgID"));
            assertEquals(RemoteWriteHeaders.CONTENT_TYPE_1, headers.get(RemoteWriteHeaders.CONTENT_TYPE));
            assertEquals(RemoteWriteHeaders.VERSION_1, headers.get(RemoteWriteHeaders.VERSION));
            assertEquals(RemoteWriteHeaders.SNAPPY, headers.get(RemoteWriteHeaders.CONTENT_ENCODING));
        }
    }

    @Test
    void remoteWrite2WithABearerToken() throws Exception
    {
        try (ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(group, 0))
        {
            final HttpHeaders headers = send(receiver, """
                  protobuf_message: io.prometheus.write.v2.Request
                  authorization: {credentials: token-1}
                """, 1);

            assertEquals("Bearer token-1", headers.get("Authorization"));
            assertEquals(RemoteWriteHeaders.CONTENT_TYPE_2, headers.get(RemoteWriteHeaders.CONTENT_TYPE));
            assertEquals(RemoteWriteHeaders.VERSION_2, headers.get(RemoteWriteHeaders.VERSION));
        }
    }

    @Test
    void failedAttemptsAreLoggedWithoutTheCredentials() throws Exception
    {
        try (ScriptedWriteReceiver receiver = new ScriptedWriteReceiver(group, 0,
            new Answer(503, null, "overloaded"), new Answer(400, null, "bad request")))
        {
            send(receiver, """
                  headers: {X-Api-Key: header-secret}
                  basic_auth: {username: alice, password: password-secret}
                """, 2);

            assertEquals(2, log.size(), log::toString);
            for (final String line : log)
            {
                assertFalse(line.contains("header-secret") || line.contains("password-secret") ||
                    line.contains(Base64.getEncoder().encodeToString(
                    "alice:password-secret".getBytes(StandardCharsets.UTF_8))), line);
            }
        }
    }

    @Test
    void anUnreadableCredentialsFileFailsTheBuildNamingTheField()
    {
        final RemoteWriteConfig config = RemoteWriteConfig.fromYaml(
            "- url: http://127.0.0.1:1/write\n  bearer_token_file: missing-token\n", configDirectory).get(0);

        final String message = assertThrows(InvalidConfigException.class,
            () -> config.toEndpoint(group, 1, Map.of(), log::add)).getMessage();

        assertEquals("remote_write[0].bearer_token_file: cannot read " + configDirectory.resolve("missing-token") +
            " (NoSuchFileException)", message);
    }

    @Test
    void aDurableQueueFromTheEntryKeepsItsShardCountAndItsFilesUnderTheEndpointsName()
    {
        final RemoteWriteConfig config = RemoteWriteConfig.fromYaml("- url: http://127.0.0.1:1/api/v1/write\n" +
            "  name: db\n" +
            "  queue_config: {min_shards: 2, max_shards: 10}\n" +
            "  sluice_durable_queue: {directory: queue, segment_bytes: 65536}\n", configDirectory).get(0);
        try (WriteEndpoint endpoint = config.toEndpoint(group, 1, Map.of(), log::add))
        {
            assertEquals(2, endpoint.metrics().shardsMin());
            assertEquals(2, endpoint.metrics().shardsMax(), "a durable endpoint does not reshard");
            assertTrue(Files.exists(configDirectory.resolve("queue/db/queue.meta")));
            assertTrue(Files.isDirectory(configDirectory.resolve("queue/db/shard-1")));
        }
    }
}
