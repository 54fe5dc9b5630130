package dev.sluice.pipeline.forward.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InfluxEndpointTest
{
    private static final URI SERVER = URI.create("http://127.0.0.1:8086");

    private static HttpHeaders headers(final InfluxEndpoint endpoint)
    {
        final HttpHeaders headers = new DefaultHttpHeaders();
        endpoint.headers(headers);
        return headers;
    }

    @Test
    void v1WritesToTheDatabaseWithoutCredentials()
    {
        final InfluxEndpoint endpoint =
            InfluxEndpoint.v1(SERVER, "sluice", null, TimestampPrecision.MILLISECONDS, null, null);

        assertEquals("http://127.0.0.1:8086/write?db=sluice&precision=ms", endpoint.writeUrl().toString());
        assertEquals(TimestampPrecision.MILLISECONDS, endpoint.precision());
        final HttpHeaders headers = headers(endpoint);
        assertEquals("text/plain; charset=utf-8", headers.get(HttpHeaderNames.CONTENT_TYPE));
        assertNull(headers.get(HttpHeaderNames.AUTHORIZATION));
    }

    @Test
    void v1EncodesItsParametersAndSendsCredentialsAsBasicAuthOnly()
    {
        final InfluxEndpoint endpoint = InfluxEndpoint.v1(URI.create("https://proxy.example/influx/"),
            "my db&x=1/\u00e9", "two weeks", TimestampPrecision.MICROSECONDS, "writer", "pa:ss w\u00f6rd");

        assertEquals("https://proxy.example/influx/write?db=my%20db%26x%3D1%2F%C3%A9&rp=two%20weeks&precision=u",
            endpoint.writeUrl().toString());
        assertEquals("my db&x=1/\u00e9", URLDecoder.decode(
            endpoint.writeUrl().getRawQuery().split("&")[0].substring("db=".length()), StandardCharsets.UTF_8));
        final String basic = "Basic " + Base64.getEncoder().encodeToString(
            "writer:pa:ss w\u00f6rd".getBytes(StandardCharsets.UTF_8));
        assertEquals(basic, headers(endpoint).get(HttpHeaderNames.AUTHORIZATION));
        assertFalse(endpoint.toString().contains("pa:ss"), endpoint.toString());
        assertFalse(endpoint.toString().contains(basic.substring(6)), endpoint.toString());
        assertEquals("InfluxDB 1.x " + endpoint.writeUrl() + " as writer", endpoint.toString());
    }

    @Test
    void v2WritesToTheBucketOfTheOrgWithAToken()
    {
        final InfluxEndpoint endpoint = InfluxEndpoint.v2(URI.create("http://influx:8086/"), "my org", "b/1",
            TimestampPrecision.MICROSECONDS, "s3cr3t-token");

        assertEquals("http://influx:8086/api/v2/write?org=my%20org&bucket=b%2F1&precision=us",
            endpoint.writeUrl().toString());
        final HttpHeaders headers = headers(endpoint);
        assertEquals("Token s3cr3t-token", headers.get(HttpHeaderNames.AUTHORIZATION));
        assertEquals("text/plain; charset=utf-8", headers.get(HttpHeaderNames.CONTENT_TYPE));
        assertFalse(endpoint.toString().contains("s3cr3t"), endpoint.toString());
    }

    @ParameterizedTest
    @CsvSource({"NANOSECONDS, ns, ns", "MICROSECONDS, u, us", "MILLISECONDS, ms, ms", "SECONDS, s, s"})
    void eachApiIsToldThePrecisionInItsOwnSpelling(
        final TimestampPrecision precision, final String v1, final String v2)
    {
        assertEquals("http://127.0.0.1:8086/write?db=d&precision=" + v1,
            InfluxEndpoint.v1(SERVER, "d", null, precision, null, null).writeUrl().toString());
        assertEquals("http://127.0.0.1:8086/api/v2/write?org=o&bucket=b&precision=" + v2,
            InfluxEndpoint.v2(SERVER, "o", "b", precision, "t").writeUrl().toString());
    }

    @Test
    void badConfigurationIsRefusedWithoutRepeatingSecrets()
    {
        final IllegalArgumentException userInfo = assertThrows(IllegalArgumentException.class, () ->
            InfluxEndpoint.v1(URI.create("http://u:hunter2@h:8086"), "d", null, TimestampPrecision.SECONDS, null,
                null));
        assertFalse(userInfo.getMessage().contains("hunter2"), userInfo.getMessage());
        final IllegalArgumentException query = assertThrows(IllegalArgumentException.class, () ->
            InfluxEndpoint.v2(URI.create("http://h:8086/?token=hunter2"), "o", "b", TimestampPrecision.SECONDS,
                "hunter2"));
        assertFalse(query.getMessage().contains("hunter2"), query.getMessage());
        final IllegalArgumentException token = assertThrows(IllegalArgumentException.class, () ->
            InfluxEndpoint.v2(SERVER, "o", "b", TimestampPrecision.SECONDS, ""));
        assertEquals("InfluxDB token must not be empty", token.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> InfluxEndpoint.v1(SERVER, "", null, TimestampPrecision.SECONDS, null, null));
        assertThrows(IllegalArgumentException.class,
            () -> InfluxEndpoint.v1(URI.create("ftp://h"), "d", null, TimestampPrecision.SECONDS, null, null));
    }
}
