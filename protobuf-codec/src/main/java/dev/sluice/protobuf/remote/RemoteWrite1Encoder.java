package dev.sluice.protobuf.remote;

import static dev.sluice.protobuf.remote.RemoteWrite1Schema.EXEMPLARS;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.EXEMPLARS_FIELD;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.HISTOGRAMS;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.HISTOGRAMS_FIELD;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.LABELS;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.LABELS_FIELD;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.LABEL_NAME;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.LABEL_VALUE;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.METADATA;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.METADATA_FAMILY_NAME;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.METADATA_HELP;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.METADATA_TYPE;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.METADATA_UNIT;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.SAMPLES;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.SAMPLES_FIELD;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.TIMESERIES;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.protobuf.wire.WireOutput;

/**
 * Writes the body of a Remote Write 1.0 {@code prometheus.WriteRequest} one field at a time, straight into a
 * buffer: series by series ({@code timeseries}, field 1), then {@code metadata} (field 3). A {@code WriteRequest}
 * is nothing but these fields one after another, so the body written so far is a valid request after every
 * {@link #endSeries()} and {@link #addMetadata}, and the forwarder can send or keep appending at any point.
 *
 * <p>A series is {@link #beginSeries()}, its labels ({@link #addLabel}), samples ({@link #addSample}),
 * exemplars ({@link #beginExemplar()}, {@link #addExemplarLabel}, {@link #endExemplar}) and native histograms
 * ({@link #addHistogram}), in that order (the fields' numbers, so that the output is the canonical encoding),
 * then {@link #endSeries()}; adding a field after one of a higher number throws {@link IllegalStateException}.
 * Strings are copied as the bytes given, without a UTF-8 check; empty strings, zero numbers and doubles whose
 * bits are all 0 are left out as proto3 does, every other double is written with its exact bits (NaN payloads such
 * as the stale marker included).
 *
 * <p>The output is byte-identical to a canonical protobuf encoding of the same message (fields in ascending order,
 * repeated numbers packed, minimal varints): the length of a series or exemplar is only known at its end, so a
 * 5-byte slot is reserved for it and the content moved back once the length is known, see {@link WireOutput}.
 *
 * <p>Writing allocates nothing; give an expandable buffer ({@link org.agrona.ExpandableDirectByteBuffer}) for the
 * body to grow. Not thread-safe: one encoder per forwarder shard.
 */
public final class RemoteWrite1Encoder implements ExemplarOutput
{
    private final SeriesFieldOrder order = new SeriesFieldOrder(LABELS_FIELD, "fields go in ascending order");
    private MutableDirectBuffer buffer;
    private int start;
    private int position;
    private int seriesStart;
    private int exemplarStart;

    /**
     * Starts a body at {@code offset} of {@code buffer}, or continues one: whatever is before {@code offset} is
     * left alone.
     *
     * @param buffer where to write; expandable for the body to grow.
     * @param offset index of the first byte to write.
     * @return this encoder.
     */
    public RemoteWrite1Encoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        start = offset;
        position = offset;
        order.reset();
        return this;
    }

    /**
     * Index after the last byte written.
     *
     * @return the position in the buffer.
     */
    public int position()
    {
        return position;
    }

    /**
     * Bytes written since {@link #wrap}: the length of the body when no series is open.
     *
     * @return the length.
     */
    public int length()
    {
        return position - start;
    }

    /**
     * Opens a {@code TimeSeries}.
     *
     * @return this encoder.
     */
    public RemoteWrite1Encoder beginSeries()
    {
        order.beginSeries();
        seriesStart = WireOutput.openMessage(buffer, position, TIMESERIES);
        position = seriesStart;
        return this;
    }

    /**
     * Adds a label of the open series, name and value from one buffer.
     *
     * @param source      buffer holding name and value.
     * @param nameOffset  index of the name.
     * @param nameLength  length of the name.
     * @param valueOffset index of the value.
     * @param valueLength length of the value.
     * @return this encoder.
     */
    public RemoteWrite1Encoder addLabel(
        final DirectBuffer source,
        final int nameOffset,
        final int nameLength,
        final int valueOffset,
        final int valueLength)
    {
        return addLabel(source, nameOffset, nameLength, source, valueOffset, valueLength);
    }

    /**
     * Adds a label of the open series.
     *
     * @param name        buffer holding the name.
     * @param nameOffset  index of the name.
     * @param nameLength  length of the name.
     * @param value       buffer holding the value.
     * @param valueOffset index of the value.
     * @param valueLength length of the value.
     * @return this encoder.
     */
    public RemoteWrite1Encoder addLabel(
        final DirectBuffer name,
        final int nameOffset,
        final int nameLength,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        order.enter(LABELS_FIELD);
        position = writeLabel(position, LABELS, name, nameOffset, nameLength, value, valueOffset, valueLength);
        return this;
    }

    /**
     * Adds a sample to the open series, after its labels.
     *
     * @param value       the value, bits kept.
     * @param timestampMs milliseconds since the epoch.
     * @return this encoder.
     */
    public RemoteWrite1Encoder addSample(final double value, final long timestampMs)
    {
        order.enter(SAMPLES_FIELD);
        position = PointOutput.writeSample(buffer, position, SAMPLES, value, timestampMs, 0);
        return this;
    }

    /**
     * Opens an exemplar of the open series, after its samples; add its labels, then {@link #endExemplar}.
     *
     * @return this encoder.
     */
    @Override
    public RemoteWrite1Encoder beginExemplar()
    {
        order.beginExemplar(EXEMPLARS_FIELD);
        exemplarStart = WireOutput.openMessage(buffer, position, EXEMPLARS);
        position = exemplarStart;
        return this;
    }

    /**
     * Adds a label of the open exemplar.
     *
     * @param name        buffer holding the name.
     * @param nameOffset  index of the name.
     * @param nameLength  length of the name.
     * @param value       buffer holding the value.
     * @param valueOffset index of the value.
     * @param valueLength length of the value.
     * @return this encoder.
     */
    @Override
    public RemoteWrite1Encoder addExemplarLabel(
        final DirectBuffer name,
        final int nameOffset,
        final int nameLength,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        order.requireExemplar();
        position = writeLabel(position, LABELS, name, nameOffset, nameLength, value, valueOffset, valueLength);
        return this;
    }

    /**
     * Closes the open exemplar with its value and timestamp.
     *
     * @param value       the exemplar's value, bits kept.
     * @param timestampMs milliseconds since the epoch, 0 for none.
     * @return this encoder.
     */
    @Override
    public RemoteWrite1Encoder endExemplar(final double value, final long timestampMs)
    {
        order.endExemplar();
        final int end = PointOutput.writeExemplarPoint(buffer, position, value, timestampMs);
        position = WireOutput.closeMessage(buffer, exemplarStart, end);
        return this;
    }

    /**
     * Adds a native histogram sample to the open series, after its exemplars; see {@link NativeHistogramView} for
     * the fields. Custom bucket bounds (schema -53) are written to {@code custom_values}, which 1.0 receivers may
     * not know.
     *
     * @param histogram   the histogram; integer or float counts as {@link NativeHistogramView#isFloat()} says.
     * @param timestampMs milliseconds since the epoch.
     * @return this encoder.
     */
    public RemoteWrite1Encoder addHistogram(final NativeHistogramView histogram, final long timestampMs)
    {
        order.enter(HISTOGRAMS_FIELD);
        position = PointOutput.writeHistogram(buffer, position, HISTOGRAMS, histogram, timestampMs, 0);
        return this;
    }

    /**
     * Closes the open series; the body is then a valid request again.
     *
     * @return this encoder.
     */
    public RemoteWrite1Encoder endSeries()
    {
        order.endSeries();
        position = WireOutput.closeMessage(buffer, seriesStart, position);
        return this;
    }

    /**
     * Adds a {@code MetricMetadata} entry, outside any series; a canonical request has them after all series.
     *
     * @param type         the metric type, {@link MetricType#UNTYPED} for unknown.
     * @param text         buffer holding the family name, help and unit.
     * @param nameOffset   index of the metric family name.
     * @param nameLength   its length.
     * @param helpOffset   index of the help text.
     * @param helpLength   its length, 0 for none.
     * @param unitOffset   index of the unit.
     * @param unitLength   its length, 0 for none.
     * @return this encoder.
     */
    public RemoteWrite1Encoder addMetadata(
        final MetricType type,
        final DirectBuffer text,
        final int nameOffset,
        final int nameLength,
        final int helpOffset,
        final int helpLength,
        final int unitOffset,
        final int unitLength)
    {
        if (order.seriesOpen())
        {
            throw new IllegalStateException("metadata inside an open series");
        }
        final int typeNumber = MetricTypeNumbers.number(type);
        final int size = PointOutput.varintFieldSize(typeNumber) + stringFieldSize(METADATA_FAMILY_NAME, nameLength) +
            stringFieldSize(METADATA_HELP, helpLength) + stringFieldSize(METADATA_UNIT, unitLength);
        final MutableDirectBuffer b = buffer;
        int p = WireOutput.putVarint(b, WireOutput.putVarint(b, position, METADATA), size);
        p = PointOutput.putNonZero(b, p, METADATA_TYPE, typeNumber);
        p = putString(p, METADATA_FAMILY_NAME, text, nameOffset, nameLength);
        p = putString(p, METADATA_HELP, text, helpOffset, helpLength);
        position = putString(p, METADATA_UNIT, text, unitOffset, unitLength);
        return this;
    }

    private int writeLabel(
        final int index,
        final int tag,
        final DirectBuffer name,
        final int nameOffset,
        final int nameLength,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        final int size = stringFieldSize(LABEL_NAME, nameLength) + stringFieldSize(LABEL_VALUE, valueLength);
        final int p = WireOutput.putVarint(buffer, WireOutput.putVarint(buffer, index, tag), size);
        return putString(putString(p, LABEL_NAME, name, nameOffset, nameLength), LABEL_VALUE, value, valueOffset,
            valueLength);
    }

    private static int stringFieldSize(final int tag, final int length)
    {
        return length > 0 ? WireOutput.lengthDelimitedSize(tag, length) : 0;
    }

    private int putString(final int index, final int tag, final DirectBuffer source, final int offset, final int length)
    {
        return length > 0 ? WireOutput.putBytesField(buffer, index, tag, source, offset, length) : index;
    }
}
