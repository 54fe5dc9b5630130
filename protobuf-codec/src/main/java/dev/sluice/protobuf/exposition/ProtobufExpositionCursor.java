package dev.sluice.protobuf.exposition;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.TextView;
import dev.sluice.parser.Utf8;
import dev.sluice.parser.number.FloatFormatter;
import dev.sluice.protobuf.wire.LabelPairs;
import dev.sluice.protobuf.wire.WireInput;

/**
 * Reads a body of varint-length-delimited {@code io.prometheus.client.MetricFamily} messages (content type
 * {@code application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited}) as the
 * entries Prometheus ingests from it. The wire format is walked in place: positions are recorded and state is
 * reused, no message object is built, and after warm-up nothing is allocated.
 *
 * <p>Entries, per family, in input order:
 * <pre>
 *   HELP (when the help is not empty), UNIT (when the unit is not empty), TYPE, then for each Metric:
 *   counter, gauge, untyped    SAMPLE name
 *   summary                    SAMPLE name{quantile="q"} per Quantile, SAMPLE name_sum, SAMPLE name_count
 *   histogram, gauge histogram
 *     native                   HISTOGRAM name, then the classic series below if it also has classic buckets
 *     classic                  SAMPLE name_bucket{le="b"} per Bucket up to the first +Inf bound,
 *                              SAMPLE name_bucket{le="+Inf"} (the count) when no bucket has bound +Inf,
 *                              SAMPLE name_sum, SAMPLE name_count
 * </pre>
 * Families without metrics give no entries, as in Prometheus. {@code quantile} and {@code le} come after the
 * metric's labels, in OpenMetrics float form ({@code 1} becomes {@code 1.0}), written on first read into a
 * scratch buffer of the cursor. A histogram is native when it has a positive or negative span, a zero threshold
 * above 0 or a zero count above 0, as Prometheus decides (see {@link HistogramMessage}).
 *
 * <p>Fields: label names and values, names, help and unit are the raw bytes ({@link TextView#ESCAPES_NONE}).
 * {@code timestamp_ms} 0 means no timestamp, as in Prometheus (proto3 encoders cannot tell 0 from absent). The
 * created timestamp ({@code created_timestamp}, called {@code start_timestamp} in Prometheus' proto3 copy of the
 * schema, same field numbers) of a counter, summary or histogram is reported on every entry of its metric.
 * Exemplars: a counter's, a classic bucket's, and for a native histogram its {@code exemplars} list, or when that
 * list is empty the exemplars of its classic buckets, as Prometheus takes them; {@link #exemplarCount()} and
 * {@link #selectExemplar(int)} reach all of them. Prometheus keeps a native histogram's exemplars only when they
 * have a timestamp; that check is left to the consumer ({@link #exemplarHasTimestamp()}).
 *
 * <p>{@link #seriesOffset()} and {@link #seriesLength()} give the raw bytes of the metric's label pairs: from the
 * tag of its first {@code label} field to the end of its last one (other fields in between included, if an
 * encoder interleaves them), or an empty range at the start of the Metric message when it has no labels. All
 * entries of one metric share that range: a series is identified by the entry name, these bytes and the
 * {@code le} or {@code quantile} value.
 *
 * <p>Accepted: fields in any order, repeated numeric fields packed and unpacked (mixed too), unknown fields of
 * every wire type (groups included) skipped. For a singular field given twice the last one counts; for a
 * singular message field given twice the last one counts as well (protobuf would merge them; no encoder writes
 * them twice). Rejected with {@link ParseException} (never anything else, never reading past the body): a
 * length prefix running past its message or the body, a truncated field, a varint longer than 10 bytes or above
 * 64 bits, a known field with the wrong wire type, field number 0, wire types 6 and 7, unbalanced groups, packed
 * doubles whose length is not a multiple of 8; a family with metrics but without a name, a name or help that is
 * not UTF-8, an unknown type, a unit that is not a suffix of the name (as Prometheus checks it); empty label
 * names, {@code __name__} as a label, duplicate label names, a metric label {@code le} (histograms) or
 * {@code quantile} (summaries) that would clash with the one added; more than {@value LabelPairs#MAX_LABELS}
 * labels; a native histogram with a schema outside -4..8 or whose spans cover a different number of buckets than
 * it lists deltas or counts for (unless the options ignore its native part); with options, what they reject.
 *
 * <p>Histograms are yielded as above unless {@link #histogramOptions(HistogramScrapeOptions)} sets the scrape
 * options of a Prometheus {@code scrape_config}; then, as Prometheus ingests them: a native histogram is yielded
 * only when native histograms are scraped (reduced to the bucket limit and minimum growth factor, see {@link
 * SchemaReduction}), followed by its classic series only when classic histograms are scraped too; a histogram read
 * as classic is yielded as its classic series or, when conversion is on, as a HISTOGRAM entry with custom buckets
 * (schema -53), followed by the classic series when classic histograms are scraped. {@code docs/formats.md} gives
 * each rule and its source.
 *
 * <p>Not thread-safe; use one cursor per thread and reuse it across bodies.
 */
public final class ProtobufExpositionCursor implements MetricCursor
{
    private static final byte[] METRIC_NAME_LABEL = {'_', '_', 'n', 'a', 'm', 'e', '_', '_'};
    private static final byte[] LE = {'l', 'e'};
    private static final byte[] QUANTILE = {'q', 'u', 'a', 'n', 't', 'i', 'l', 'e'};
    private static final DirectBuffer LE_NAME = new UnsafeBuffer(LE);
    private static final DirectBuffer QUANTILE_NAME = new UnsafeBuffer(QUANTILE);
    private static final byte[] BUCKET_SUFFIX = {'_', 'b', 'u', 'c', 'k', 'e', 't'};
    private static final byte[] SUM_SUFFIX = {'_', 's', 'u', 'm'};
    private static final byte[] COUNT_SUFFIX = {'_', 'c', 'o', 'u', 'n', 't'};
    private static final byte[] TOTAL_SUFFIX = {'_', 't', 'o', 't', 'a', 'l'};

    private static final int FAMILY_NAME_FIELD = 1;
    private static final int FAMILY_HELP_FIELD = 2;
    private static final int FAMILY_TYPE_FIELD = 3;
    private static final int FAMILY_METRIC_FIELD = 4;
    private static final int FAMILY_UNIT_FIELD = 5;
    private static final int FAMILY_NAME = FAMILY_NAME_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int FAMILY_HELP = FAMILY_HELP_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int FAMILY_TYPE = FAMILY_TYPE_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int FAMILY_METRIC = FAMILY_METRIC_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int FAMILY_UNIT = FAMILY_UNIT_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final long FAMILY_KNOWN_FIELDS = 1L << FAMILY_NAME_FIELD | 1L << FAMILY_HELP_FIELD |
        1L << FAMILY_TYPE_FIELD | 1L << FAMILY_METRIC_FIELD | 1L << FAMILY_UNIT_FIELD;

    private static final int METRIC_LABEL_FIELD = 1;
    private static final int METRIC_GAUGE_FIELD = 2;
    private static final int METRIC_COUNTER_FIELD = 3;
    private static final int METRIC_SUMMARY_FIELD = 4;
    private static final int METRIC_UNTYPED_FIELD = 5;
    private static final int METRIC_TIMESTAMP_FIELD = 6;
    private static final int METRIC_HISTOGRAM_FIELD = 7;
    private static final int METRIC_LABEL = METRIC_LABEL_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int METRIC_GAUGE = METRIC_GAUGE_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int METRIC_COUNTER = METRIC_COUNTER_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int METRIC_SUMMARY = METRIC_SUMMARY_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int METRIC_UNTYPED = METRIC_UNTYPED_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int METRIC_TIMESTAMP = METRIC_TIMESTAMP_FIELD << WireInput.TAG_SHIFT | WireInput.VARINT;
    private static final int METRIC_HISTOGRAM =
        METRIC_HISTOGRAM_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final long METRIC_KNOWN_FIELDS = 1L << METRIC_LABEL_FIELD | 1L << METRIC_GAUGE_FIELD |
        1L << METRIC_COUNTER_FIELD | 1L << METRIC_SUMMARY_FIELD | 1L << METRIC_UNTYPED_FIELD |
        1L << METRIC_TIMESTAMP_FIELD | 1L << METRIC_HISTOGRAM_FIELD;

    /** Field 1 of Counter, Gauge and Untyped; Counter adds its exemplar and created timestamp. */
    private static final int VALUE_FIELD = 1;
    private static final int COUNTER_EXEMPLAR_FIELD = 2;
    private static final int COUNTER_CREATED_FIELD = 3;
    private static final int VALUE = VALUE_FIELD << WireInput.TAG_SHIFT | WireInput.FIXED64;
    private static final int COUNTER_EXEMPLAR =
        COUNTER_EXEMPLAR_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final int COUNTER_CREATED =
        COUNTER_CREATED_FIELD << WireInput.TAG_SHIFT | WireInput.LENGTH_DELIMITED;
    private static final long VALUE_KNOWN_FIELDS = 1L << VALUE_FIELD;
    private static final long COUNTER_KNOWN_FIELDS =
        VALUE_KNOWN_FIELDS | 1L << COUNTER_EXEMPLAR_FIELD | 1L << COUNTER_CREATED_FIELD;

    /** Metric types by the number of the protobuf enum {@code MetricType}. */
    private static final MetricType[] TYPES = {
        MetricType.COUNTER, MetricType.GAUGE, MetricType.SUMMARY, MetricType.UNTYPED, MetricType.HISTOGRAM,
        MetricType.GAUGE_HISTOGRAM};
    /** Tag of the Metric field that holds the value, by the number of the protobuf enum {@code MetricType}. */
    private static final int[] VALUE_TAGS = {
        METRIC_COUNTER, METRIC_GAUGE, METRIC_SUMMARY, METRIC_UNTYPED, METRIC_HISTOGRAM, METRIC_HISTOGRAM};

    /** Where {@link #next()} continues: the next entry to consider. */
    private enum Step
    {
        FAMILY, HELP, UNIT, TYPE, METRIC, SAMPLE, NATIVE_HISTOGRAM, QUANTILE, BUCKET, INF_BUCKET, SUM, COUNT, END
    }

    private final WireInput input = new WireInput(ExpositionFormat.PROTOBUF);
    private final LabelPairs labels = new LabelPairs();
    private final ExemplarMessage exemplar = new ExemplarMessage();
    private final SummaryMessage summary = new SummaryMessage(input);
    private final HistogramMessage histogram = new HistogramMessage(input);
    /** {@code <name>_bucket}, {@code <name>_sum} and {@code <name>_count} of the current family, one after another. */
    private final ExpandableArrayBuffer derivedNames = new ExpandableArrayBuffer(128);
    private final UnsafeBuffer boundText = new UnsafeBuffer(new byte[FloatFormatter.MAX_LENGTH]);

    /** Null: histograms are yielded as read (see the class description); else as these options say. */
    private HistogramScrapeOptions histogramOptions;
    private int maxSchema;
    private SchemaReduction schemaReduction;
    private NativeHistogramView reducedHistogram;
    private CustomBucketsConversion customBuckets;
    private NativeHistogramView customBucketsHistogram;
    /** What the current HISTOGRAM entry reports: the message's native part, or its reduction, or its NHCB. */
    private NativeHistogramView entryHistogram;
    private boolean classicAfterHistogram;

    private Step step = Step.END;
    private int nextFamilyAt;

    private int familyEnd;
    private int metricSearch;
    private MetricType familyType = MetricType.UNTYPED;
    private int familyValueTag;
    private int familyNameOffset;
    private int familyNameLength;
    private int helpOffset;
    private int helpLength;
    private int unitOffset;
    private int unitLength;
    private int sumNameOffset;
    private int countNameOffset;
    /** Whether {@link #derivedNames} holds the names of the current family, written on first use. */
    private boolean derivedNamesWritten;

    private int valueStart;
    private int valueEnd;
    private long metricTimestampMs;
    private boolean metricHasCreated;
    private long metricCreatedMs;
    private double simpleValue;
    private boolean simpleHasExemplar;

    private EntryKind kind;
    private DirectBuffer entryNameBuffer;
    private int entryNameOffset;
    private int entryNameLength;
    private int textOffset;
    private int textLength;
    private int entryLabelCount;
    private int entrySeriesOffset;
    private int entrySeriesLength;
    private DirectBuffer reservedLabelName;
    private double reservedLabelValue;
    private long formattedBoundBits;
    private int formattedBoundLength = -1;
    private double value;
    private boolean hasTimestamp;
    private long timestampMs;
    private boolean hasCreated;
    private long createdMs;
    private boolean hasExemplar;
    private int exemplarCount;

    /**
     * Converts an unsigned 64-bit integer to the nearest double, as Go's {@code float64(uint64)} does.
     *
     * @param unsigned the bits of the unsigned number.
     * @return the value.
     */
    static double unsignedToDouble(final long unsigned)
    {
        if (unsigned >= 0)
        {
            return unsigned;
        }
        // Halve with the lost bit kept as a sticky bit, so that the one rounding to double is still correct.
        return ((unsigned >>> 1) | (unsigned & 1)) * 2.0;
    }

    /**
     * Makes histograms be yielded as a Prometheus scrape with these options ingests them, from the next metric on:
     * native or classic series or both, classic histograms converted to custom buckets, native histograms reduced
     * to a bucket limit or minimum growth factor (a histogram that cannot fit fails the scrape with a {@link
     * ParseException}). Null goes back to yielding every histogram as read, which is the default and costs
     * nothing. Set it once, before {@link #reset}; the first call with options allocates the reusable state.
     *
     * @param options the options, or null.
     * @return this cursor.
     */
    public ProtobufExpositionCursor histogramOptions(final HistogramScrapeOptions options)
    {
        histogramOptions = options;
        if (options != null)
        {
            maxSchema = options.maxSchema();
            if (schemaReduction == null)
            {
                schemaReduction = new SchemaReduction();
                reducedHistogram = new NativeHistogramView();
                customBuckets = new CustomBucketsConversion(input);
                customBucketsHistogram = new NativeHistogramView();
            }
        }
        return this;
    }

    /**
     * The histogram options in use.
     *
     * @return the options, or null when histograms are yielded as read.
     */
    public HistogramScrapeOptions histogramOptions()
    {
        return histogramOptions;
    }

    @Override
    public MetricCursor reset(final DirectBuffer buffer, final int offset, final int length)
    {
        input.wrap(buffer, offset, length);
        return start();
    }

    @Override
    public MetricCursor reset(final byte[] bytes, final int offset, final int length)
    {
        input.wrap(bytes, offset, length);
        return start();
    }

    private MetricCursor start()
    {
        step = Step.FAMILY;
        nextFamilyAt = 0;
        familyType = MetricType.UNTYPED;
        formattedBoundLength = -1;
        clearEntry();
        return this;
    }

    private void clearEntry()
    {
        kind = null;
        textLength = 0;
        entryLabelCount = 0;
        entrySeriesOffset = 0;
        entrySeriesLength = 0;
        reservedLabelName = null;
        value = Double.NaN;
        hasTimestamp = false;
        hasCreated = false;
        hasExemplar = false;
        exemplarCount = 0;
    }

    @Override
    public EntryKind next()
    {
        clearEntry();
        try
        {
            return advance();
        }
        catch (final ParseException ex)
        {
            step = Step.END;
            throw ex;
        }
    }

    private EntryKind advance()
    {
        while (true)
        {
            switch (step)
            {
                case FAMILY:
                    step = openNextFamily() ? Step.HELP : Step.END;
                    break;
                case HELP:
                    step = Step.UNIT;
                    if (helpLength > 0)
                    {
                        return metadata(EntryKind.HELP, helpOffset, helpLength);
                    }
                    break;
                case UNIT:
                    step = Step.TYPE;
                    if (unitLength > 0)
                    {
                        return metadata(EntryKind.UNIT, unitOffset, unitLength);
                    }
                    break;
                case TYPE:
                    step = Step.METRIC;
                    return metadata(EntryKind.TYPE, 0, 0);
                case METRIC:
                    step = openNextMetric();
                    break;
                case END:
                    kind = EntryKind.END;
                    return EntryKind.END;
                default:
                    return seriesEntry();
            }
        }
    }

    /** Emits the next entry of the current metric; never called at a step without one. */
    private EntryKind seriesEntry()
    {
        switch (step)
        {
            case SAMPLE:
                step = Step.METRIC;
                familySeries(EntryKind.SAMPLE, simpleValue);
                hasExemplar = simpleHasExemplar;
                exemplarCount = simpleHasExemplar ? 1 : 0;
                return EntryKind.SAMPLE;
            case NATIVE_HISTOGRAM:
                return nativeHistogram();
            case QUANTILE:
                if (summary.nextQuantile())
                {
                    familySeries(EntryKind.SAMPLE, summary.quantileValue());
                    return withReservedLabel(QUANTILE_NAME, summary.quantile());
                }
                step = Step.SUM;
                return seriesEntry();
            case BUCKET:
                if (histogram.nextBucket())
                {
                    return classicBucket();
                }
                step = Step.INF_BUCKET;
                return seriesEntry();
            case INF_BUCKET:
                step = Step.SUM;
                derivedSeries(BUCKET_SUFFIX, histogram.countValue());
                return withReservedLabel(LE_NAME, Double.POSITIVE_INFINITY);
            case SUM:
                step = Step.COUNT;
                return derivedSeries(SUM_SUFFIX,
                    familyType == MetricType.SUMMARY ? summary.sum() : histogram.sum());
            default:
                step = Step.METRIC;
                return derivedSeries(COUNT_SUFFIX,
                    familyType == MetricType.SUMMARY ? summary.countValue() : histogram.countValue());
        }
    }

    private EntryKind nativeHistogram()
    {
        final HistogramMessage h = histogram;
        step = classicAfterHistogram ? Step.BUCKET : Step.METRIC;
        familySeries(EntryKind.HISTOGRAM, Double.NaN);
        exemplarCount = h.exemplarCount();
        if (exemplarCount > 0)
        {
            hasExemplar = true;
            exemplar.read(input, h.exemplarStart(0), h.exemplarEnd(0));
        }
        return EntryKind.HISTOGRAM;
    }

    private EntryKind classicBucket()
    {
        final HistogramMessage h = histogram;
        final double bound = h.upperBound();
        if (bound == Double.POSITIVE_INFINITY)
        {
            step = Step.SUM;
        }
        derivedSeries(BUCKET_SUFFIX, h.bucketValue());
        if (h.bucketHasExemplar())
        {
            exemplar.read(input, h.bucketExemplarStart(), h.bucketExemplarEnd());
            hasExemplar = true;
            exemplarCount = 1;
        }
        return withReservedLabel(LE_NAME, bound);
    }

    private EntryKind metadata(final EntryKind entryKind, final int offset, final int length)
    {
        kind = entryKind;
        entryNameBuffer = input.buffer();
        entryNameOffset = familyNameOffset;
        entryNameLength = familyNameLength;
        textOffset = offset;
        textLength = length;
        return entryKind;
    }

    private EntryKind familySeries(final EntryKind entryKind, final double entryValue)
    {
        return series(entryKind, input.buffer(), familyNameOffset, familyNameLength, entryValue);
    }

    /** A {@code _bucket}, {@code _sum} or {@code _count} series of the family, named by its suffix. */
    private EntryKind derivedSeries(final byte[] suffix, final double entryValue)
    {
        if (!derivedNamesWritten)
        {
            writeDerivedNames();
        }
        final int nameOffset = suffix == BUCKET_SUFFIX ? 0 : suffix == SUM_SUFFIX ? sumNameOffset : countNameOffset;
        return series(EntryKind.SAMPLE, derivedNames, nameOffset, familyNameLength + suffix.length, entryValue);
    }

    private EntryKind series(
        final EntryKind entryKind,
        final DirectBuffer nameBuffer,
        final int nameOffset,
        final int nameLength,
        final double entryValue)
    {
        kind = entryKind;
        entryNameBuffer = nameBuffer;
        entryNameOffset = nameOffset;
        entryNameLength = nameLength;
        value = entryValue;
        entryLabelCount = labels.count();
        entrySeriesOffset = labels.rawOffset();
        entrySeriesLength = labels.rawLength();
        hasTimestamp = metricTimestampMs != 0;
        timestampMs = metricTimestampMs;
        hasCreated = metricHasCreated;
        createdMs = metricCreatedMs;
        return entryKind;
    }

    private EntryKind withReservedLabel(final DirectBuffer name, final double bound)
    {
        reservedLabelName = name;
        reservedLabelValue = bound;
        entryLabelCount++;
        return kind;
    }

    /** Reads the next family that has metrics and takes its metadata; false at the end of the body. */
    private boolean openNextFamily()
    {
        final WireInput in = input;
        final int bodyEnd = in.length();
        while (nextFamilyAt < bodyEnd)
        {
            in.position(nextFamilyAt);
            final int end = in.readLengthDelimited(bodyEnd);
            final int start = in.position();
            nextFamilyAt = end;
            if (readFamilyFields(start, end) > 0)
            {
                validateFamily(start);
                familyEnd = end;
                metricSearch = start;
                derivedNamesWritten = false;
                return true;
            }
        }
        return false;
    }

    /** Takes name, help, unit and type of the MetricFamily in {@code [start, end)}; returns its metric count. */
    private int readFamilyFields(final int start, final int end)
    {
        final WireInput in = input;
        familyNameOffset = start;
        familyNameLength = 0;
        helpLength = 0;
        unitLength = 0;
        long typeNumber = 0;
        int typeAt = start;
        int metricCount = 0;
        in.position(start);
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            if (tag == FAMILY_TYPE)
            {
                typeAt = tagAt;
                typeNumber = in.readVarint(end);
                continue;
            }
            if (tag != FAMILY_NAME && tag != FAMILY_HELP && tag != FAMILY_UNIT && tag != FAMILY_METRIC)
            {
                in.skipUnknown(tag, end, FAMILY_KNOWN_FIELDS, "MetricFamily", tagAt);
                continue;
            }
            final int fieldEnd = in.readLengthDelimited(end);
            final int fieldStart = in.position();
            in.position(fieldEnd);
            if (tag == FAMILY_NAME)
            {
                familyNameOffset = fieldStart;
                familyNameLength = fieldEnd - fieldStart;
            }
            else if (tag == FAMILY_HELP)
            {
                helpOffset = fieldStart;
                helpLength = fieldEnd - fieldStart;
            }
            else if (tag == FAMILY_UNIT)
            {
                unitOffset = fieldStart;
                unitLength = fieldEnd - fieldStart;
            }
            else
            {
                metricCount++;
            }
        }
        if (metricCount == 0)
        {
            return 0;
        }
        if (typeNumber < 0 || typeNumber >= TYPES.length)
        {
            throw in.error("unknown metric type " + typeNumber, typeAt);
        }
        familyType = TYPES[(int)typeNumber];
        familyValueTag = VALUE_TAGS[(int)typeNumber];
        return metricCount;
    }

    private void validateFamily(final int start)
    {
        final WireInput in = input;
        if (familyNameLength == 0)
        {
            throw in.error("metric family without a name", start);
        }
        if (!Utf8.isWellFormed(in.buffer(), familyNameOffset, familyNameLength))
        {
            throw in.error("metric name is not valid UTF-8", familyNameOffset);
        }
        if (!Utf8.isWellFormed(in.buffer(), helpOffset, helpLength))
        {
            throw in.error("help is not valid UTF-8", helpOffset);
        }
        if (unitLength > 0 && !unitIsNameSuffix())
        {
            throw in.error("unit is not a suffix of the metric name", unitOffset);
        }
    }

    /** Whether the name ends with {@code _<unit>}, before {@code _total} for a counter, as Prometheus checks. */
    private boolean unitIsNameSuffix()
    {
        final WireInput in = input;
        int nameEnd = familyNameOffset + familyNameLength;
        if (familyType == MetricType.COUNTER && familyNameLength >= TOTAL_SUFFIX.length &&
            in.rangeEquals(nameEnd - TOTAL_SUFFIX.length, TOTAL_SUFFIX.length, TOTAL_SUFFIX))
        {
            nameEnd -= TOTAL_SUFFIX.length;
        }
        final int unitStart = nameEnd - unitLength;
        return unitStart > familyNameOffset && in.buffer().getByte(unitStart - 1) == '_' &&
            in.rangesEqual(unitStart, unitOffset, unitLength);
    }

    /** Writes the names of the family's derived series, on the first entry that needs one. */
    private void writeDerivedNames()
    {
        sumNameOffset = writeDerivedName(0, BUCKET_SUFFIX);
        countNameOffset = writeDerivedName(sumNameOffset, SUM_SUFFIX);
        writeDerivedName(countNameOffset, COUNT_SUFFIX);
        derivedNamesWritten = true;
    }

    private int writeDerivedName(final int at, final byte[] suffix)
    {
        derivedNames.putBytes(at, input.buffer(), familyNameOffset, familyNameLength);
        derivedNames.putBytes(at + familyNameLength, suffix);
        return at + familyNameLength + suffix.length;
    }

    /** Opens the next Metric of the family and returns the step that emits its first entry. */
    private Step openNextMetric()
    {
        final WireInput in = input;
        final int end = familyEnd;
        in.position(metricSearch);
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            if (tag == FAMILY_METRIC)
            {
                final int metricEnd = in.readLengthDelimited(end);
                metricSearch = metricEnd;
                readMetricFields(in.position(), metricEnd);
                return openValue();
            }
            in.skipField(tag, end, tagAt);
        }
        metricSearch = end;
        return Step.FAMILY;
    }

    /** Takes the labels, the timestamp and the range of the value message of the Metric in {@code [start, end)}. */
    private void readMetricFields(final int start, final int end)
    {
        final WireInput in = input;
        labels.clear(start);
        metricTimestampMs = 0;
        valueStart = end;
        valueEnd = end;
        in.position(start);
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            switch (tag)
            {
                case METRIC_LABEL:
                    labels.read(in, tagAt, in.readLengthDelimited(end));
                    break;
                case METRIC_TIMESTAMP:
                    metricTimestampMs = in.readVarint(end);
                    break;
                case METRIC_GAUGE:
                case METRIC_COUNTER:
                case METRIC_SUMMARY:
                case METRIC_UNTYPED:
                case METRIC_HISTOGRAM:
                    readValueField(tag, in.readLengthDelimited(end));
                    break;
                default:
                    in.skipUnknown(tag, end, METRIC_KNOWN_FIELDS, "Metric", tagAt);
                    break;
            }
        }
    }

    /** Remembers where the value message is when its field is the one of the family type; moves past it. */
    private void readValueField(final int tag, final int fieldEnd)
    {
        if (tag == familyValueTag)
        {
            valueStart = input.position();
            valueEnd = fieldEnd;
        }
        input.position(fieldEnd);
    }

    private Step openValue()
    {
        switch (familyType)
        {
            case SUMMARY:
                return openSummary();
            case HISTOGRAM:
            case GAUGE_HISTOGRAM:
                return openHistogram();
            default:
                readSimpleValue();
                validateLabels(null);
                return Step.SAMPLE;
        }
    }

    /** Reads a Counter, Gauge or Untyped message: the value, and for a counter its exemplar and created time. */
    private void readSimpleValue()
    {
        final WireInput in = input;
        final int end = valueEnd;
        final boolean counter = familyType == MetricType.COUNTER;
        simpleValue = 0;
        simpleHasExemplar = false;
        int createdStart = -1;
        int createdEnd = -1;
        in.position(valueStart);
        while (in.position() < end)
        {
            final int tagAt = in.position();
            final int tag = in.readTag(end);
            if (tag == VALUE)
            {
                simpleValue = in.readDouble(end);
            }
            else if (counter && tag == COUNTER_EXEMPLAR)
            {
                final int exemplarEnd = in.readLengthDelimited(end);
                exemplar.read(in, in.position(), exemplarEnd);
                simpleHasExemplar = true;
            }
            else if (counter && tag == COUNTER_CREATED)
            {
                createdEnd = in.readLengthDelimited(end);
                createdStart = in.position();
                in.position(createdEnd);
            }
            else
            {
                in.skipUnknown(tag, end, counter ? COUNTER_KNOWN_FIELDS : VALUE_KNOWN_FIELDS,
                    counter ? "Counter" : familyType == MetricType.GAUGE ? "Gauge" : "Untyped", tagAt);
            }
        }
        takeCreated(createdStart, createdEnd);
    }

    private Step openSummary()
    {
        final SummaryMessage s = summary;
        s.read(valueStart, valueEnd);
        takeCreated(s.createdStart(), s.createdEnd());
        validateLabels(s.quantileCount() > 0 ? QUANTILE : null);
        return Step.QUANTILE;
    }

    private Step openHistogram()
    {
        final HistogramMessage h = histogram;
        h.read(valueStart, valueEnd, familyType == MetricType.GAUGE_HISTOGRAM);
        takeCreated(h.createdStart(), h.createdEnd());
        if (histogramOptions != null)
        {
            return openHistogramWithOptions();
        }
        if (!h.isNative())
        {
            validateLabels(LE);
            return Step.BUCKET;
        }
        h.validateNative();
        entryHistogram = h.view();
        return openNativeEntry(h.classicBucketCount() > 0);
    }

    /** Decides between native, NHCB and classic series as the scrape options say; see {@link #histogramOptions}. */
    private Step openHistogramWithOptions()
    {
        final HistogramScrapeOptions o = histogramOptions;
        final HistogramMessage h = histogram;
        if (o.scrapeNativeHistograms() && h.isNative())
        {
            h.validateNative();
            entryHistogram = withinLimits(h.view());
            return openNativeEntry(o.scrapeClassicHistograms() && h.classicBucketCount() > 0);
        }
        if (o.convertClassicHistogramsToNhcb())
        {
            entryHistogram = customBuckets.convert(h, valueStart, customBucketsHistogram);
            final int buckets = entryHistogram.positive().bucketCount();
            final int limit = o.nativeHistogramBucketLimit();
            if (limit > 0 && buckets > limit)
            {
                throw input.error("custom-bucket histogram has " + buckets +
                    " buckets, more than native_histogram_bucket_limit " + limit, valueStart);
            }
            return openNativeEntry(o.scrapeClassicHistograms());
        }
        validateLabels(LE);
        return Step.BUCKET;
    }

    /**
     * The exponential histogram at the highest schema that {@code native_histogram_min_bucket_factor} and {@code
     * native_histogram_bucket_limit} allow: {@code source} itself, or its reduction.
     */
    private NativeHistogramView withinLimits(final NativeHistogramView source)
    {
        final int limit = histogramOptions.nativeHistogramBucketLimit();
        final int schema = SchemaReduction.fittingSchema(source, maxSchema, limit);
        if (schema == SchemaReduction.NO_FITTING_SCHEMA)
        {
            throw input.error("native histogram has " +
                SchemaReduction.populatedBucketCount(source, NativeHistogramView.MIN_EXPONENTIAL_SCHEMA) +
                " buckets even at schema " + NativeHistogramView.MIN_EXPONENTIAL_SCHEMA +
                ", more than native_histogram_bucket_limit " + limit, valueStart);
        }
        return schema == source.schema() ? source : schemaReduction.reduce(source, schema, reducedHistogram);
    }

    /** Checks the labels and the exemplars of a HISTOGRAM entry, to be followed by the classic series or not. */
    private Step openNativeEntry(final boolean classicAfter)
    {
        final HistogramMessage h = histogram;
        classicAfterHistogram = classicAfter;
        validateLabels(classicAfter ? LE : null);
        h.takeBucketExemplarsWhenNone();
        for (int i = 0, n = h.exemplarCount(); i < n; i++)
        {
            // Decoded now so that a malformed exemplar fails here, in next(), and never in selectExemplar().
            exemplar.read(input, h.exemplarStart(i), h.exemplarEnd(i));
        }
        return Step.NATIVE_HISTOGRAM;
    }

    /**
     * Rejects what Prometheus would refuse to ingest: an empty label name, a label named {@code __name__} or
     * {@code reserved}, and a name used twice.
     *
     * @param reserved a label name the cursor adds itself ({@code le}, {@code quantile}), or null.
     */
    private void validateLabels(final byte[] reserved)
    {
        final WireInput in = input;
        final LabelPairs l = labels;
        for (int i = 0, n = l.count(); i < n; i++)
        {
            final int nameOffset = l.nameOffset(i);
            final int nameLength = l.nameLength(i);
            if (nameLength == 0)
            {
                throw in.error("empty label name", nameOffset);
            }
            if (in.rangeEquals(nameOffset, nameLength, METRIC_NAME_LABEL))
            {
                throw in.error("label __name__ in a label set", nameOffset);
            }
            if (reserved != null && in.rangeEquals(nameOffset, nameLength, reserved))
            {
                throw in.error("label " + new String(reserved, StandardCharsets.US_ASCII) +
                    " clashes with the label the series of this metric type carry", nameOffset);
            }
            for (int j = 0; j < i; j++)
            {
                if (l.nameLength(j) == nameLength && in.rangesEqual(l.nameOffset(j), nameOffset, nameLength))
                {
                    throw in.error("duplicate label name", nameOffset);
                }
            }
        }
    }

    /** Takes the created timestamp of the metric from the Timestamp message at {@code start}, or none if -1. */
    private void takeCreated(final int start, final int end)
    {
        metricHasCreated = start >= 0;
        metricCreatedMs = metricHasCreated ? TimestampMessage.readMillis(input, start, end) : 0;
    }

    @Override
    public ExpositionFormat format()
    {
        return ExpositionFormat.PROTOBUF;
    }

    @Override
    public MetricType type()
    {
        return familyType;
    }

    @Override
    public TextView name(final TextView view)
    {
        if (kind == null || kind == EntryKind.END)
        {
            return view.wrap(input.buffer(), 0, 0, TextView.ESCAPES_NONE);
        }
        return view.wrap(entryNameBuffer, entryNameOffset, entryNameLength, TextView.ESCAPES_NONE);
    }

    @Override
    public int labelCount()
    {
        return entryLabelCount;
    }

    @Override
    public TextView labelName(final int index, final TextView view)
    {
        if (index < labels.count())
        {
            return labels.name(index, input.buffer(), view);
        }
        return view.wrap(reservedLabelName, 0, reservedLabelName.capacity(), TextView.ESCAPES_NONE);
    }

    @Override
    public TextView labelValue(final int index, final TextView view)
    {
        if (index < labels.count())
        {
            return labels.value(index, input.buffer(), view);
        }
        return view.wrap(boundText, 0, formatReservedLabelValue(), TextView.ESCAPES_NONE);
    }

    /** Writes the {@code le} or {@code quantile} value in float form, unless the scratch already holds it. */
    private int formatReservedLabelValue()
    {
        final long bits = Double.doubleToRawLongBits(reservedLabelValue);
        if (formattedBoundLength < 0 || bits != formattedBoundBits)
        {
            formattedBoundLength = FloatFormatter.formatOpenMetrics(reservedLabelValue, boundText, 0);
            formattedBoundBits = bits;
        }
        return formattedBoundLength;
    }

    @Override
    public double value()
    {
        return value;
    }

    @Override
    public boolean hasTimestamp()
    {
        return hasTimestamp;
    }

    @Override
    public long timestampMs()
    {
        return hasTimestamp ? timestampMs : 0;
    }

    @Override
    public boolean hasExemplar()
    {
        return hasExemplar;
    }

    /**
     * Number of exemplars of the current entry: 0 or 1 for a sample, the length of the exemplar list for a native
     * histogram (or of its classic buckets' exemplars, when its own list is empty).
     *
     * @return the count.
     */
    @Override
    public int exemplarCount()
    {
        return exemplarCount;
    }

    /**
     * Makes the exemplar accessors describe another exemplar of the current entry. Decodes it in place, without
     * allocating; it was checked when the entry was read, so this never fails.
     *
     * @param index 0-based, below {@link #exemplarCount()}.
     * @return true when the exemplar exists and is now described.
     */
    @Override
    public boolean selectExemplar(final int index)
    {
        if (index < 0 || index >= exemplarCount)
        {
            return false;
        }
        if (kind == EntryKind.HISTOGRAM)
        {
            exemplar.read(input, histogram.exemplarStart(index), histogram.exemplarEnd(index));
        }
        return true;
    }

    @Override
    public int exemplarLabelCount()
    {
        return hasExemplar ? exemplar.labels.count() : 0;
    }

    @Override
    public TextView exemplarLabelName(final int index, final TextView view)
    {
        return exemplar.labels.name(index, input.buffer(), view);
    }

    @Override
    public TextView exemplarLabelValue(final int index, final TextView view)
    {
        return exemplar.labels.value(index, input.buffer(), view);
    }

    @Override
    public double exemplarValue()
    {
        return hasExemplar ? exemplar.value : Double.NaN;
    }

    @Override
    public boolean exemplarHasTimestamp()
    {
        return hasExemplar && exemplar.hasTimestamp;
    }

    @Override
    public long exemplarTimestampMs()
    {
        return exemplarHasTimestamp() ? exemplar.timestampMs : 0;
    }

    @Override
    public boolean hasCreatedTimestamp()
    {
        return hasCreated;
    }

    @Override
    public long createdTimestampMs()
    {
        return hasCreated ? createdMs : 0;
    }

    /**
     * Fills {@code view} with the native histogram of the current {@link EntryKind#HISTOGRAM} entry: schema, zero
     * threshold and count, count, sum, whether counts are floats, reset hint ({@link
     * NativeHistogramView.ResetHint#GAUGE} for a gauge histogram, else unknown), spans, and deltas or float
     * counts as listed in the message, or as the {@link #histogramOptions(HistogramScrapeOptions) options} reduced
     * or converted them. For any other entry the view is cleared.
     *
     * @param view the view to fill.
     * @return {@code view}.
     */
    @Override
    public NativeHistogramView histogram(final NativeHistogramView view)
    {
        return kind == EntryKind.HISTOGRAM ? view.copyFrom(entryHistogram) : view.clear();
    }

    /**
     * The help or unit text of a HELP or UNIT entry, raw bytes; empty for other entries.
     *
     * @param view the view to fill.
     * @return {@code view}.
     */
    @Override
    public TextView metadataText(final TextView view)
    {
        return view.wrap(input.buffer(), textOffset, textLength, TextView.ESCAPES_NONE);
    }

    /**
     * Index in the body of the raw label pairs of the current entry's metric, see the class description.
     *
     * @return the index, relative to the start of the body.
     */
    @Override
    public int seriesOffset()
    {
        return entrySeriesOffset;
    }

    /**
     * Length of the raw label pairs of the current entry's metric, 0 for a metric without labels and for
     * metadata entries.
     *
     * @return the length.
     */
    @Override
    public int seriesLength()
    {
        return entrySeriesLength;
    }
}
