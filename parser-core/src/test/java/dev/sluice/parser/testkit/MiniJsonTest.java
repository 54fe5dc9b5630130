package dev.sluice.parser.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MiniJsonTest
{
    @Test
    void readsNestingEscapesNumbersAndLiterals()
    {
        final Object value = MiniJson.parse(" {\"a\": [1, -2.5e3, true, false, null], \"b\\\"\\u00e9\\n\": {}} ");
        assertTrue(value instanceof Map);
        final Map<?, ?> object = (Map<?, ?>)value;
        assertEquals(Arrays.asList(1L, -2500.0, true, false, null), object.get("a"));
        assertEquals(Map.of(), object.get("b\"é\n"));
    }

    @Test
    void rejectsBrokenDocumentsWithIllegalArgument()
    {
        for (final String broken : new String[] {"[1, 2", "{\"a\" 1}", "[1] x", "\"open", "", "{", "[", "\"\\u00",
            "{\"a\": tru}", "[1 2]"})
        {
            assertThrows(IllegalArgumentException.class, () -> MiniJson.parse(broken), broken);
        }
    }
}
