package dev.sluice.pipeline.forward.http;

import java.io.IOException;

/**
 * A request was redirected more often than the client follows: a failed attempt, retried as Prometheus retries Go's
 * "stopped after 10 redirects" error.
 */
public final class TooManyRedirectsException extends IOException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the endpoint and the count.
     */
    public TooManyRedirectsException(final String message)
    {
        super(message);
    }
}
