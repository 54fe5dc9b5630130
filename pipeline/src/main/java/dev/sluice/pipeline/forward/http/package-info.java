/**
 * The HTTP client settings of a write endpoint, with Prometheus' names and defaults: TLS ({@code tls_config}),
 * proxies ({@code proxy_url}, {@code no_proxy}, {@code proxy_from_environment}, {@code proxy_connect_header}),
 * HTTP/2, redirects and OAuth 2 client credentials; and the pieces the connection builds from them.
 */
package dev.sluice.pipeline.forward.http;
