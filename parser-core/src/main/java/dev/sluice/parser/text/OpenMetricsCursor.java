package dev.sluice.parser.text;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.TextView;

/**
 * Cursor over OpenMetrics 1.0 text, strict to the specification: single spaces, no blank lines or free
 * comments, a closing {@code # EOF}, and the rules that span lines (metadata before samples and at most once,
 * families and metrics not interleaved, name clashes between families, suffixes allowed per type, histogram
 * bucket order and counts, counter and summary values, info and stateset values, exemplar placement and size,
 * timestamps not going backwards within a metric).
 *
 * <p>Grammar, per line:
 * <pre>
 *   line      = "# HELP " name " " text | "# TYPE " name " " type | "# UNIT " name " " unit
 *             | name [ "{" [ label *( "," label ) ] "}" ] " " number [ " " timestamp ] [ exemplar ]
 *   exemplar  = " # {" [ label *( "," label ) ] "} " number [ " " timestamp ]
 *   label     = lname "=" qstring
 *   body      = *( line "\n" ) "# EOF" [ "\n" ]
 * </pre>
 * {@code number} and {@code timestamp} are floats as {@link dev.sluice.parser.number.DecimalParser} reads
 * them (a timestamp, in seconds, must be finite; it is reported in milliseconds, multiplied by 1000 in double
 * arithmetic and truncated toward zero). An {@code le} label must be {@code +Inf}, {@code -Inf} or a decimal,
 * a {@code quantile} label a decimal within [0, 1].
 *
 * <p>A {@code _created} sample of a counter, histogram or summary reports its value as the created timestamp
 * ({@link #hasCreatedTimestamp()}): the cursor never reads ahead to attach it to earlier samples. Metric
 * identity within a family (for the interleaving rule) is a 64-bit hash of the label set without
 * {@code le}/{@code quantile}, order-insensitive.
 */
public final class OpenMetricsCursor extends TextCursorBase
{
    static final int SUFFIX_NONE = 0;
    static final int SUFFIX_TOTAL = 1;
    static final int SUFFIX_CREATED = 2;
    static final int SUFFIX_BUCKET = 3;
    static final int SUFFIX_COUNT = 4;
    static final int SUFFIX_SUM = 5;
    static final int SUFFIX_GCOUNT = 6;
    static final int SUFFIX_GSUM = 7;
    static final int SUFFIX_INFO = 8;
    private static final String[] SUFFIXES = {"", "_total", "_created", "_bucket", "_count", "_sum", "_gcount",
        "_gsum", "_info"};
    private static final int MAX_EXEMPLAR_CODE_POINTS = 128;
    private static final MetricType[] TYPES = MetricType.values();

    private final FamilyNames families = new FamilyNames();
    private final LongSet finishedMetrics = new LongSet();
    private final HistogramPoint point = new HistogramPoint();
    private final boolean reuseRepeatedLabels;
    /** Hash of each label of the sample, as {@link #labelSetHash} mixes it; the first {@link #hashedLabels} hold. */
    private long[] labelHashes = new long[16];
    private int hashedLabels;

    private int familyOffset;
    private int familyLength = -1;
    private int familySlot;
    private MetricType familyType = MetricType.UNTYPED;
    private boolean familyHasType;
    private boolean familyHasHelp;
    private boolean familyHasUnit;
    private boolean familyUnitEmpty;
    private boolean familyHasSamples;
    /** Suffix kind of the last sample; still right while names repeat within one family. */
    private int cachedSuffix;
    private boolean cachedSuffixValid;

    private double lastSeconds;
    private double parsedSeconds;
    private boolean metricOpen;
    private long metricHash;
    private boolean metricHadTimestamp;
    private boolean metricTimestampsKnown;
    private double metricLastSeconds;

    /** Creates a cursor; {@link #reset} gives it a body. */
    public OpenMetricsCursor()
    {
        this(true);
    }

    /**
     * Creates a cursor that may be told not to reuse the labels a sample repeats from the sample before, so that
     * tests can compare the two ways of reading a label set.
     */
    OpenMetricsCursor(final boolean reuseRepeatedLabels)
    {
        this.reuseRepeatedLabels = reuseRepeatedLabels;
    }

    @Override
    public ExpositionFormat format()
    {
        return ExpositionFormat.OPENMETRICS;
    }

    @Override
    void resetDocument()
    {
        families.clear(buf);
        finishedMetrics.clear();
        point.clear();
        familyLength = -1;
        familyType = MetricType.UNTYPED;
        metricOpen = false;
        cachedSuffixValid = false;
        hashedLabels = 0;
    }

    @Override
    public EntryKind next()
    {
        if (kind == EntryKind.END)
        {
            return EntryKind.END;
        }
        clearEntry();
        final int i = pos;
        if (i >= end)
        {
            throw error("missing '# EOF' at the end of the body", i);
        }
        final byte c = at(i);
        if (c == '#')
        {
            return kind = hashLine(i);
        }
        if (c == '\n')
        {
            throw error("blank lines are not allowed", i);
        }
        return kind = sample(i);
    }

    private int newlineFrom(final int i)
    {
        final int j = ByteScan.newline(body, i, end);
        if (j >= end)
        {
            throw error("line does not end with a newline", end);
        }
        return j;
    }

    private boolean startsWith(final int i, final String text)
    {
        if (i + text.length() > end)
        {
            return false;
        }
        for (int k = 0; k < text.length(); k++)
        {
            if (at(i + k) != text.charAt(k))
            {
                return false;
            }
        }
        return true;
    }

    private EntryKind hashLine(final int i)
    {
        if (startsWith(i, "# EOF"))
        {
            final int after = i + 5;
            if (after == end || (at(after) == '\n' && after + 1 == end))
            {
                closeFamily(i);
                pos = end;
                return EntryKind.END;
            }
            throw error("nothing may follow '# EOF'", after);
        }
        final int nl = newlineFrom(i);
        pos = nl + 1;
        cachedSuffixValid = false;
        final EntryKind metadataKind;
        if (startsWith(i, "# HELP "))
        {
            metadataKind = EntryKind.HELP;
        }
        else if (startsWith(i, "# TYPE "))
        {
            metadataKind = EntryKind.TYPE;
        }
        else if (startsWith(i, "# UNIT "))
        {
            metadataKind = EntryKind.UNIT;
        }
        else
        {
            throw error("expected '# HELP ', '# TYPE ', '# UNIT ' or '# EOF'", i);
        }
        final int nameStart = i + 7;
        final int nameEnd = scanMetricName(nameStart);
        if (nameEnd == nameStart)
        {
            throw error("expected metric name", nameStart);
        }
        if (nameEnd >= nl || at(nameEnd) != ' ')
        {
            throw error("expected a space after the metric name", nameEnd);
        }
        nameOffset = nameStart;
        nameLength = nameEnd - nameStart;
        nameEscapes = TextView.ESCAPES_NONE;
        textOffset = nameEnd + 1;
        textLength = nl - textOffset;
        textEscapes = TextView.ESCAPES_NONE;
        enterFamilyForMetadata(i);
        switch (metadataKind)
        {
            case HELP:
                return help();
            case TYPE:
                return typeLine();
            default:
                return unit();
        }
    }

    private void enterFamilyForMetadata(final int lineStart)
    {
        if (familyLength == nameLength && LabelPositions.sameBytes(buf, familyOffset, nameOffset, nameLength))
        {
            if (familyHasSamples)
            {
                throw error("metadata must come before the samples of its family", lineStart);
            }
            return;
        }
        closeFamily(lineStart);
        openFamily(nameOffset, nameLength, MetricType.UNTYPED, lineStart);
    }

    private EntryKind help()
    {
        if (familyHasHelp)
        {
            throw error("repeated HELP for the family", nameOffset);
        }
        familyHasHelp = true;
        final int textEnd = textOffset + textLength;
        if (ByteScan.backslash(body, textOffset, textEnd) < textEnd)
        {
            textEscapes = TextView.ESCAPES_QUOTED;
        }
        entryType = familyType;
        return EntryKind.HELP;
    }

    private EntryKind typeLine()
    {
        if (familyHasType)
        {
            throw error("repeated TYPE for the family", nameOffset);
        }
        final MetricType type = parseType(textOffset, textOffset + textLength);
        if (type == null)
        {
            throw error("invalid type: expected counter, gauge, histogram, gaugehistogram, summary, info, "
                + "stateset or unknown", textOffset);
        }
        if (familyHasUnit && !familyUnitEmpty && (type == MetricType.INFO || type == MetricType.STATESET))
        {
            throw error("info and stateset families cannot have a unit", textOffset);
        }
        familyHasType = true;
        familyType = type;
        families.setType(familySlot, type);
        checkReservedNames(familyOffset, familyLength, type, nameOffset);
        entryType = type;
        return EntryKind.TYPE;
    }

    private EntryKind unit()
    {
        if (familyHasUnit)
        {
            throw error("repeated UNIT for the family", nameOffset);
        }
        final int u = textOffset;
        final int ul = textLength;
        if (ul > 0)
        {
            if (scanMetricName(u) != u + ul && !allNameChars(u, u + ul))
            {
                throw error("invalid unit", u);
            }
            if (familyType == MetricType.INFO || familyType == MetricType.STATESET)
            {
                throw error("info and stateset families cannot have a unit", u);
            }
            final int suffixStart = nameOffset + nameLength - ul;
            if (nameLength < ul + 2 || at(suffixStart - 1) != '_'
                || !LabelPositions.sameBytes(buf, suffixStart, u, ul))
            {
                throw error("the family name must end with '_' and the unit", nameOffset);
            }
        }
        familyHasUnit = true;
        familyUnitEmpty = ul == 0;
        entryType = familyType;
        return EntryKind.UNIT;
    }

    private boolean allNameChars(final int from, final int to)
    {
        for (int k = from; k < to; k++)
        {
            if (!ByteClass.is(at(k), ByteClass.METRIC_PART))
            {
                return false;
            }
        }
        return true;
    }

    private MetricType parseType(final int from, final int to)
    {
        final int n = to - from;
        for (final MetricType t : TYPES)
        {
            final String word = t == MetricType.UNTYPED ? "unknown" : t.textName();
            if (word.length() == n && startsWith(from, word))
            {
                return t;
            }
        }
        return null;
    }

    private void openFamily(final int offset, final int length, final MetricType type, final int at)
    {
        if (families.find(offset, length, "") >= 0)
        {
            throw error("metric family appears twice or clashes with another family", at);
        }
        checkClashWithEarlierFamilies(offset, length, at);
        familySlot = families.add(offset, length, type);
        familyOffset = offset;
        familyLength = length;
        familyType = type;
        familyHasType = false;
        familyHasHelp = false;
        familyHasUnit = false;
        familyUnitEmpty = false;
        familyHasSamples = false;
        finishedMetrics.clear();
        metricOpen = false;
        point.clear();
    }

    /** A new family named like an earlier family plus a suffix that family's type reserves is a clash. */
    private void checkClashWithEarlierFamilies(final int offset, final int length, final int at)
    {
        for (int s = SUFFIX_TOTAL; s < SUFFIXES.length; s++)
        {
            final String suffix = SUFFIXES[s];
            final int baseLength = length - suffix.length();
            if (baseLength > 0 && startsWith(offset + baseLength, suffix))
            {
                final int slot = families.find(offset, baseLength, "");
                if (slot >= 0 && allowsSuffix(families.type(slot), s))
                {
                    throw error("family name clashes with a sample name of an earlier family", at);
                }
            }
        }
    }

    /** A family whose type reserves a name another family already has is a clash. */
    private void checkReservedNames(final int offset, final int length, final MetricType type, final int at)
    {
        for (int s = SUFFIX_TOTAL; s < SUFFIXES.length; s++)
        {
            if (allowsSuffix(type, s) && families.find(offset, length, SUFFIXES[s]) >= 0)
            {
                throw error("family type reserves a name that another family has", at);
            }
        }
    }

    private static boolean allowsSuffix(final MetricType type, final int suffix)
    {
        switch (type)
        {
            case COUNTER:
                return suffix == SUFFIX_TOTAL || suffix == SUFFIX_CREATED;
            case HISTOGRAM:
                return suffix == SUFFIX_BUCKET || suffix == SUFFIX_COUNT || suffix == SUFFIX_SUM
                    || suffix == SUFFIX_CREATED;
            case GAUGE_HISTOGRAM:
                return suffix == SUFFIX_BUCKET || suffix == SUFFIX_GCOUNT || suffix == SUFFIX_GSUM;
            case SUMMARY:
                return suffix == SUFFIX_NONE || suffix == SUFFIX_COUNT || suffix == SUFFIX_SUM
                    || suffix == SUFFIX_CREATED;
            case INFO:
                return suffix == SUFFIX_INFO;
            default:
                return suffix == SUFFIX_NONE;
        }
    }

    private void closeFamily(final int at)
    {
        if (familyLength >= 0)
        {
            closeMetric(at);
        }
    }

    private void closeMetric(final int at)
    {
        if (metricOpen)
        {
            point.validate(this, familyType, at);
            point.clear();
            metricOpen = false;
        }
    }

    private EntryKind sample(final int start)
    {
        final int nameEnd = scanRepeatableName(start);
        if (nameEnd == start)
        {
            throw error("expected metric name or '#'", start);
        }
        cachedSuffixValid &= nameRepeated;
        nameOffset = start;
        nameLength = nameEnd - start;
        nameEscapes = TextView.ESCAPES_NONE;
        int j = nameEnd;
        if (j < end && at(j) == '{')
        {
            final int repeated = reuseRepeatedLabels ? reuseRepeatedLabels(start) : -1;
            hashedLabels = repeated < 0 ? 0 : Math.min(hashedLabels, labels.count());
            j = repeated < 0 ? labelSet(j + 1, labels) : labelsAfterValue(repeated, labels);
        }
        else
        {
            hashedLabels = 0;
        }
        seriesOffset = start;
        seriesLength = j - start;
        previousSeriesStart = start;
        previousSeriesLength = j - start;
        previousLabelCount = labels.count();
        if (j >= end || at(j) != ' ')
        {
            throw error("expected a single space and a value after the series", j);
        }
        j = valueAndRest(j + 1);
        pos = j;
        checkSample(start);
        return EntryKind.SAMPLE;
    }

    /** Parses value, timestamp and exemplar from {@code i} to the newline; returns the next line's index. */
    private int valueAndRest(final int i)
    {
        int k = tokenEnd(i);
        if (k == i)
        {
            throw error("expected a value", i);
        }
        value = parseFloat(i, k, "value");
        if (k < end && at(k) == ' ' && k + 1 < end && at(k + 1) != '#')
        {
            final int t = k + 1;
            k = tokenEnd(t);
            timestampMs = secondsToMillis(parseTimestamp(t, k));
            hasTimestamp = true;
            lastSeconds = parsedSeconds;
        }
        if (k < end && at(k) == ' ')
        {
            k = exemplar(k + 1);
        }
        if (k >= end || at(k) != '\n')
        {
            throw error("expected a newline", k);
        }
        return k + 1;
    }

    private int tokenEnd(final int i)
    {
        int k = i;
        while (k < end)
        {
            final byte c = at(k);
            if (c == ' ' || c == '\n')
            {
                break;
            }
            k++;
        }
        return k;
    }

    private double parseTimestamp(final int from, final int to)
    {
        if (from == to)
        {
            throw error("expected a timestamp", from);
        }
        final double seconds = parseFloat(from, to, "timestamp");
        if (Double.isNaN(seconds) || Double.isInfinite(seconds))
        {
            throw error("timestamp must be a finite number", from);
        }
        parsedSeconds = seconds;
        return seconds;
    }

    private static long secondsToMillis(final double seconds)
    {
        return (long)(seconds * 1000.0);
    }

    private int exemplar(final int hash)
    {
        if (hash + 2 >= end || at(hash) != '#' || at(hash + 1) != ' ' || at(hash + 2) != '{')
        {
            throw error("expected ' # {' to start an exemplar", hash);
        }
        final int afterLabels = labelSet(hash + 3, exemplarLabels);
        checkExemplarSize(hash);
        if (afterLabels >= end || at(afterLabels) != ' ')
        {
            throw error("expected a space and a value after the exemplar labels", afterLabels);
        }
        final int v = afterLabels + 1;
        int k = tokenEnd(v);
        if (k == v)
        {
            throw error("expected an exemplar value", v);
        }
        exemplarValue = parseFloat(v, k, "exemplar value");
        if (k < end && at(k) == ' ')
        {
            final int t = k + 1;
            k = tokenEnd(t);
            exemplarTimestampMs = secondsToMillis(parseTimestamp(t, k));
            exemplarHasTimestamp = true;
        }
        hasExemplar = true;
        return k;
    }

    private void checkExemplarSize(final int at)
    {
        int codePoints = 0;
        final LabelPositions l = exemplarLabels;
        for (int k = 0, n = l.count(); k < n; k++)
        {
            codePoints += codePoints(l.nameOffset(k), l.nameLength(k)) + codePoints(l.valueOffset(k), l.valueLength(k));
        }
        if (codePoints > MAX_EXEMPLAR_CODE_POINTS)
        {
            throw error("exemplar labels exceed 128 UTF-8 code points", at);
        }
    }

    /**
     * Code points of a label name or value once unescaped: an escape sequence ({@code \\}, {@code \"},
     * {@code \n}) is one; any other backslash stays in the value and counts, with the byte after it.
     */
    private int codePoints(final int offset, final int length)
    {
        int n = 0;
        final int e = offset + length;
        for (int k = offset; k < e; k++)
        {
            final byte b = at(k);
            if ((b & 0xC0) != 0x80)
            {
                n++;
            }
            if (b == '\\' && k + 1 < e && isEscapedByte(at(k + 1)))
            {
                k++;
            }
        }
        return n;
    }

    private static boolean isEscapedByte(final byte b)
    {
        return b == '\\' || b == '"' || b == 'n';
    }

    /** Strict OpenMetrics label set after its '{'; returns the index after the '}'. */
    private int labelSet(final int afterBrace, final LabelPositions set)
    {
        if (afterBrace < end && at(afterBrace) == '}')
        {
            return afterBrace + 1;
        }
        return labelList(afterBrace, set);
    }

    /**
     * The labels of a set from the first byte of a label name to the '}' after the last; returns the index after
     * the '}'. The labels already in the set, if any, are the previous sample's at the same positions, so their
     * names are known distinct.
     */
    private int labelList(final int from, final LabelPositions set)
    {
        int j = from;
        boolean namesRepeat = set == labels;
        while (true)
        {
            final int nameEnd = set == labels ? scanSampleLabelName(j) : scanLabelName(j);
            namesRepeat &= labelNameRepeated;
            if (nameEnd == j)
            {
                throw error("expected a label name", j);
            }
            if (nameEnd + 1 >= end || at(nameEnd) != '=' || at(nameEnd + 1) != '"')
            {
                throw error("expected '=\"' after the label name", nameEnd);
            }
            final int q = scanQuoted(nameEnd + 2);
            addLabel(set, j, nameEnd, -1, nameEnd + 2, q, quotedEscapes, namesRepeat);
            j = afterLabelValue(q);
            if (at(j - 1) == '}')
            {
                return j;
            }
        }
    }

    /** The rest of a label set after the closing quote of a label value; returns the index after the '}'. */
    private int labelsAfterValue(final int closingQuote, final LabelPositions set)
    {
        final int j = afterLabelValue(closingQuote);
        return at(j - 1) == '}' ? j : labelList(j, set);
    }

    /**
     * After the closing quote of a label value: the index after the '}' that ends the set, or of the next label
     * name after the ','.
     */
    private int afterLabelValue(final int closingQuote)
    {
        final int j = closingQuote + 1;
        if (j >= end)
        {
            throw error("unterminated label set", j);
        }
        final byte c = at(j);
        if (c != '}' && c != ',')
        {
            throw error("expected ',' or '}' after the label value", j);
        }
        return j + 1;
    }

    /** Applies the family, metric, value and exemplar rules to the sample just read. */
    private void checkSample(final int lineStart)
    {
        final int suffix = cachedSuffixValid ? cachedSuffix : familySuffix();
        final int kindOfSample;
        if (suffix < 0)
        {
            closeFamily(lineStart);
            openFamily(nameOffset, nameLength, MetricType.UNTYPED, lineStart);
            kindOfSample = SUFFIX_NONE;
        }
        else
        {
            kindOfSample = suffix;
        }
        cachedSuffix = kindOfSample;
        cachedSuffixValid = true;
        familyHasSamples = true;
        final MetricType type = familyType;
        entryType = type;
        if (hasExemplar && !(kindOfSample == SUFFIX_TOTAL
            || kindOfSample == SUFFIX_BUCKET && (type == MetricType.HISTOGRAM || type == MetricType.GAUGE_HISTOGRAM)))
        {
            throw error("exemplars are only allowed on counter totals and histogram buckets", lineStart);
        }
        final double bound = identifyMetric(type, kindOfSample, lineStart);
        if (kindOfSample != SUFFIX_CREATED)
        {
            checkTimestampOrder(lineStart);
        }
        checkValue(type, kindOfSample, bound, lineStart);
    }

    /** The suffix kind of the sample within the current family, or -1 when it starts a new family. */
    private int familySuffix()
    {
        final int fl = familyLength;
        if (fl < 0 || nameLength < fl || !ByteScan.equal(body, familyOffset, nameOffset, fl))
        {
            return -1;
        }
        final int rest = nameLength - fl;
        for (int s = 0; s < SUFFIXES.length; s++)
        {
            if (SUFFIXES[s].length() == rest && startsWith(nameOffset + fl, SUFFIXES[s]) && allowsSuffix(familyType, s))
            {
                return s;
            }
        }
        return -1;
    }

    /**
     * Hashes the label set without the bucket/quantile label, opens a new metric when it changes (rejecting a
     * metric seen earlier in the family), and returns the parsed le/quantile bound (NaN when none).
     */
    private double identifyMetric(final MetricType type, final int suffix, final int lineStart)
    {
        int skip = -1;
        double bound = Double.NaN;
        if (suffix == SUFFIX_BUCKET)
        {
            skip = findLabel(LE);
            if (skip < 0)
            {
                throw error("histogram bucket without an 'le' label", lineStart);
            }
            bound = strictBound(skip, true, type == MetricType.HISTOGRAM);
        }
        else if (type == MetricType.SUMMARY && suffix == SUFFIX_NONE)
        {
            skip = findLabel(QUANTILE);
            if (skip < 0)
            {
                throw error("summary quantile sample without a 'quantile' label", lineStart);
            }
            bound = strictBound(skip, false, true);
            if (bound < 0 || bound > 1)
            {
                throw error("quantile must be within [0, 1]", labels.valueOffset(skip));
            }
        }
        final long hash = labelSetHash(skip);
        if (!metricOpen || hash != metricHash)
        {
            closeMetric(lineStart);
            if (!finishedMetrics.add(hash))
            {
                throw error("samples of one metric must not be interleaved with other metrics", lineStart);
            }
            metricOpen = true;
            metricHash = hash;
            metricTimestampsKnown = false;
            metricLastSeconds = Double.NEGATIVE_INFINITY;
        }
        return bound;
    }

    /**
     * The value of an {@code le} or {@code quantile} label, which must be a decimal (or, where allowed, exactly
     * {@code +Inf} or {@code -Inf}); a decimal is also rewritten to its float form when {@code normalise}.
     */
    private double strictBound(final int index, final boolean infinityAllowed, final boolean normalise)
    {
        final int off = labels.valueOffset(index);
        final int len = labels.valueLength(index);
        boolean decimal = len > 0;
        for (int k = off; k < off + len; k++)
        {
            final byte c = at(k);
            if (!(ByteClass.is(c, ByteClass.DIGIT) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
            {
                decimal = false;
                break;
            }
        }
        if (decimal)
        {
            final double v = normalise ? normaliseFloatLabel(index) : parseFloat(off, off + len, "bound");
            if (Double.isNaN(v))
            {
                throw error("invalid bucket or quantile bound", off);
            }
            return v;
        }
        if (infinityAllowed && len == 4 && (startsWith(off, "+Inf") || startsWith(off, "-Inf")))
        {
            return at(off) == '+' ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        throw error("invalid bucket or quantile bound", off);
    }

    /**
     * Hash of the label set without the label at {@code skip}, the same whatever the label order. Each label's
     * hash is remembered: the leading labels taken from the previous sample keep theirs, so the labels a histogram's
     * buckets or a summary's quantiles share are hashed once per metric, not once per sample.
     */
    private long labelSetHash(final int skip)
    {
        long sum = 0x9E3779B97F4A7C15L;
        final LabelPositions l = labels;
        final int n = l.count();
        if (n > labelHashes.length)
        {
            labelHashes = java.util.Arrays.copyOf(labelHashes, Math.max(n, labelHashes.length * 2));
        }
        final long[] hashes = labelHashes;
        for (int k = 0; k < n; k++)
        {
            if (k != skip)
            {
                if (k >= hashedLabels)
                {
                    // A label is written name="value" with no space: one range of bytes holds both.
                    final int from = l.nameOffset(k);
                    final int to = l.valueOffset(k) + l.valueLength(k);
                    hashes[k] = finalMix(ByteScan.hash(body, from, to - from, 0x2545F4914F6CDD1DL));
                }
                sum += hashes[k];
            }
        }
        hashedLabels = skip >= 0 && skip < n ? skip : n;
        return sum;
    }

    private static long finalMix(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    private void checkTimestampOrder(final int lineStart)
    {
        if (!metricTimestampsKnown)
        {
            metricTimestampsKnown = true;
            metricHadTimestamp = hasTimestamp;
        }
        else if (hasTimestamp != metricHadTimestamp)
        {
            throw error("samples of one metric must all have a timestamp or none", lineStart);
        }
        if (hasTimestamp)
        {
            if (lastSeconds < metricLastSeconds)
            {
                throw error("timestamps of one metric must not go backwards", lineStart);
            }
            metricLastSeconds = lastSeconds;
        }
    }

    private void checkValue(final MetricType type, final int suffix, final double bound, final int lineStart)
    {
        final double v = value;
        switch (type)
        {
            case COUNTER:
                if (suffix == SUFFIX_TOTAL)
                {
                    requireNonNegative(v, "counter total", lineStart);
                }
                else
                {
                    created(v);
                }
                break;
            case HISTOGRAM:
            case GAUGE_HISTOGRAM:
                if (suffix == SUFFIX_CREATED)
                {
                    created(v);
                }
                else
                {
                    point.add(this, type, suffix, bound, v, lineStart);
                }
                break;
            case SUMMARY:
                if (suffix == SUFFIX_CREATED)
                {
                    created(v);
                }
                else if (suffix == SUFFIX_NONE)
                {
                    if (v < 0)
                    {
                        throw error("summary quantile value must not be negative", lineStart);
                    }
                }
                else
                {
                    requireNonNegative(v, suffix == SUFFIX_SUM ? "summary sum" : "summary count", lineStart);
                }
                break;
            case INFO:
                if (v != 1.0)
                {
                    throw error("info value must be 1", lineStart);
                }
                break;
            case STATESET:
                if (v != 0.0 && v != 1.0)
                {
                    throw error("stateset value must be 0 or 1", lineStart);
                }
                if (findFamilyNamedLabel() < 0)
                {
                    throw error("stateset sample needs a label named after its family", lineStart);
                }
                break;
            default:
                break;
        }
    }

    private void created(final double seconds)
    {
        hasCreated = true;
        createdMs = secondsToMillis(seconds);
    }

    private int findFamilyNamedLabel()
    {
        final LabelPositions l = labels;
        for (int k = 0, n = l.count(); k < n; k++)
        {
            if (l.nameLength(k) == familyLength && LabelPositions.sameBytes(buf, l.nameOffset(k), familyOffset,
                familyLength))
            {
                return k;
            }
        }
        return -1;
    }

    void requireNonNegative(final double v, final String what, final int at)
    {
        if (Double.isNaN(v) || v < 0)
        {
            throw error(what + " must be a non-negative number", at);
        }
    }
}
