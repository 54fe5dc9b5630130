package dev.sluice.pipeline.forward.remote;

import dev.sluice.pipeline.forward.BodyCompression;
import dev.sluice.protobuf.snappy.SnappyCompressor;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/** Compresses a Remote Write body as one Snappy block, as both versions require; one per shard. */
public final class SnappyBodyCompression implements BodyCompression
{
    private final SnappyCompressor compressor = new SnappyCompressor();

    /** Creates the compression of one shard, with its own reusable hash table. */
    public SnappyBodyCompression()
    {
    }

    @Override
    public int compress(final DirectBuffer source, final int length, final ExpandableDirectByteBuffer target)
    {
        return compressor.compress(source, 0, length, target, 0);
    }
}
