package dev.sluice.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusDurationTest
{
    @ParameterizedTest
    @CsvSource({
        "30s, 30000",
        "1m30s, 90000",
        "5ms, 5",
        "1h, 3600000",
        "0, 0",
        "0s, 0",
        "1d2h, 93600000",
        "2w, 1209600000",
        "1y, 31536000000",
        "1h0m0s1ms, 3600001"})
    void readsPrometheusDurations(final String text, final long millis)
    {
        assertEquals(Duration.ofMillis(millis), PrometheusDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "1.5s", "-1s", "1s1m", "1S", "1 s", "s", "99999999999999999999y"})
    void rejectsWhatPrometheusRejects(final String text)
    {
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> PrometheusDuration.parse(text));
        assertTrue(error.getMessage().contains("\"" + text + "\""), error.getMessage());
    }
}
