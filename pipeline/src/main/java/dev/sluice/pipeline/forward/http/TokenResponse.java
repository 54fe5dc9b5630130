package dev.sluice.pipeline.forward.http;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The answer of an OAuth 2 token endpoint (RFC 6749, section 5.1): the access token, its type and lifetime. Read
 * from a JSON object, or from a form-encoded body as some endpoints send; only the top level's string and number
 * members are kept, nested values are skipped.
 *
 * @param accessToken    {@code access_token}.
 * @param tokenType      {@code token_type} as the {@code Authorization} scheme: {@code Bearer} when absent or any
 *                       case of "bearer".
 * @param expiresInSeconds {@code expires_in}; 0 when absent: the token does not expire.
 */
public record TokenResponse(String accessToken, String tokenType, long expiresInSeconds)
{
    /**
     * Reads the body of a 2xx answer.
     *
     * @param body        the body.
     * @param contentType the answer's {@code Content-Type}, or null.
     * @return the token.
     * @throws IOException when the body holds no {@code access_token} or is not JSON; never quoting the body.
     */
    public static TokenResponse parse(final String body, final String contentType) throws IOException
    {
        final String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        final boolean form = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("text/plain");
        final JsonObjectReader json = form ? null : new JsonObjectReader(body);
        final Map<String, String> members = form ? form(body) : json.members();
        final String token = members.get("access_token");
        if (token == null || token.isEmpty())
        {
            throw new IOException("the token endpoint's answer has no access_token");
        }
        if (json != null && json.numbers.contains("access_token"))
        {
            throw new IOException("the token endpoint's access_token is not a string");
        }
        final String expires = members.getOrDefault("expires_in", "0");
        final long seconds;
        try
        {
            seconds = expires.isEmpty() ? 0 : (long)Double.parseDouble(expires);
        }
        catch (final NumberFormatException ex)
        {
            throw new IOException("the token endpoint's expires_in is not a number");
        }
        return new TokenResponse(token, scheme(members.getOrDefault("token_type", "")), Math.max(0, seconds));
    }

    private static String scheme(final String type)
    {
        switch (type.toLowerCase(Locale.ROOT))
        {
            case "", "bearer":
                return "Bearer";
            case "mac":
                return "MAC";
            case "basic":
                return "Basic";
            default:
                return type;
        }
    }

    private static Map<String, String> form(final String body)
    {
        final Map<String, String> members = new HashMap<>();
        for (final String pair : body.strip().split("&"))
        {
            final int eq = pair.indexOf('=');
            if (eq > 0)
            {
                members.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return members;
    }

    /** The access token is a credential: only its type and lifetime are shown. */
    @Override
    public String toString()
    {
        return tokenType + " token, expires in " + expiresInSeconds + " s";
    }

    /** Reads the top-level members of one JSON object whose values are strings or numbers; others are skipped. */
    private static final class JsonObjectReader
    {
        private final String text;
        /** Members whose value was a number, not a string. */
        private final Set<String> numbers = new HashSet<>();
        private int at;

        JsonObjectReader(final String text)
        {
            this.text = text;
        }

        Map<String, String> members() throws IOException
        {
            final Map<String, String> members = new HashMap<>();
            expect('{');
            if (peek() == '}')
            {
                return members;
            }
            while (true)
            {
                final String name = string();
                expect(':');
                final char first = peek();
                if (first == '"')
                {
                    members.put(name, string());
                }
                else if (first == '-' || (first >= '0' && first <= '9'))
                {
                    final int start = at;
                    while (at < text.length() && "+-.eE0123456789".indexOf(text.charAt(at)) >= 0)
                    {
                        at++;
                    }
                    members.put(name, text.substring(start, at));
                    numbers.add(name);
                }
                else
                {
                    skipValue();
                }
                if (peek() == ',')
                {
                    at++;
                    continue;
                }
                expect('}');
                return members;
            }
        }

        private void skipValue() throws IOException
        {
            final char first = peek();
            if (first == '{' || first == '[')
            {
                int depth = 0;
                do
                {
                    final char c = text.charAt(at);
                    if (c == '"')
                    {
                        string();
                        continue;
                    }
                    depth += c == '{' || c == '[' ? 1 : (c == '}' || c == ']' ? -1 : 0);
                    at++;
                }
                while (depth > 0 && at < text.length());
                return;
            }
            while (at < text.length() && Character.isLetter(text.charAt(at)))
            {
                at++;
            }
        }

        private String string() throws IOException
        {
            expect('"');
            final StringBuilder value = new StringBuilder();
            while (at < text.length())
            {
                final char c = text.charAt(at++);
                if (c == '"')
                {
                    return value.toString();
                }
                if (c != '\\')
                {
                    value.append(c);
                    continue;
                }
                if (at >= text.length())
                {
                    break;
                }
                final char escaped = text.charAt(at++);
                switch (escaped)
                {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' ->
                    {
                        if (at + 4 > text.length())
                        {
                            throw malformed();
                        }
                        try
                        {
                            value.append((char)Integer.parseInt(text.substring(at, at + 4), 16));
                        }
                        catch (final NumberFormatException ex)
                        {
                            throw malformed();
                        }
                        at += 4;
                    }
                    default -> value.append(escaped);
                }
            }
            throw malformed();
        }

        private char peek() throws IOException
        {
            while (at < text.length() && Character.isWhitespace(text.charAt(at)))
            {
                at++;
            }
            if (at >= text.length())
            {
                throw malformed();
            }
            return text.charAt(at);
        }

        private void expect(final char c) throws IOException
        {
            if (peek() != c)
            {
                throw malformed();
            }
            at++;
        }

        private static IOException malformed()
        {
            return new IOException("the token endpoint's answer is not a JSON object");
        }
    }
}
