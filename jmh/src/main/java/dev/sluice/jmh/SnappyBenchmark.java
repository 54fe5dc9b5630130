package dev.sluice.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xerial.snappy.Snappy;

import dev.sluice.protobuf.snappy.SnappyCompressor;
import dev.sluice.protobuf.snappy.SnappyDecompressor;

/**
 * Snappy block compression of a Remote Write body, three implementations side by side: Sluice's own
 * ({@code dev.sluice.protobuf.snappy}, pure Java over Agrona buffers), snappy-java (the JNI binding of the C++
 * library) and aircompressor (pure Java). One operation compresses the whole body, or decompresses it whole. Every
 * decompressor reads the same block, the one snappy-java made; every compressor writes into one preallocated heap
 * array, every decompressor into another, and Sluice wraps those arrays in Agrona buffers once at setup. The
 * {@code bytes} counter counts uncompressed bytes in both directions, so MB/s compare the same work.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class SnappyBenchmark
{
    /** {@code @Param} name of the {@link SyntheticWriteRequest#standard()} body. */
    public static final String SYNTHETIC_WRITE_REQUEST = "synthetic-rw1";

    /** Which input. */
    @Param(SYNTHETIC_WRITE_REQUEST)
    public String input;

    /** The uncompressed body. */
    byte[] body;
    /** The body compressed by snappy-java: what every decompressor reads. */
    byte[] block;
    /** Where the compressors write. */
    byte[] compressed;
    /** Where the decompressors write. */
    byte[] decompressed;

    private int samples;
    private final SnappyCompressor sluiceCompressor = new SnappyCompressor();
    private final SnappyDecompressor sluiceDecompressor = new SnappyDecompressor(SnappyDecompressor.MAX_LIMIT);
    private final io.airlift.compress.snappy.SnappyCompressor aircompressorCompressor =
        new io.airlift.compress.snappy.SnappyCompressor();
    private final io.airlift.compress.snappy.SnappyDecompressor aircompressorDecompressor =
        new io.airlift.compress.snappy.SnappyDecompressor();
    private final UnsafeBuffer bodyBuffer = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer blockBuffer = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer compressedBuffer = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer decompressedBuffer = new UnsafeBuffer(new byte[0]);

    /** Creates the benchmark state. */
    public SnappyBenchmark()
    {
    }

    /** Builds the body, the reference block and the output arrays. */
    @Setup(Level.Trial)
    public void load()
    {
        if (!SYNTHETIC_WRITE_REQUEST.equals(input))
        {
            throw new IllegalArgumentException("no Snappy input " + input);
        }
        final SyntheticWriteRequest request = SyntheticWriteRequest.standard();
        body = request.bytes();
        samples = request.sampleCount();
        try
        {
            block = Snappy.compress(body);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final int room = Math.max(Snappy.maxCompressedLength(body.length),
            aircompressorCompressor.maxCompressedLength(body.length));
        compressed = new byte[Math.max(SnappyCompressor.maxCompressedLength(body.length), room)];
        decompressed = new byte[body.length];
        bodyBuffer.wrap(body);
        blockBuffer.wrap(block);
        compressedBuffer.wrap(compressed);
        decompressedBuffer.wrap(decompressed);
    }

    /**
     * Compresses the body with Sluice's compressor.
     *
     * @param counters bytes and samples of this iteration.
     * @return the compressed length.
     */
    @Benchmark
    public int compressSluice(final WorkCounters counters)
    {
        count(counters);
        return sluiceCompressor.compress(bodyBuffer, 0, body.length, compressedBuffer, 0);
    }

    /**
     * Compresses the body with snappy-java.
     *
     * @param counters bytes and samples of this iteration.
     * @return the compressed length.
     * @throws IOException never for a heap array that fits.
     */
    @Benchmark
    public int compressSnappyJava(final WorkCounters counters) throws IOException
    {
        count(counters);
        return Snappy.compress(body, 0, body.length, compressed, 0);
    }

    /**
     * Compresses the body with aircompressor.
     *
     * @param counters bytes and samples of this iteration.
     * @return the compressed length.
     */
    @Benchmark
    public int compressAircompressor(final WorkCounters counters)
    {
        count(counters);
        return aircompressorCompressor.compress(body, 0, body.length, compressed, 0, compressed.length);
    }

    /**
     * Decompresses the reference block with Sluice's decompressor.
     *
     * @param counters bytes and samples of this iteration.
     * @return the decompressed length.
     */
    @Benchmark
    public int decompressSluice(final WorkCounters counters)
    {
        count(counters);
        return sluiceDecompressor.decompress(blockBuffer, 0, block.length, decompressedBuffer);
    }

    /**
     * Decompresses the reference block with snappy-java.
     *
     * @param counters bytes and samples of this iteration.
     * @return the decompressed length.
     * @throws IOException never for the block it made itself.
     */
    @Benchmark
    public int decompressSnappyJava(final WorkCounters counters) throws IOException
    {
        count(counters);
        return Snappy.uncompress(block, 0, block.length, decompressed, 0);
    }

    /**
     * Decompresses the reference block with aircompressor.
     *
     * @param counters bytes and samples of this iteration.
     * @return the decompressed length.
     */
    @Benchmark
    public int decompressAircompressor(final WorkCounters counters)
    {
        count(counters);
        return aircompressorDecompressor.decompress(block, 0, block.length, decompressed, 0, decompressed.length);
    }

    private void count(final WorkCounters counters)
    {
        counters.bytes += body.length;
        counters.samples += samples;
    }
}
