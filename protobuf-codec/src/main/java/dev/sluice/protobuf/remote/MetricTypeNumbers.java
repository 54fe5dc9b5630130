package dev.sluice.protobuf.remote;

import dev.sluice.parser.MetricType;

/**
 * The numbers of the metric type enums of Remote Write 1.0 ({@code MetricMetadata.MetricType}) and 2.0
 * ({@code Metadata.MetricType}), which agree: 0 unknown, then counter, gauge, histogram, gauge histogram, summary,
 * info, stateset; {@link MetricType#UNTYPED} stands for the unknown 0.
 */
final class MetricTypeNumbers
{
    private static final MetricType[] BY_NUMBER = {
        MetricType.UNTYPED, MetricType.COUNTER, MetricType.GAUGE, MetricType.HISTOGRAM, MetricType.GAUGE_HISTOGRAM,
        MetricType.SUMMARY, MetricType.INFO, MetricType.STATESET};

    private MetricTypeNumbers()
    {
    }

    /** The enum number of a type. */
    static int number(final MetricType type)
    {
        switch (type)
        {
            case COUNTER:
                return 1;
            case GAUGE:
                return 2;
            case HISTOGRAM:
                return 3;
            case GAUGE_HISTOGRAM:
                return 4;
            case SUMMARY:
                return 5;
            case INFO:
                return 6;
            case STATESET:
                return 7;
            default:
                return 0;
        }
    }

    /** The type of an enum number; numbers this schema does not define read as {@link MetricType#UNTYPED}. */
    static MetricType type(final long number)
    {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[(int)number] : MetricType.UNTYPED;
    }
}
