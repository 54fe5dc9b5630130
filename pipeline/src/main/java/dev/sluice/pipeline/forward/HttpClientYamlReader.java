package dev.sluice.pipeline.forward;

import static dev.sluice.pipeline.config.YamlNodes.at;
import static dev.sluice.pipeline.config.YamlNodes.describe;
import static dev.sluice.pipeline.config.YamlNodes.isNull;
import static dev.sluice.pipeline.forward.RemoteWriteYamlReader.bool;
import static dev.sluice.pipeline.forward.RemoteWriteYamlReader.fields;
import static dev.sluice.pipeline.forward.RemoteWriteYamlReader.isEmpty;
import static dev.sluice.pipeline.forward.RemoteWriteYamlReader.notYet;
import static dev.sluice.pipeline.forward.RemoteWriteYamlReader.scalar;
import static dev.sluice.pipeline.forward.RemoteWriteYamlReader.string;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import dev.sluice.pipeline.config.InvalidConfigException;
import dev.sluice.pipeline.forward.http.HttpClientSettings;
import dev.sluice.pipeline.forward.http.NoProxyRule;
import dev.sluice.pipeline.forward.http.PemSource;
import dev.sluice.pipeline.forward.http.ProxySettings;
import dev.sluice.pipeline.forward.http.RequestCredentials;
import dev.sluice.pipeline.forward.http.TlsSettings;
import dev.sluice.pipeline.forward.http.TlsVersion;

/**
 * Reads the HTTP client fields of a {@code remote_write} entry with the checks and messages of Prometheus' common
 * HTTP client config: {@code tls_config}, the proxy fields, {@code follow_redirects}, {@code enable_http2} and
 * {@code oauth2}. Relative files are resolved against the configuration's directory. No error quotes a key, a
 * secret, a proxy password or a connect header value.
 */
final class HttpClientYamlReader
{
    private static final Set<String> TLS_FIELDS = Set.of("ca", "ca_file", "ca_ref", "cert", "cert_file", "cert_ref",
        "key", "key_file", "key_ref", "server_name", "insecure_skip_verify", "min_version", "max_version");
    private static final Set<String> OAUTH2_FIELDS = Set.of("client_id", "client_secret", "client_secret_file",
        "client_secret_ref", "scopes", "token_url", "endpoint_params", "tls_config", "proxy_url", "no_proxy",
        "proxy_from_environment", "proxy_connect_header");

    private HttpClientYamlReader()
    {
    }

    /**
     * The entry's client settings; the per-request authorization is added when the endpoint is built.
     *
     * @param fields        the entry's fields.
     * @param place         the entry's place, such as {@code remote_write[0]}.
     * @param baseDirectory where relative files are.
     * @return the settings.
     */
    static HttpClientSettings settings(final Map<String, Node> fields, final String place, final Path baseDirectory)
    {
        return new HttpClientSettings(
            tls(fields.get("tls_config"), place + ".tls_config", baseDirectory),
            proxy(fields, place),
            bool(fields, "follow_redirects", place + ".follow_redirects", true),
            bool(fields, "enable_http2", place + ".enable_http2", false),
            RequestCredentials.NONE);
    }

    /**
     * {@code oauth2}, or null when absent or empty.
     *
     * @param node          the block.
     * @param place         its place, such as {@code remote_write[0].oauth2}.
     * @param baseDirectory where relative files are.
     * @return the settings.
     */
    static OAuth2Config oauth2(final Node node, final String place, final Path baseDirectory)
    {
        if (node == null || isEmpty(node))
        {
            return null;
        }
        final Map<String, Node> fields = fields(node, place, "config.OAuth2", OAUTH2_FIELDS);
        if (fields.containsKey("client_secret_ref") && !isEmpty(fields.get("client_secret_ref")))
        {
            throw notYet(place + ".client_secret_ref", fields.get("client_secret_ref"), "use client_secret_file");
        }
        final String clientId = string(fields, "client_id", place + ".client_id", "");
        if (clientId.isEmpty())
        {
            throw new InvalidConfigException(at(place + ".client_id", node), "oauth2 client_id must be configured");
        }
        final String tokenUrl = string(fields, "token_url", place + ".token_url", "");
        if (tokenUrl.isEmpty())
        {
            throw new InvalidConfigException(at(place + ".token_url", node), "oauth2 token_url must be configured");
        }
        final String secret = string(fields, "client_secret", place + ".client_secret", "");
        final String secretFile = string(fields, "client_secret_file", place + ".client_secret_file", "");
        if (!secret.isEmpty() && !secretFile.isEmpty())
        {
            throw new InvalidConfigException(at(place, fields.get("client_secret_file")),
                "at most one of oauth2 client_secret & client_secret_file must be configured");
        }
        final List<String> scopes = scopes(fields.get("scopes"), place + ".scopes");
        final Map<String, String> params = stringMap(fields.get("endpoint_params"), place + ".endpoint_params");
        if (!scopes.isEmpty() && params.containsKey("scope"))
        {
            throw new InvalidConfigException(at(place + ".endpoint_params.scope", fields.get("endpoint_params")),
                "cannot overwrite parameter scope, set by scopes");
        }
        return new OAuth2Config(clientId,
            secretFile.isEmpty() ? ConfigSecret.inline(secret) :
                ConfigSecret.inFile(baseDirectory.resolve(secretFile), place + ".client_secret_file"),
            scopes, url(fields.get("token_url"), place + ".token_url", Set.of("http", "https")), params,
            tls(fields.get("tls_config"), place + ".tls_config", baseDirectory), proxy(fields, place));
    }

    private static TlsSettings tls(final Node node, final String place, final Path baseDirectory)
    {
        if (node == null || isEmpty(node))
        {
            return TlsSettings.DEFAULTS;
        }
        final Map<String, Node> fields = fields(node, place, "config.TLSConfig", TLS_FIELDS);
        for (final String ref : List.of("ca_ref", "cert_ref", "key_ref"))
        {
            if (fields.containsKey(ref) && !isEmpty(fields.get(ref)))
            {
                throw notYet(place + "." + ref, fields.get(ref), "use " + ref.replace("_ref", "_file"));
            }
        }
        final PemSource ca = pem(fields, "ca", place, baseDirectory);
        final PemSource cert = pem(fields, "cert", place, baseDirectory);
        final PemSource key = pem(fields, "key", place, baseDirectory);
        if (cert != null && key == null)
        {
            throw new InvalidConfigException(at(place + ".key_file", node),
                "exactly one of key or key_file must be configured when a client certificate is configured");
        }
        if (key != null && cert == null)
        {
            throw new InvalidConfigException(at(place + ".cert_file", node),
                "exactly one of cert or cert_file must be configured when a client key is configured");
        }
        final TlsVersion min = version(fields, "min_version", place, TlsVersion.TLS12);
        final TlsVersion max = version(fields, "max_version", place, TlsVersion.TLS13);
        if (max.compareTo(min) < 0)
        {
            throw new InvalidConfigException(at(place + ".max_version", fields.getOrDefault("max_version", node)),
                "tls_config.max_version must be greater than or equal to tls_config.min_version (TLS12 when unset)");
        }
        return new TlsSettings(ca, cert, key, string(fields, "server_name", place + ".server_name", ""),
            bool(fields, "insecure_skip_verify", place + ".insecure_skip_verify", false), min, max);
    }

    private static PemSource pem(
        final Map<String, Node> fields, final String name, final String place, final Path baseDirectory)
    {
        final String inline = string(fields, name, place + "." + name, "");
        final String file = string(fields, name + "_file", place + "." + name + "_file", "");
        if (!inline.isEmpty() && !file.isEmpty())
        {
            throw new InvalidConfigException(at(place + "." + name, fields.get(name)),
                "at most one of " + name + " and " + name + "_file must be configured");
        }
        if (!file.isEmpty())
        {
            return PemSource.inFile(baseDirectory.resolve(file), place + "." + name + "_file");
        }
        return inline.isEmpty() ? null : PemSource.inline(inline, place + "." + name);
    }

    private static TlsVersion version(
        final Map<String, Node> fields, final String key, final String place, final TlsVersion absent)
    {
        final Node node = fields.get(key);
        if (node == null || isEmpty(node))
        {
            return absent;
        }
        final String text = scalar(node, place + "." + key);
        for (final TlsVersion version : TlsVersion.values())
        {
            if (version.name().equals(text))
            {
                return version;
            }
        }
        throw new InvalidConfigException(at(place + "." + key, node),
            "unknown TLS version: " + text + " (TLS10, TLS11, TLS12 or TLS13)");
    }

    private static ProxySettings proxy(final Map<String, Node> fields, final String place)
    {
        final Node urlNode = fields.get("proxy_url");
        final URI proxyUrl = urlNode == null || isEmpty(urlNode) ? null :
            url(urlNode, place + ".proxy_url", Set.of("http"));
        final String noProxy = string(fields, "no_proxy", place + ".no_proxy", "");
        final boolean fromEnvironment = bool(fields, "proxy_from_environment", place + ".proxy_from_environment",
            false);
        final Map<String, List<String>> connectHeaders =
            connectHeaders(fields.get("proxy_connect_header"), place + ".proxy_connect_header");
        if (fromEnvironment && proxyUrl != null)
        {
            throw new InvalidConfigException(at(place + ".proxy_url", urlNode),
                "if proxy_from_environment is configured, proxy_url must not be configured");
        }
        if (fromEnvironment && !noProxy.isEmpty())
        {
            throw new InvalidConfigException(at(place + ".no_proxy", fields.get("no_proxy")),
                "if proxy_from_environment is configured, no_proxy must not be configured");
        }
        if (proxyUrl == null && !noProxy.isEmpty())
        {
            throw new InvalidConfigException(at(place + ".no_proxy", fields.get("no_proxy")),
                "if no_proxy is configured, proxy_url must also be configured");
        }
        if (!connectHeaders.isEmpty() && proxyUrl == null && !fromEnvironment)
        {
            throw new InvalidConfigException(at(place + ".proxy_connect_header", fields.get("proxy_connect_header")),
                "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured");
        }
        final NoProxyRule rule;
        try
        {
            rule = noProxy.isEmpty() ? null : new NoProxyRule(noProxy);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfigException(at(place + ".no_proxy", fields.get("no_proxy")),
                "not a list of hosts, IP addresses and CIDR ranges");
        }
        if (proxyUrl == null && !fromEnvironment)
        {
            return ProxySettings.NONE;
        }
        return new ProxySettings(proxyUrl, rule, fromEnvironment, connectHeaders, System::getenv);
    }

    /** A URL of the given schemes with a host; never quoted in an error, as it may carry a password. */
    private static URI url(final Node node, final String place, final Set<String> schemes)
    {
        final URI url;
        try
        {
            url = new URI(scalar(node, place));
        }
        catch (final URISyntaxException ex)
        {
            throw new InvalidConfigException(at(place, node), "not a valid URL");
        }
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme))
        {
            throw new InvalidConfigException(at(place, node), "unsupported scheme \"" + scheme + "\" for URL" +
                (schemes.size() == 1 ? ", Sluice supports " + schemes.iterator().next() + " proxies only" : ""));
        }
        if (url.getHost() == null)
        {
            throw new InvalidConfigException(at(place, node), "URL has no host");
        }
        return url;
    }

    private static Map<String, List<String>> connectHeaders(final Node node, final String place)
    {
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        if (node == null || isNull(node))
        {
            return headers;
        }
        for (final Map.Entry<String, Node> header : fields(node, place, "map[string][]config.Secret", null).entrySet())
        {
            final String field = place + "." + header.getKey();
            final List<String> values = new ArrayList<>();
            if (header.getValue() instanceof SequenceNode sequence)
            {
                for (final Node value : sequence.getValue())
                {
                    values.add(headerValue(value, field));
                }
            }
            else
            {
                throw new InvalidConfigException(at(field, header.getValue()),
                    "cannot unmarshal " + describe(header.getValue()) + " into a list of secrets");
            }
            headers.put(header.getKey(), values);
        }
        return headers;
    }

    /** A header value of {@code headers} or {@code proxy_connect_header}: a string without a line break. */
    static String headerValue(final Node node, final String field)
    {
        final String value = scalar(node, field);
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)
        {
            throw new InvalidConfigException(at(field, node), "header value must not contain a line break");
        }
        return value;
    }

    private static List<String> scopes(final Node node, final String place)
    {
        final List<String> scopes = new ArrayList<>();
        if (node == null || isNull(node))
        {
            return scopes;
        }
        if (!(node instanceof SequenceNode))
        {
            throw new InvalidConfigException(at(place, node), "cannot unmarshal " + describe(node) + " into []string");
        }
        for (final Node scope : ((SequenceNode)node).getValue())
        {
            scopes.add(scalar(scope, place));
        }
        return scopes;
    }

    private static Map<String, String> stringMap(final Node node, final String place)
    {
        final Map<String, String> map = new LinkedHashMap<>();
        if (node == null || isNull(node))
        {
            return map;
        }
        for (final Map.Entry<String, Node> entry : fields(node, place, "map[string]string", null).entrySet())
        {
            if (!(entry.getValue() instanceof ScalarNode))
            {
                throw new InvalidConfigException(at(place + "." + entry.getKey(), entry.getValue()),
                    "cannot unmarshal " + describe(entry.getValue()) + " into string");
            }
            map.put(entry.getKey(), scalar(entry.getValue(), place + "." + entry.getKey()));
        }
        return map;
    }
}
