package dev.sluice.protobuf.exposition;

import dev.sluice.protobuf.wire.WireInput;

/**
 * Reads a {@code Summary} message in place: count, sum and created timestamp when the metric is opened, then the
 * {@code Quantile} messages one at a time, in input order, as the cursor emits them.
 */
final class SummaryMessage
{
    private static final int SAMPLE_COUNT_FIELD = 1;
    private static final int SAMPLE_SUM_FIELD = 2;
    private static final int QUANTILE_FIELD = 3;
    private static final int CREATED_FIELD = 4;
    private static final int SAMPLE_COUNT = SAMPLE_COUNT_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int SAMPLE_SUM = SAMPLE_SUM_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int QUANTILE = QUANTILE_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int CREATED = CREATED_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final long KNOWN_FIELDS =
        1L << SAMPLE_COUNT_FIELD | 1L << SAMPLE_SUM_FIELD | 1L << QUANTILE_FIELD | 1L << CREATED_FIELD;

    private static final int QUANTILE_RANK_FIELD = 1;
    private static final int QUANTILE_VALUE_FIELD = 2;
    private static final int QUANTILE_RANK = QUANTILE_RANK_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int QUANTILE_VALUE = QUANTILE_VALUE_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final long QUANTILE_KNOWN_FIELDS = 1L << QUANTILE_RANK_FIELD | 1L << QUANTILE_VALUE_FIELD;

    private final WireInput input;
    private int end;
    private int quantileSearch;
    private long sampleCount;
    private double sampleSum;
    private int quantileCount;
    private int createdStart;
    private int createdEnd;
    private double quantile;
    private double quantileValue;

    SummaryMessage(final WireInput input)
    {
        this.input = input;
    }

    /** Reads the fields of the message in {@code [start, end)} except the quantiles, which it only counts. */
    void read(final int start, final int end)
    {
        final WireInput in = input;
        this.end = end;
        quantileSearch = start;
        sampleCount = 0;
        sampleSum = 0;
        quantileCount = 0;
        createdStart = -1;
        in.position(start);
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            switch (tag)
            {
                case SAMPLE_COUNT:
                    sampleCount = in.readVarint(end);
                    break;
                case SAMPLE_SUM:
                    sampleSum = in.readDouble(end);
                    break;
                case QUANTILE:
                    quantileCount++;
                    in.position(in.readLengthDelimited(end));
                    break;
                case CREATED:
                    createdEnd = in.readLengthDelimited(end);
                    createdStart = in.position();
                    in.position(createdEnd);
                    break;
                default:
                    in.skipUnknown(tag, end, KNOWN_FIELDS, "Summary", tagAt);
                    break;
            }
        }
    }

    /** Decodes the next {@code Quantile} message; false when there is none left. */
    boolean nextQuantile()
    {
        final WireInput in = input;
        in.position(quantileSearch);
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            if (tag == QUANTILE)
            {
                final int quantileEnd = in.readLengthDelimited(end);
                readQuantile(quantileEnd);
                quantileSearch = quantileEnd;
                return true;
            }
            in.skipField(tag, end, tagAt);
        }
        quantileSearch = end;
        return false;
    }

    private void readQuantile(final int quantileEnd)
    {
        final WireInput in = input;
        quantile = 0;
        quantileValue = 0;
        while (in.position() < quantileEnd)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(quantileEnd);
            if (tag == QUANTILE_RANK)
            {
                quantile = in.readDouble(quantileEnd);
            }
            else if (tag == QUANTILE_VALUE)
            {
                quantileValue = in.readDouble(quantileEnd);
            }
            else
            {
                in.skipUnknown(tag, quantileEnd, QUANTILE_KNOWN_FIELDS, "Quantile", tagAt);
            }
        }
    }

    /** Number of {@code Quantile} messages. */
    int quantileCount()
    {
        return quantileCount;
    }

    /** The rank of the current quantile, between 0 and 1. */
    double quantile()
    {
        return quantile;
    }

    /** The value of the current quantile. */
    double quantileValue()
    {
        return quantileValue;
    }

    /** {@code sample_count} as the value of the {@code _count} series. */
    double countValue()
    {
        return ProtobufExpositionCursor.unsignedToDouble(sampleCount);
    }

    double sum()
    {
        return sampleSum;
    }

    /** Start of the created timestamp message, -1 when there is none; it ends at {@link #createdEnd()}. */
    int createdStart()
    {
        return createdStart;
    }

    int createdEnd()
    {
        return createdEnd;
    }
}
