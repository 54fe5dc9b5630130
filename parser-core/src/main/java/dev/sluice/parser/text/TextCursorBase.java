package dev.sluice.parser.text;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.TextView;
import dev.sluice.parser.number.DecimalParser;
import dev.sluice.parser.number.FloatFormatter;

/**
 * State and lexing primitives shared by the Prometheus text and OpenMetrics cursors: the wrapped input, the
 * current entry as positions into it, and scanners for names, quoted strings and numbers. Subclasses own the
 * line grammar. The input is wrapped so that index 0 is the first byte of the body and {@link #end} its
 * length: every read is checked against {@link #end} before it happens.
 */
abstract class TextCursorBase implements MetricCursor
{
    static final byte[] LE = {'l', 'e'};
    /** Longest plain decimal taken by the fast path: 15 digits always fit a double's mantissa exactly. */
    private static final int MAX_PLAIN_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15};
    static final byte[] QUANTILE = {'q', 'u', 'a', 'n', 't', 'i', 'l', 'e'};

    final Body body = new Body();
    final UnsafeBuffer buf = body.buffer();
    final DecimalParser decimal = new DecimalParser();
    final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64);
    final LabelPositions labels = new LabelPositions();
    final LabelPositions exemplarLabels = new LabelPositions();
    private final FloatLabelForms forms = new FloatLabelForms();

    int pos;
    int end;
    EntryKind kind;

    MetricType entryType = MetricType.UNTYPED;
    int nameOffset;
    int nameLength;
    int nameEscapes;
    int textOffset;
    int textLength;
    int textEscapes;
    int seriesOffset;
    int seriesLength;
    double value;
    boolean hasTimestamp;
    long timestampMs;
    boolean hasExemplar;
    double exemplarValue;
    boolean exemplarHasTimestamp;
    long exemplarTimestampMs;
    boolean hasCreated;
    long createdMs;
    int scratchUsed;

    /** Escape kind of the last string {@link #scanQuoted} read. */
    int quotedEscapes;

    /** The previous sample's legacy metric name, which the next sample very often repeats. */
    private int previousNameOffset;
    private int previousNameLength;
    /** Labels of the previous sample; their slots are still in {@link #labels} until overwritten. */
    int previousLabelCount;
    /** Whether the last {@link #scanRepeatableName} found the same bytes as the name scanned before it. */
    boolean nameRepeated;
    /** Whether the last {@link #scanSampleLabelName} found the previous sample's label name at that position. */
    boolean labelNameRepeated;

    @Override
    public final MetricCursor reset(final DirectBuffer buffer, final int offset, final int length)
    {
        body.wrap(buffer, offset, length);
        return start(length);
    }

    @Override
    public final MetricCursor reset(final byte[] bytes, final int offset, final int length)
    {
        body.wrap(bytes, offset, length);
        return start(length);
    }

    private MetricCursor start(final int length)
    {
        pos = 0;
        end = length;
        previousNameLength = 0;
        previousLabelCount = 0;
        kind = null;
        clearEntry();
        resetDocument();
        return this;
    }

    /** Forgets family state between bodies. */
    abstract void resetDocument();

    final void clearEntry()
    {
        entryType = MetricType.UNTYPED;
        labels.clear();
        exemplarLabels.clear();
        hasTimestamp = false;
        hasExemplar = false;
        exemplarHasTimestamp = false;
        hasCreated = false;
        value = Double.NaN;
        nameOffset = 0;
        nameLength = 0;
        nameEscapes = TextView.ESCAPES_NONE;
        textOffset = 0;
        textLength = 0;
        seriesOffset = 0;
        seriesLength = 0;
        scratchUsed = 0;
    }

    final ParseException error(final String reason, final int at)
    {
        kind = EntryKind.END;
        return ParseException.at(format(), reason, buf, 0, end, at);
    }

    final byte at(final int index)
    {
        return body.byteAt(index);
    }

    /** Index after the legacy metric name starting at {@code i} (equal to {@code i} when there is none). */
    final int scanMetricName(final int i)
    {
        if (i >= end || !ByteClass.is(at(i), ByteClass.METRIC_START))
        {
            return i;
        }
        return ByteScan.metricNameEnd(body, i + 1, end);
    }

    /**
     * Index after the legacy metric name starting at {@code i}; sets {@link #nameRepeated} when the name has the
     * bytes of the one this method scanned before (the previous sample's, or the metadata line's before it). The
     * bytes are compared with that name first, a word at a time, and a repeated name is not scanned at all: equal
     * bytes followed by a byte that cannot continue a name are the same name.
     */
    final int scanRepeatableName(final int i)
    {
        final int len = previousNameLength;
        final int after = i + len;
        nameRepeated = len > 0 && after <= end && ByteScan.equal(body, previousNameOffset, i, len)
            && (after == end || !ByteClass.is(at(after), ByteClass.METRIC_PART));
        previousNameOffset = i;
        if (nameRepeated)
        {
            return after;
        }
        final int j = scanMetricName(i);
        previousNameLength = j - i;
        return j;
    }

    /**
     * Index after the legacy name of the next sample label starting at {@code i}, reusing the name of the
     * previous sample's label at the same position when the bytes repeat.
     */
    final int scanSampleLabelName(final int i)
    {
        final int index = labels.count();
        if (index < previousLabelCount && labels.legacyName(index))
        {
            final int len = labels.nameLength(index);
            if (i + len < end && ByteScan.equal(body, labels.nameOffset(index), i, len)
                && !ByteClass.is(at(i + len), ByteClass.LABEL_PART))
            {
                labelNameRepeated = true;
                return i + len;
            }
        }
        labelNameRepeated = false;
        return scanLabelName(i);
    }

    /** Index after the legacy label name starting at {@code i} (equal to {@code i} when there is none). */
    final int scanLabelName(final int i)
    {
        if (i >= end || !ByteClass.is(at(i), ByteClass.LABEL_START))
        {
            return i;
        }
        return ByteScan.labelNameEnd(body, i + 1, end);
    }

    /**
     * Scans a double-quoted string whose opening quote is at {@code i - 1}: returns the index of the closing
     * quote and sets {@link #quotedEscapes}. A backslash escapes the byte after it; a raw newline or the end of
     * input before the closing quote is an error.
     */
    final int scanQuoted(final int i)
    {
        final Body b = body;
        final int e = end;
        int escapes = TextView.ESCAPES_NONE;
        int j = i;
        while (true)
        {
            j = ByteScan.quoteBackslashOrNewline(b, j, e);
            if (j >= e)
            {
                throw error("unterminated quoted string: end of input before the closing '\"'", e);
            }
            final byte c = b.byteAt(j);
            if (c == '"')
            {
                quotedEscapes = escapes;
                return j;
            }
            if (c == '\n')
            {
                throw error("unterminated quoted string: newline before the closing '\"'", j);
            }
            if (j + 1 < e && b.byteAt(j + 1) == '\n')
            {
                throw error("unterminated quoted string: escaped newline", j);
            }
            escapes = TextView.ESCAPES_QUOTED;
            j += 2;
        }
    }

    /**
     * Reads the value token of a Prometheus text sample, from {@code from} to the first space, tab, CR, LF or the
     * end, into {@link #value}; returns the index after it. The bytes of a plain decimal are accumulated while the
     * token is scanned, so the common value is read in one pass; any other shape goes to {@link #parseFloat}.
     */
    final int scanTextValue(final int from)
    {
        long mantissa = 0;
        int point = -1;
        boolean plain = true;
        int k = from;
        while (k < end)
        {
            final byte c = at(k);
            final int d = c - '0';
            if (d >= 0 && d <= 9)
            {
                mantissa = mantissa * 10 + d;
            }
            else if (c == '.' && point < 0)
            {
                point = k;
            }
            else if (ByteClass.is(c, ByteClass.TOKEN_END))
            {
                break;
            }
            else
            {
                plain = false;
            }
            k++;
        }
        final int length = k - from;
        value = plain && length > 0 && length <= MAX_PLAIN_DIGITS && point != k - 1
            ? plainValue(mantissa, point, k) : parseFloat(from, k, "value");
        return k;
    }

    /** Parses {@code [from, to)} as a float value, or fails naming {@code what}. */
    final double parseFloat(final int from, final int to, final String what)
    {
        final double plain = plainDecimal(from, to);
        if (plain >= 0)
        {
            return plain;
        }
        final long bits = decimal.parseBits(buf, from, to - from);
        if (bits == DecimalParser.INVALID)
        {
            throw error("invalid " + what, from);
        }
        return Double.longBitsToDouble(bits);
    }

    /**
     * The value of a short unsigned plain decimal ({@code 759}, {@code 0.25}: at most 15 digits and one point that
     * is not last), the most common shape of a sample value, or -1 for anything else. A mantissa under 10^15 and a
     * power of ten up to 10^15 are both exact doubles, so their quotient is correctly rounded: bit for bit what the
     * full parser gives (Clinger's fast path), without its general machinery.
     */
    private double plainDecimal(final int from, final int to)
    {
        final int length = to - from;
        if (length > MAX_PLAIN_DIGITS || length == 0)
        {
            return -1;
        }
        long mantissa = 0;
        int point = -1;
        for (int i = from; i < to; i++)
        {
            final int d = at(i) - '0';
            if (d >= 0 && d <= 9)
            {
                mantissa = mantissa * 10 + d;
            }
            else if (d == '.' - '0' && point < 0 && i + 1 < to)
            {
                point = i;
            }
            else
            {
                return -1;
            }
        }
        return plainValue(mantissa, point, to);
    }

    private static double plainValue(final long mantissa, final int point, final int to)
    {
        return point < 0 ? mantissa : mantissa / POWERS_OF_TEN[to - point - 1];
    }

    /**
     * Adds a label, failing on too many labels and on a repeated name. The repeat check is skipped when
     * {@code namesKnownDistinct}: every name so far was found at the same position in the previous sample,
     * which passed the check.
     */
    final void addLabel(
        final LabelPositions set,
        final int nameStart,
        final int nameEnd,
        final int nameEsc,
        final int valueStart,
        final int valueEnd,
        final int valueEsc,
        final boolean namesKnownDistinct)
    {
        if (!set.add(nameStart, nameEnd - nameStart, nameEsc, valueStart, valueEnd - valueStart, valueEsc))
        {
            throw error("more than " + LabelPositions.MAX_LABELS + " labels", nameStart);
        }
        if (!namesKnownDistinct && set.repeatsEarlierName(set.count() - 1, body))
        {
            throw error("duplicate label name", nameStart);
        }
    }

    /** Index of the sample label with the given ASCII name, or -1. */
    final int findLabel(final byte[] name)
    {
        final LabelPositions l = labels;
        for (int k = 0, n = l.count(); k < n; k++)
        {
            if (l.nameIs(k, body, name))
            {
                return k;
            }
        }
        return -1;
    }

    /**
     * Rewrites a label value that parses as a float into its OpenMetrics float form ({@code 1} becomes
     * {@code 1.0}), as Prometheus does for {@code le} and {@code quantile}. Returns the parsed value, or NaN
     * (with the label untouched) when it is not a float.
     */
    final double normaliseFloatLabel(final int index)
    {
        final int off = labels.valueOffset(index);
        final int len = labels.valueLength(index);
        final FloatLabelForms f = forms;
        final int slot = f.slot(body, off, len);
        if (slot >= 0 && f.holds(slot, body, off, len))
        {
            final int formLength = f.formLength(slot);
            if (formLength > 0)
            {
                scratch.putBytes(scratchUsed, f.bytes(), f.formOffset(slot), formLength);
                labels.replaceValue(index, scratchUsed, formLength);
                scratchUsed += formLength;
            }
            return f.value(slot);
        }
        final long bits = decimal.parseBits(buf, off, len);
        final double v = Double.longBitsToDouble(bits);
        int formLength = FloatLabelForms.NOT_A_FLOAT;
        if (bits != DecimalParser.INVALID)
        {
            formLength = FloatFormatter.formatOpenMetrics(v, scratch, scratchUsed);
            if (formLength == len && sameAsScratch(off, len))
            {
                formLength = FloatLabelForms.SAME_AS_RAW;
            }
        }
        if (slot >= 0)
        {
            f.store(slot, body, off, len, v, scratch, scratchUsed, formLength);
        }
        if (formLength > 0)
        {
            labels.replaceValue(index, scratchUsed, formLength);
            scratchUsed += formLength;
        }
        return formLength == FloatLabelForms.NOT_A_FLOAT ? Double.NaN : v;
    }

    private boolean sameAsScratch(final int off, final int len)
    {
        for (int k = 0; k < len; k++)
        {
            if (at(off + k) != scratch.getByte(scratchUsed + k))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public final MetricType type()
    {
        return entryType;
    }

    @Override
    public final TextView name(final TextView view)
    {
        return view.wrap(buf, nameOffset, nameLength, nameEscapes);
    }

    @Override
    public final int labelCount()
    {
        return labels.count();
    }

    @Override
    public final TextView labelName(final int index, final TextView view)
    {
        return labels.name(index, buf, view);
    }

    @Override
    public final TextView labelValue(final int index, final TextView view)
    {
        return labels.value(index, buf, scratch, view);
    }

    @Override
    public final double value()
    {
        return value;
    }

    @Override
    public final boolean hasTimestamp()
    {
        return hasTimestamp;
    }

    @Override
    public final long timestampMs()
    {
        return timestampMs;
    }

    @Override
    public final boolean hasExemplar()
    {
        return hasExemplar;
    }

    @Override
    public final int exemplarLabelCount()
    {
        return exemplarLabels.count();
    }

    @Override
    public final TextView exemplarLabelName(final int index, final TextView view)
    {
        return exemplarLabels.name(index, buf, view);
    }

    @Override
    public final TextView exemplarLabelValue(final int index, final TextView view)
    {
        return exemplarLabels.value(index, buf, scratch, view);
    }

    @Override
    public final double exemplarValue()
    {
        return exemplarValue;
    }

    @Override
    public final boolean exemplarHasTimestamp()
    {
        return exemplarHasTimestamp;
    }

    @Override
    public final long exemplarTimestampMs()
    {
        return exemplarTimestampMs;
    }

    @Override
    public final boolean hasCreatedTimestamp()
    {
        return hasCreated;
    }

    @Override
    public final long createdTimestampMs()
    {
        return createdMs;
    }

    @Override
    public final NativeHistogramView histogram(final NativeHistogramView view)
    {
        return view.clear();
    }

    @Override
    public final TextView metadataText(final TextView view)
    {
        return view.wrap(buf, textOffset, textLength, textEscapes);
    }

    @Override
    public final int seriesOffset()
    {
        return seriesOffset;
    }

    @Override
    public final int seriesLength()
    {
        return seriesLength;
    }
}
