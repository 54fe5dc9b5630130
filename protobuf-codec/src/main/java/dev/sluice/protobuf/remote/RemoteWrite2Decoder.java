package dev.sluice.protobuf.remote;

import static dev.sluice.protobuf.remote.RemoteWrite2Schema.EXEMPLARS;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.HISTOGRAMS;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.LABELS_REFS_PACKED;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.LABELS_REFS_UNPACKED;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.METADATA;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.METADATA_FIELDS;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.METADATA_HELP_REF;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.METADATA_TYPE;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.METADATA_UNIT_REF;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.REQUEST_FIELDS;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.SAMPLES;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.SYMBOLS;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.TIMESERIES;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.TIME_SERIES_FIELDS;

import java.util.Arrays;

import org.agrona.DirectBuffer;

import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.TextView;
import dev.sluice.protobuf.TransportFormat;
import dev.sluice.protobuf.wire.WireInput;

/**
 * Reads a Remote Write 2.0 {@code io.prometheus.write.v2.Request} body in place, as a pull cursor. {@link #wrap}
 * walks the request's top level once to find every {@code symbols} entry (they may come anywhere, though senders
 * put them first) and checks that symbol 0 is the empty string; {@link #nextSeries()} then moves from series to
 * series, decoding labels, samples, histograms, exemplars and metadata into reusable state, with every symbol
 * reference resolved through the table. Strings are views of the body's raw bytes ({@link
 * TextView#ESCAPES_NONE}, not checked for UTF-8); nothing is copied and, after warm-up, nothing is allocated.
 *
 * <p>Accepted: fields in any order, repeated numbers packed or unpacked, unknown fields of every wire type skipped
 * (the reserved ones included), missing fields read as proto3 zero values. Rejected with {@link ParseException}
 * naming {@link TransportFormat#REMOTE_WRITE_2}: what {@link RemoteWrite1Decoder} rejects for 1.0; symbols present
 * (or series present) without symbol 0 being the empty string; a symbol reference (label, exemplar label, help,
 * unit) not below the number of symbols; an odd number of label references; more than {@value
 * SymbolRefs#MAX_REFS} references in a series or exemplar. After an error the walk over series is over.
 *
 * <p>Not thread-safe; reuse one decoder per thread.
 */
public final class RemoteWrite2Decoder
{
    private final WireInput input = new WireInput(TransportFormat.REMOTE_WRITE_2);
    private final SymbolRefs labelRefs = new SymbolRefs();
    private final SeriesPoints points = new SeriesPoints(true);
    private final SymbolRefs exemplarRefs = new SymbolRefs();
    private int[] exemplarRefStarts = new int[2];
    private final RequestWalk seriesWalk =
        new RequestWalk(input, TIMESERIES, SYMBOLS, REQUEST_FIELDS, "Request", this::readSeries);

    private int[] symbolOffsets = new int[256];
    private int[] symbolLengths = new int[256];
    private int symbolCount;

    private boolean hasMetadata;
    private long metadataType;
    private int helpRef;
    private int unitRef;

    /**
     * Starts reading a body: finds its symbols and checks the top level of the request.
     *
     * @param buffer the buffer holding the body.
     * @param offset index of the first byte of the body.
     * @param length length of the body.
     * @return this decoder.
     * @throws ParseException when the top level of the body is malformed or symbol 0 is not the empty string.
     */
    public RemoteWrite2Decoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        input.wrap(buffer, offset, length);
        symbolCount = 0;
        seriesWalk.stop();
        clearSeries();
        readSymbols();
        seriesWalk.restart();
        return this;
    }

    private void readSymbols()
    {
        final WireInput in = input;
        final int end = in.length();
        int seriesCount = 0;
        in.position(0);
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            if (tag == SYMBOLS)
            {
                final int symbolEnd = in.readLengthDelimited(end);
                addSymbol(in.position(), symbolEnd - in.position());
                in.position(symbolEnd);
            }
            else if (tag == TIMESERIES)
            {
                seriesCount++;
                in.position(in.readLengthDelimited(end));
            }
            else
            {
                in.skipUnknown(tag, end, REQUEST_FIELDS, "Request", tagAt);
            }
        }
        if ((symbolCount > 0 || seriesCount > 0) && (symbolCount == 0 || symbolLengths[0] != 0))
        {
            throw in.error("symbols[0] must be the empty string", symbolCount == 0 ? 0 : symbolOffsets[0]);
        }
    }

    private void addSymbol(final int offset, final int length)
    {
        if (symbolCount == symbolOffsets.length)
        {
            symbolOffsets = Arrays.copyOf(symbolOffsets, symbolCount * 2);
            symbolLengths = Arrays.copyOf(symbolLengths, symbolCount * 2);
        }
        symbolOffsets[symbolCount] = offset;
        symbolLengths[symbolCount] = length;
        symbolCount++;
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

    /**
     * Number of symbols of the request.
     *
     * @return the count.
     */
    public int symbolCount()
    {
        return symbolCount;
    }

    /**
     * Points a view at a symbol.
     *
     * @param ref  0-based, below {@link #symbolCount()}.
     * @param view the view to fill.
     * @return {@code view}.
     */
    public TextView symbol(final int ref, final TextView view)
    {
        return view.wrap(input.buffer(), symbolOffsets[ref], symbolLengths[ref], TextView.ESCAPES_NONE);
    }

    private void clearSeries()
    {
        labelRefs.clear();
        points.clear();
        exemplarRefs.clear();
        hasMetadata = false;
        metadataType = 0;
        helpRef = 0;
        unitRef = 0;
    }

    /**
     * Moves to the next {@code TimeSeries} and decodes it.
     *
     * @return true when the accessors now describe a series, false at the end of the body.
     * @throws ParseException when that series is malformed.
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
        in.position(start);
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            switch (tag)
            {
                case LABELS_REFS_PACKED:
                case LABELS_REFS_UNPACKED:
                    labelRefs.read(in, tag == LABELS_REFS_PACKED, end, 0, symbolCount, tagAt);
                    break;
                case SAMPLES:
                    points.samples().read(in, end);
                    break;
                case HISTOGRAMS:
                    points.histograms().add(in, end);
                    break;
                case EXEMPLARS:
                    readExemplar(in.readLengthDelimited(end));
                    break;
                case METADATA:
                    readMetadata(in.readLengthDelimited(end));
                    break;
                default:
                    in.skipUnknown(tag, end, TIME_SERIES_FIELDS, "TimeSeries", tagAt);
                    break;
            }
        }
        labelRefs.checkPairs(in, 0, start);
    }

    private void readExemplar(final int end)
    {
        final WireInput in = input;
        final int start = in.position();
        final int index = points.exemplarCount();
        if (index + 1 == exemplarRefStarts.length)
        {
            exemplarRefStarts = Arrays.copyOf(exemplarRefStarts, exemplarRefStarts.length * 2);
        }
        final int refStart = exemplarRefs.count();
        points.beginExemplar();
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            if (tag == LABELS_REFS_PACKED || tag == LABELS_REFS_UNPACKED)
            {
                exemplarRefs.read(in, tag == LABELS_REFS_PACKED, end, refStart, symbolCount, tagAt);
            }
            else
            {
                points.readExemplarField(in, tag, end, tagAt);
            }
        }
        exemplarRefs.checkPairs(in, refStart, start);
        exemplarRefStarts[index] = refStart;
        exemplarRefStarts[index + 1] = exemplarRefs.count();
        points.endExemplar();
    }

    private void readMetadata(final int end)
    {
        final WireInput in = input;
        hasMetadata = true;
        metadataType = 0;
        helpRef = 0;
        unitRef = 0;
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            if (tag == METADATA_TYPE)
            {
                metadataType = in.readVarint(end);
            }
            else if (tag == METADATA_HELP_REF)
            {
                helpRef = readRef(in.readVarint(end), tagAt);
            }
            else if (tag == METADATA_UNIT_REF)
            {
                unitRef = readRef(in.readVarint(end), tagAt);
            }
            else
            {
                in.skipUnknown(tag, end, METADATA_FIELDS, "Metadata", tagAt);
            }
        }
    }

    private int readRef(final long ref, final int at)
    {
        if (ref < 0 || ref >= symbolCount)
        {
            throw input.error("symbol reference " + Long.toUnsignedString(ref) + " out of range (" + symbolCount +
                " symbols)", at);
        }
        return (int)ref;
    }

    /**
     * Number of labels of the current series.
     *
     * @return the count.
     */
    public int labelCount()
    {
        return labelRefs.count() / 2;
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
        return symbol(labelRefs.get(2 * index), view);
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
        return symbol(labelRefs.get(2 * index + 1), view);
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
     * A sample's start (created) timestamp, 0 when it has none.
     *
     * @param index 0-based, below {@link #sampleCount()}.
     * @return milliseconds since the epoch.
     */
    public long sampleStartTimestampMs(final int index)
    {
        return points.samples().startTimestampMs(index);
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
     * A histogram sample's start (created) timestamp, 0 when it has none.
     *
     * @param index 0-based, below {@link #histogramCount()}.
     * @return milliseconds since the epoch.
     */
    public long histogramStartTimestampMs(final int index)
    {
        return points.histograms().startTimestampMs(index);
    }

    /**
     * Fills a view with a histogram sample of the current series (checked when the series was read, so this does
     * not fail); custom bucket bounds (schema -53) included.
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
        return (exemplarRefStarts[exemplar + 1] - exemplarRefStarts[exemplar]) / 2;
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
        return symbol(exemplarRefs.get(exemplarRefStarts[exemplar] + 2 * index), view);
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
        return symbol(exemplarRefs.get(exemplarRefStarts[exemplar] + 2 * index + 1), view);
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
     * Whether the current series has a {@code metadata} field.
     *
     * @return true when it has one.
     */
    public boolean hasMetadata()
    {
        return hasMetadata;
    }

    /**
     * The metric type of the current series; unspecified, absent and numbers the schema does not define read as
     * {@link MetricType#UNTYPED}.
     *
     * @return the type.
     */
    public MetricType metadataType()
    {
        return MetricTypeNumbers.type(metadataType);
    }

    /**
     * Points a view at the help text of the current series, empty when it has none.
     *
     * @param view the view to fill.
     * @return {@code view}.
     */
    public TextView metadataHelp(final TextView view)
    {
        return symbol(helpRef, view);
    }

    /**
     * Points a view at the unit of the current series, empty when it has none.
     *
     * @param view the view to fill.
     * @return {@code view}.
     */
    public TextView metadataUnit(final TextView view)
    {
        return symbol(unitRef, view);
    }
}
