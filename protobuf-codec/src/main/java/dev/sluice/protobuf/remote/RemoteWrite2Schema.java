package dev.sluice.protobuf.remote;

import static dev.sluice.protobuf.wire.WireInput.LENGTH_DELIMITED;
import static dev.sluice.protobuf.wire.WireInput.TAG_SHIFT;
import static dev.sluice.protobuf.wire.WireInput.VARINT;

/**
 * Field numbers and tags of Remote Write 2.0 ({@code io/prometheus/write/v2/types.proto}, package
 * {@code io.prometheus.write.v2}) shared by its encoder and decoder; {@code Sample}, {@code Histogram} and the value
 * and timestamp of {@code Exemplar}, alike in both versions, are in {@link PointOutput}.
 */
final class RemoteWrite2Schema
{
    static final int SYMBOLS = 4 << TAG_SHIFT | LENGTH_DELIMITED;
    static final int TIMESERIES = 5 << TAG_SHIFT | LENGTH_DELIMITED;
    static final long REQUEST_FIELDS = 1L << 4 | 1L << 5;

    static final int LABELS_REFS_FIELD = 1;
    static final int SAMPLES_FIELD = 2;
    static final int HISTOGRAMS_FIELD = 3;
    static final int EXEMPLARS_FIELD = 4;
    static final int METADATA_FIELD = 5;
    static final int LABELS_REFS_PACKED = LABELS_REFS_FIELD << TAG_SHIFT | LENGTH_DELIMITED;
    static final int LABELS_REFS_UNPACKED = LABELS_REFS_FIELD << TAG_SHIFT | VARINT;
    static final int SAMPLES = SAMPLES_FIELD << TAG_SHIFT | LENGTH_DELIMITED;
    static final int HISTOGRAMS = HISTOGRAMS_FIELD << TAG_SHIFT | LENGTH_DELIMITED;
    static final int EXEMPLARS = EXEMPLARS_FIELD << TAG_SHIFT | LENGTH_DELIMITED;
    static final int METADATA = METADATA_FIELD << TAG_SHIFT | LENGTH_DELIMITED;
    static final long TIME_SERIES_FIELDS = 1L << 1 | 1L << 2 | 1L << 3 | 1L << 4 | 1L << 5;

    static final int METADATA_TYPE = 1 << TAG_SHIFT | VARINT;
    static final int METADATA_HELP_REF = 3 << TAG_SHIFT | VARINT;
    static final int METADATA_UNIT_REF = 4 << TAG_SHIFT | VARINT;
    static final long METADATA_FIELDS = 1L << 1 | 1L << 3 | 1L << 4;

    private RemoteWrite2Schema()
    {
    }
}
