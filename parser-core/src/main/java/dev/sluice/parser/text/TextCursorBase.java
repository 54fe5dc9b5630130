package dev.sluice.parser.text;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.Body;
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
    /** Most digits {@link #exactDecimal} gathers: 18 always fit a {@code long}. */
    private static final int MAX_EXACT_DIGITS = 18;
    /** Largest significand that is an exact double. */
    private static final long MAX_EXACT_SIGNIFICAND = 1L << 53;
    /** Powers of ten that are exact doubles. */
    private static final double[] EXACT_POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
        1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final int MAX_EXACT_POWER = EXACT_POWERS_OF_TEN.length - 1;
    /** Exponents of more digits are left to the full parser (they are also far outside the exact range). */
    private static final int MAX_EXPONENT_DIGITS = 3;
    private static final int NO_EXPONENT = Integer.MIN_VALUE;
    private static final int CASE_BIT = 0x20;
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

    /** Index after the decimal the last successful {@link #exactDecimal} read. */
    int decimalEnd;

    /** Escape kind of the last string {@link #scanQuoted} read. */
    int quotedEscapes;

    /** The previous sample's legacy metric name, which the next sample very often repeats. */
    private int previousNameOffset;
    private int previousNameLength;
    /** Labels of the previous sample; their slots are still in {@link #labels} until overwritten. */
    int previousLabelCount;
    /**
     * Series bytes of the previous sample when its name came before its labels, which are still in the label
     * slots: the next sample reuses those of its labels whose bytes it repeats. Length 0 when there is none.
     */
    int previousSeriesStart;
    int previousSeriesLength;
    /** Whether the name the last {@link #scanRepeatableName} found repeated was the previous series' name. */
    private boolean seriesNameRepeated;
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
        previousSeriesLength = 0;
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
        if (len > 0 && after <= end && ByteScan.equal(body, previousNameOffset, i, len)
            && (after == end || !ByteClass.is(at(after), ByteClass.METRIC_PART)))
        {
            nameRepeated = true;
            seriesNameRepeated = previousNameOffset == previousSeriesStart && previousSeriesLength > 0;
            previousNameOffset = i;
            return after;
        }
        return scanNewName(i);
    }

    /**
     * Index after the legacy metric name starting at {@code i}, scanned without comparing it with the name before:
     * for a name that is seldom a repeat, such as a HELP line's. It is remembered for the next
     * {@link #scanRepeatableName}.
     */
    final int scanNewName(final int i)
    {
        final int j = scanMetricName(i);
        previousNameOffset = i;
        previousNameLength = j - i;
        nameRepeated = false;
        seriesNameRepeated = false;
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
     * Reads the value token of a Prometheus text sample, from {@code from} (before the end) to the first space,
     * tab, CR, LF or the end, into {@link #value}; returns the index after it. A decimal that {@link #exactDecimal}
     * takes is read in that one pass; any other token is measured and goes to the full parser.
     */
    final int scanTextValue(final int from)
    {
        // One digit, the commonest value of all (0 and 1 counters, flags, states), needs no decimal reader.
        final int digit = at(from) - '0';
        final int next = from + 1;
        if (digit >= 0 && digit <= 9 && (next == end || ByteClass.is(at(next), ByteClass.TOKEN_END)))
        {
            value = digit;
            return next;
        }
        final double v = exactDecimal(from, end);
        final int k = decimalEnd;
        if (v == v && (k == end || ByteClass.is(at(k), ByteClass.TOKEN_END)))
        {
            value = v;
            return k;
        }
        int tokenEnd = from;
        while (tokenEnd < end && !ByteClass.is(at(tokenEnd), ByteClass.TOKEN_END))
        {
            tokenEnd++;
        }
        value = parseFullFloat(from, tokenEnd, "value");
        return tokenEnd;
    }

    /** Parses {@code [from, to)} as a float value, or fails naming {@code what}. */
    final double parseFloat(final int from, final int to, final String what)
    {
        final double v = exactDecimal(from, to);
        return v == v && decimalEnd == to ? v : parseFullFloat(from, to, what);
    }

    private double parseFullFloat(final int from, final int to, final String what)
    {
        final long bits = decimal.parseBits(buf, from, to - from);
        if (bits == DecimalParser.INVALID)
        {
            throw error("invalid " + what, from);
        }
        return Double.longBitsToDouble(bits);
    }

    /**
     * Reads the longest decimal ({@code [+-] digits [. digits] [(e|E) [+-] digits]}) starting at {@code from} and
     * ending before {@code limit}, setting {@link #decimalEnd} after it, when it is exact by Clinger's fast path:
     * at most 18 digits making a significand up to 2^53, and a power of ten within 10^&plusmn;22. Both are exact
     * doubles, so one multiplication or division rounds correctly: bit for bit what the full parser, and {@code
     * Double.parseDouble}, give. Returns NaN (a value it never reads) for anything else, which the caller hands to
     * the full parser: other shapes, more digits, larger exponents, {@code NaN} and infinities.
     */
    final double exactDecimal(final int from, final int limit)
    {
        int k = from;
        if (k >= limit)
        {
            return Double.NaN;
        }
        byte c = at(k);
        final boolean negative = c == '-';
        if (negative || c == '+')
        {
            if (++k >= limit)
            {
                return Double.NaN;
            }
            c = at(k);
        }
        final int mantissaStart = k;
        long significand = 0;
        int point = -1;
        while (true)
        {
            final int d = c - '0';
            if (d >= 0 && d <= 9)
            {
                significand = significand * 10 + d;
            }
            else if (c == '.' && point < 0)
            {
                point = k;
            }
            else
            {
                break;
            }
            if (++k >= limit)
            {
                break;
            }
            c = at(k);
        }
        final int digits = k - mantissaStart - (point < 0 ? 0 : 1);
        if (digits == 0 || digits > MAX_EXACT_DIGITS || significand > MAX_EXACT_SIGNIFICAND)
        {
            return Double.NaN;
        }
        int exponent = point < 0 ? 0 : point + 1 - k;
        if (k < limit && (c | CASE_BIT) == 'e')
        {
            final int explicit = exactExponent(k + 1, limit);
            if (explicit == NO_EXPONENT)
            {
                return Double.NaN;
            }
            exponent += explicit;
            k = decimalEnd;
        }
        decimalEnd = k;
        final double magnitude;
        if (exponent >= 0)
        {
            if (exponent > MAX_EXACT_POWER)
            {
                return Double.NaN;
            }
            magnitude = significand * EXACT_POWERS_OF_TEN[exponent];
        }
        else
        {
            if (exponent < -MAX_EXACT_POWER)
            {
                return Double.NaN;
            }
            magnitude = significand / EXACT_POWERS_OF_TEN[-exponent];
        }
        return negative ? -magnitude : magnitude;
    }

    /**
     * Reads {@code [+-] digits} from {@code from}, before {@code limit}, setting {@link #decimalEnd} after it;
     * {@link #NO_EXPONENT} when there are no digits or more than {@link #MAX_EXPONENT_DIGITS}.
     */
    private int exactExponent(final int from, final int limit)
    {
        int k = from;
        final boolean negative = k < limit && at(k) == '-';
        if (k < limit && (negative || at(k) == '+'))
        {
            k++;
        }
        final int digitsStart = k;
        int exponent = 0;
        while (k < limit && k - digitsStart <= MAX_EXPONENT_DIGITS)
        {
            final int d = at(k) - '0';
            if (d < 0 || d > 9)
            {
                break;
            }
            exponent = exponent * 10 + d;
            k++;
        }
        if (k == digitsStart || k - digitsStart > MAX_EXPONENT_DIGITS)
        {
            return NO_EXPONENT;
        }
        decimalEnd = k;
        return negative ? -exponent : exponent;
    }

    /**
     * Takes as this sample's first labels those of the previous sample whose bytes, from the series start (the
     * metric name) up to the label value's closing quote, this sample repeats: the same bytes parse the same way,
     * so they are not scanned again. Stops at a label whose value was normalised in the scratch buffer. Returns
     * the index of the closing quote of the last label taken, or -1 when none is.
     */
    final int reuseRepeatedLabels(final int start)
    {
        final int count = previousLabelCount;
        final int previous = previousSeriesStart;
        if (count == 0 || previousSeriesLength == 0)
        {
            return -1;
        }
        final LabelPositions l = labels;
        if (l.valueInScratch(0))
        {
            return -1;
        }
        // A repeated name is already known equal; the comparison starts after it.
        final int known = seriesNameRepeated ? previousNameLength : 0;
        final int limit = previous + known + ByteScan.commonPrefix(body, previous + known, start + known,
            Math.min(previousSeriesLength, end - start) - known);
        int n = 0;
        while (n < count && !l.valueInScratch(n) && l.valueOffset(n) + l.valueLength(n) < limit)
        {
            n++;
        }
        if (n == 0)
        {
            return -1;
        }
        l.reuse(n, start - previous);
        return l.valueOffset(n - 1) + l.valueLength(n - 1);
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
        return normaliseUnknownFloatLabel(index, off, len, slot);
    }

    /** {@link #normaliseFloatLabel} for a value that is not remembered: parses, formats and remembers it. */
    private double normaliseUnknownFloatLabel(final int index, final int off, final int len, final int slot)
    {
        final FloatLabelForms f = forms;
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
