package dev.sluice.pipeline.forward;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code Authorization} header a write endpoint sends: none, {@code basic_auth} (user and password), or an
 * {@code authorization} block (a type, {@code Bearer} by default, and credentials; the legacy {@code bearer_token}
 * is one of these). Credentials never appear in {@link #toString()}.
 */
public final class RequestAuthorization
{
    /** No {@code Authorization} header. */
    public static final RequestAuthorization NONE = new RequestAuthorization(null, null, null);

    private final String type;
    private final String username;
    private final ConfigSecret secret;

    private RequestAuthorization(final String type, final String username, final ConfigSecret secret)
    {
        this.type = type;
        this.username = username;
        this.secret = secret;
    }

    /**
     * {@code basic_auth}: the user and password, base64-encoded after {@code Basic}.
     *
     * @param username the user.
     * @param password the password; may be empty.
     * @return the authorization.
     */
    public static RequestAuthorization basic(final String username, final ConfigSecret password)
    {
        return new RequestAuthorization("Basic", username, password);
    }

    /**
     * {@code authorization}: the type, a space, the credentials.
     *
     * @param type        the scheme, such as {@code Bearer}.
     * @param credentials the credentials.
     * @return the authorization.
     */
    public static RequestAuthorization of(final String type, final ConfigSecret credentials)
    {
        return new RequestAuthorization(type, null, credentials);
    }

    /**
     * The header value, reading a credentials file now.
     *
     * @return the value, or null for {@link #NONE}.
     */
    public String headerValue()
    {
        if (type == null)
        {
            return null;
        }
        if (username == null)
        {
            return type + ' ' + secret.read();
        }
        return type + ' ' + Base64.getEncoder().encodeToString(
            (username + ':' + secret.read()).getBytes(StandardCharsets.UTF_8));
    }

    /** The kind, the user of basic auth and where the secret is kept; never the secret. */
    @Override
    public String toString()
    {
        if (type == null)
        {
            return "none";
        }
        return username == null ? type + ' ' + secret : "basic_auth as " + username + ' ' + secret;
    }
}
