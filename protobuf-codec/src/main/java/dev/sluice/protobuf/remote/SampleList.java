package dev.sluice.protobuf.remote;

import java.util.Arrays;

import dev.sluice.protobuf.wire.WireInput;

/**
 * The {@code Sample} messages of one series, decoded into reusable primitive arrays: value, timestamp and, in
 * Remote Write 2.0, start timestamp (field 3, unknown to 1.0 and skipped there). Arrays grow to the largest series
 * seen and are kept, so decoding allocates nothing after warm-up.
 */
final class SampleList
{
    private static final int VALUE = PointOutput.SAMPLE_VALUE;
    private static final int TIMESTAMP = PointOutput.SAMPLE_TIMESTAMP;
    private static final int START_TIMESTAMP = PointOutput.SAMPLE_START_TIMESTAMP;
    private static final long KNOWN_FIELDS = 1L << 1 | 1L << 2;
    private static final long KNOWN_FIELDS_WITH_START = KNOWN_FIELDS | 1L << 3;

    private final boolean hasStartTimestamp;
    private double[] values = new double[8];
    private long[] timestamps = new long[8];
    private long[] startTimestamps = new long[8];
    private int count;

    SampleList(final boolean hasStartTimestamp)
    {
        this.hasStartTimestamp = hasStartTimestamp;
    }

    void clear()
    {
        count = 0;
    }

    int count()
    {
        return count;
    }

    double value(final int index)
    {
        return values[index];
    }

    long timestampMs(final int index)
    {
        return timestamps[index];
    }

    long startTimestampMs(final int index)
    {
        return startTimestamps[index];
    }

    /** Decodes the {@code Sample} message whose length prefix the input stands on, and appends it. */
    void read(final WireInput in, final int limit)
    {
        final int end = in.readLengthDelimited(limit);
        double value = 0;
        long timestamp = 0;
        long startTimestamp = 0;
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            if (tag == VALUE)
            {
                value = in.readDouble(end);
            }
            else if (tag == TIMESTAMP)
            {
                timestamp = in.readVarint(end);
            }
            else if (tag == START_TIMESTAMP && hasStartTimestamp)
            {
                startTimestamp = in.readVarint(end);
            }
            else
            {
                in.skipUnknown(tag, end, hasStartTimestamp ? KNOWN_FIELDS_WITH_START : KNOWN_FIELDS, "Sample", tagAt);
            }
        }
        if (count == values.length)
        {
            values = Arrays.copyOf(values, count * 2);
            timestamps = Arrays.copyOf(timestamps, count * 2);
            startTimestamps = Arrays.copyOf(startTimestamps, count * 2);
        }
        values[count] = value;
        timestamps[count] = timestamp;
        startTimestamps[count] = startTimestamp;
        count++;
    }
}
