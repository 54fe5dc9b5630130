package dev.sluice.parser;

/**
 * Supplies cursors for a format that parser-core itself does not implement, so that {@link MetricCursors} can
 * create them without depending on the module that does. The protobuf decoder of {@code sluice-protobuf-codec} is
 * one. A module registers its provider for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/dev.sluice.parser.MetricCursorProvider}; putting the jar on the class path is then
 * enough.
 */
public interface MetricCursorProvider
{
    /**
     * The format the provided cursors read.
     *
     * @return the format.
     */
    ExpositionFormat format();

    /**
     * A new cursor for {@link #format()}.
     *
     * @return the cursor.
     */
    MetricCursor create();
}
