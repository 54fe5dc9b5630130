package dev.sluice.pipeline.forward.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Token endpoint answers as RFC 6749 writes them, the form some endpoints send, and malformed ones. */
class TokenResponseTest
{
    @Test
    void aJsonAnswerGivesTokenTypeAndLifetimeSkippingOtherMembers() throws IOException
    {
        assertEquals(new TokenResponse("a\"b\u00e9", "Bearer", 3600), TokenResponse.parse(
            "{ \"token_type\" : \"bearer\", \"nested\": {\"x\": [1, {\"y\": \"}\"}]}, \"ok\": true, " +
            "\"access_token\": \"a\\\"b\\u00e9\", \"expires_in\": 3600, \"n\": null }", "application/json"));
    }

    @Test
    void typesAreNormalisedAsGoDoesAndAMissingLifetimeIsNoExpiry() throws IOException
    {
        assertEquals(new TokenResponse("t", "MAC", 0), TokenResponse.parse("{\"access_token\":\"t\"," +
            "\"token_type\":\"mac\"}", null));
        assertEquals(new TokenResponse("t", "Bearer", 0), TokenResponse.parse("{\"access_token\":\"t\"}", null));
        assertEquals(new TokenResponse("t", "DPoP", 0), TokenResponse.parse("{\"access_token\":\"t\"," +
            "\"token_type\":\"DPoP\"}", null));
    }

    @Test
    void aFormAnswerIsReadWhenTheContentTypeSaysSo() throws IOException
    {
        assertEquals(new TokenResponse("a b", "Bearer", 60), TokenResponse.parse(
            "access_token=a+b&token_type=bearer&expires_in=60", "application/x-www-form-urlencoded; charset=utf-8"));
    }

    static Stream<String> malformed()
    {
        return Stream.of("", "[]", "{\"access_token\": \"secret-token\"", "{\"access_token\": 12}", "{}",
            "{\"access_token\": \"secret-token\", \"expires_in\": \"soon\"}", "{\"a\": \"\\u12\"}", "<html>");
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedAnswerIsAnIoExceptionThatQuotesNothing(final String body)
    {
        final IOException error = assertThrows(IOException.class, () -> TokenResponse.parse(body, "application/json"));
        assertFalse(error.getMessage().contains("secret-token"), error.getMessage());
    }

    @Test
    void toStringNeverShowsTheToken()
    {
        assertFalse(new TokenResponse("secret-token", "Bearer", 1).toString().contains("secret-token"));
    }
}
