package dev.sluice.parser.text;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.TextView;

/**
 * Cursor over the Prometheus text format 0.0.4, with the quoted UTF-8 names of text 1.0.0.
 *
 * <p>Grammar, per line ({@code WS} is one or more spaces or tabs, optional where bracketed):
 * <pre>
 *   line      = [WS] ( sample | "#" [WS] ( "HELP" WS name [WS text] | "TYPE" WS name WS type [WS] | comment )
 *               | "" ) EOL
 *   sample    = ( metric WS value | ( metric [WS] | "" ) "{" labels "}" [WS] value ) [WS timestamp] [WS]
 *   labels    = [WS] [ ( label | qname ) [WS] *( "," [WS] label [WS] ) [","] [WS] ]
 *   label     = ( lname | qstring ) [WS] "=" [WS] qstring
 *   name      = metric | qstring
 *   EOL       = "\n" | "\r\n" | end of input
 * </pre>
 * {@code metric} is {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, {@code lname} {@code [a-zA-Z_][a-zA-Z0-9_]*},
 * {@code qstring} a double-quoted string where a backslash escapes the next byte ({@code \\}, {@code \"},
 * {@code \n} are resolved, other pairs kept) and no raw newline appears. {@code value} is a float as
 * {@link dev.sluice.parser.number.DecimalParser} reads it, {@code timestamp} a signed 64-bit integer of
 * milliseconds, {@code type} one of {@code counter gauge histogram summary untyped}.
 *
 * <p>A quoted {@code qname} inside the braces is the metric name, allowed only first and only when no name
 * precedes the braces. A HELP or TYPE keyword with nothing after it makes the line an ordinary comment.
 *
 * <p>Decisions where Prometheus is silent or lenient: a carriage return directly before a newline is part of
 * the line end (CRLF bodies parse as LF bodies), and comment and HELP texts never end in CR; the last line may
 * lack its newline; {@code # EOF} is an ordinary comment; repeated or late HELP/TYPE lines are accepted, as
 * Prometheus' scrape parser does; a label named {@code __name__} and duplicate label names are rejected.
 */
public final class PrometheusTextCursor extends TextCursorBase
{
    private static final byte[] NAME_LABEL = {'_', '_', 'n', 'a', 'm', 'e', '_', '_'};
    /** Timestamps of up to 18 digits cannot overflow a {@code long}; longer ones are accumulated with checks. */
    private static final int MAX_UNCHECKED_DIGITS = 18;
    private static final int HELP = word4("HELP");
    private static final int TYPE = word4("TYPE");
    private static final int GAUG = word4("gaug");
    private static final int COUN = word4("coun");
    private static final int NTER = word4("nter");
    private static final int SUMM = word4("summ");
    private static final int MARY = word4("mary");
    private static final int UNTY = word4("unty");
    private static final int YPED = word4("yped");
    private static final long HISTOGRA = word4("hist") & 0xFFFFFFFFL | (long)word4("ogra") << 32;

    private int familyOffset;
    private int familyLength;
    private MetricType familyType = MetricType.UNTYPED;
    /** Type of the last sample; still right while names repeat and no TYPE line comes between. */
    private MetricType cachedType;
    private boolean cachedTypeValid;

    /** Creates a cursor; {@link #reset} gives it a body. */
    public PrometheusTextCursor()
    {
    }

    @Override
    public ExpositionFormat format()
    {
        return ExpositionFormat.PROMETHEUS_TEXT;
    }

    @Override
    void resetDocument()
    {
        familyOffset = 0;
        familyLength = -1;
        familyType = MetricType.UNTYPED;
        cachedTypeValid = false;
    }

    @Override
    public EntryKind next()
    {
        if (kind == EntryKind.END)
        {
            return EntryKind.END;
        }
        clearEntry();
        int i = pos;
        while (true)
        {
            if (i >= end)
            {
                pos = end;
                return kind = EntryKind.END;
            }
            byte c = at(i);
            if (c == ' ' || c == '\t')
            {
                i = skipWhitespace(i);
                if (i >= end)
                {
                    continue;
                }
                c = at(i);
            }
            if (c == '\n')
            {
                i++;
                continue;
            }
            if (c == '\r' && i + 1 < end && at(i + 1) == '\n')
            {
                i += 2;
                continue;
            }
            // Samples first: the JIT inlines call sites in this order, within a budget, and samples are most lines.
            if (c != '#')
            {
                return kind = sample(i);
            }
            return kind = comment(i);
        }
    }

    private int skipWhitespace(final int i)
    {
        if (i >= end || !isWhitespace(at(i)))
        {
            return i;
        }
        int j = i + 1;
        while (j < end)
        {
            final byte c = at(j);
            if (c != ' ' && c != '\t')
            {
                break;
            }
            j++;
        }
        return j;
    }

    /** Index of the newline ending the line that contains {@code i}, or {@link #end}. */
    private int newlineFrom(final int i)
    {
        final int j = ByteScan.newline(body, i, end);
        return j;
    }

    /**
     * End of the content of a comment or metadata line whose newline (or the body's end) is at {@code nl}: carriage
     * returns before it are not content, so a text never ends in CR and survives being written with LF line ends.
     */
    private int contentEnd(final int lineStart, final int nl)
    {
        int e = nl;
        while (e > lineStart && at(e - 1) == '\r')
        {
            e--;
        }
        return e;
    }

    private EntryKind comment(final int hash)
    {
        // One pass finds the line end and the first backslash, which a HELP text needs to know about.
        int nl = ByteScan.backslashOrNewline(body, hash, end);
        int firstBackslash = end;
        if (nl < end && at(nl) == '\\')
        {
            firstBackslash = nl;
            nl = newlineFrom(nl + 1);
        }
        pos = nl < end ? nl + 1 : end;
        final int contentEnd = contentEnd(hash, nl);
        final int k = skipWhitespace(hash + 1);
        if (k > hash + 1 && k + 4 < contentEnd && isWhitespace(at(k + 4)) && skipWhitespace(k + 4) < contentEnd)
        {
            final int keyword = body.intAt(k);
            if (keyword == HELP)
            {
                return help(skipWhitespace(k + 4), contentEnd, firstBackslash);
            }
            if (keyword == TYPE)
            {
                return typeLine(skipWhitespace(k + 4), contentEnd);
            }
        }
        textOffset = hash + 1;
        textLength = contentEnd - textOffset;
        textEscapes = TextView.ESCAPES_NONE;
        return EntryKind.COMMENT;
    }

    private static boolean isWhitespace(final byte c)
    {
        return c == ' ' || c == '\t';
    }

    /**
     * Reads the metric name of a HELP or TYPE line; returns the index after it. {@code newFamily} says the name
     * most likely starts a family (a HELP line's does), so comparing it with the name before would be wasted.
     */
    private int metadataName(final int i, final int contentEnd, final boolean newFamily)
    {
        if (i < contentEnd && at(i) == '"')
        {
            final int q = scanQuoted(i + 1);
            if (q >= contentEnd || q == i + 1)
            {
                throw error("invalid quoted metric name in metadata", i);
            }
            nameOffset = i + 1;
            nameLength = q - i - 1;
            nameEscapes = quotedEscapes;
            cachedTypeValid = false;
            return q + 1;
        }
        final int j = newFamily ? scanNewName(i) : scanRepeatableName(i);
        if (j == i)
        {
            throw error("expected metric name in metadata line", i);
        }
        cachedTypeValid &= nameRepeated;
        nameOffset = i;
        nameLength = j - i;
        nameEscapes = TextView.ESCAPES_NONE;
        return j;
    }

    /** Reads a HELP line; {@code firstBackslash} is the line's first backslash or {@link #end}. */
    private EntryKind help(final int i, final int contentEnd, final int firstBackslash)
    {
        final int j = metadataName(i, contentEnd, true);
        if (j < contentEnd && !isWhitespace(at(j)))
        {
            throw error("expected whitespace after metric name in HELP", j);
        }
        textOffset = j < contentEnd ? j + 1 : contentEnd;
        textLength = contentEnd - textOffset;
        final int backslash = firstBackslash >= textOffset ? firstBackslash
            : ByteScan.backslash(body, textOffset, contentEnd);
        textEscapes = backslash < contentEnd ? TextView.ESCAPES_HELP : TextView.ESCAPES_NONE;
        return EntryKind.HELP;
    }

    private EntryKind typeLine(final int i, final int contentEnd)
    {
        final int j = metadataName(i, contentEnd, false);
        if (j >= contentEnd || !isWhitespace(at(j)))
        {
            throw error("expected whitespace and a type after metric name in TYPE", j);
        }
        final int t = skipWhitespace(j);
        int te = t;
        while (te < contentEnd && !isWhitespace(at(te)))
        {
            te++;
        }
        if (skipWhitespace(te) != contentEnd)
        {
            throw error("unexpected text after metric type", te);
        }
        final MetricType type = parseType(t, te);
        if (type == null)
        {
            throw error("invalid metric type: expected counter, gauge, histogram, summary or untyped", t);
        }
        entryType = type;
        textOffset = t;
        textLength = te - t;
        textEscapes = TextView.ESCAPES_NONE;
        familyOffset = nameOffset;
        familyLength = nameLength;
        familyType = type;
        cachedTypeValid = false;
        return EntryKind.TYPE;
    }

    /**
     * The type named by {@code [from, to)}, or null. Compared as little-endian words of the ASCII names: two
     * overlapping ints for five and seven letters, a long and a byte for nine.
     */
    private MetricType parseType(final int from, final int to)
    {
        switch (to - from)
        {
            case 5:
                return body.intAt(from) == GAUG && at(from + 4) == 'e' ? MetricType.GAUGE : null;
            case 7:
                final int head = body.intAt(from);
                final int tail = body.intAt(from + 3);
                if (head == COUN && tail == NTER)
                {
                    return MetricType.COUNTER;
                }
                if (head == SUMM && tail == MARY)
                {
                    return MetricType.SUMMARY;
                }
                return head == UNTY && tail == YPED ? MetricType.UNTYPED : null;
            case 9:
                return body.longAt(from) == HISTOGRA && at(from + 8) == 'm' ? MetricType.HISTOGRAM : null;
            default:
                return null;
        }
    }

    /** The first four bytes of an ASCII text as a little-endian int, as {@link Body#intAt} reads them. */
    private static int word4(final String text)
    {
        return text.charAt(0) | text.charAt(1) << 8 | text.charAt(2) << 16 | text.charAt(3) << 24;
    }

    private boolean matches(final int from, final String word)
    {
        for (int k = 0; k < word.length(); k++)
        {
            if (at(from + k) != word.charAt(k))
            {
                return false;
            }
        }
        return true;
    }

    private EntryKind sample(final int start)
    {
        nameOffset = -1;
        int j;
        if (at(start) == '{')
        {
            previousSeriesLength = 0;
            j = labelSet(start + 1, true);
            if (nameOffset < 0)
            {
                throw error("metric name missing: expected a quoted name first in '{'", start);
            }
            cachedTypeValid = false;
        }
        else
        {
            j = scanRepeatableName(start);
            if (j == start)
            {
                throw error("expected metric name, '{' or '#' at start of line", start);
            }
            cachedTypeValid &= nameRepeated;
            nameOffset = start;
            nameLength = j - start;
            nameEscapes = TextView.ESCAPES_NONE;
            final int k = skipWhitespace(j);
            if (k < end && at(k) == '{')
            {
                final int repeated = reuseRepeatedLabels(start);
                j = repeated < 0 ? labelSet(k + 1, false) : labelsAfter(repeated);
            }
            previousSeriesStart = start;
            previousSeriesLength = j - start;
        }
        seriesOffset = start;
        seriesLength = j - start;
        previousLabelCount = labels.count();
        return valueAndTimestamp(j);
    }

    /** Parses the rest of a label set after the closing quote of a label value; returns the index after '}'. */
    private int labelsAfter(final int closingQuote)
    {
        final int j = afterLabel(skipWhitespace(closingQuote + 1));
        return at(j - 1) == '}' ? j : labels(j, false, false);
    }

    private EntryKind valueAndTimestamp(final int afterSeries)
    {
        int k = skipWhitespace(afterSeries);
        if ((k == afterSeries && at(afterSeries - 1) != '}') || k >= end || isLineEnd(k))
        {
            throw error("expected whitespace and a value after the series", afterSeries);
        }
        k = scanTextValue(k);
        final int afterValue = k;
        k = skipWhitespace(k);
        if (k > afterValue && k < end && !isLineEnd(k))
        {
            k = timestamp(k);
            k = skipWhitespace(k);
        }
        if (k < end)
        {
            if (at(k) == '\n')
            {
                k++;
            }
            else if (at(k) == '\r' && k + 1 < end && at(k + 1) == '\n')
            {
                k += 2;
            }
            else
            {
                throw error("unexpected text after value or timestamp", k);
            }
        }
        pos = k;
        if (!cachedTypeValid)
        {
            cachedType = typeOfSample();
            cachedTypeValid = true;
        }
        entryType = cachedType;
        normaliseBucketAndQuantile();
        return EntryKind.SAMPLE;
    }

    private boolean isLineEnd(final int k)
    {
        final byte c = at(k);
        return c == '\n' || (c == '\r' && (k + 1 == end || at(k + 1) == '\n'));
    }

    private int timestamp(final int start)
    {
        int k = start;
        final boolean negative = at(k) == '-';
        if (negative || at(k) == '+')
        {
            k++;
        }
        final int digitsStart = k;
        long ts = 0;
        while (k < end)
        {
            final int d = at(k) - '0';
            if (d < 0 || d > 9)
            {
                break;
            }
            ts = ts * 10 + d;
            k++;
        }
        if (k == digitsStart || (k < end && !isWhitespace(at(k)) && !isLineEnd(k)))
        {
            throw error("invalid timestamp: expected an integer of milliseconds", start);
        }
        if (k - digitsStart > MAX_UNCHECKED_DIGITS)
        {
            ts = checkedTimestamp(start, digitsStart, k, negative);
        }
        else if (negative)
        {
            ts = -ts;
        }
        hasTimestamp = true;
        timestampMs = ts;
        return k;
    }

    /** The signed value of the digits {@code [from, to)}, or an error when it is outside the 64-bit range. */
    private long checkedTimestamp(final int start, final int from, final int to, final boolean negative)
    {
        long ts = 0;
        for (int k = from; k < to; k++)
        {
            final int d = at(k) - '0';
            if (ts < Long.MIN_VALUE / 10 || ts * 10 < Long.MIN_VALUE + d)
            {
                throw error("timestamp out of range", start);
            }
            ts = ts * 10 - d;
        }
        if (!negative)
        {
            if (ts == Long.MIN_VALUE)
            {
                throw error("timestamp out of range", start);
            }
            ts = -ts;
        }
        return ts;
    }

    /** Parses a label set after its '{'; returns the index after the closing '}'. */
    private int labelSet(final int afterBrace, final boolean nameAllowed)
    {
        return labels(skipWhitespace(afterBrace), nameAllowed, true);
    }

    /**
     * Parses labels from {@code from}, a label's first byte or the closing '}', to the end of the set; returns the
     * index after '}'. The labels already in the set, if any, are the previous sample's names at the same
     * positions, so they are known distinct.
     */
    private int labels(final int from, final boolean nameAllowed, final boolean firstInSet)
    {
        int j = from;
        boolean first = firstInSet;
        boolean namesRepeat = true;
        while (true)
        {
            if (j >= end)
            {
                throw error("unterminated label set: expected '}'", j);
            }
            final byte c = at(j);
            if (c == '}')
            {
                return j + 1;
            }
            final int nameStart;
            final int nameEnd;
            final int nameEsc;
            if (c == '"')
            {
                final int q = scanQuoted(j + 1);
                final int esc = quotedEscapes;
                final int k = skipWhitespace(q + 1);
                if (k < end && at(k) == '=')
                {
                    if (q == j + 1)
                    {
                        throw error("empty label name", j);
                    }
                    nameStart = j + 1;
                    nameEnd = q;
                    nameEsc = esc;
                    namesRepeat = false;
                    j = k;
                }
                else if (nameAllowed && first && q > j + 1)
                {
                    nameOffset = j + 1;
                    nameLength = q - j - 1;
                    nameEscapes = esc;
                    first = false;
                    j = afterLabel(k);
                    if (at(j - 1) == '}')
                    {
                        return j;
                    }
                    continue;
                }
                else
                {
                    throw error("expected '=' after quoted label name", k);
                }
            }
            else
            {
                final int k = scanSampleLabelName(j);
                if (k == j)
                {
                    throw error("expected label name or '}'", j);
                }
                nameStart = j;
                nameEnd = k;
                nameEsc = -1;
                namesRepeat &= labelNameRepeated;
                j = skipWhitespace(k);
                if (j >= end || at(j) != '=')
                {
                    throw error("expected '=' after label name", j);
                }
            }
            j = skipWhitespace(j + 1);
            if (j >= end || at(j) != '"')
            {
                throw error("expected '\"' to open the label value", j);
            }
            final int q = scanQuoted(j + 1);
            addLabel(labels, nameStart, nameEnd, nameEsc, j + 1, q, quotedEscapes, namesRepeat);
            if (nameEnd - nameStart == NAME_LABEL.length && labels.nameIs(labels.count() - 1, body, NAME_LABEL))
            {
                throw error("label name __name__ is reserved for the metric name", nameStart);
            }
            first = false;
            j = afterLabel(skipWhitespace(q + 1));
            if (at(j - 1) == '}')
            {
                return j;
            }
        }
    }

    /** After a label: consumes ',' (returning the next token's index) or '}' (returning the index after it). */
    private int afterLabel(final int k)
    {
        if (k < end)
        {
            final byte c = at(k);
            if (c == ',')
            {
                final int j = skipWhitespace(k + 1);
                if (j < end && at(j) == '}')
                {
                    return j + 1;
                }
                return j;
            }
            if (c == '}')
            {
                return k + 1;
            }
        }
        throw error("expected ',' or '}' after label", k);
    }

    private MetricType typeOfSample()
    {
        final int fl = familyLength;
        // Raw bytes compare exactly even for quoted names with escapes: a name has one escaped spelling, and the
        // suffixes are plain bytes.
        if (fl < 0 || nameLength < fl)
        {
            return MetricType.UNTYPED;
        }
        if (!ByteScan.equal(body, familyOffset, nameOffset, fl))
        {
            return MetricType.UNTYPED;
        }
        final int suffix = nameLength - fl;
        if (suffix == 0)
        {
            return familyType;
        }
        final int s = nameOffset + fl;
        switch (familyType)
        {
            case HISTOGRAM:
                return suffixIs(s, suffix, "_bucket") || suffixIs(s, suffix, "_sum") || suffixIs(s, suffix, "_count")
                    ? MetricType.HISTOGRAM : MetricType.UNTYPED;
            case SUMMARY:
                return suffixIs(s, suffix, "_sum") || suffixIs(s, suffix, "_count")
                    ? MetricType.SUMMARY : MetricType.UNTYPED;
            default:
                return MetricType.UNTYPED;
        }
    }

    private boolean suffixIs(final int from, final int length, final String suffix)
    {
        return length == suffix.length() && matches(from, suffix);
    }

    private void normaliseBucketAndQuantile()
    {
        if (entryType == MetricType.HISTOGRAM)
        {
            final int le = findLabel(LE);
            if (le >= 0)
            {
                normaliseFloatLabel(le);
            }
        }
        else if (entryType == MetricType.SUMMARY)
        {
            final int q = findLabel(QUANTILE);
            if (q >= 0)
            {
                normaliseFloatLabel(q);
            }
        }
    }
}
