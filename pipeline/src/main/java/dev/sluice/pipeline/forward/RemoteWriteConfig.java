package dev.sluice.pipeline.forward;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.snakeyaml.engine.v2.nodes.Node;

import dev.sluice.pipeline.config.InvalidConfigException;
import dev.sluice.pipeline.forward.durable.DurableQueueConfig;
import dev.sluice.pipeline.forward.http.HttpClientSettings;
import dev.sluice.pipeline.forward.http.TlsContextSource;
import dev.sluice.pipeline.forward.remote.RemoteWrite1BatchEncoder;
import dev.sluice.pipeline.forward.remote.RemoteWrite2BatchEncoder;
import dev.sluice.pipeline.forward.remote.SnappyBodyCompression;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * One {@code remote_write} entry of a Prometheus configuration, read with Prometheus' defaults and checks, and
 * {@link #toEndpoint built} into a {@link WriteEndpoint}. The HTTP client fields are Prometheus' too:
 * {@code tls_config}, {@code proxy_url}, {@code no_proxy}, {@code proxy_from_environment},
 * {@code proxy_connect_header}, {@code follow_redirects} (default true), {@code enable_http2} (default false, as
 * Prometheus 3 defaults it for remote write; 2.x defaulted to true) and {@code oauth2} (client credentials). Fields
 * Sluice cannot honour yet (round-robin DNS, cloud signing, {@code http_headers}, {@code *_ref} secrets) are config
 * errors when set to anything but their "off" value, never ignored. {@code send_exemplars} and
 * {@code metadata_config} are honoured (metadata needs the scrape's metadata records). The endpoint starts with
 * {@code max(min_shards, 1)} shards and reshards up to {@code max_shards} as Prometheus does (fixed at the start
 * count with a durable queue, Sluice's own {@code sluice_durable_queue}). {@code docs/configuration.md} lists every
 * field.
 *
 * <p>Credentials (passwords, tokens, private keys, proxy passwords, header values) never appear in
 * {@link #toString()} nor in error messages.
 */
public final class RemoteWriteConfig
{
    private final String name;
    private final URI url;
    private final Duration remoteTimeout;
    private final Map<String, String> headers;
    private final RequestAuthorization authorization;
    private final RelabelConfigs writeRelabelConfigs;
    private final boolean sendNativeHistograms;
    private final boolean sendExemplars;
    private final ProtobufMessage protobufMessage;
    private final QueueConfig queue;
    private final int maxShards;
    private final MetadataConfig metadata;
    private final HttpClientSettings http;
    private final OAuth2Config oauth2;
    private DurableQueueConfig durableQueue;

    /** Sluice's own field of a {@code remote_write} entry for its durable queue; Prometheus has none. */
    static final String DURABLE_QUEUE_FIELD = "sluice_durable_queue";

    RemoteWriteConfig(
        final String name,
        final URI url,
        final Duration remoteTimeout,
        final Map<String, String> headers,
        final RequestAuthorization authorization,
        final RelabelConfigs writeRelabelConfigs,
        final boolean sendNativeHistograms,
        final boolean sendExemplars,
        final ProtobufMessage protobufMessage,
        final QueueConfig queue,
        final int maxShards,
        final MetadataConfig metadata,
        final HttpClientSettings http,
        final OAuth2Config oauth2)
    {
        this.name = name;
        this.url = url;
        this.remoteTimeout = remoteTimeout;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.authorization = authorization;
        this.writeRelabelConfigs = writeRelabelConfigs;
        this.sendNativeHistograms = sendNativeHistograms;
        this.sendExemplars = sendExemplars;
        this.protobufMessage = protobufMessage;
        this.queue = queue;
        this.maxShards = maxShards;
        this.metadata = metadata;
        this.http = http;
        this.oauth2 = oauth2;
    }

    /**
     * Reads a YAML document that is the {@code remote_write} list; an empty document is an empty list.
     *
     * @param yaml          the document.
     * @param baseDirectory the directory relative credentials files are read from (the configuration file's).
     * @return the entries, in order.
     * @throws InvalidConfigException naming the field, and its line, that Sluice refuses.
     */
    public static List<RemoteWriteConfig> fromYaml(final String yaml, final Path baseDirectory)
    {
        return RemoteWriteYamlReader.read(yaml, baseDirectory);
    }

    /**
     * Reads the value of the {@code remote_write} field of a document the caller composed with snakeyaml-engine.
     *
     * @param node          the sequence of entries, or a null node.
     * @param baseDirectory the directory relative credentials files are read from (the configuration file's).
     * @return the entries, in order.
     * @throws InvalidConfigException naming the field, and its line, that Sluice refuses.
     */
    public static List<RemoteWriteConfig> fromNode(final Node node, final Path baseDirectory)
    {
        return RemoteWriteYamlReader.read(node, baseDirectory);
    }

    /**
     * Builds the endpoint: the wire format of {@code protobuf_message}, Snappy bodies, the configured headers and
     * authorization (credentials files are read now), the HTTP client settings (the TLS files are read and checked
     * now, and again on every new connection), an OAuth 2 token source when {@code oauth2} is set (the token is
     * fetched by the first request), the queue, the external labels and write relabel rules.
     *
     * @param group          the event loop the connections run on, shared by all endpoints.
     * @param workers        the relabel workers that will fill its batches.
     * @param externalLabels {@code global.external_labels}.
     * @param log            receives one line per rejected batch and per failed attempt.
     * @return the endpoint, not started, with its durable queue opened when it has one.
     * @throws InvalidConfigException when a credentials, certificate or key file cannot be read, or its PEM is not a
     *     certificate or key.
     * @throws IllegalStateException  when the durable queue's directory holds a queue of another shard count or
     *     wire format.
     * @throws java.io.UncheckedIOException when the durable queue's directory cannot be used.
     */
    public WriteEndpoint toEndpoint(
        final EventLoopGroup group,
        final int workers,
        final Map<String, String> externalLabels,
        final Consumer<String> log)
    {
        final HttpHeaders extraHeaders = new DefaultHttpHeaders();
        headers.forEach(extraHeaders::add);
        final String credentials = authorization.headerValue();
        if (credentials != null)
        {
            extraHeaders.set(HttpHeaderNames.AUTHORIZATION, credentials);
        }
        HttpClientSettings transport = http;
        if ("https".equalsIgnoreCase(url.getScheme()))
        {
            new TlsContextSource(http.tls(), http.enableHttp2()).current();
        }
        if (oauth2 != null)
        {
            if ("https".equalsIgnoreCase(oauth2.tokenUrl().getScheme()))
            {
                new TlsContextSource(oauth2.tls(), false).current();
            }
            oauth2.clientSecret().read();
            transport = http.withAuthorization(
                new OAuth2TokenSource(group, oauth2, remoteTimeout, System::currentTimeMillis));
        }
        final WriteEndpoint endpoint = new WriteEndpoint(name, group, url, remoteTimeout, queue, workers,
            protobufMessage.encoders(), SnappyBodyCompression::new, extraHeaders,
            new WriteRelabeling(externalLabels, writeRelabelConfigs), log, transport)
            .sendExemplars(sendExemplars).sendMetadata(metadata);
        return durableQueue == null ? endpoint : endpoint.durable(durableQueue);
    }

    /**
     * {@code sluice_durable_queue}, Sluice's own field: where and how the endpoint keeps unsent batches on disk.
     *
     * @return the settings, null when the entry has none (batches are kept in memory only).
     */
    public DurableQueueConfig durableQueue()
    {
        return durableQueue;
    }

    /** Set once by the reader, after the Prometheus fields. */
    void durableQueue(final DurableQueueConfig config)
    {
        durableQueue = config;
    }

    /**
     * {@code name}: in thread names and logs; by default {@code remote-write-<index>}, the entry's place in the list.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * {@code url}: where requests are POSTed.
     *
     * @return an http or https URL without user info.
     */
    public URI url()
    {
        return url;
    }

    /**
     * {@code remote_timeout}: connect plus answer, per attempt; 30 s by default.
     *
     * @return the timeout.
     */
    public Duration remoteTimeout()
    {
        return remoteTimeout;
    }

    /**
     * {@code headers}: added to every request.
     *
     * @return the headers by name; their values may be credentials.
     */
    public Map<String, String> headers()
    {
        return headers;
    }

    /**
     * {@code basic_auth}, {@code authorization} or {@code bearer_token}: the {@code Authorization} header.
     *
     * @return the authorization, {@link RequestAuthorization#NONE} when none is configured.
     */
    public RequestAuthorization authorization()
    {
        return authorization;
    }

    /**
     * {@code write_relabel_configs}: applied to each series, after the external labels, before it is sent.
     *
     * @return the rules.
     */
    public RelabelConfigs writeRelabelConfigs()
    {
        return writeRelabelConfigs;
    }

    /**
     * {@code send_native_histograms}: whether native histograms go to this endpoint once the pipeline carries them.
     *
     * @return the flag, false by default.
     */
    public boolean sendNativeHistograms()
    {
        return sendNativeHistograms;
    }

    /**
     * {@code send_exemplars}: whether exemplars go with their samples; false by default, as in Prometheus.
     *
     * @return the flag.
     */
    public boolean sendExemplars()
    {
        return sendExemplars;
    }

    /**
     * {@code protobuf_message}: Remote Write 1.0 or 2.0.
     *
     * @return the message, {@link ProtobufMessage#WRITE_REQUEST} by default.
     */
    public ProtobufMessage protobufMessage()
    {
        return protobufMessage;
    }

    /**
     * {@code queue_config}, starting with {@code max(min_shards, 1)} shards, resharding up to {@code max_shards}.
     *
     * @return the queue settings.
     */
    public QueueConfig queue()
    {
        return queue;
    }

    /**
     * {@code queue_config.max_shards}: the most shards resharding runs (also {@link QueueConfig#maxShards()}).
     *
     * @return the value, 50 by default.
     */
    public int maxShards()
    {
        return maxShards;
    }

    /**
     * {@code metadata_config}: whether and how often family metadata is sent.
     *
     * @return the settings.
     */
    public MetadataConfig metadata()
    {
        return metadata;
    }

    /**
     * {@code tls_config}, the proxy fields, {@code follow_redirects} ({@code true} by default) and
     * {@code enable_http2} ({@code false} by default, Prometheus 3's default for remote write).
     *
     * @return the settings; the per-request authorization is {@code NONE} here, {@code oauth2} is apart.
     */
    public HttpClientSettings http()
    {
        return http;
    }

    /**
     * {@code oauth2}: client-credentials tokens for the {@code Authorization} header.
     *
     * @return the settings, or null when not configured.
     */
    public OAuth2Config oauth2()
    {
        return oauth2;
    }

    /**
     * The name, URL, message, header names, authorization kind, HTTP client settings and queue; never a credential,
     * key, proxy password or header value.
     */
    @Override
    public String toString()
    {
        return "remote_write " + name + " to " + url + " (" + protobufMessage.configName() + ", headers " +
            headers.keySet() + ", authorization " + (oauth2 == null ? authorization : oauth2) + ", " + http.tls() +
            ", " + http.proxy() + ", follow_redirects " + http.followRedirects() + ", enable_http2 " +
            http.enableHttp2() + ", " + writeRelabelConfigs.size() + " write relabel rules, " + queue + ")";
    }

    /** The Remote Write message an endpoint sends, and the encoder that writes it. */
    public enum ProtobufMessage
    {
        /** Remote Write 1.0, {@code prometheus.WriteRequest}. */
        WRITE_REQUEST("prometheus.WriteRequest", RemoteWrite1BatchEncoder::new),
        /** Remote Write 2.0, {@code io.prometheus.write.v2.Request}. */
        REQUEST_V2("io.prometheus.write.v2.Request", RemoteWrite2BatchEncoder::new);

        private final String configName;
        private final Supplier<? extends BatchEncoder> encoders;

        ProtobufMessage(final String configName, final Supplier<? extends BatchEncoder> encoders)
        {
            this.configName = configName;
            this.encoders = encoders;
        }

        /**
         * The value of {@code protobuf_message} that selects it.
         *
         * @return such as {@code prometheus.WriteRequest}.
         */
        public String configName()
        {
            return configName;
        }

        /**
         * Makes the encoders of the message, one per worker and shard.
         *
         * @return the factory.
         */
        public Supplier<? extends BatchEncoder> encoders()
        {
            return encoders;
        }
    }

    /**
     * {@code metadata_config}, read and checked with Prometheus' defaults.
     *
     * @param send              {@code send}, true by default.
     * @param sendInterval      {@code send_interval}, 1 minute by default.
     * @param maxSamplesPerSend {@code max_samples_per_send}, 2000 by default.
     */
    public record MetadataConfig(boolean send, Duration sendInterval, int maxSamplesPerSend)
    {
        /** Prometheus' defaults. */
        public static final MetadataConfig DEFAULTS = new MetadataConfig(true, Duration.ofMinutes(1), 2000);
    }
}
