package dev.sluice.parser.write;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.TextView;
import dev.sluice.parser.Utf8;
import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.parser.number.FloatFormatter;

/**
 * What the Prometheus text and OpenMetrics writers share: a growing output buffer, metadata lines, and samples
 * written piece by piece ({@link #beginSample}, {@link #label}, {@link #endSample}) or copied from a cursor
 * ({@link #copyEntry}). Names outside the legacy character set are written quoted, the way Prometheus 3 writes
 * UTF-8 names: inside the braces for a sample ({@code {"my.metric","label.name"="v"}}), after the keyword for
 * metadata ({@code # TYPE "my.metric" gauge}). Values are written as Go writes them, see {@link FloatFormatter}.
 *
 * <p>Nothing is allocated per call once the output buffer and a small internal scratch buffer have grown to the
 * size the largest line needs: text arrives as {@code CharSequence} (encoded to UTF-8 here) or as a {@link
 * TextView} (whose escapes are resolved here). Not thread-safe; use one writer per thread and reuse it.
 *
 * @param <W> the concrete writer, returned by the chaining methods.
 */
public abstract class TextExpositionWriter<W extends TextExpositionWriter<W>>
{
    /** Initial capacity of the buffer a writer creates for itself. */
    public static final int INITIAL_CAPACITY = 4096;

    static final int IDLE = 0;
    private static final int NAME_WRITTEN = 1;
    private static final int LABELS_OPEN = 2;
    /** First state number free for subclasses. */
    static final int FIRST_SUBCLASS_STATE = 3;

    private static final byte[] TYPE_PREFIX = { '#', ' ', 'T', 'Y', 'P', 'E', ' ' };
    private static final byte[] HELP_PREFIX = { '#', ' ', 'H', 'E', 'L', 'P', ' ' };

    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(128);
    private final TextView nameView = new TextView();
    private final TextView valueView = new TextView();

    private MutableDirectBuffer buffer;
    private int start;
    private int position;
    private int state = IDLE;

    private DirectBuffer textBuffer;
    private int textOffset;
    private int textLength;

    TextExpositionWriter()
    {
        wrap(new ExpandableArrayBuffer(INITIAL_CAPACITY), 0);
    }

    /**
     * Directs the output to {@code buffer} from {@code offset}. The buffer should grow on demand (an Agrona
     * {@code ExpandableArrayBuffer} or {@code ExpandableDirectByteBuffer}); a fixed one fails when it is full.
     *
     * @param buffer where to write.
     * @param offset index of the first byte to write.
     * @return this writer.
     */
    public W wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.start = offset;
        this.position = offset;
        this.state = IDLE;
        return self();
    }

    /**
     * Forgets what was written, keeping the buffer, so that the next body starts at the same offset.
     *
     * @return this writer.
     */
    public W reset()
    {
        return wrap(buffer, start);
    }

    /**
     * The buffer written to.
     *
     * @return the buffer.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Index in {@link #buffer()} of the first byte written.
     *
     * @return the offset given to {@link #wrap}.
     */
    public int offset()
    {
        return start;
    }

    /**
     * Number of bytes written since {@link #wrap} or {@link #reset}.
     *
     * @return the length of the body so far.
     */
    public int length()
    {
        return position - start;
    }

    /**
     * Writes a {@code # TYPE} line.
     *
     * @param name family name.
     * @param type family type; types the format lacks are written as its untyped type.
     * @return this writer.
     */
    public W type(final CharSequence name, final MetricType type)
    {
        metadataStart(TYPE_PREFIX);
        resolve(name);
        return typeLineEnd(type);
    }

    /**
     * Writes a {@code # TYPE} line.
     *
     * @param name family name.
     * @param type family type; types the format lacks are written as its untyped type.
     * @return this writer.
     */
    public W type(final TextView name, final MetricType type)
    {
        metadataStart(TYPE_PREFIX);
        resolve(name);
        return typeLineEnd(type);
    }

    /**
     * Writes a {@code # HELP} line, escaping the text as the format requires.
     *
     * @param name family name.
     * @param text help text.
     * @return this writer.
     */
    public W help(final CharSequence name, final CharSequence text)
    {
        return metadata(HELP_PREFIX, name, text);
    }

    /**
     * Writes a {@code # HELP} line, escaping the text as the format requires.
     *
     * @param name family name.
     * @param text help text; its escapes are resolved first.
     * @return this writer.
     */
    public W help(final TextView name, final TextView text)
    {
        return metadata(HELP_PREFIX, name, text);
    }

    /**
     * Starts a sample line with its series name; labels may follow, {@link #endSample} completes it.
     *
     * @param name series name as exposed ({@code _total}, {@code _bucket} ... included).
     * @return this writer.
     */
    public W beginSample(final CharSequence name)
    {
        resolve(name);
        return sampleName();
    }

    /**
     * Starts a sample line with its series name; labels may follow, {@link #endSample} completes it.
     *
     * @param name series name as exposed; its escapes are resolved first.
     * @return this writer.
     */
    public W beginSample(final TextView name)
    {
        resolve(name);
        return sampleName();
    }

    /**
     * Adds a label to the sample begun by {@link #beginSample}.
     *
     * @param name  label name.
     * @param value label value, escaped here.
     * @return this writer.
     */
    public W label(final CharSequence name, final CharSequence value)
    {
        labelSeparator();
        return labelPair(name, value);
    }

    /**
     * Adds a label to the sample begun by {@link #beginSample}.
     *
     * @param name  label name; its escapes are resolved first.
     * @param value label value; its escapes are resolved first, then it is escaped for the output.
     * @return this writer.
     */
    public W label(final TextView name, final TextView value)
    {
        labelSeparator();
        return labelPair(name, value);
    }

    /**
     * Completes the sample with its value and no timestamp.
     *
     * @param value the value; {@code NaN}, {@code +Inf} and {@code -Inf} are written as such.
     * @return this writer.
     */
    public W endSample(final double value)
    {
        writeValue(value);
        return endLine();
    }

    /**
     * Completes the sample with its value and timestamp.
     *
     * @param value       the value.
     * @param timestampMs milliseconds since the epoch, written in the format's unit.
     * @return this writer.
     */
    public W endSample(final double value, final long timestampMs)
    {
        writeValue(value, timestampMs);
        return endLine();
    }

    /**
     * Writes every entry the cursor has left, up to its end, with {@link #copyEntry}. A parse error propagates
     * after the entries before it were written.
     *
     * @param cursor a cursor reset to a body.
     * @return this writer.
     * @throws dev.sluice.parser.ParseException when the body is malformed.
     */
    public W copyRemaining(final MetricCursor cursor)
    {
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            copyEntry(cursor, kind);
        }
        return self();
    }

    /**
     * Writes the entry a cursor stands on, as far as this format can express it: samples with their labels,
     * value and timestamp, and the metadata lines. Which entries or parts have no form in the format is stated
     * by each writer; native histogram entries have none in either text format.
     *
     * @param cursor a cursor positioned by {@link MetricCursor#next()}.
     * @param kind   what that call returned.
     * @return true when something was written.
     */
    public boolean copyEntry(final MetricCursor cursor, final EntryKind kind)
    {
        switch (kind)
        {
            case SAMPLE:
                beginSample(cursor.name(nameView));
                for (int i = 0, n = cursor.labelCount(); i < n; i++)
                {
                    label(cursor.labelName(i, nameView), cursor.labelValue(i, valueView));
                }
                copySampleEnd(cursor, nameView, valueView);
                return true;
            case TYPE:
                type(cursor.name(nameView), cursor.type());
                return true;
            case HELP:
                help(cursor.name(nameView), cursor.metadataText(valueView));
                return true;
            case UNIT:
                return copyUnit(cursor.name(nameView), cursor.metadataText(valueView));
            case COMMENT:
                return copyComment(cursor.metadataText(valueView));
            default:
                return false;
        }
    }

    /**
     * Ends the body: writes what the format requires at its end, if anything.
     *
     * @return the length of the body, as {@link #length()}.
     */
    public int finish()
    {
        requireState(IDLE, "finish");
        writeTrailer();
        return length();
    }

    /**
     * This writer, typed as its class, for chaining.
     *
     * @return this.
     */
    abstract W self();

    /** The name written on a TYPE line for {@code type}. */
    abstract byte[] typeName(MetricType type);

    /** Whether HELP texts escape double quotes as well as backslashes and newlines. */
    abstract boolean helpEscapesQuotes();

    /** Writes a space and the timestamp in the format's unit. */
    abstract void timestamp(long timestampMs);

    /** Completes a copied sample after its labels: value, timestamp and what else the format carries. */
    abstract void copySampleEnd(MetricCursor cursor, TextView nameView, TextView valueView);

    /** Copies a UNIT entry, if the format has them. */
    abstract boolean copyUnit(TextView name, TextView unit);

    /** Copies a COMMENT entry, if the format has them. */
    abstract boolean copyComment(TextView text);

    /** Writes what ends a body. */
    abstract void writeTrailer();

    final void writeValue(final double value)
    {
        closeLabels();
        spaceAndValue(value);
    }

    final void writeValue(final double value, final long timestampMs)
    {
        writeValue(value);
        timestamp(timestampMs);
    }

    /** Writes a space and a float value, without touching the sample state (also for exemplar values). */
    final void spaceAndValue(final double value)
    {
        putByte(' ');
        position += FloatFormatter.formatGo(value, buffer, position);
    }

    final W endLine()
    {
        putByte('\n');
        state = IDLE;
        return self();
    }

    final int state()
    {
        return state;
    }

    final void state(final int state)
    {
        this.state = state;
    }

    final void requireState(final int expected, final String action)
    {
        if (state != expected)
        {
            throw misuse(action);
        }
    }

    static byte[] asciiBytes(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static IllegalStateException misuse(final String action)
    {
        return new IllegalStateException("cannot " + action + " here: the calls do not follow the line grammar");
    }

    final void putByte(final char b)
    {
        buffer.putByte(position++, (byte)b);
    }

    final void putBytes(final byte[] bytes)
    {
        buffer.putBytes(position, bytes);
        position += bytes.length;
    }

    final void putLong(final long value)
    {
        position += buffer.putLongAscii(position, value);
    }

    /** Writes {@code prefix name text}, the name quoted when needed and the text escaped as HELP texts are. */
    final W metadata(final byte[] prefix, final CharSequence name, final CharSequence text)
    {
        metadataStart(prefix);
        resolve(name);
        putName(true);
        resolve(text);
        return metadataEnd();
    }

    /** Writes {@code prefix name text}, the name quoted when needed and the text escaped as HELP texts are. */
    final W metadata(final byte[] prefix, final TextView name, final TextView text)
    {
        metadataStart(prefix);
        resolve(name);
        putName(true);
        resolve(text);
        return metadataEnd();
    }

    /** Writes the resolved text as it is, with no escaping. */
    final void putText()
    {
        buffer.putBytes(position, textBuffer, textOffset, textLength);
        position += textLength;
    }

    /** Writes {@code name="value"}, the name quoted when it is not a legacy label name. */
    final W labelPair(final CharSequence name, final CharSequence value)
    {
        resolve(name);
        putName(false);
        putByte('=');
        resolve(value);
        putQuotedText();
        return self();
    }

    /** Writes {@code name="value"} from views, their escapes resolved and the output escaped again. */
    final W labelPair(final TextView name, final TextView value)
    {
        resolve(name);
        putName(false);
        putByte('=');
        resolve(value);
        putQuotedText();
        return self();
    }

    /** Points the text to write at the UTF-8 encoding of {@code text}. */
    final void resolve(final CharSequence text)
    {
        final int length = encodeUtf8(text, scratch);
        textBuffer = scratch;
        textOffset = 0;
        textLength = length;
    }

    /** Points the text to write at the value of {@code view}, escapes resolved. */
    final void resolve(final TextView view)
    {
        if (view.escapes() == TextView.ESCAPES_NONE)
        {
            textBuffer = view.buffer();
            textOffset = view.offset();
            textLength = view.length();
        }
        else
        {
            textBuffer = scratch;
            textOffset = 0;
            textLength = view.unescapeTo(scratch, 0);
        }
    }

    private void metadataStart(final byte[] prefix)
    {
        requireState(IDLE, "write metadata");
        putBytes(prefix);
    }

    /** Writes the resolved name, quoted when it is not a legacy metric or label name. */
    private void putName(final boolean metric)
    {
        if (isLegacyName(metric))
        {
            putText();
        }
        else
        {
            putQuotedText();
        }
    }

    private W metadataEnd()
    {
        putByte(' ');
        putEscapedText(helpEscapesQuotes());
        putByte('\n');
        return self();
    }

    private W typeLineEnd(final MetricType type)
    {
        putName(true);
        putByte(' ');
        putBytes(typeName(type));
        putByte('\n');
        return self();
    }

    private W sampleName()
    {
        requireState(IDLE, "begin a sample");
        if (isLegacyName(true))
        {
            putText();
            state = NAME_WRITTEN;
        }
        else
        {
            putByte('{');
            putQuotedText();
            state = LABELS_OPEN;
        }
        return self();
    }

    private void labelSeparator()
    {
        if (state == NAME_WRITTEN)
        {
            putByte('{');
            state = LABELS_OPEN;
        }
        else if (state == LABELS_OPEN)
        {
            putByte(',');
        }
        else
        {
            throw misuse("add a label");
        }
    }

    private void closeLabels()
    {
        if (state == LABELS_OPEN)
        {
            putByte('}');
        }
        else if (state != NAME_WRITTEN)
        {
            throw misuse("write a sample value");
        }
    }

    private void putQuotedText()
    {
        putByte('"');
        putEscapedText(true);
        putByte('"');
    }

    /** Writes the resolved text with backslash, newline and (when asked) double quote escaped. */
    private void putEscapedText(final boolean escapeQuotes)
    {
        final DirectBuffer source = textBuffer;
        final int end = textOffset + textLength;
        for (int i = textOffset; i < end; i++)
        {
            final byte b = source.getByte(i);
            if (b == '\\')
            {
                putByte('\\');
                putByte('\\');
            }
            else if (b == '\n')
            {
                putByte('\\');
                putByte('n');
            }
            else if (b == '"' && escapeQuotes)
            {
                putByte('\\');
                putByte('"');
            }
            else
            {
                buffer.putByte(position++, b);
            }
        }
    }

    /** Whether the resolved text is a legacy metric (or label) name, which needs no quotes. */
    private boolean isLegacyName(final boolean metric)
    {
        return metric ? NameValidationScheme.LEGACY.isValidMetricName(textBuffer, textOffset, textLength) :
            NameValidationScheme.LEGACY.isValidLabelName(textBuffer, textOffset, textLength);
    }

    /** Encodes {@code text} as UTF-8 into {@code dst} from index 0; an unpaired surrogate becomes U+FFFD. */
    private static int encodeUtf8(final CharSequence text, final MutableDirectBuffer dst)
    {
        int n = 0;
        final int length = text.length();
        int i = 0;
        while (i < length)
        {
            final char c = text.charAt(i++);
            int codePoint = c;
            if (Character.isHighSurrogate(c) && i < length && Character.isLowSurrogate(text.charAt(i)))
            {
                codePoint = Character.toCodePoint(c, text.charAt(i++));
            }
            else if (Character.isSurrogate(c))
            {
                codePoint = Utf8.REPLACEMENT_CHARACTER;
            }
            n += Utf8.encode(codePoint, dst, n);
        }
        return n;
    }
}
