package dev.sluice.pipeline.forward;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import dev.sluice.pipeline.config.InvalidConfigException;
import dev.sluice.pipeline.forward.http.HttpClientSettings;
import dev.sluice.pipeline.forward.http.RequestCredentials;
import dev.sluice.pipeline.forward.http.TokenResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The {@code Authorization} of an {@code oauth2} endpoint: a token of the client-credentials grant, fetched on the
 * first request, reused until 10 seconds before it expires (Go's {@code oauth2} margin), then fetched again. The fetch
 * runs on the shard thread that needs the token, never on a relabel worker; shards of the endpoint share one token.
 * Client authentication is tried as Go's {@code oauth2} does by default: HTTP Basic with the form-encoded id and
 * secret first, then, if the endpoint refuses that, {@code client_id} and {@code client_secret} in the form, and the
 * style that worked is kept. A failed fetch is an {@link IOException}: the send attempt fails and is retried.
 */
public final class OAuth2TokenSource implements RequestCredentials, AutoCloseable
{
    /** A token is renewed this long before it expires. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

    private final OAuth2Config config;
    private final HttpWriteConnection connection;
    private final LongSupplier clockMs;
    private String headerValue;
    private long renewAtMs;
    private Boolean secretInHeader;

    /**
     * Creates the source; no token is fetched yet.
     *
     * @param group   the event loop of the token endpoint's connection.
     * @param config  {@code oauth2}.
     * @param timeout per token request.
     * @param clockMs the wall clock in milliseconds ({@code System::currentTimeMillis} outside tests).
     */
    public OAuth2TokenSource(
        final EventLoopGroup group, final OAuth2Config config, final Duration timeout, final LongSupplier clockMs)
    {
        this.config = config;
        this.clockMs = clockMs;
        this.connection = new HttpWriteConnection(group, config.tokenUrl(), timeout,
            new HttpClientSettings(config.tls(), config.proxy(), true, false, RequestCredentials.NONE));
    }

    @Override
    public synchronized String headerValue() throws IOException
    {
        if (headerValue != null && clockMs.getAsLong() < renewAtMs)
        {
            return headerValue;
        }
        final TokenResponse token;
        try
        {
            token = fetch();
        }
        finally
        {
            // Tokens are fetched rarely: no connection is kept open between fetches.
            connection.close();
        }
        headerValue = token.tokenType() + ' ' + token.accessToken();
        renewAtMs = token.expiresInSeconds() == 0 ? Long.MAX_VALUE :
            clockMs.getAsLong() + token.expiresInSeconds() * 1000 - EXPIRY_MARGIN.toMillis();
        return headerValue;
    }

    private TokenResponse fetch() throws IOException
    {
        final String secret;
        try
        {
            secret = config.clientSecret().read();
        }
        catch (final InvalidConfigException ex)
        {
            throw new IOException("oauth2 token for " + config.tokenUrl() + ": " + ex.getMessage());
        }
        if (secretInHeader != null)
        {
            return request(secret, secretInHeader, true);
        }
        try
        {
            final TokenResponse token = request(secret, true, false);
            secretInHeader = true;
            return token;
        }
        catch (final RefusedException ex)
        {
            final TokenResponse token = request(secret, false, true);
            secretInHeader = false;
            return token;
        }
    }

    private TokenResponse request(final String secret, final boolean inHeader, final boolean last)
        throws IOException
    {
        final Map<String, String> form = new TreeMap<>();
        form.put("grant_type", "client_credentials");
        if (!config.scopes().isEmpty())
        {
            form.put("scope", String.join(" ", config.scopes()));
        }
        form.putAll(config.endpointParams());
        final HttpHeaders headers = new DefaultHttpHeaders()
            .set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
        if (inHeader)
        {
            headers.set(HttpHeaderNames.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
                (encode(config.clientId()) + ':' + encode(secret)).getBytes(StandardCharsets.UTF_8)));
        }
        else
        {
            form.put("client_id", config.clientId());
            form.put("client_secret", secret);
        }
        final StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(encode(name)).append('=')
            .append(encode(value)));
        final ByteBuf bytes = Unpooled.wrappedBuffer(body.toString().getBytes(StandardCharsets.UTF_8));
        final HttpWriteConnection.Answer answer;
        try
        {
            answer = connection.exchange(bytes, headers);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching an oauth2 token from " + config.tokenUrl());
        }
        if (answer.status() / 100 != 2)
        {
            final String message = "oauth2 token endpoint " + config.tokenUrl() + " answered " + answer.status();
            throw last ? new IOException(message) : new RefusedException(message);
        }
        return TokenResponse.parse(answer.body(), answer.contentType());
    }

    private static String encode(final String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close()
    {
        connection.close();
    }

    /** The configuration, never the token or secret. */
    @Override
    public String toString()
    {
        return config.toString();
    }

    /** The token endpoint refused the first way of authenticating the client. */
    private static final class RefusedException extends IOException
    {
        private static final long serialVersionUID = 1L;

        RefusedException(final String message)
        {
            super(message);
        }
    }
}
