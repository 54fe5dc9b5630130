package dev.sluice.protobuf.exposition;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursorProvider;

/**
 * Makes {@link ProtobufExpositionCursor} the cursor {@link dev.sluice.parser.MetricCursors#create} returns for
 * {@link ExpositionFormat#PROTOBUF}; registered in {@code META-INF/services}.
 */
public final class ProtobufExpositionCursorProvider implements MetricCursorProvider
{
    /**
     * The format of the provided cursors.
     *
     * @return {@link ExpositionFormat#PROTOBUF}.
     */
    @Override
    public ExpositionFormat format()
    {
        return ExpositionFormat.PROTOBUF;
    }

    /**
     * A new protobuf exposition cursor.
     *
     * @return the cursor.
     */
    @Override
    public MetricCursor create()
    {
        return new ProtobufExpositionCursor();
    }
}
