package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sluice.parser.number.DecimalParser;
import dev.sluice.parser.number.FloatFormatter;

/**
 * Differential fuzz target of {@link DecimalParser}: for any bytes it returns exactly what its documented grammar
 * and {@code Double.parseDouble} say (the bits of the double for a decimal, infinities and the canonical NaN for
 * their spellings, {@link DecimalParser#INVALID} for everything else), within the work budget. Every finite result
 * is also written back with {@link FloatFormatter#formatGo} and {@link FloatFormatter#formatOpenMetrics} and must
 * parse to the same bits (the OpenMetrics form writes -0 as {@code 0.0}). Seeds are in
 * {@code DecimalParserFuzzTestInputs/parsesExactlyOrRejects/}.
 */
class DecimalParserFuzzTest
{
    /** The decimal part of the grammar in DecimalParser's Javadoc, ASCII digits only. */
    private static final Pattern DECIMAL =
        Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern SIGNED_INFINITY = Pattern.compile("[+-]?(?:inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNSIGNED_NAN = Pattern.compile("nan", Pattern.CASE_INSENSITIVE);

    private final DecimalParser parser = new DecimalParser();
    private final UnsafeBuffer input = new UnsafeBuffer(new byte[0]);
    private final ExpandableArrayBuffer written = new ExpandableArrayBuffer(FloatFormatter.MAX_LENGTH);

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void parsesExactlyOrRejects(final byte[] text)
    {
        input.wrap(FuzzTargets.padded(text));
        final long bits = InputBudget.DECODER.run(text.length,
            () -> parser.parseBits(input, FuzzTargets.PADDING, text.length));
        final String latin1 = new String(text, StandardCharsets.ISO_8859_1);
        assertEquals(expectedBits(latin1), bits, () -> "parsed \"" + latin1 + "\"");

        final double value = Double.longBitsToDouble(bits);
        if (bits != DecimalParser.INVALID && Double.isFinite(value))
        {
            final int goLength = FloatFormatter.formatGo(value, written, 0);
            assertEquals(bits, parser.parseBits(written, 0, goLength), () -> "Go form of " + value);
            final int openMetricsLength = FloatFormatter.formatOpenMetrics(value, written, 0);
            assertEquals(Double.doubleToRawLongBits(value == 0 ? 0.0 : value),
                parser.parseBits(written, 0, openMetricsLength), () -> "OpenMetrics form of " + value);
        }
    }

    private static long expectedBits(final String text)
    {
        if (DECIMAL.matcher(text).matches())
        {
            return Double.doubleToRawLongBits(Double.parseDouble(text));
        }
        if (SIGNED_INFINITY.matcher(text).matches())
        {
            return Double.doubleToRawLongBits(text.charAt(0) == '-' ?
                Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (UNSIGNED_NAN.matcher(text).matches())
        {
            return Entry.CANONICAL_NAN_BITS;
        }
        return DecimalParser.INVALID;
    }
}
