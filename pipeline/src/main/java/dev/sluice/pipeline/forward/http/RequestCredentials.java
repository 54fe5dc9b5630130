package dev.sluice.pipeline.forward.http;

import java.io.IOException;

/**
 * An {@code Authorization} header value computed per request on the sending thread, such as an OAuth 2 token that
 * expires; a failure to get one is a failed attempt, retried as a lost connection is.
 */
public interface RequestCredentials
{
    /** No per-request header. */
    RequestCredentials NONE = () -> null;

    /**
     * The header value for the next request.
     *
     * @return the value, or null for none.
     * @throws IOException when it cannot be had now (the token endpoint is down or refuses).
     */
    String headerValue() throws IOException;
}
