package dev.sluice.jmh;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The ring buffers of the pipeline benchmarks, made as a worker's are: an Agrona {@link ManyToOneRingBuffer} over a
 * direct {@link ByteBuffer}, so records are written and read off-heap.
 */
public final class OffHeapRingBuffers
{
    private OffHeapRingBuffers()
    {
    }

    /**
     * A many-to-one ring buffer.
     *
     * @param capacity bytes for records, a power of two.
     * @return the ring buffer, empty.
     */
    public static ManyToOneRingBuffer manyToOne(final int capacity)
    {
        return new ManyToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }
}
