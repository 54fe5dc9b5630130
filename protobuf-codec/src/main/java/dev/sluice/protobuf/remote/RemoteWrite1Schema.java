package dev.sluice.protobuf.remote;

import static dev.sluice.protobuf.wire.WireInput.LENGTH_DELIMITED;
import static dev.sluice.protobuf.wire.WireInput.TAG_SHIFT;
import static dev.sluice.protobuf.wire.WireInput.VARINT;

/**
 * Field numbers and tags of Remote Write 1.0 ({@code prompb/remote.proto} and {@code types.proto}, package
 * {@code prometheus}) shared by its encoder and decoder; {@code Sample}, {@code Histogram} and the value and
 * timestamp of {@code Exemplar}, alike in both versions, are in {@link PointOutput}.
 */
final class RemoteWrite1Schema
{
    static final int TIMESERIES = 1 << TAG_SHIFT | LENGTH_DELIMITED;
    static final int METADATA = 3 << TAG_SHIFT | LENGTH_DELIMITED;

    static final int LABELS_FIELD = 1;
    static final int SAMPLES_FIELD = 2;
    static final int EXEMPLARS_FIELD = 3;
    static final int HISTOGRAMS_FIELD = 4;
    static final int LABELS = LABELS_FIELD << TAG_SHIFT | LENGTH_DELIMITED;
    static final int SAMPLES = SAMPLES_FIELD << TAG_SHIFT | LENGTH_DELIMITED;
    static final int EXEMPLARS = EXEMPLARS_FIELD << TAG_SHIFT | LENGTH_DELIMITED;
    static final int HISTOGRAMS = HISTOGRAMS_FIELD << TAG_SHIFT | LENGTH_DELIMITED;

    static final long WRITE_REQUEST_FIELDS = 1L << 1 | 1L << 3;
    static final long TIME_SERIES_FIELDS = 1L << 1 | 1L << 2 | 1L << 3 | 1L << 4;
    static final long METADATA_FIELDS = 1L << 1 | 1L << 2 | 1L << 4 | 1L << 5;

    static final int LABEL_NAME = 1 << TAG_SHIFT | LENGTH_DELIMITED;
    static final int LABEL_VALUE = 2 << TAG_SHIFT | LENGTH_DELIMITED;

    static final int METADATA_TYPE = 1 << TAG_SHIFT | VARINT;
    static final int METADATA_FAMILY_NAME = 2 << TAG_SHIFT | LENGTH_DELIMITED;
    static final int METADATA_HELP = 4 << TAG_SHIFT | LENGTH_DELIMITED;
    static final int METADATA_UNIT = 5 << TAG_SHIFT | LENGTH_DELIMITED;

    private RemoteWrite1Schema()
    {
    }
}
