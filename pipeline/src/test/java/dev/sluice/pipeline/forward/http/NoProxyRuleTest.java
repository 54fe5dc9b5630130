package dev.sluice.pipeline.forward.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code no_proxy} matching with the rules of Go's {@code httpproxy} package. */
class NoProxyRuleTest
{
    static Stream<Arguments> cases()
    {
        return Stream.of(
            Arguments.of("", "db.example", 443, false),
            Arguments.of("", "localhost", 80, true),
            Arguments.of("", "127.0.0.2", 80, true),
            Arguments.of("", "[::1]", 80, true),
            Arguments.of("*", "db.example", 443, true),
            Arguments.of("example.com", "example.com", 80, true),
            Arguments.of("example.com", "db.example.com", 80, true),
            Arguments.of("example.com", "badexample.com", 80, false),
            Arguments.of(".example.com", "example.com", 80, false),
            Arguments.of(".example.com", "db.example.com", 80, true),
            Arguments.of("*.example.com", "db.example.com", 80, true),
            Arguments.of(" Example.COM ,other", "DB.example.com", 80, true),
            Arguments.of("example.com:8443", "db.example.com", 8443, true),
            Arguments.of("example.com:8443", "db.example.com", 443, false),
            Arguments.of("10.0.0.0/8", "10.20.30.40", 80, true),
            Arguments.of("10.0.0.0/8", "11.0.0.1", 80, false),
            Arguments.of("10.0.0.0/8", "ten.example", 80, false),
            Arguments.of("192.168.1.10", "192.168.1.10", 80, true),
            Arguments.of("192.168.1.10:9090", "192.168.1.10", 80, false),
            Arguments.of("2001:db8::/32", "[2001:db8::1]", 443, true),
            Arguments.of("[2001:db8::1]:443", "[2001:db8::1]", 443, true));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void hostsGoDirectAsGoDecides(final String list, final String host, final int port, final boolean direct)
    {
        assertEquals(direct, new NoProxyRule(list).bypasses(host, port), list + " / " + host + ":" + port);
    }

    @ParameterizedTest
    @MethodSource("badLists")
    void anUnreadableRangeIsRefused(final String list)
    {
        assertThrows(IllegalArgumentException.class, () -> new NoProxyRule(list));
    }

    static Stream<String> badLists()
    {
        return Stream.of("10.0.0.0/x", "db.example/8", "db.example:port");
    }
}
