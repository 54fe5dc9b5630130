package dev.sluice.protobuf.remote;

import static dev.sluice.protobuf.remote.RemoteWrite2Schema.EXEMPLARS;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.EXEMPLARS_FIELD;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.HISTOGRAMS;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.HISTOGRAMS_FIELD;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.LABELS_REFS_FIELD;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.METADATA;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.METADATA_FIELD;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.METADATA_HELP_REF;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.METADATA_TYPE;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.METADATA_UNIT_REF;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.SAMPLES;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.SAMPLES_FIELD;
import static dev.sluice.protobuf.remote.RemoteWrite2Schema.TIMESERIES;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;

import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.protobuf.wire.WireOutput;

/**
 * Builds a Remote Write 2.0 {@code io.prometheus.write.v2.Request} series by series, and writes the finished
 * body with {@link #finish}. Label names and values, exemplar labels, help and unit are interned into the
 * request's symbol table (symbol 0 is the empty string) and written as references; since the canonical encoding
 * puts {@code symbols} (field 4) before {@code timeseries} (field 5), series are written into a scratch buffer of
 * the encoder as they come, and {@code finish} writes the symbols and then copies the series after them.
 *
 * <p>A series is {@link #beginSeries()}, its labels ({@link #addLabel}, sorted by name as the specification asks;
 * the encoder keeps the order given), samples ({@link #addSample}), histograms ({@link #addHistogram}),
 * exemplars ({@link #beginExemplar()}, {@link #addExemplarLabel}, {@link #endExemplar}) and at most one
 * {@link #setMetadata}, in that order (the fields' numbers), then {@link #endSeries()}; a field after one of a
 * higher number throws {@link IllegalStateException}. Doubles keep their exact bits; zero numbers and empty
 * reference lists are left out as proto3 does. The output is byte-identical to the canonical encoding of the same
 * message with the symbols in first-use order.
 *
 * <p>Interning a symbol already in the table allocates nothing (see {@link SymbolTable}), so after warm-up a
 * request of as many symbols and bytes as one before is built without allocation. Not thread-safe: one encoder
 * per forwarder shard, {@link #reset()} between requests.
 */
public final class RemoteWrite2Encoder implements ExemplarOutput
{
    private final SymbolTable symbols = new SymbolTable();
    private final ExpandableDirectByteBuffer series = new ExpandableDirectByteBuffer(16 * 1024);
    private final SeriesFieldOrder order =
        new SeriesFieldOrder(LABELS_REFS_FIELD, "fields go in ascending order, metadata once");
    private final LabelRefsOutput labelRefs = new LabelRefsOutput(64);
    private final LabelRefsOutput exemplarRefs = new LabelRefsOutput(16);
    private int position;
    private int closedSeriesEnd;
    private int seriesStart;

    /**
     * Starts a new request: empties the symbol table (but for symbol 0, the empty string) and the series.
     *
     * @return this encoder.
     */
    public RemoteWrite2Encoder reset()
    {
        symbols.reset();
        position = 0;
        closedSeriesEnd = 0;
        order.reset();
        return this;
    }

    /**
     * Number of symbols interned so far, the empty string included.
     *
     * @return the count.
     */
    public int symbolCount()
    {
        return symbols.count();
    }

    /**
     * Length of the body {@link #finish} would write now: the symbols and the closed series.
     *
     * @return the length in bytes.
     */
    public int length()
    {
        return symbols.encodedLength() + closedSeriesEnd;
    }

    /**
     * Opens a {@code TimeSeries}.
     *
     * @return this encoder.
     */
    public RemoteWrite2Encoder beginSeries()
    {
        order.beginSeries();
        seriesStart = WireOutput.openMessage(series, position, TIMESERIES);
        position = seriesStart;
        labelRefs.clear();
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
    public RemoteWrite2Encoder addLabel(
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
    public RemoteWrite2Encoder addLabel(
        final DirectBuffer name,
        final int nameOffset,
        final int nameLength,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        order.enter(LABELS_REFS_FIELD);
        labelRefs.add(symbols.intern(name, nameOffset, nameLength), symbols.intern(value, valueOffset, valueLength));
        return this;
    }

    /**
     * Adds a sample to the open series, after its labels.
     *
     * @param value            the value, bits kept.
     * @param timestampMs      milliseconds since the epoch.
     * @param startTimestampMs start (created) timestamp, 0 for none.
     * @return this encoder.
     */
    public RemoteWrite2Encoder addSample(final double value, final long timestampMs, final long startTimestampMs)
    {
        enterSeriesField(SAMPLES_FIELD);
        position = PointOutput.writeSample(series, position, SAMPLES, value, timestampMs, startTimestampMs);
        return this;
    }

    /**
     * Adds a native histogram sample to the open series, after its samples; custom buckets (schema -53) with
     * their bounds.
     *
     * @param histogram        the histogram; integer or float counts as {@link NativeHistogramView#isFloat()}
     *                         says.
     * @param timestampMs      milliseconds since the epoch.
     * @param startTimestampMs start (created) timestamp, 0 for none.
     * @return this encoder.
     */
    public RemoteWrite2Encoder addHistogram(
        final NativeHistogramView histogram, final long timestampMs, final long startTimestampMs)
    {
        enterSeriesField(HISTOGRAMS_FIELD);
        position = PointOutput.writeHistogram(series, position, HISTOGRAMS, histogram, timestampMs,
            startTimestampMs);
        return this;
    }

    /**
     * Opens an exemplar of the open series, after its histograms; add its labels, then {@link #endExemplar}.
     *
     * @return this encoder.
     */
    @Override
    public RemoteWrite2Encoder beginExemplar()
    {
        flushLabelRefs(order.beginExemplar(EXEMPLARS_FIELD));
        exemplarRefs.clear();
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
    public RemoteWrite2Encoder addExemplarLabel(
        final DirectBuffer name,
        final int nameOffset,
        final int nameLength,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        order.requireExemplar();
        exemplarRefs.add(symbols.intern(name, nameOffset, nameLength),
            symbols.intern(value, valueOffset, valueLength));
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
    public RemoteWrite2Encoder endExemplar(final double value, final long timestampMs)
    {
        order.endExemplar();
        final int size = exemplarRefs.fieldSize() + PointOutput.exemplarPointSize(value, timestampMs);
        final int p = WireOutput.putVarint(series, WireOutput.putVarint(series, position, EXEMPLARS), size);
        position = PointOutput.writeExemplarPoint(series, exemplarRefs.write(series, p), value, timestampMs);
        return this;
    }

    /**
     * Sets the metadata of the open series, after its exemplars; help and unit are interned, empty ones refer to
     * symbol 0.
     *
     * @param type       the metric type, {@link MetricType#UNTYPED} for unspecified.
     * @param help       buffer holding the help text.
     * @param helpOffset its index.
     * @param helpLength its length, 0 for none.
     * @param unit       buffer holding the unit.
     * @param unitOffset its index.
     * @param unitLength its length, 0 for none.
     * @return this encoder.
     */
    public RemoteWrite2Encoder setMetadata(
        final MetricType type,
        final DirectBuffer help,
        final int helpOffset,
        final int helpLength,
        final DirectBuffer unit,
        final int unitOffset,
        final int unitLength)
    {
        enterSeriesField(METADATA_FIELD);
        order.endFields();
        final int typeNumber = MetricTypeNumbers.number(type);
        final int helpRef = symbols.intern(help, helpOffset, helpLength);
        final int unitRef = symbols.intern(unit, unitOffset, unitLength);
        final int size = PointOutput.varintFieldSize(typeNumber) + PointOutput.varintFieldSize(helpRef) +
            PointOutput.varintFieldSize(unitRef);
        int p = WireOutput.putVarint(series, WireOutput.putVarint(series, position, METADATA), size);
        p = PointOutput.putNonZero(series, p, METADATA_TYPE, typeNumber);
        p = PointOutput.putNonZero(series, p, METADATA_HELP_REF, helpRef);
        position = PointOutput.putNonZero(series, p, METADATA_UNIT_REF, unitRef);
        return this;
    }

    /**
     * Closes the open series.
     *
     * @return this encoder.
     */
    public RemoteWrite2Encoder endSeries()
    {
        order.endSeries();
        flushLabelRefs(order.lastField());
        position = WireOutput.closeMessage(series, seriesStart, position);
        closedSeriesEnd = position;
        return this;
    }

    /**
     * Writes the request body: the symbols, then the series added since {@link #reset()}. The encoder keeps its
     * state, so more series may follow and {@code finish} be called again; call {@link #reset()} for a new
     * request.
     *
     * @param out    where to write; expandable for the body to grow.
     * @param offset index of the first byte of the body.
     * @return the length of the body, {@link #length()}.
     */
    public int finish(final MutableDirectBuffer out, final int offset)
    {
        if (order.seriesOpen())
        {
            throw new IllegalStateException("a series is still open");
        }
        final int seriesAt = symbols.writeTo(out, offset);
        out.putBytes(seriesAt, series, 0, position);
        return seriesAt + position - offset;
    }

    /** Writes the labels' references when the series was at its labels, which end with the field after them. */
    private void flushLabelRefs(final int lastField)
    {
        if (lastField == LABELS_REFS_FIELD)
        {
            position = labelRefs.write(series, position);
        }
    }

    private void enterSeriesField(final int field)
    {
        flushLabelRefs(order.enter(field));
    }
}
