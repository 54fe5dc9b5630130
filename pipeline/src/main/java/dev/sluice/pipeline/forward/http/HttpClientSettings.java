package dev.sluice.pipeline.forward.http;

/**
 * The HTTP client part of a {@code remote_write} entry, what Prometheus' common HTTP client config holds beside the
 * credentials: TLS, proxy, redirects, HTTP/2, and where a per-request {@code Authorization} comes from (OAuth 2).
 * Defaults are those of Prometheus 3's remote write: redirects followed, HTTP/2 off (Prometheus 3 gives remote write
 * its own default, {@code enable_http2: false}, so that each shard keeps its own connection; Prometheus 2.x and its
 * other HTTP clients default to true).
 *
 * @param tls             {@code tls_config}.
 * @param proxy           {@code proxy_url} and friends.
 * @param followRedirects {@code follow_redirects}.
 * @param enableHttp2     {@code enable_http2}: offer {@code h2} by ALPN over TLS.
 * @param authorization   a per-request {@code Authorization} value, or {@link RequestCredentials#NONE}.
 */
public record HttpClientSettings(
    TlsSettings tls,
    ProxySettings proxy,
    boolean followRedirects,
    boolean enableHttp2,
    RequestCredentials authorization)
{
    /** Prometheus' remote write defaults: no TLS settings, no proxy, redirects followed, HTTP/1.1. */
    public static final HttpClientSettings DEFAULTS =
        new HttpClientSettings(TlsSettings.DEFAULTS, ProxySettings.NONE, true, false, RequestCredentials.NONE);

    /**
     * A copy with another per-request authorization.
     *
     * @param credentials the source of the {@code Authorization} header.
     * @return the copy.
     */
    public HttpClientSettings withAuthorization(final RequestCredentials credentials)
    {
        return new HttpClientSettings(tls, proxy, followRedirects, enableHttp2, credentials);
    }
}
