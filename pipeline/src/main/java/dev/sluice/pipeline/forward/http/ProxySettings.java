package dev.sluice.pipeline.forward.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.sluice.pipeline.config.InvalidConfigException;

/**
 * The proxy of an endpoint as Prometheus configures it: {@code proxy_url} with an optional {@code no_proxy} list, or
 * {@code proxy_from_environment} ({@code HTTP_PROXY}, {@code HTTPS_PROXY} and {@code NO_PROXY}, upper case first,
 * read once when the endpoint is built), and {@code proxy_connect_header}, sent on {@code CONNECT}. Only {@code http}
 * proxies are supported; a {@code user:password} in the proxy URL becomes {@code Proxy-Authorization: Basic}.
 * Neither the proxy's credentials nor the connect headers' values appear in {@link #toString()}.
 *
 * @param proxyUrl        the proxy, or null.
 * @param noProxy         hosts that go direct; only consulted with a {@code no_proxy} list or the environment.
 * @param fromEnvironment whether the proxy comes from the environment.
 * @param connectHeaders  headers of the {@code CONNECT} request, by name.
 * @param environment     the environment to read, {@code System::getenv} outside tests.
 */
public record ProxySettings(
    URI proxyUrl,
    NoProxyRule noProxy,
    boolean fromEnvironment,
    Map<String, List<String>> connectHeaders,
    UnaryOperator<String> environment)
{
    /** No proxy: requests go straight to the endpoint. */
    public static final ProxySettings NONE =
        new ProxySettings(null, null, false, Map.of(), System::getenv);

    /** Copies the headers. */
    public ProxySettings
    {
        connectHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(connectHeaders));
    }

    /**
     * The proxy a request to {@code target} goes through.
     *
     * @param target the endpoint.
     * @return the proxy's URL, or null to go direct.
     * @throws InvalidConfigException when the environment names a proxy that is not an {@code http} URL.
     */
    public URI proxyFor(final URI target)
    {
        final boolean https = "https".equalsIgnoreCase(target.getScheme());
        final int port = target.getPort() >= 0 ? target.getPort() : (https ? 443 : 80);
        if (fromEnvironment)
        {
            final String name = https ? "HTTPS_PROXY" : "HTTP_PROXY";
            final String proxy = variable(name);
            if (proxy.isEmpty() || new NoProxyRule(variable("NO_PROXY")).bypasses(target.getHost(), port))
            {
                return null;
            }
            return environmentProxy(name, proxy.contains("://") ? proxy : "http://" + proxy);
        }
        if (proxyUrl == null || (noProxy != null && noProxy.bypasses(target.getHost(), port)))
        {
            return null;
        }
        return proxyUrl;
    }

    private static URI environmentProxy(final String variable, final String text)
    {
        final URI proxy;
        try
        {
            proxy = new URI(text);
        }
        catch (final URISyntaxException ex)
        {
            // The value may carry a password: neither it nor the parser's message is quoted.
            throw new InvalidConfigException("proxy_from_environment", variable + " is not a valid URL");
        }
        if (!"http".equalsIgnoreCase(proxy.getScheme()) || proxy.getHost() == null)
        {
            throw new InvalidConfigException("proxy_from_environment", variable + " names a " + proxy.getScheme() +
                " proxy" + (proxy.getHost() == null ? " without a host" : "") + ": Sluice supports http proxies only");
        }
        return proxy;
    }

    private String variable(final String name)
    {
        final String upper = environment.apply(name);
        if (upper != null && !upper.isEmpty())
        {
            return upper;
        }
        final String lower = environment.apply(name.toLowerCase(Locale.ROOT));
        return lower == null ? "" : lower;
    }

    /**
     * A URL as it may be logged: without user info.
     *
     * @param url a proxy URL.
     * @return scheme, host and port.
     */
    public static String redacted(final URI url)
    {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }

    /** The proxy without credentials, the no_proxy list, the environment flag, connect header names. */
    @Override
    public String toString()
    {
        if (fromEnvironment)
        {
            return "proxy from environment, connect headers " + connectHeaders.keySet();
        }
        return proxyUrl == null ? "no proxy" : "proxy " + redacted(proxyUrl) + (noProxy == null ? "" :
            ", no_proxy " + noProxy) + ", connect headers " + connectHeaders.keySet();
    }
}
