package dev.sluice.fuzz;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;

/**
 * The check every cursor fuzz target makes of one input: the body, inside a padded array, ends in END or
 * {@code ParseException} with every field of every entry read ({@link EntryReader}) within the work budget
 * ({@link InputBudget#DECODER}); a body in a text format that the cursor accepts is re-exposed by the writer of
 * its format and parses again to the same entries ({@link WriterRoundTrip}). Protobuf has no writer in Sluice.
 */
final class CursorTarget
{
    private final ExpositionFormat format;
    private final MetricCursor cursor;
    private final EntryReader reader = new EntryReader();

    /**
     * A target for one format; keep it for all inputs, as a collector keeps its cursor.
     *
     * @param format the format whose cursor is fuzzed.
     */
    CursorTarget(final ExpositionFormat format)
    {
        this.format = format;
        this.cursor = MetricCursors.create(format);
    }

    /**
     * Checks one input.
     *
     * @param body the input.
     * @return whether the cursor accepted it.
     */
    boolean check(final byte[] body)
    {
        final byte[] padded = FuzzTargets.padded(body);
        reader.prepare(body.length);
        final long digest = InputBudget.DECODER.run(body.length,
            () -> reader.read(cursor, padded, FuzzTargets.PADDING, body.length));
        if (digest == EntryReader.REJECTED)
        {
            return false;
        }
        if (format != ExpositionFormat.PROTOBUF)
        {
            WriterRoundTrip.assertRewritesToSameEntries(format, body);
        }
        return true;
    }
}
