package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sluice.parser.Corpus;

/**
 * The client library's fuzz seeds: its own parser accepts six and rejects twenty. Sluice follows Prometheus'
 * scrape parser instead, so it also accepts the seven "errors" that the scrape parser lets through; each is
 * named here with the reason.
 */
class ClientLibraryCorpusTest
{
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "from_test_parse_0, parses",
        "from_test_parse_1, parses",
        "from_test_parse_2, parses",
        "from_test_parse_3, parses",
        "from_test_parse_4, parses",
        "minimal, parses",
        // No final newline: accepted (docs/formats.md).
        "from_test_parse_error_0, parses",
        // Unknown escape \\t in a label value: kept as written, as Prometheus does.
        "from_test_parse_error_1, parses",
        "from_test_parse_error_2, fails",
        "from_test_parse_error_3, fails",
        "from_test_parse_error_4, fails",
        "from_test_parse_error_5, fails",
        "from_test_parse_error_6, fails",
        // A quantile that is not a float is left alone, as Prometheus does.
        "from_test_parse_error_7, parses",
        "from_test_parse_error_8, fails",
        "from_test_parse_error_9, fails",
        "from_test_parse_error_10, fails",
        "from_test_parse_error_11, fails",
        // Repeated HELP, repeated TYPE, TYPE after samples: the scrape parser accepts them.
        "from_test_parse_error_12, parses",
        "from_test_parse_error_13, parses",
        "from_test_parse_error_14, parses",
        "from_test_parse_error_15, fails",
        "from_test_parse_error_16, fails",
        "from_test_parse_error_17, fails",
        "from_test_parse_error_18, fails",
        // An le that is not a float is left alone, as Prometheus does.
        "from_test_parse_error_19, parses",
    })
    void outcomeMatchesPrometheusScrapeParser(final String file, final String outcome)
    {
        final byte[] body = Corpus.bytes("prometheus-common-expfmt/fuzz-corpus/" + file);
        final int entries = HostileInputTest.drain(new PrometheusTextCursor(), body, 0, body.length);
        assertEquals(outcome, entries >= 0 ? "parses" : "fails");
    }
}
