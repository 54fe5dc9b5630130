package dev.sluice.protobuf.remote;

import java.util.Arrays;

import dev.sluice.protobuf.wire.WireInput;

/**
 * What the Remote Write 1.0 and 2.0 decoders keep of a series besides its labels, which each version holds its own
 * way: the samples, the native histograms, and the value and timestamp of each exemplar (the {@code Exemplar}
 * message has its labels in field 1, value in field 2 and timestamp in field 3 in both versions). Arrays grow to
 * the largest series seen and are kept, so decoding allocates nothing after warm-up.
 */
final class SeriesPoints
{
    private static final long EXEMPLAR_FIELDS = 1L << 1 | 1L << 2 | 1L << 3;

    private final SampleList samples;
    private final HistogramList histograms;
    private double[] exemplarValues = new double[1];
    private long[] exemplarTimestamps = new long[1];
    private int exemplarCount;
    private double exemplarValue;
    private long exemplarTimestamp;

    /**
     * Empty points of a series.
     *
     * @param hasStartTimestamps whether samples and histograms have a start timestamp (2.0).
     */
    SeriesPoints(final boolean hasStartTimestamps)
    {
        samples = new SampleList(hasStartTimestamps);
        histograms = new HistogramList(hasStartTimestamps);
    }

    /** Forgets the points of the series read last. */
    void clear()
    {
        samples.clear();
        histograms.clear();
        exemplarCount = 0;
    }

    SampleList samples()
    {
        return samples;
    }

    HistogramList histograms()
    {
        return histograms;
    }

    int exemplarCount()
    {
        return exemplarCount;
    }

    double exemplarValue(final int exemplar)
    {
        return exemplarValues[exemplar];
    }

    long exemplarTimestampMs(final int exemplar)
    {
        return exemplarTimestamps[exemplar];
    }

    /** Starts an exemplar, whose value and timestamp are 0 until its fields say otherwise. */
    void beginExemplar()
    {
        exemplarValue = 0;
        exemplarTimestamp = 0;
    }

    /**
     * Reads a field of the exemplar begun last that is not one of its labels: its value, its timestamp, or a field
     * to skip.
     *
     * @param in    the input, after the tag.
     * @param tag   the tag just read.
     * @param end   end of the {@code Exemplar} message.
     * @param tagAt index of the tag, for errors.
     */
    void readExemplarField(final WireInput in, final int tag, final int end, final int tagAt)
    {
        if (tag == PointOutput.EXEMPLAR_VALUE)
        {
            exemplarValue = in.readDouble(end);
        }
        else if (tag == PointOutput.EXEMPLAR_TIMESTAMP)
        {
            exemplarTimestamp = in.readVarint(end);
        }
        else
        {
            in.skipUnknown(tag, end, EXEMPLAR_FIELDS, "Exemplar", tagAt);
        }
    }

    /** Ends the exemplar begun last and appends its value and timestamp. */
    void endExemplar()
    {
        if (exemplarCount == exemplarValues.length)
        {
            exemplarValues = Arrays.copyOf(exemplarValues, exemplarCount * 2);
            exemplarTimestamps = Arrays.copyOf(exemplarTimestamps, exemplarCount * 2);
        }
        exemplarValues[exemplarCount] = exemplarValue;
        exemplarTimestamps[exemplarCount] = exemplarTimestamp;
        exemplarCount++;
    }
}
