package dev.sluice.protobuf.exposition;

import java.util.List;

import dev.sluice.parser.EntryRenderer;

/** Shared steps of the protobuf tests. */
final class ProtobufBodies
{
    private ProtobufBodies()
    {
    }

    /** Decodes a whole body with a new cursor and renders every entry, see {@link EntryRenderer}. */
    static List<String> render(final byte[] body)
    {
        final ProtobufExpositionCursor cursor = new ProtobufExpositionCursor();
        cursor.reset(body, 0, body.length);
        return EntryRenderer.renderAll(cursor);
    }
}
