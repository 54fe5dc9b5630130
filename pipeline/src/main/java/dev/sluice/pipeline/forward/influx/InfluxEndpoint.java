package dev.sluice.pipeline.forward.influx;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Where and how line protocol is written to one InfluxDB: the write URL with its query parameters URL-encoded,
 * and the request headers, credentials included. InfluxDB 1.x takes {@code /write?db=&rp=&precision=} with
 * optional basic auth (sent as an {@code Authorization: Basic} header, never as {@code u}/{@code p} parameters that
 * proxies log); InfluxDB 2.x takes {@code /api/v2/write?org=&bucket=&precision=} with {@code Authorization: Token}.
 *
 * <p>The 2.x form is checked by unit tests only: the InfluxDB that Debian 12 packages, and that the integration
 * tests run, is 1.6, which has no {@code /api/v2/write}. Credentials never appear in {@link #toString()} nor in
 * an exception message.
 */
public final class InfluxEndpoint
{
    private final URI writeUrl;
    private final TimestampPrecision precision;
    private final String authorization;
    private final String description;

    private InfluxEndpoint(
        final URI writeUrl, final TimestampPrecision precision, final String authorization, final String description)
    {
        this.writeUrl = writeUrl;
        this.precision = precision;
        this.authorization = authorization;
        this.description = description;
    }

    /**
     * An InfluxDB 1.x endpoint.
     *
     * @param baseUrl         the server, {@code http} or {@code https}, optionally with a path prefix (a proxy's),
     *                        without query or user info.
     * @param database        the database ({@code db}).
     * @param retentionPolicy the retention policy ({@code rp}), or {@code null} for the database's default.
     * @param precision       the unit of the timestamps.
     * @param username        the user for basic auth, or {@code null} for none.
     * @param password        the user's password; ignored without a user.
     * @return the endpoint.
     */
    public static InfluxEndpoint v1(
        final URI baseUrl,
        final String database,
        final String retentionPolicy,
        final TimestampPrecision precision,
        final String username,
        final String password)
    {
        requireText(database, "database");
        final StringBuilder query = new StringBuilder("db=").append(encode(database));
        if (retentionPolicy != null)
        {
            requireText(retentionPolicy, "retention policy");
            query.append("&rp=").append(encode(retentionPolicy));
        }
        query.append("&precision=").append(precision.v1Parameter());
        final String authorization = username == null ? null : "Basic " + Base64.getEncoder().encodeToString(
            (username + ':' + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        final URI writeUrl = writeUrl(baseUrl, "/write", query);
        return new InfluxEndpoint(writeUrl, precision, authorization,
            "InfluxDB 1.x " + writeUrl + (username == null ? "" : " as " + username));
    }

    /**
     * An InfluxDB 2.x endpoint.
     *
     * @param baseUrl   the server, {@code http} or {@code https}, optionally with a path prefix (a proxy's), without
     *                  query or user info.
     * @param org       the organization, by name or id.
     * @param bucket    the bucket, by name or id.
     * @param precision the unit of the timestamps.
     * @param token     the API token allowed to write the bucket.
     * @return the endpoint.
     */
    public static InfluxEndpoint v2(
        final URI baseUrl,
        final String org,
        final String bucket,
        final TimestampPrecision precision,
        final String token)
    {
        requireText(org, "org");
        requireText(bucket, "bucket");
        requireText(token, "token");
        final StringBuilder query = new StringBuilder("org=").append(encode(org))
            .append("&bucket=").append(encode(bucket))
            .append("&precision=").append(precision.v2Parameter());
        final URI writeUrl = writeUrl(baseUrl, "/api/v2/write", query);
        return new InfluxEndpoint(writeUrl, precision, "Token " + token, "InfluxDB 2.x " + writeUrl);
    }

    private static URI writeUrl(final URI baseUrl, final String path, final CharSequence query)
    {
        final String scheme = baseUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || baseUrl.getHost() == null)
        {
            throw new IllegalArgumentException("InfluxDB URL must be http or https with a host");
        }
        if (baseUrl.getRawUserInfo() != null)
        {
            throw new IllegalArgumentException("InfluxDB URL must not carry credentials; pass them as parameters");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null)
        {
            throw new IllegalArgumentException("InfluxDB URL must have no query or fragment");
        }
        final String prefix = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + baseUrl.getRawAuthority() + prefix + path + '?' + query);
    }

    private static void requireText(final String value, final String what)
    {
        if (value == null || value.isEmpty())
        {
            throw new IllegalArgumentException("InfluxDB " + what + " must not be empty");
        }
    }

    /** Percent-encodes a query parameter value, spaces as {@code %20}. */
    private static String encode(final String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The URL to POST line protocol to, for {@link dev.sluice.pipeline.forward.HttpWriteConnection}.
     *
     * @return the URL with its query.
     */
    public URI writeUrl()
    {
        return writeUrl;
    }

    /**
     * The unit the timestamps must be written in: give it to the {@link LineProtocolEncoder}.
     *
     * @return the precision named in the URL.
     */
    public TimestampPrecision precision()
    {
        return precision;
    }

    /**
     * Sets the headers of a write request: the line-protocol content type and, when configured, the credentials.
     *
     * @param headers the headers of the request about to be sent.
     */
    public void headers(final HttpHeaders headers)
    {
        headers.set(HttpHeaderNames.CONTENT_TYPE, LineProtocolEncoder.CONTENT_TYPE);
        if (authorization != null)
        {
            headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
    }

    /** The API version and write URL, and the user if any; never a password or token. */
    @Override
    public String toString()
    {
        return description;
    }
}
