package dev.sluice.pipeline.forward;

import static dev.sluice.pipeline.config.YamlNodes.at;
import static dev.sluice.pipeline.config.YamlNodes.describe;
import static dev.sluice.pipeline.config.YamlNodes.isNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.pipeline.config.InvalidConfigException;
import dev.sluice.pipeline.config.PrometheusDuration;
import dev.sluice.pipeline.forward.RemoteWriteConfig.MetadataConfig;
import dev.sluice.pipeline.forward.RemoteWriteConfig.ProtobufMessage;
import dev.sluice.pipeline.forward.durable.DurableQueueConfig;
import dev.sluice.pipeline.forward.durable.FullPolicy;
import dev.sluice.pipeline.relabel.InvalidRelabelConfigException;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.RelabelSection;

/**
 * Reads {@code remote_write} entries from snakeyaml-engine nodes with Prometheus' defaults and checks. Every error
 * names the field and, where the node gives it, the line; none quotes a credential or a header value. Relabel rules
 * are read by {@link RelabelConfigs#fromNode} under the UTF-8 name validation scheme, Prometheus 3's default.
 */
final class RemoteWriteYamlReader
{
    private static final String TYPE = "config.RemoteWriteConfig";
    private static final Set<String> ENTRY_FIELDS = Set.of("url", "name", "remote_timeout", "headers",
        "write_relabel_configs", "send_exemplars", "send_native_histograms", "protobuf_message", "queue_config",
        "metadata_config", "basic_auth", "authorization", "bearer_token", "bearer_token_file", "tls_config",
        "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header", "follow_redirects",
        "enable_http2", "oauth2", "sigv4", "azuread", "google_iam", "round_robin_dns", "http_headers",
        RemoteWriteConfig.DURABLE_QUEUE_FIELD);
    /** Fields whose any value but null (or an empty block) asks for what Sluice does not do yet. */
    private static final Map<String, String> UNSUPPORTED_BLOCKS = Map.of(
        "sigv4", "use authorization, basic_auth or oauth2",
        "azuread", "use authorization, basic_auth or oauth2",
        "google_iam", "use authorization, basic_auth or oauth2",
        "http_headers", "use headers");
    /** Flags Sluice supports only when off; absent means off for Sluice, whatever Prometheus' default. */
    private static final Map<String, String> FLAGS_ONLY_OFF = Map.of(
        "round_robin_dns", "each shard connects to the address the host name resolves to");
    /**
     * Headers a configuration must not set, as Prometheus reserves them (those of SigV4 signing included), with the
     * other hop-by-hop headers of HTTP/1.1; lower case. {@code Authorization} has its own message.
     */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-encoding", "content-length",
        "content-type", "user-agent", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "proxy-connection", "www-authenticate", "accept-encoding", "x-prometheus-remote-write-version",
        "x-prometheus-remote-read-version", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "te",
        "trailer", "transfer-encoding", "upgrade");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Duration DEFAULT_REMOTE_TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_MAX_SHARDS = 50;

    private RemoteWriteYamlReader()
    {
    }

    /**
     * Composes a document and reads it as the {@code remote_write} list.
     *
     * @param yaml          the document.
     * @param baseDirectory where relative credentials files are.
     * @return the entries.
     */
    static List<RemoteWriteConfig> read(final String yaml, final Path baseDirectory)
    {
        final Optional<Node> root;
        try
        {
            root = new Compose(LoadSettings.builder().build()).composeString(yaml);
        }
        catch (final YamlEngineException ex)
        {
            throw new InvalidConfigException("remote_write", "yaml: " + ex.getMessage());
        }
        return root.isPresent() ? read(root.get(), baseDirectory) : List.of();
    }

    /**
     * Reads a sequence node as the {@code remote_write} list, checking that names are unique.
     *
     * @param node          the sequence, or a null node.
     * @param baseDirectory where relative credentials files are.
     * @return the entries.
     */
    static List<RemoteWriteConfig> read(final Node node, final Path baseDirectory)
    {
        if (isNull(node))
        {
            return List.of();
        }
        if (!(node instanceof SequenceNode))
        {
            throw new InvalidConfigException(at("remote_write", node),
                "cannot unmarshal " + describe(node) + " into a list of remote write configs");
        }
        final List<Node> items = ((SequenceNode)node).getValue();
        final List<RemoteWriteConfig> entries = new ArrayList<>(items.size());
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++)
        {
            final String place = "remote_write[" + i + "]";
            if (isNull(items.get(i)))
            {
                throw new InvalidConfigException(at(place, items.get(i)), "empty or null remote write config section");
            }
            final RemoteWriteConfig entry = readEntry(items.get(i), place, i, baseDirectory);
            if (!names.add(entry.name()))
            {
                throw new InvalidConfigException(at(place + ".name", items.get(i)),
                    "found multiple remote write configs with job name \"" + entry.name() + "\"");
            }
            entries.add(entry);
        }
        return entries;
    }

    private static RemoteWriteConfig readEntry(
        final Node node, final String place, final int index, final Path baseDirectory)
    {
        final Map<String, Node> fields = fields(node, place, TYPE, ENTRY_FIELDS);
        for (final Map.Entry<String, String> unsupported : UNSUPPORTED_BLOCKS.entrySet())
        {
            final Node value = fields.get(unsupported.getKey());
            if (value != null && !isEmpty(value))
            {
                throw notYet(place + "." + unsupported.getKey(), value, unsupported.getValue());
            }
        }
        for (final Map.Entry<String, String> flag : FLAGS_ONLY_OFF.entrySet())
        {
            final String field = place + "." + flag.getKey();
            if (bool(fields, flag.getKey(), field, false))
            {
                throw notYet(field, fields.get(flag.getKey()), "only false is supported: " + flag.getValue());
            }
        }
        final Node urlNode = fields.get("url");
        if (urlNode == null || isEmpty(urlNode))
        {
            throw new InvalidConfigException(at(place + ".url", urlNode == null ? node : urlNode),
                "url for remote_write is empty");
        }
        final String name = string(fields, "name", place + ".name", "remote-write-" + index);
        final QueueSection queue = queue(fields.get("queue_config"), place + ".queue_config");
        final RemoteWriteConfig config = new RemoteWriteConfig(
            name.isEmpty() ? "remote-write-" + index : name,
            url(urlNode, place + ".url"),
            positiveDuration(fields, "remote_timeout", place, DEFAULT_REMOTE_TIMEOUT),
            headers(fields.get("headers"), place + ".headers"),
            authorization(node, fields, place, baseDirectory),
            relabelConfigs(fields.get("write_relabel_configs"), place),
            bool(fields, "send_native_histograms", place + ".send_native_histograms", false),
            bool(fields, "send_exemplars", place + ".send_exemplars", false),
            protobufMessage(fields.get("protobuf_message"), place + ".protobuf_message"),
            queue.config(),
            queue.maxShards(),
            metadata(fields.get("metadata_config"), place + ".metadata_config"),
            HttpClientYamlReader.settings(fields, place, baseDirectory),
            HttpClientYamlReader.oauth2(fields.get("oauth2"), place + ".oauth2", baseDirectory));
        config.durableQueue(durableQueue(fields.get(RemoteWriteConfig.DURABLE_QUEUE_FIELD),
            place + "." + RemoteWriteConfig.DURABLE_QUEUE_FIELD, baseDirectory));
        return config;
    }

    /** {@code sluice_durable_queue}, Sluice's own: null when absent; a relative directory is under the base. */
    private static DurableQueueConfig durableQueue(final Node node, final String place, final Path baseDirectory)
    {
        if (node == null || isNull(node))
        {
            return null;
        }
        final Map<String, Node> fields = fields(node, place, "sluice.DurableQueueConfig",
            Set.of("directory", "segment_bytes", "max_bytes", "full_policy", "fsync_each_batch"));
        final String directory = string(fields, "directory", place + ".directory", "");
        if (directory.isEmpty())
        {
            throw new InvalidConfigException(at(place + ".directory", fields.getOrDefault("directory", node)),
                "directory for the durable queue is empty");
        }
        final String policy = string(fields, "full_policy", place + ".full_policy", "drop_oldest");
        final FullPolicy fullPolicy;
        switch (policy)
        {
            case "drop_oldest":
                fullPolicy = FullPolicy.DROP_OLDEST;
                break;
            case "drop_newest":
                fullPolicy = FullPolicy.DROP_NEWEST;
                break;
            default:
                throw new InvalidConfigException(at(place + ".full_policy", fields.get("full_policy")),
                    "unknown full_policy \"" + policy + "\", want drop_oldest or drop_newest");
        }
        final int segmentBytes = (int)wholeNumber(fields, "segment_bytes", place,
            DurableQueueConfig.DEFAULT_SEGMENT_BYTES, DurableQueueConfig.MIN_SEGMENT_BYTES, Integer.MAX_VALUE);
        final long maxBytes =
            wholeNumber(fields, "max_bytes", place, DurableQueueConfig.DEFAULT_MAX_BYTES, 1, Long.MAX_VALUE);
        final boolean fsyncEachBatch = bool(fields, "fsync_each_batch", place + ".fsync_each_batch", false);
        try
        {
            return new DurableQueueConfig(baseDirectory.resolve(directory), segmentBytes, maxBytes, fullPolicy,
                fsyncEachBatch);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfigException(at(place, node), ex.getMessage());
        }
    }

    private static URI url(final Node node, final String place)
    {
        final String text = scalar(node, place);
        final URI url;
        try
        {
            url = new URI(text);
        }
        catch (final URISyntaxException ex)
        {
            // The text may carry a password: the message names the field and line only.
            throw new InvalidConfigException(at(place, node), "not a valid URL");
        }
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https"))
        {
            throw new InvalidConfigException(at(place, node), "unsupported scheme \"" + scheme + "\" for URL");
        }
        if (url.getRawUserInfo() != null)
        {
            throw new InvalidConfigException(at(place, node), "must not carry credentials, use basic_auth");
        }
        if (url.getHost() == null)
        {
            throw new InvalidConfigException(at(place, node), "URL has no host");
        }
        return url;
    }

    private static Map<String, String> headers(final Node node, final String place)
    {
        final Map<String, String> headers = new LinkedHashMap<>();
        if (node == null || isNull(node))
        {
            return headers;
        }
        for (final Map.Entry<String, Node> header : fields(node, place, "map[string]string", null).entrySet())
        {
            final String name = header.getKey();
            final String field = place + "." + name;
            final String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("authorization"))
            {
                throw new InvalidConfigException(at(field, header.getValue()),
                    "authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread" +
                    " or google_iam parameter");
            }
            if (RESERVED_HEADERS.contains(lower))
            {
                throw new InvalidConfigException(at(field, header.getValue()),
                    name + " is a reserved header. It must not be changed");
            }
            if (!TOKEN.matcher(name).matches())
            {
                throw new InvalidConfigException(at(field, header.getValue()), "not a valid header name");
            }
            headers.put(name, HttpClientYamlReader.headerValue(header.getValue(), field));
        }
        return headers;
    }

    private static RequestAuthorization authorization(
        final Node entry, final Map<String, Node> fields, final String place, final Path baseDirectory)
    {
        int configured = 0;
        for (final String field : List.of("basic_auth", "authorization", "oauth2", "bearer_token",
            "bearer_token_file"))
        {
            configured += fields.containsKey(field) && !isEmpty(fields.get(field)) ? 1 : 0;
        }
        if (configured > 1)
        {
            throw new InvalidConfigException(at(place, entry), "at most one of basic_auth, authorization, oauth2, " +
                "bearer_token & bearer_token_file must be configured");
        }
        final Node basic = fields.get("basic_auth");
        if (basic != null && !isEmpty(basic))
        {
            final String field = place + ".basic_auth";
            final Map<String, Node> auth = fields(basic, field, "config.BasicAuth",
                Set.of("username", "username_file", "username_ref", "password", "password_file", "password_ref"));
            for (final String unsupported : List.of("username_file", "username_ref", "password_ref"))
            {
                if (auth.containsKey(unsupported) && !isEmpty(auth.get(unsupported)))
                {
                    throw notYet(field + "." + unsupported, auth.get(unsupported), "use username and password_file");
                }
            }
            return RequestAuthorization.basic(string(auth, "username", field + ".username", ""),
                secret(auth, "password", "password_file", field, baseDirectory, "basic_auth password"));
        }
        final Node block = fields.get("authorization");
        if (block != null && !isEmpty(block))
        {
            final String field = place + ".authorization";
            final Map<String, Node> auth = fields(block, field, "config.Authorization",
                Set.of("type", "credentials", "credentials_file", "credentials_ref"));
            if (auth.containsKey("credentials_ref") && !isEmpty(auth.get("credentials_ref")))
            {
                throw notYet(field + ".credentials_ref", auth.get("credentials_ref"), "use credentials_file");
            }
            final String type = string(auth, "type", field + ".type", "");
            if (type.equalsIgnoreCase("basic"))
            {
                throw new InvalidConfigException(at(field + ".type", auth.get("type")),
                    "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
            }
            return RequestAuthorization.of(type.isEmpty() ? "Bearer" : type,
                secret(auth, "credentials", "credentials_file", field, baseDirectory, "authorization credentials"));
        }
        if (fields.containsKey("bearer_token") && !isEmpty(fields.get("bearer_token")))
        {
            return RequestAuthorization.of("Bearer", ConfigSecret.inline(scalar(fields.get("bearer_token"),
                place + ".bearer_token")));
        }
        if (fields.containsKey("bearer_token_file") && !isEmpty(fields.get("bearer_token_file")))
        {
            final String field = place + ".bearer_token_file";
            return RequestAuthorization.of("Bearer", ConfigSecret.inFile(
                baseDirectory.resolve(scalar(fields.get("bearer_token_file"), field)), field));
        }
        return RequestAuthorization.NONE;
    }

    private static ConfigSecret secret(
        final Map<String, Node> fields,
        final String inline,
        final String file,
        final String place,
        final Path baseDirectory,
        final String what)
    {
        final String value = string(fields, inline, place + "." + inline, "");
        final String path = string(fields, file, place + "." + file, "");
        if (!value.isEmpty() && !path.isEmpty())
        {
            throw new InvalidConfigException(at(place, fields.get(file)),
                "at most one of " + what + " & " + file + " must be configured");
        }
        return path.isEmpty() ? ConfigSecret.inline(value) :
            ConfigSecret.inFile(baseDirectory.resolve(path), place + "." + file);
    }

    private static RelabelConfigs relabelConfigs(final Node node, final String place)
    {
        if (node == null)
        {
            return RelabelConfigs.of();
        }
        try
        {
            return RelabelConfigs.fromNode(node, RelabelSection.REMOTE_WRITE, NameValidationScheme.UTF8);
        }
        catch (final InvalidRelabelConfigException ex)
        {
            throw new InvalidConfigException(place, ex.getMessage());
        }
    }

    private static ProtobufMessage protobufMessage(final Node node, final String place)
    {
        if (node == null || isNull(node))
        {
            return ProtobufMessage.WRITE_REQUEST;
        }
        final String text = scalar(node, place);
        for (final ProtobufMessage message : ProtobufMessage.values())
        {
            if (message.configName().equals(text))
            {
                return message;
            }
        }
        throw new InvalidConfigException(at(place, node), "invalid protobuf_message value: unknown remote write " +
            "protobuf message " + text + ", supported: prometheus.WriteRequest, io.prometheus.write.v2.Request");
    }

    private static QueueSection queue(final Node node, final String place)
    {
        final QueueConfig defaults = QueueConfig.DEFAULTS;
        if (node == null || isNull(node))
        {
            return new QueueSection(defaults.withShards(1, DEFAULT_MAX_SHARDS), DEFAULT_MAX_SHARDS);
        }
        final Map<String, Node> fields = fields(node, place, "config.QueueConfig", Set.of("capacity", "min_shards",
            "max_shards", "max_samples_per_send", "batch_send_deadline", "min_backoff", "max_backoff",
            "retry_on_http_429", "sample_age_limit"));
        final int minShards = integer(fields, "min_shards", place, 1, 0);
        final int maxShards = integer(fields, "max_shards", place, DEFAULT_MAX_SHARDS, 1);
        if (maxShards < minShards)
        {
            throw new InvalidConfigException(at(place + ".max_shards", fields.getOrDefault("max_shards", node)),
                "max_shards must not be below min_shards");
        }
        final Duration minBackoff = positiveDuration(fields, "min_backoff", place, defaults.minBackoff());
        final Duration maxBackoff = positiveDuration(fields, "max_backoff", place, defaults.maxBackoff());
        if (maxBackoff.compareTo(minBackoff) < 0)
        {
            throw new InvalidConfigException(at(place + ".max_backoff", fields.getOrDefault("max_backoff", node)),
                "max_backoff must not be below min_backoff");
        }
        final Duration sampleAgeLimit = fields.containsKey("sample_age_limit") ?
            duration(fields.get("sample_age_limit"), place + ".sample_age_limit") : Duration.ZERO;
        final int capacity = integer(fields, "capacity", place, defaults.capacity(), 1);
        final int maxSamplesPerSend = integer(fields, "max_samples_per_send", place, defaults.maxSamplesPerSend(), 1);
        final Duration deadline = positiveDuration(fields, "batch_send_deadline", place, defaults.batchSendDeadline());
        final boolean retryOnHttp429 =
            bool(fields, "retry_on_http_429", place + ".retry_on_http_429", defaults.retryOnHttp429());
        try
        {
            return new QueueSection(new QueueConfig(capacity, Math.max(minShards, 1), maxSamplesPerSend, deadline,
                minBackoff, maxBackoff, retryOnHttp429, sampleAgeLimit, Math.max(maxShards, 1)), maxShards);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfigException(at(place, node), ex.getMessage());
        }
    }

    private static MetadataConfig metadata(final Node node, final String place)
    {
        final MetadataConfig defaults = MetadataConfig.DEFAULTS;
        if (node == null || isNull(node))
        {
            return defaults;
        }
        final Map<String, Node> fields = fields(node, place, "config.MetadataConfig",
            Set.of("send", "send_interval", "max_samples_per_send"));
        return new MetadataConfig(
            bool(fields, "send", place + ".send", defaults.send()),
            positiveDuration(fields, "send_interval", place, defaults.sendInterval()),
            integer(fields, "max_samples_per_send", place, defaults.maxSamplesPerSend(), 1));
    }

    /**
     * The fields of a mapping by name, rejecting keys that are not scalars, repeated keys and, when {@code known}
     * is given, unknown keys, in the words of Prometheus' YAML library.
     */
    static Map<String, Node> fields(
        final Node node, final String place, final String type, final Set<String> known)
    {
        if (!(node instanceof MappingNode))
        {
            throw new InvalidConfigException(at(place, node), "cannot unmarshal " + describe(node) + " into " + type);
        }
        final Map<String, Node> fields = new LinkedHashMap<>();
        for (final NodeTuple field : ((MappingNode)node).getValue())
        {
            final Node keyNode = field.getKeyNode();
            if (!(keyNode instanceof ScalarNode))
            {
                throw new InvalidConfigException(at(place, keyNode),
                    "cannot unmarshal " + describe(keyNode) + " into a field name");
            }
            final String key = ((ScalarNode)keyNode).getValue();
            if (known != null && !known.contains(key))
            {
                throw new InvalidConfigException(at(place + "." + key, keyNode),
                    "field " + key + " not found in type " + type);
            }
            if (fields.put(key, field.getValueNode()) != null)
            {
                throw new InvalidConfigException(at(place + "." + key, keyNode), "key \"" + key +
                    "\" already set in map");
            }
        }
        return fields;
    }

    static InvalidConfigException notYet(final String place, final Node node, final String instead)
    {
        return new InvalidConfigException(at(place, node), "not supported by Sluice yet: " + instead);
    }

    /** Whether a value is null or an empty string, mapping or sequence: what Prometheus treats as not set. */
    static boolean isEmpty(final Node node)
    {
        if (isNull(node))
        {
            return true;
        }
        if (node instanceof ScalarNode)
        {
            return ((ScalarNode)node).getValue().isEmpty();
        }
        return node instanceof MappingNode ? ((MappingNode)node).getValue().isEmpty() :
            ((SequenceNode)node).getValue().isEmpty();
    }

    /** A scalar's text; null is the empty string. Never quotes the value in an error. */
    static String scalar(final Node node, final String place)
    {
        if (!(node instanceof ScalarNode))
        {
            throw new InvalidConfigException(at(place, node), "cannot unmarshal " + describe(node) + " into string");
        }
        return isNull(node) ? "" : ((ScalarNode)node).getValue();
    }

    static String string(
        final Map<String, Node> fields, final String key, final String place, final String absent)
    {
        final Node node = fields.get(key);
        return node == null ? absent : scalar(node, place);
    }

    static boolean bool(
        final Map<String, Node> fields, final String key, final String place, final boolean absent)
    {
        final Node node = fields.get(key);
        if (node == null || isNull(node))
        {
            return absent;
        }
        final String text = scalar(node, place);
        switch (text)
        {
            case "true", "True", "TRUE":
                return true;
            case "false", "False", "FALSE":
                return false;
            default:
                throw new InvalidConfigException(at(place, node),
                    "cannot unmarshal " + describe(node) + " `" + text + "` into bool");
        }
    }

    private static int integer(
        final Map<String, Node> fields, final String key, final String place, final int absent, final int min)
    {
        return (int)wholeNumber(fields, key, place, absent, min, Integer.MAX_VALUE);
    }

    private static long wholeNumber(final Map<String, Node> fields, final String key, final String place,
        final long absent, final long min, final long max)
    {
        final Node node = fields.get(key);
        if (node == null || isNull(node))
        {
            return absent;
        }
        final String field = place + "." + key;
        final String text = scalar(node, field);
        final long value;
        try
        {
            value = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new InvalidConfigException(at(field, node),
                "cannot unmarshal " + describe(node) + " `" + text + "` into int");
        }
        if (value < min || value > max)
        {
            throw new InvalidConfigException(at(field, node), value < min ? "must be at least " + min + ", got " +
                value : "must be at most " + max + ", got " + value);
        }
        return value;
    }

    private static Duration duration(final Node node, final String place)
    {
        try
        {
            return PrometheusDuration.parse(scalar(node, place));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfigException(at(place, node), ex.getMessage());
        }
    }

    private static Duration positiveDuration(
        final Map<String, Node> fields, final String key, final String place, final Duration absent)
    {
        final Node node = fields.get(key);
        if (node == null || isNull(node))
        {
            return absent;
        }
        final Duration value = duration(node, place + "." + key);
        if (value.isZero())
        {
            throw new InvalidConfigException(at(place + "." + key, node), "must be positive");
        }
        return value;
    }

    /** {@code queue_config} as read: the queue settings and {@code max_shards}, which they do not carry. */
    private record QueueSection(QueueConfig config, int maxShards)
    {
    }
}
