package dev.sluice.protobuf.remote;

import static dev.sluice.protobuf.remote.RemoteWrite1Schema.EXEMPLARS;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.HISTOGRAMS;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.LABELS;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.METADATA;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.METADATA_FAMILY_NAME;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.METADATA_FIELDS;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.METADATA_HELP;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.METADATA_TYPE;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.METADATA_UNIT;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.SAMPLES;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.TIMESERIES;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.TIME_SERIES_FIELDS;
import static dev.sluice.protobuf.remote.RemoteWrite1Schema.WRITE_REQUEST_FIELDS;

import java.util.Arrays;

import org.agrona.DirectBuffer;

import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.TextView;
import dev.sluice.protobuf.TransportFormat;
import dev.sluice.protobuf.wire.LabelPairs;
import dev.sluice.protobuf.wire.WireInput;

/**
 * Reads a Remote Write 1.0 {@code prometheus.WriteRequest} body in place, as a pull cursor: {@link #nextSeries()}
 * moves to the next {@code TimeSeries} and decodes its labels, samples, exemplars and histograms into reusable
 * state, which the accessors then describe; {@link #nextMetadata()} walks the {@code MetricMetadata} entries, on
 * their own, so series and metadata may come in any order. Strings are views of the body's raw bytes ({@link
 * TextView#ESCAPES_NONE}, not checked for UTF-8); nothing is copied and, after warm-up, nothing is allocated.
 *
 * <p>Accepted: fields in any order, repeated numbers packed or unpacked, unknown fields of every wire type (groups
 * included) skipped, missing fields read as proto3 zero values. Rejected with {@link ParseException} naming
 * {@link TransportFormat#REMOTE_WRITE_1}, at the series or metadata entry that holds the fault (never anything
 * else, never reading outside the body): a length running past its message, a truncated field, a varint longer
 * than 10 bytes or above 64 bits, a known field with the wrong wire type, field number 0, wire types 6 and 7,
 * unbalanced groups, packed doubles that are not a multiple of 8 bytes, more than {@value LabelPairs#MAX_LABELS}
 * labels in a series or exemplar, and the histogram faults listed in {@link HistogramList}: integer and float
 * counts mixed, spans that cover a different number of buckets than are listed, an unknown reset hint. After an
 * error the walk that failed is over. Names and values of labels are not checked: that is the receiver's rule.
 *
 * <p>Not thread-safe; reuse one decoder per thread.
 */
public final class RemoteWrite1Decoder
{
    private final WireInput input = new WireInput(TransportFormat.REMOTE_WRITE_1);
    private final LabelPairs labels = new LabelPairs();
    private final SeriesPoints points = new SeriesPoints(false);
    private LabelPairs[] exemplarLabels = {new LabelPairs()};
    private final RequestWalk seriesWalk =
        new RequestWalk(input, TIMESERIES, METADATA, WRITE_REQUEST_FIELDS, "WriteRequest", this::readSeries);
    private final RequestWalk metadataWalk =
        new RequestWalk(input, METADATA, TIMESERIES, WRITE_REQUEST_FIELDS, "WriteRequest", this::readMetadata);

    private long metadataType;
    private int familyNameOffset;
    private int familyNameLength;
    private int helpOffset;
    private int helpLength;
    private int unitOffset;
    private int unitLength;

    /**
     * Starts reading a body; the walks over series and metadata start at its beginning.
     *
     * @param buffer the buffer holding the body.
     * @param offset index of the first byte of the body.
     * @param length length of the body.
     * @return this decoder.
     */
    public RemoteWrite1Decoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        input.wrap(buffer, offset, length);
        seriesWalk.restart();
        metadataWalk.restart();
        clearSeries();
        return this;
    }

    /**
     * The body; offsets of the views handed out are relative to its first byte, which is index 0 here.
     *
     * @return the body, owned by this decoder.
     */
    public DirectBuffer body()
    {
        return input.buffer();
    }

    private void clearSeries()
    {
        labels.clear(0);
        points.clear();
    }

    /**
     * Moves to the next {@code TimeSeries} and decodes it.
     *
     * @return true when the accessors now describe a series, false at the end of the body.
     * @throws ParseException when the body is malformed up to or inside that series.
     */
    public boolean nextSeries()
    {
        clearSeries();
        try
        {
            return seriesWalk.next();
        }
        catch (final ParseException ex)
        {
            clearSeries();
            throw ex;
        }
    }

    private void readSeries(final int start, final int end)
    {
        final WireInput in = input;
        labels.clear(start);
        in.position(start);
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            switch (tag)
            {
                case LABELS:
                    labels.read(in, tagAt, in.readLengthDelimited(end));
                    break;
                case SAMPLES:
                    points.samples().read(in, end);
                    break;
                case EXEMPLARS:
                    readExemplar(in.readLengthDelimited(end));
                    break;
                case HISTOGRAMS:
                    points.histograms().add(in, end);
                    break;
                default:
                    in.skipUnknown(tag, end, TIME_SERIES_FIELDS, "TimeSeries", tagAt);
                    break;
            }
        }
    }

    private void readExemplar(final int end)
    {
        final WireInput in = input;
        final int index = points.exemplarCount();
        if (index == exemplarLabels.length)
        {
            final int capacity = index * 2;
            exemplarLabels = Arrays.copyOf(exemplarLabels, capacity);
            for (int i = index; i < capacity; i++)
            {
                exemplarLabels[i] = new LabelPairs();
            }
        }
        final LabelPairs exemplar = exemplarLabels[index];
        exemplar.clear(in.position());
        points.beginExemplar();
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            if (tag == LABELS)
            {
                exemplar.read(in, tagAt, in.readLengthDelimited(end));
            }
            else
            {
                points.readExemplarField(in, tag, end, tagAt);
            }
        }
        points.endExemplar();
    }

    /**
     * Number of labels of the current series.
     *
     * @return the count.
     */
    public int labelCount()
    {
        return labels.count();
    }

    /**
     * Points a view at a label name of the current series.
     *
     * @param index 0-based, below {@link #labelCount()}.
     * @param view  the view to fill.
     * @return {@code view}.
     */
    public TextView labelName(final int index, final TextView view)
    {
        return labels.name(index, input.buffer(), view);
    }

    /**
     * Points a view at a label value of the current series.
     *
     * @param index 0-based, below {@link #labelCount()}.
     * @param view  the view to fill.
     * @return {@code view}.
     */
    public TextView labelValue(final int index, final TextView view)
    {
        return labels.value(index, input.buffer(), view);
    }

    /**
     * Number of samples of the current series.
     *
     * @return the count.
     */
    public int sampleCount()
    {
        return points.samples().count();
    }

    /**
     * A sample's value, bits as sent.
     *
     * @param index 0-based, below {@link #sampleCount()}.
     * @return the value.
     */
    public double sampleValue(final int index)
    {
        return points.samples().value(index);
    }

    /**
     * A sample's timestamp.
     *
     * @param index 0-based, below {@link #sampleCount()}.
     * @return milliseconds since the epoch.
     */
    public long sampleTimestampMs(final int index)
    {
        return points.samples().timestampMs(index);
    }

    /**
     * Number of exemplars of the current series.
     *
     * @return the count.
     */
    public int exemplarCount()
    {
        return points.exemplarCount();
    }

    /**
     * Number of labels of an exemplar.
     *
     * @param exemplar 0-based, below {@link #exemplarCount()}.
     * @return the count.
     */
    public int exemplarLabelCount(final int exemplar)
    {
        return exemplarLabels[exemplar].count();
    }

    /**
     * Points a view at a label name of an exemplar.
     *
     * @param exemplar 0-based, below {@link #exemplarCount()}.
     * @param index    0-based, below {@link #exemplarLabelCount(int)}.
     * @param view     the view to fill.
     * @return {@code view}.
     */
    public TextView exemplarLabelName(final int exemplar, final int index, final TextView view)
    {
        return exemplarLabels[exemplar].name(index, input.buffer(), view);
    }

    /**
     * Points a view at a label value of an exemplar.
     *
     * @param exemplar 0-based, below {@link #exemplarCount()}.
     * @param index    0-based, below {@link #exemplarLabelCount(int)}.
     * @param view     the view to fill.
     * @return {@code view}.
     */
    public TextView exemplarLabelValue(final int exemplar, final int index, final TextView view)
    {
        return exemplarLabels[exemplar].value(index, input.buffer(), view);
    }

    /**
     * An exemplar's value.
     *
     * @param exemplar 0-based, below {@link #exemplarCount()}.
     * @return the value.
     */
    public double exemplarValue(final int exemplar)
    {
        return points.exemplarValue(exemplar);
    }

    /**
     * An exemplar's timestamp, 0 when it has none.
     *
     * @param exemplar 0-based, below {@link #exemplarCount()}.
     * @return milliseconds since the epoch.
     */
    public long exemplarTimestampMs(final int exemplar)
    {
        return points.exemplarTimestampMs(exemplar);
    }

    /**
     * Number of native histogram samples of the current series.
     *
     * @return the count.
     */
    public int histogramCount()
    {
        return points.histograms().count();
    }

    /**
     * A histogram sample's timestamp.
     *
     * @param index 0-based, below {@link #histogramCount()}.
     * @return milliseconds since the epoch.
     */
    public long histogramTimestampMs(final int index)
    {
        return points.histograms().timestampMs(index);
    }

    /**
     * Fills a view with a histogram sample of the current series (checked when the series was read, so this does
     * not fail).
     *
     * @param index 0-based, below {@link #histogramCount()}.
     * @param view  the view to fill.
     * @return {@code view}.
     */
    public NativeHistogramView histogram(final int index, final NativeHistogramView view)
    {
        return points.histograms().read(input, index, view);
    }

    /**
     * Moves to the next {@code MetricMetadata} entry of the body.
     *
     * @return true when the metadata accessors now describe an entry, false at the end of the body.
     * @throws ParseException when the body is malformed up to or inside that entry.
     */
    public boolean nextMetadata()
    {
        return metadataWalk.next();
    }

    private void readMetadata(final int start, final int end)
    {
        final WireInput in = input;
        in.position(start);
        metadataType = 0;
        familyNameLength = 0;
        helpLength = 0;
        unitLength = 0;
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            if (tag == METADATA_TYPE)
            {
                metadataType = in.readVarint(end);
                continue;
            }
            if (tag != METADATA_FAMILY_NAME && tag != METADATA_HELP && tag != METADATA_UNIT)
            {
                in.skipUnknown(tag, end, METADATA_FIELDS, "MetricMetadata", tagAt);
                continue;
            }
            final int fieldEnd = in.readLengthDelimited(end);
            final int fieldStart = in.position();
            in.position(fieldEnd);
            if (tag == METADATA_FAMILY_NAME)
            {
                familyNameOffset = fieldStart;
                familyNameLength = fieldEnd - fieldStart;
            }
            else if (tag == METADATA_HELP)
            {
                helpOffset = fieldStart;
                helpLength = fieldEnd - fieldStart;
            }
            else
            {
                unitOffset = fieldStart;
                unitLength = fieldEnd - fieldStart;
            }
        }
    }

    /**
     * The metric type of the current metadata entry; numbers the schema does not define read as {@link
     * MetricType#UNTYPED}, as does {@code UNKNOWN}.
     *
     * @return the type.
     */
    public MetricType metadataType()
    {
        return MetricTypeNumbers.type(metadataType);
    }

    /**
     * Points a view at the metric family name of the current metadata entry.
     *
     * @param view the view to fill.
     * @return {@code view}.
     */
    public TextView metadataFamilyName(final TextView view)
    {
        return view.wrap(input.buffer(), familyNameOffset, familyNameLength, TextView.ESCAPES_NONE);
    }

    /**
     * Points a view at the help text of the current metadata entry, empty when it has none.
     *
     * @param view the view to fill.
     * @return {@code view}.
     */
    public TextView metadataHelp(final TextView view)
    {
        return view.wrap(input.buffer(), helpOffset, helpLength, TextView.ESCAPES_NONE);
    }

    /**
     * Points a view at the unit of the current metadata entry, empty when it has none.
     *
     * @param view the view to fill.
     * @return {@code view}.
     */
    public TextView metadataUnit(final TextView view)
    {
        return view.wrap(input.buffer(), unitOffset, unitLength, TextView.ESCAPES_NONE);
    }
}
