package dev.sluice.jmh;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

import dev.sluice.pipeline.record.RecordType;
import dev.sluice.pipeline.record.SampleDescriptor;
import dev.sluice.pipeline.record.SampleFlyweight;
import dev.sluice.pipeline.record.SeriesHash;

/**
 * Throughput of {@link RecordType#SAMPLE} records through a worker's Agrona {@link ManyToOneRingBuffer}: producer
 * threads claim, fill and commit records as a scraper's record writer does, one consumer thread reads them as a
 * worker does. Group {@code oneProducer} has one producer, {@code twoProducers} two, each with one consumer; the
 * records carry a node_exporter filesystem series, 111 bytes of name and labels. Records per second are the
 * {@code read} counter (the consumer) and the {@code written} counter (all producers).
 *
 * <p>A producer that finds the ring buffer full spins and claims again, counting each failed claim in
 * {@code fullRetries}; it gives up after {@link #MAX_CLAIM_ATTEMPTS} or once JMH stops the measurement, so a
 * producer never waits forever on a consumer that JMH has already stopped.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class RingBufferBenchmark
{
    /** Claims one write tries before it gives up on a full ring buffer. */
    public static final int MAX_CLAIM_ATTEMPTS = 100_000;
    /** Bytes for records in the ring buffer, as a worker's. */
    public static final int RING_CAPACITY = 1 << 20;
    /** Most records one read takes. */
    public static final int READ_LIMIT = 256;

    /**
     * Writes one record.
     *
     * @param ring     the group's ring buffer.
     * @param producer this thread's producer.
     * @param counters this thread's counters.
     * @param control  JMH's control, to stop retrying when the measurement ends.
     * @return whether the record was written.
     */
    @Benchmark
    @Group("oneProducer")
    @GroupThreads(1)
    public boolean oneProducerWrite(
        final Ring ring, final Producer producer, final RecordCounters counters, final Control control)
    {
        return producer.write(ring.ringBuffer, counters, control);
    }

    /**
     * Reads what the producer wrote.
     *
     * @param ring     the group's ring buffer.
     * @param consumer this thread's consumer.
     * @param counters this thread's counters.
     * @return the checksum of everything read.
     */
    @Benchmark
    @Group("oneProducer")
    @GroupThreads(1)
    public long oneProducerRead(final Ring ring, final Consumer consumer, final RecordCounters counters)
    {
        return consumer.read(ring.ringBuffer, counters);
    }

    /**
     * Writes one record, one of two producers.
     *
     * @param ring     the group's ring buffer.
     * @param producer this thread's producer.
     * @param counters this thread's counters.
     * @param control  JMH's control, to stop retrying when the measurement ends.
     * @return whether the record was written.
     */
    @Benchmark
    @Group("twoProducers")
    @GroupThreads(2)
    public boolean twoProducersWrite(
        final Ring ring, final Producer producer, final RecordCounters counters, final Control control)
    {
        return producer.write(ring.ringBuffer, counters, control);
    }

    /**
     * Reads what both producers wrote.
     *
     * @param ring     the group's ring buffer.
     * @param consumer this thread's consumer.
     * @param counters this thread's counters.
     * @return the checksum of everything read.
     */
    @Benchmark
    @Group("twoProducers")
    @GroupThreads(1)
    public long twoProducersRead(final Ring ring, final Consumer consumer, final RecordCounters counters)
    {
        return consumer.read(ring.ringBuffer, counters);
    }

    /** The ring buffer a group's threads share. */
    @State(Scope.Group)
    public static class Ring
    {
        final ManyToOneRingBuffer ringBuffer = OffHeapRingBuffers.manyToOne(RING_CAPACITY);

        /** Creates the ring buffer. */
        public Ring()
        {
        }
    }

    /** One producer thread: the series it writes and the sequence it writes as values. */
    @State(Scope.Thread)
    public static class Producer
    {
        private static final String[] SERIES = {
            "node_filesystem_avail_bytes", "device", "/dev/nvme0n1p2", "fstype", "ext4", "mountpoint",
            "/var/lib/kubelet"};

        private final SampleFlyweight sample = new SampleFlyweight();
        private final UnsafeBuffer labels = new UnsafeBuffer(new byte[256]);
        private int labelsLength;
        private long seriesHash;
        private long sequence;

        /** Creates the producer; {@link #encode()} prepares its series. */
        public Producer()
        {
        }

        /** Encodes the series as a record's label bytes: each text a little-endian length, then its UTF-8. */
        @Setup(Level.Trial)
        public void encode()
        {
            int position = 0;
            for (final String text : SERIES)
            {
                final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                labels.putInt(position, bytes.length, LITTLE_ENDIAN);
                labels.putBytes(position + SampleDescriptor.TEXT_LENGTH_PREFIX, bytes);
                position += SampleDescriptor.textLength(bytes.length);
            }
            labelsLength = position;
            seriesHash = SeriesHash.hash(labels, 0, labelsLength);
        }

        /**
         * Bytes of name and labels in each record.
         *
         * @return the length.
         */
        public int labelsLength()
        {
            return labelsLength;
        }

        /**
         * Claims, fills and commits one record whose value is this producer's next sequence number, 1 first. A full
         * ring buffer is claimed again, with a spin wait between claims, up to {@link #MAX_CLAIM_ATTEMPTS} times or
         * until the measurement stops.
         *
         * @param ringBuffer the ring buffer.
         * @param counters   counts the record written and the failed claims.
         * @param control    JMH's control.
         * @return whether the record was written.
         */
        public boolean write(final RingBuffer ringBuffer, final RecordCounters counters, final Control control)
        {
            final int length = SampleDescriptor.length(labelsLength);
            for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS && !control.stopMeasurement; attempt++)
            {
                final int index = ringBuffer.tryClaim(RecordType.SAMPLE, length);
                if (index >= 0)
                {
                    final MutableDirectBuffer buffer = ringBuffer.buffer();
                    sample.wrap(buffer, index, length).targetId(1).seriesHash(seriesHash).valueBits(++sequence)
                        .timestampMs(0).flags(0).labelCount((SERIES.length - 1) / 2);
                    buffer.putBytes(sample.labelsOffset(), labels, 0, labelsLength);
                    ringBuffer.commit(index);
                    counters.written++;
                    return true;
                }
                counters.fullRetries++;
                Thread.onSpinWait();
            }
            return false;
        }
    }

    /** The consumer thread: reads records as a worker does and folds each into a checksum. */
    @State(Scope.Thread)
    public static class Consumer implements MessageHandler
    {
        private final SampleFlyweight sample = new SampleFlyweight();
        private long valueSum;
        private long labelBytes;

        /** Creates the consumer. */
        public Consumer()
        {
        }

        /**
         * Reads up to {@link #READ_LIMIT} records, spinning once when there are none.
         *
         * @param ringBuffer the ring buffer.
         * @param counters   counts the records read.
         * @return the checksum of everything read so far.
         */
        public long read(final RingBuffer ringBuffer, final RecordCounters counters)
        {
            final int read = ringBuffer.read(this, READ_LIMIT);
            if (read == 0)
            {
                Thread.onSpinWait();
            }
            counters.read += read;
            return valueSum + labelBytes;
        }

        /**
         * Sum of the values read: with values numbered from 1 per producer, it tells whether every record arrived.
         *
         * @return the sum.
         */
        public long valueSum()
        {
            return valueSum;
        }

        /**
         * Bytes of name and labels read.
         *
         * @return the total.
         */
        public long labelBytes()
        {
            return labelBytes;
        }

        /**
         * Reads the value and the length of the labels of one record.
         *
         * @param recordType {@link RecordType#SAMPLE}.
         * @param buffer     the ring buffer's buffer.
         * @param index      start of the record.
         * @param length     length of the record.
         */
        @Override
        public void onMessage(final int recordType, final MutableDirectBuffer buffer, final int index, final int length)
        {
            sample.wrap(buffer, index, length);
            valueSum += sample.valueBits();
            labelBytes += sample.labelsLength();
        }
    }

    /**
     * Records written and read, and failed claims on a full ring buffer, per second; JMH adds up the threads.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class RecordCounters
    {
        /** Records committed by this thread in this iteration. */
        public long written;
        /** Records read by this thread in this iteration. */
        public long read;
        /** Claims of this thread that found the ring buffer full. */
        public long fullRetries;

        /** Creates the counters. */
        public RecordCounters()
        {
        }

        /** Zeroes the counters at the start of each iteration. */
        @Setup(Level.Iteration)
        public void clear()
        {
            written = 0;
            read = 0;
            fullRetries = 0;
        }
    }
}
