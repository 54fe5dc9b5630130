package dev.sluice.pipeline.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.pipeline.config.InvalidConfigException;
import dev.sluice.pipeline.forward.http.HttpClientSettings;
import dev.sluice.pipeline.forward.http.PemSource;
import dev.sluice.pipeline.forward.http.ProxySettings;
import dev.sluice.pipeline.forward.http.TlsContextSource;
import dev.sluice.pipeline.forward.http.TlsSettings;
import dev.sluice.pipeline.forward.http.TlsVersion;

/**
 * The HTTP client fields of {@code remote_write} as the reader takes them: Prometheus' defaults, every field, the
 * errors with their field names, and no secret (key, client secret, proxy password, connect header value) in a
 * message or in {@code toString()}.
 */
class HttpClientConfigTest
{
    private static final String URL = "- url: https://db.example:8428/api/v1/write\n";
    private static final String SECRET = "top-s3cret";
    private static final List<String> LOG = new CopyOnWriteArrayList<>();

    @TempDir
    static Path configDirectory;
    private static TestCertificates pki;

    @BeforeAll
    static void makeCertificates()
    {
        pki = TestCertificates.create(configDirectory);
    }

    private static RemoteWriteConfig one(final String yaml)
    {
        final List<RemoteWriteConfig> entries = RemoteWriteConfig.fromYaml(yaml, configDirectory);
        assertEquals(1, entries.size());
        return entries.get(0);
    }

    @Test
    void absentFieldsTakePrometheusRemoteWriteDefaults()
    {
        final RemoteWriteConfig config = one(URL);
        assertEquals(HttpClientSettings.DEFAULTS.tls(), config.http().tls());
        assertSame(ProxySettings.NONE, config.http().proxy());
        assertTrue(config.http().followRedirects(), "follow_redirects defaults to true");
        assertFalse(config.http().enableHttp2(), "enable_http2 defaults to false for remote write");
        assertNull(config.oauth2());
        assertEquals(TlsVersion.TLS12, config.http().tls().minVersion());
        assertEquals(TlsVersion.TLS13, config.http().tls().maxVersion());
    }

    @Test
    void everyTlsFieldIsRead()
    {
        final TlsSettings tls = one(URL + "  tls_config:\n    ca_file: ca.pem\n    cert_file: client.pem\n" +
            "    key_file: client.key\n    server_name: db.internal\n    insecure_skip_verify: true\n" +
            "    min_version: TLS13\n    max_version: TLS13\n").http().tls();
        assertEquals(PemSource.inFile(configDirectory.resolve("ca.pem"), "remote_write[0].tls_config.ca_file"),
            tls.ca());
        assertEquals(configDirectory.resolve("client.pem"), tls.cert().file());
        assertEquals(configDirectory.resolve("client.key"), tls.key().file());
        assertEquals("db.internal", tls.serverName());
        assertTrue(tls.insecureSkipVerify());
        assertEquals(TlsVersion.TLS13, tls.minVersion());
    }

    @Test
    void inlinePemIsReadAndAKeyNeverShown() throws IOException
    {
        final String key = Files.readString(pki.clientKey);
        final RemoteWriteConfig config = one(URL + "  tls_config:\n    ca: |\n" +
            indent(Files.readString(pki.ca)) + "    cert: |\n" + indent(Files.readString(pki.clientCert)) +
            "    key: |\n" + indent(key));
        assertTrue(config.http().tls().key().inline().contains("BEGIN PRIVATE KEY"));
        assertFalse(config.toString().contains("PRIVATE"), config::toString);
        config.toEndpoint(TestEventLoop.group(), 1, Map.of(), LOG::add).close();
    }

    private static String indent(final String text)
    {
        return text.lines().map(line -> "      " + line + "\n").reduce("", String::concat);
    }

    @Test
    void proxyFieldsAreReadAndTheProxyPasswordNeverShown()
    {
        final RemoteWriteConfig config = one(URL + "  proxy_url: http://user:" + SECRET + "@proxy.example:3128\n" +
            "  no_proxy: internal.example,10.0.0.0/8\n" +
            "  proxy_connect_header: {X-Tenant: ['" + SECRET + "-header']}\n");
        final ProxySettings proxy = config.http().proxy();
        assertEquals(URI.create("http://user:" + SECRET + "@proxy.example:3128"),
            proxy.proxyFor(URI.create("https://db.example/w")));
        assertNull(proxy.proxyFor(URI.create("https://a.internal.example/w")));
        assertNull(proxy.proxyFor(URI.create("http://10.1.2.3:8428/w")));
        assertEquals(Map.of("X-Tenant", List.of(SECRET + "-header")), proxy.connectHeaders());
        assertFalse(config.toString().contains(SECRET), config::toString);
        assertTrue(config.toString().contains("proxy http://proxy.example:3128"), config::toString);
    }

    @Test
    void proxyFromEnvironmentReadsTheVariablesUpperCaseFirst()
    {
        final Map<String, String> environment = Map.of("HTTPS_PROXY", "http://upper:3128",
            "https_proxy", "http://lower:3128", "http_proxy", "lower-plain:8080", "NO_PROXY", ".skip.example");
        final ProxySettings proxy = new ProxySettings(null, null, true, Map.of(), environment::get);
        assertEquals(URI.create("http://upper:3128"), proxy.proxyFor(URI.create("https://db.example/w")));
        assertEquals(URI.create("http://lower-plain:8080"), proxy.proxyFor(URI.create("http://db.example/w")));
        assertNull(proxy.proxyFor(URI.create("https://a.skip.example/w")));
        assertNull(proxy.proxyFor(URI.create("https://localhost:9/w")), "loopback never goes through a proxy");
        assertTrue(one(URL + "  proxy_from_environment: true\n").http().proxy().fromEnvironment());
    }

    @Test
    void anEnvironmentProxyThatIsNotHttpFailsNamingTheVariableNotItsValue()
    {
        final Map<String, String> environment = Map.of("HTTPS_PROXY", "socks5://user:" + SECRET + "@proxy:1080",
            "HTTP_PROXY", "http://user:" + SECRET + "@proxy:3128/%zz");
        final ProxySettings proxy = new ProxySettings(null, null, true, Map.of(), environment::get);
        final InvalidConfigException socks = assertThrows(InvalidConfigException.class,
            () -> proxy.proxyFor(URI.create("https://db.example/w")));
        assertEquals("proxy_from_environment: HTTPS_PROXY names a socks5 proxy: Sluice supports http proxies only",
            socks.getMessage());
        final InvalidConfigException malformed = assertThrows(InvalidConfigException.class,
            () -> proxy.proxyFor(URI.create("http://db.example/w")));
        assertEquals("proxy_from_environment: HTTP_PROXY is not a valid URL", malformed.getMessage());
    }

    @Test
    void redirectAndHttp2FlagsAreRead()
    {
        final HttpClientSettings http = one(URL + "  follow_redirects: false\n  enable_http2: true\n").http();
        assertFalse(http.followRedirects());
        assertTrue(http.enableHttp2());
    }

    @Test
    void oauth2IsReadAndItsSecretNeverShown() throws IOException
    {
        Files.writeString(configDirectory.resolve("client-secret"), SECRET + "\n", StandardCharsets.UTF_8);
        final RemoteWriteConfig config = one(URL + "  oauth2:\n    client_id: sluice\n" +
            "    client_secret_file: client-secret\n    scopes: [a, b]\n    token_url: https://auth.example/token\n" +
            "    endpoint_params: {audience: x, resource: y}\n    tls_config: {ca_file: ca.pem}\n" +
            "    proxy_url: http://proxy.example:3128\n");
        final OAuth2Config oauth2 = config.oauth2();
        assertEquals("sluice", oauth2.clientId());
        assertEquals(SECRET, oauth2.clientSecret().read());
        assertEquals(List.of("a", "b"), oauth2.scopes());
        assertEquals(URI.create("https://auth.example/token"), oauth2.tokenUrl());
        assertEquals(Map.of("audience", "x", "resource", "y"), oauth2.endpointParams());
        assertEquals(configDirectory.resolve("ca.pem"), oauth2.tls().ca().file());
        assertEquals(URI.create("http://proxy.example:3128"), oauth2.proxy().proxyFor(oauth2.tokenUrl()));
        assertFalse(config.toString().contains(SECRET), config::toString);
        assertTrue(config.toString().contains("oauth2(client sluice"), config::toString);
    }

    static Stream<Arguments> invalidConfigs()
    {
        return Stream.of(
            Arguments.of(URL + "  tls_config: {ca: x, ca_file: ca.pem}",
                "remote_write[0].tls_config.ca at line 2: at most one of ca and ca_file must be configured"),
            Arguments.of(URL + "  tls_config: {cert_file: client.pem}",
                "remote_write[0].tls_config.key_file at line 2: exactly one of key or key_file must be configured " +
                "when a client certificate is configured"),
            Arguments.of(URL + "  tls_config: {key: '" + SECRET + "'}",
                "remote_write[0].tls_config.cert_file at line 2: exactly one of cert or cert_file must be configured" +
                " when a client key is configured"),
            Arguments.of(URL + "  tls_config: {min_version: TLS14}",
                "remote_write[0].tls_config.min_version at line 2: unknown TLS version: TLS14"),
            Arguments.of(URL + "  tls_config: {min_version: TLS13, max_version: TLS12}",
                "remote_write[0].tls_config.max_version at line 2: tls_config.max_version must be greater than"),
            Arguments.of(URL + "  tls_config: {insecure_skip_verify: maybe}",
                "remote_write[0].tls_config.insecure_skip_verify at line 2: cannot unmarshal !!str `maybe` into bool"),
            Arguments.of(URL + "  tls_config: {ca_ref: vault}",
                "remote_write[0].tls_config.ca_ref at line 2: not supported by Sluice yet"),
            Arguments.of(URL + "  tls_config: {cafile: x}",
                "remote_write[0].tls_config.cafile at line 2: field cafile not found in type config.TLSConfig"),
            Arguments.of(URL + "  proxy_url: socks5://proxy:1080",
                "remote_write[0].proxy_url at line 2: unsupported scheme \"socks5\" for URL, Sluice supports http"),
            Arguments.of(URL + "  proxy_url: 'http://user:" + SECRET + "@proxy:3128/%zz'",
                "remote_write[0].proxy_url at line 2: not a valid URL"),
            Arguments.of(URL + "  no_proxy: internal",
                "remote_write[0].no_proxy at line 2: if no_proxy is configured, proxy_url must also be configured"),
            Arguments.of(URL + "  proxy_from_environment: true\n  proxy_url: http://proxy:3128",
                "remote_write[0].proxy_url at line 3: if proxy_from_environment is configured, proxy_url must not"),
            Arguments.of(URL + "  proxy_from_environment: true\n  no_proxy: internal",
                "remote_write[0].no_proxy at line 3: if proxy_from_environment is configured, no_proxy must not"),
            Arguments.of(URL + "  proxy_connect_header: {X-A: [b]}",
                "remote_write[0].proxy_connect_header at line 2: if proxy_connect_header is configured, proxy_url"),
            Arguments.of(URL + "  proxy_url: http://proxy:3128\n  proxy_connect_header: {X-A: '" + SECRET + "'}",
                "remote_write[0].proxy_connect_header.X-A at line 3: cannot unmarshal !!str into a list of secrets"),
            Arguments.of(URL + "  proxy_url: http://proxy:3128\n  no_proxy: 10.0.0.0/x",
                "remote_write[0].no_proxy at line 3: not a list of hosts"),
            Arguments.of(URL + "  follow_redirects: sometimes",
                "remote_write[0].follow_redirects at line 2: cannot unmarshal !!str `sometimes` into bool"),
            Arguments.of(URL + "  oauth2: {client_secret: '" + SECRET + "', token_url: http://a/t}",
                "remote_write[0].oauth2.client_id at line 2: oauth2 client_id must be configured"),
            Arguments.of(URL + "  oauth2: {client_id: a}",
                "remote_write[0].oauth2.token_url at line 2: oauth2 token_url must be configured"),
            Arguments.of(URL + "  oauth2: {client_id: a, token_url: ftp://a/t}",
                "remote_write[0].oauth2.token_url at line 2: unsupported scheme \"ftp\""),
            Arguments.of(URL + "  oauth2: {client_id: a, token_url: http://a/t, client_secret: '" + SECRET +
                "', client_secret_file: f}",
                "remote_write[0].oauth2 at line 2: at most one of oauth2 client_secret & client_secret_file"),
            Arguments.of(URL + "  oauth2: {client_id: a, token_url: http://a/t, client_secret_ref: v}",
                "remote_write[0].oauth2.client_secret_ref at line 2: not supported by Sluice yet"),
            Arguments.of(URL + "  oauth2: {client_id: a, token_url: http://a/t, scopes: [x], " +
                "endpoint_params: {scope: y}}",
                "remote_write[0].oauth2.endpoint_params.scope at line 2: cannot overwrite parameter scope"),
            Arguments.of(URL + "  oauth2: {client_id: a, token_url: http://a/t, scope: x}",
                "remote_write[0].oauth2.scope at line 2: field scope not found in type config.OAuth2"),
            Arguments.of(URL + "  oauth2: {client_id: a, token_url: http://a/t}\n  bearer_token: t",
                "remote_write[0] at line 1: at most one of basic_auth, authorization, oauth2"));
    }

    @ParameterizedTest
    @MethodSource("invalidConfigs")
    void invalidFieldsAreRejectedNamingTheFieldAndNoSecret(final String yaml, final String message)
    {
        final InvalidConfigException error = assertThrows(InvalidConfigException.class,
            () -> RemoteWriteConfig.fromYaml(yaml, configDirectory));
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
        assertFalse(error.getMessage().contains(SECRET), error.getMessage());
    }

    static Stream<Arguments> filesRefusedWhenTheEndpointIsBuilt()
    {
        return Stream.of(
            Arguments.of("{ca_file: missing.pem}",
                "remote_write[0].tls_config.ca_file: cannot read " + "MISSING" + " (NoSuchFileException)"),
            Arguments.of("{ca_file: client.key}", "remote_write[0].tls_config.ca_file: no PEM certificate found"),
            Arguments.of("{ca_file: ca.pem, cert_file: client.key, key_file: client.key}",
                "remote_write[0].tls_config.cert_file: no PEM certificate found"),
            Arguments.of("{cert_file: client.pem, key_file: ca.pem}",
                "remote_write[0].tls_config.key_file: the certificate and key cannot be read as PEM"),
            Arguments.of("{cert_file: client.pem, key_file: pkcs1.key}",
                "remote_write[0].tls_config.key_file: a PKCS#1 or SEC1 key; Sluice reads PKCS#8"));
    }

    @ParameterizedTest
    @MethodSource("filesRefusedWhenTheEndpointIsBuilt")
    void unreadableOrWrongPemFailsTheBuildNamingTheField(final String tls, final String message) throws IOException
    {
        Files.writeString(configDirectory.resolve("pkcs1.key"),
            "-----BEGIN EC PRIVATE KEY-----\n" + SECRET + "\n-----END EC PRIVATE KEY-----\n", StandardCharsets.UTF_8);
        final RemoteWriteConfig config = one(URL + "  tls_config: " + tls + "\n");
        final InvalidConfigException error = assertThrows(InvalidConfigException.class,
            () -> config.toEndpoint(TestEventLoop.group(), 1, Map.of(), LOG::add));
        assertEquals(message.replace("MISSING", configDirectory.resolve("missing.pem").toString()),
            error.getMessage().substring(0, Math.min(error.getMessage().length(), message.replace("MISSING",
                configDirectory.resolve("missing.pem").toString()).length())), error.getMessage());
        assertFalse(error.getMessage().contains(SECRET), error.getMessage());
        assertFalse(error.getMessage().contains("PRIVATE KEY-----"), error.getMessage());
    }

    @Test
    void anUnreadableOauth2SecretFileFailsTheBuild()
    {
        final RemoteWriteConfig config = one(URL + "  oauth2: {client_id: a, token_url: http://a/t, " +
            "client_secret_file: nowhere}\n");
        final InvalidConfigException error = assertThrows(InvalidConfigException.class,
            () -> config.toEndpoint(TestEventLoop.group(), 1, Map.of(), LOG::add));
        assertTrue(error.getMessage().startsWith("remote_write[0].oauth2.client_secret_file: cannot read"),
            error.getMessage());
    }

    @Test
    void aChangedCaFileIsReadAgainForTheNextConnection() throws IOException
    {
        final Path ca = configDirectory.resolve("rotating-ca.pem");
        Files.copy(pki.ca, ca, StandardCopyOption.REPLACE_EXISTING);
        final TlsContextSource source = new TlsContextSource(new TlsSettings(PemSource.inFile(ca, "ca_file"),
                null, null, "", false, TlsVersion.TLS12, TlsVersion.TLS13), false);
        final Object first = source.current();
        assertSame(first, source.current(), "unchanged file, same context");
        Files.copy(pki.otherCa, ca, StandardCopyOption.REPLACE_EXISTING);
        assertFalse(first == source.current(), "a changed file builds a new context");
    }
}
