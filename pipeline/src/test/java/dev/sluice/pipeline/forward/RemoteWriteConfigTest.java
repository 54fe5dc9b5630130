package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.pipeline.config.InvalidConfigException;
import dev.sluice.pipeline.forward.RemoteWriteConfig.MetadataConfig;
import dev.sluice.pipeline.forward.RemoteWriteConfig.ProtobufMessage;
import dev.sluice.pipeline.forward.durable.DurableQueueConfig;
import dev.sluice.pipeline.forward.durable.FullPolicy;

/** Reading {@code remote_write} entries: values and defaults, and errors that name the field and its line. */
class RemoteWriteConfigTest
{
    private static final String URL = "- url: http://db:8428/api/v1/write\n";

    @TempDir
    static Path configDirectory;

    private static RemoteWriteConfig one(final String yaml)
    {
        final List<RemoteWriteConfig> entries = RemoteWriteConfig.fromYaml(yaml, configDirectory);
        assertEquals(1, entries.size());
        return entries.get(0);
    }

    private static String basic(final String user, final String password)
    {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments invalid(final String yaml, final String message)
    {
        return Arguments.of(yaml, message);
    }

    private static Arguments valid(final String yaml, final Function<RemoteWriteConfig, Object> value,
        final Object expected)
    {
        return Arguments.of(yaml, value, expected);
    }

    static Stream<Arguments> validConfigs() throws IOException
    {
        Files.writeString(configDirectory.resolve("token"), "file-token\n");
        Files.writeString(configDirectory.resolve("password"), " file-password \n");
        return Stream.of(
            valid(URL, RemoteWriteConfig::name, "remote-write-0"),
            valid(URL, c -> c.url().toString(), "http://db:8428/api/v1/write"),
            valid(URL, RemoteWriteConfig::remoteTimeout, Duration.ofSeconds(30)),
            valid(URL, RemoteWriteConfig::queue, QueueConfig.DEFAULTS.withShards(1, 50)),
            valid(URL, RemoteWriteConfig::maxShards, 50),
            valid(URL, RemoteWriteConfig::protobufMessage, ProtobufMessage.WRITE_REQUEST),
            valid(URL, RemoteWriteConfig::metadata, MetadataConfig.DEFAULTS),
            valid(URL, RemoteWriteConfig::headers, Map.of()),
            valid(URL, c -> c.authorization().headerValue(), null),
            valid(URL, c -> c.writeRelabelConfigs().size(), 0),
            valid(URL, RemoteWriteConfig::sendNativeHistograms, false),
            valid(URL + "  name: vm\n", RemoteWriteConfig::name, "vm"),
            valid(URL + "  remote_timeout: 1m30s\n", RemoteWriteConfig::remoteTimeout, Duration.ofSeconds(90)),
            valid(URL + "  headers: {X-Scope-OrgID: tenant-1, X-Api-Key: k}\n", RemoteWriteConfig::headers,
                Map.of("X-Scope-OrgID", "tenant-1", "X-Api-Key", "k")),
            valid(URL + "  basic_auth: {username: u, password: p}\n", c -> c.authorization().headerValue(),
                basic("u", "p")),
            valid(URL + "  basic_auth: {username: u, password_file: password}\n",
                c -> c.authorization().headerValue(), basic("u", "file-password")),
            valid(URL + "  authorization: {credentials: tok}\n", c -> c.authorization().headerValue(), "Bearer tok"),
            valid(URL + "  authorization: {type: Token, credentials: tok}\n", c -> c.authorization().headerValue(),
                "Token tok"),
            valid(URL + "  authorization: {credentials_file: token}\n", c -> c.authorization().headerValue(),
                "Bearer file-token"),
            valid(URL + "  bearer_token: tok\n", c -> c.authorization().headerValue(), "Bearer tok"),
            valid(URL + "  bearer_token_file: token\n", c -> c.authorization().headerValue(), "Bearer file-token"),
            valid(URL + "  protobuf_message: io.prometheus.write.v2.Request\n", RemoteWriteConfig::protobufMessage,
                ProtobufMessage.REQUEST_V2),
            valid(URL + "  protobuf_message: prometheus.WriteRequest\n", RemoteWriteConfig::protobufMessage,
                ProtobufMessage.WRITE_REQUEST),
            valid(URL + """
                  queue_config:
                    capacity: 500
                    min_shards: 3
                    max_shards: 8
                    max_samples_per_send: 100
                    batch_send_deadline: 2s
                    min_backoff: 50ms
                    max_backoff: 10s
                    retry_on_http_429: true
                    sample_age_limit: 5m
                """, RemoteWriteConfig::queue, new QueueConfig(500, 3, 100, Duration.ofSeconds(2),
                Duration.ofMillis(50), Duration.ofSeconds(10), true, Duration.ofMinutes(5), 8)),
            valid(URL + "  queue_config: {min_shards: 0, max_shards: 4}\n", c -> c.queue().shards(), 1),
            valid(URL + "  queue_config: {min_shards: 0, max_shards: 4}\n", RemoteWriteConfig::maxShards, 4),
            valid(URL + "  queue_config: {min_shards: 0, max_shards: 4}\n", c -> c.queue().maxShards(), 4),
            valid(URL + "  metadata_config: {send: false, send_interval: 30s, max_samples_per_send: 10}\n",
                RemoteWriteConfig::metadata, new MetadataConfig(false, Duration.ofSeconds(30), 10)),
            valid(URL + "  write_relabel_configs: [{regex: a, action: labeldrop}, {regex: b, action: labeldrop}]\n",
                c -> c.writeRelabelConfigs().size(), 2),
            valid(URL + "  send_native_histograms: true\n", RemoteWriteConfig::sendNativeHistograms, true),
            valid(URL, RemoteWriteConfig::durableQueue, null),
            valid(URL + "  sluice_durable_queue: {directory: queue}\n", RemoteWriteConfig::durableQueue,
                DurableQueueConfig.in(configDirectory.resolve("queue"))),
            valid(URL + """
                  sluice_durable_queue:
                    directory: /var/lib/sluice
                    segment_bytes: 65536
                    max_bytes: 4294967296
                    full_policy: drop_newest
                    fsync_each_batch: true
                """, RemoteWriteConfig::durableQueue, new DurableQueueConfig(Path.of("/var/lib/sluice"), 65536,
                4L << 30, FullPolicy.DROP_NEWEST, true)),
            valid(URL, RemoteWriteConfig::sendExemplars, false),
            valid(URL + "  send_exemplars: true\n", RemoteWriteConfig::sendExemplars, true),
            valid(URL + "  tls_config: {}\n  follow_redirects: false\n  enable_http2: false\n" +
                "  send_exemplars: false\n  proxy_url: ''\n", RemoteWriteConfig::name, "remote-write-0"));
    }

    @ParameterizedTest
    @MethodSource("validConfigs")
    void validConfigsReadAsPrometheusReadsThem(
        final String yaml, final Function<RemoteWriteConfig, Object> value, final Object expected)
    {
        assertEquals(expected, value.apply(one(yaml)), yaml);
    }

    static Stream<Arguments> invalidConfigs()
    {
        return Stream.of(
            invalid("- name: x", "remote_write[0].url at line 1: url for remote_write is empty"),
            invalid("- url: ftp://db/write", "remote_write[0].url at line 1: unsupported scheme \"ftp\""),
            invalid("- url: http://db/w\n  extra: 1", "remote_write[0].extra at line 2: field extra not found"),
            invalid("- url: http://db/w\n  remote_timeout: 30",
                "remote_write[0].remote_timeout at line 2: not a valid duration"),
            invalid("- url: http://db/w\n  remote_timeout: 0s",
                "remote_write[0].remote_timeout at line 2: must be positive"),
            invalid("- url: http://db/w\n  headers: {Authorization: x}",
                "remote_write[0].headers.Authorization at line 2: authorization header must be changed"),
            invalid("- url: http://db/w\n  headers: {Host: x}",
                "remote_write[0].headers.Host at line 2: Host is a reserved header"),
            invalid("- url: http://db/w\n  headers: {user-agent: x}",
                "remote_write[0].headers.user-agent at line 2: user-agent is a reserved header"),
            invalid("- url: http://db/w\n  headers: {Transfer-Encoding: x}",
                "remote_write[0].headers.Transfer-Encoding at line 2: Transfer-Encoding is a reserved"),
            invalid("- url: http://db/w\n  headers: {X-Prometheus-Remote-Write-Version: x}",
                "remote_write[0].headers.X-Prometheus-Remote-Write-Version at line 2:" +
                " X-Prometheus-Remote-Write-Version is a reserved"),
            invalid("- url: http://db/w\n  headers: {'a b': x}",
                "remote_write[0].headers.a b at line 2: not a valid header name"),
            invalid("- url: http://db/w\n  headers: {X-Team: \"a\\r\\nb\"}",
                "remote_write[0].headers.X-Team at line 2: header value must not contain a line break"),
            invalid("- url: http://db/w\n  basic_auth: {username: u, password: p, password_file: f}",
                "remote_write[0].basic_auth at line 2: at most one of basic_auth password & password_file"),
            invalid("- url: http://db/w\n  authorization: {type: Basic, credentials: c}",
                "remote_write[0].authorization.type at line 2: authorization type cannot be set to \"basic\""),
            invalid("- url: http://db/w\n  authorization: {credentials: c, credentials_file: f}",
                "remote_write[0].authorization at line 2:" +
                " at most one of authorization credentials & credentials_file"),
            invalid("- url: http://db/w\n  basic_auth: {username: u}\n  bearer_token: t",
                "remote_write[0] at line 1: at most one of basic_auth, authorization, oauth2, bearer_token"),
            invalid("- url: http://db/w\n  basic_auth: {username_file: f}",
                "remote_write[0].basic_auth.username_file at line 2: not supported by Sluice yet"),
            invalid("- url: http://db/w\n  queue_config: {capacity: -1}",
                "remote_write[0].queue_config.capacity at line 2: must be at least 1"),
            invalid("- url: http://db/w\n  queue_config: {capacity: many}",
                "remote_write[0].queue_config.capacity at line 2: cannot unmarshal !!str `many` into int"),
            invalid("- url: http://db/w\n  queue_config: {capacity: 100}",
                "remote_write[0].queue_config at line 2: queue_config needs"),
            invalid("- url: http://db/w\n  queue_config: {min_shards: 5, max_shards: 2}",
                "remote_write[0].queue_config.max_shards at line 2: max_shards must not be below min_shards"),
            invalid("- url: http://db/w\n  queue_config: {min_backoff: 1s, max_backoff: 10ms}",
                "remote_write[0].queue_config.max_backoff at line 2: max_backoff must not be below min_backoff"),
            invalid("- url: http://db/w\n  queue_config: {sample_age_limit: 1x}",
                "remote_write[0].queue_config.sample_age_limit at line 2: not a valid duration"),
            invalid("- url: http://db/w\n  queue_config: {retry_on_http_429: maybe}",
                "remote_write[0].queue_config.retry_on_http_429 at line 2: cannot unmarshal !!str `maybe` into bool"),
            invalid("- url: http://db/w\n  queue_config: {shards: 2}",
                "remote_write[0].queue_config.shards at line 2: field shards not found in type config.QueueConfig"),
            invalid("- url: http://db/w\n  metadata_config: {send_interval: 0}",
                "remote_write[0].metadata_config.send_interval at line 2: must be positive"),
            invalid("- url: http://db/w\n  protobuf_message: v3",
                "remote_write[0].protobuf_message at line 2: invalid protobuf_message value: unknown remote write" +
                " protobuf message v3, supported: prometheus.WriteRequest, io.prometheus.write.v2.Request"),
            invalid("- url: http://db/w\n  sigv4: {region: eu-west-1}",
                "remote_write[0].sigv4 at line 2: not supported by Sluice yet"),
            invalid("- url: http://db/w\n  round_robin_dns: true",
                "remote_write[0].round_robin_dns at line 2: not supported by Sluice yet: only false"),
            invalid("- url: http://db/w\n  send_exemplars: yes please",
                "remote_write[0].send_exemplars at line 2"),
            invalid("- url: http://db/w\n  write_relabel_configs: [{action: nope}]",
                "remote_write[0]: write_relabel_configs[0].action at line 2"),
            invalid("- url: http://db/w\n- url: http://db/v\n  name: remote-write-0",
                "remote_write[1].name at line 2: found multiple remote write configs with job name \"remote-write-0\""),
            invalid("- url: http://db/w\n- ~",
                "remote_write[1] at line 2: empty or null remote write config section"),
            invalid("- url: http://db/w\n  headers: {X-Amz-Date: x}",
                "remote_write[0].headers.X-Amz-Date at line 2: X-Amz-Date is a reserved header." +
                " It must not be changed"),
            invalid("- url: http://db/w\n  sluice_durable_queue: {segment_bytes: 65536}",
                "remote_write[0].sluice_durable_queue.directory at line 2: directory for the durable queue is empty"),
            invalid("- url: http://db/w\n  sluice_durable_queue: {directory: q, full_policy: block}",
                "remote_write[0].sluice_durable_queue.full_policy at line 2: unknown full_policy \"block\""),
            invalid("- url: http://db/w\n  sluice_durable_queue: {directory: q, segment_bytes: 100}",
                "remote_write[0].sluice_durable_queue.segment_bytes at line 2: must be at least 4096"),
            invalid("- url: http://db/w\n  sluice_durable_queue: {directory: q, max_bytes: 8192}",
                "remote_write[0].sluice_durable_queue at line 2: durable queue needs segment_bytes"),
            invalid("- url: http://db/w\n  sluice_durable_queue: {directory: q, size: 1}",
                "remote_write[0].sluice_durable_queue.size at line 2: field size not found"),
            invalid("url: http://db/w",
                "remote_write at line 1: cannot unmarshal !!map into a list of remote write configs"));
    }

    @ParameterizedTest
    @MethodSource("invalidConfigs")
    void invalidConfigsAreRejectedNamingTheFieldAndLine(final String yaml, final String message)
    {
        final InvalidConfigException error = assertThrows(InvalidConfigException.class,
            () -> RemoteWriteConfig.fromYaml(yaml, configDirectory));
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
    }

    @Test
    void anEmptyDocumentHasNoEntries()
    {
        assertEquals(List.of(), RemoteWriteConfig.fromYaml("", configDirectory));
    }

    @Test
    void entriesAreNamedByTheirPlaceUnlessNamed()
    {
        final List<RemoteWriteConfig> entries = RemoteWriteConfig.fromYaml(URL + "- url: http://b/w\n  name: b\n" +
            URL, configDirectory);
        assertEquals(List.of("remote-write-0", "b", "remote-write-2"),
            entries.stream().map(RemoteWriteConfig::name).toList());
        assertSame(ProtobufMessage.WRITE_REQUEST, entries.get(1).protobufMessage());
    }

    @Test
    void secretsAppearNeitherInToStringNorInErrors() throws IOException
    {
        final RemoteWriteConfig config = one(URL + """
              headers: {X-Api-Key: header-secret}
              basic_auth: {username: alice, password: password-secret}
            """);
        final String text = config.toString() + config.authorization();
        assertFalse(text.contains("password-secret") || text.contains("header-secret"), text);
        assertTrue(text.contains("alice") && text.contains("X-Api-Key"), text);

        final String inUrl = assertThrows(InvalidConfigException.class,
            () -> one("- url: http://alice:url-secret@db/write\n")).getMessage();
        assertFalse(inUrl.contains("url-secret"), inUrl);

        final String both = assertThrows(InvalidConfigException.class,
            () -> one(URL + "  basic_auth: {username: a, password: both-secret, password_file: f}\n")).getMessage();
        assertFalse(both.contains("both-secret"), both);

        final Path directory = Files.createTempDirectory(configDirectory, "unreadable");
        final RemoteWriteConfig missing = one(URL + "  authorization: {credentials_file: " + directory + "}\n");
        final String unreadable = assertThrows(InvalidConfigException.class,
            () -> missing.authorization().headerValue()).getMessage();
        assertTrue(unreadable.startsWith("remote_write[0].authorization.credentials_file: cannot read "),
            unreadable);
        assertTrue(missing.toString().contains("Bearer <secret in " + directory + ">"), missing::toString);
    }
}
