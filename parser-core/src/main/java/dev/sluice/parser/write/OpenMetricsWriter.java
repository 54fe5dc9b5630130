package dev.sluice.parser.write;

import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.TextView;

/**
 * Writes OpenMetrics 1.0 text:
 * <pre>
 *   # TYPE http_requests counter
 *   # UNIT http_request_duration_seconds seconds
 *   # HELP http_requests Requests served.
 *   http_requests_total{code="200"} 1027 1395066363.5 # {trace_id="abc"} 1 1395066363.25
 *   # EOF
 * </pre>
 * Family types include {@code unknown} (for {@link MetricType#UNTYPED}), {@code gaugehistogram}, {@code info}
 * and {@code stateset}. Timestamps, given in milliseconds, are written in seconds exactly ({@code 1500} becomes
 * {@code 1.5}). HELP texts and label values escape {@code \\}, {@code "} and newline. A sample with an exemplar
 * is written with {@link #sampleValue}, {@link #exemplarLabel} and {@link #endExemplar}; {@link #finish} writes
 * the closing {@code # EOF}. Names outside the legacy character set are quoted as OpenMetrics 2.0 does, which
 * OpenMetrics 1.0 readers reject. Comment entries have no OpenMetrics form and are skipped by {@link
 * #copyEntry}.
 */
public final class OpenMetricsWriter extends TextExpositionWriter<OpenMetricsWriter>
{
    private static final int VALUE_WRITTEN = FIRST_SUBCLASS_STATE;
    private static final int EXEMPLAR_LABELS_OPEN = FIRST_SUBCLASS_STATE + 1;
    private static final int MILLIS_PER_SECOND = 1000;

    private static final byte[] UNIT_PREFIX = { '#', ' ', 'U', 'N', 'I', 'T', ' ' };
    private static final byte[] EXEMPLAR_START = { ' ', '#', ' ', '{' };
    private static final byte[] END_OF_BODY = { '#', ' ', 'E', 'O', 'F', '\n' };
    private static final byte[][] TYPE_NAMES = typeNames();

    /** Creates a writer with its own growing buffer; {@link #wrap} directs it elsewhere. */
    public OpenMetricsWriter()
    {
    }

    /**
     * Writes a {@code # UNIT} line.
     *
     * @param name family name.
     * @param unit the unit, such as {@code seconds}; the family name should end with it.
     * @return this writer.
     */
    public OpenMetricsWriter unit(final CharSequence name, final CharSequence unit)
    {
        return metadata(UNIT_PREFIX, name, unit);
    }

    /**
     * Writes a {@code # UNIT} line.
     *
     * @param name family name.
     * @param unit the unit.
     * @return this writer.
     */
    public OpenMetricsWriter unit(final TextView name, final TextView unit)
    {
        return metadata(UNIT_PREFIX, name, unit);
    }

    /**
     * Writes the value of the sample begun by {@link #beginSample} and leaves the line open for an exemplar
     * ({@link #endSample} is the call for a sample without one).
     *
     * @param value the value.
     * @return this writer.
     */
    public OpenMetricsWriter sampleValue(final double value)
    {
        writeValue(value);
        state(VALUE_WRITTEN);
        return this;
    }

    /**
     * Writes the value and timestamp of the sample begun by {@link #beginSample} and leaves the line open for
     * an exemplar.
     *
     * @param value       the value.
     * @param timestampMs milliseconds since the epoch, written in seconds.
     * @return this writer.
     */
    public OpenMetricsWriter sampleValue(final double value, final long timestampMs)
    {
        writeValue(value, timestampMs);
        state(VALUE_WRITTEN);
        return this;
    }

    /**
     * Adds a label to the exemplar of the sample whose value {@link #sampleValue} wrote.
     *
     * @param name  label name.
     * @param value label value.
     * @return this writer.
     */
    public OpenMetricsWriter exemplarLabel(final CharSequence name, final CharSequence value)
    {
        exemplarLabelSeparator();
        return labelPair(name, value);
    }

    /**
     * Adds a label to the exemplar of the sample whose value {@link #sampleValue} wrote.
     *
     * @param name  label name; its escapes are resolved first.
     * @param value label value; its escapes are resolved first.
     * @return this writer.
     */
    public OpenMetricsWriter exemplarLabel(final TextView name, final TextView value)
    {
        exemplarLabelSeparator();
        return labelPair(name, value);
    }

    /**
     * Completes the exemplar, and with it the sample line.
     *
     * @param value the exemplar value.
     * @return this writer.
     */
    public OpenMetricsWriter endExemplar(final double value)
    {
        closeExemplarLabels();
        spaceAndValue(value);
        return endLine();
    }

    /**
     * Completes the exemplar with its timestamp, and with it the sample line.
     *
     * @param value       the exemplar value.
     * @param timestampMs milliseconds since the epoch, written in seconds.
     * @return this writer.
     */
    public OpenMetricsWriter endExemplar(final double value, final long timestampMs)
    {
        closeExemplarLabels();
        spaceAndValue(value);
        timestamp(timestampMs);
        return endLine();
    }

    @Override
    OpenMetricsWriter self()
    {
        return this;
    }

    @Override
    byte[] typeName(final MetricType type)
    {
        return TYPE_NAMES[type.ordinal()];
    }

    @Override
    boolean helpEscapesQuotes()
    {
        return true;
    }

    /** Seconds written exactly from milliseconds: the integer part, then up to three decimals, no trailing zero. */
    @Override
    void timestamp(final long timestampMs)
    {
        putByte(' ');
        if (timestampMs < 0)
        {
            putByte('-');
        }
        // Negating Long.MIN_VALUE leaves it unchanged; read as unsigned it is the right magnitude.
        final long magnitude = timestampMs < 0 ? -timestampMs : timestampMs;
        putLong(Long.divideUnsigned(magnitude, MILLIS_PER_SECOND));
        int millis = (int)Long.remainderUnsigned(magnitude, MILLIS_PER_SECOND);
        if (millis != 0)
        {
            putByte('.');
            for (int unit = MILLIS_PER_SECOND / 10; millis != 0; unit /= 10)
            {
                putByte((char)('0' + millis / unit));
                millis %= unit;
            }
        }
    }

    @Override
    void copySampleEnd(final MetricCursor cursor, final TextView nameView, final TextView valueView)
    {
        if (cursor.hasTimestamp())
        {
            sampleValue(cursor.value(), cursor.timestampMs());
        }
        else
        {
            sampleValue(cursor.value());
        }
        if (!cursor.hasExemplar())
        {
            endLine();
            return;
        }
        for (int i = 0, n = cursor.exemplarLabelCount(); i < n; i++)
        {
            exemplarLabel(cursor.exemplarLabelName(i, nameView), cursor.exemplarLabelValue(i, valueView));
        }
        if (cursor.exemplarHasTimestamp())
        {
            endExemplar(cursor.exemplarValue(), cursor.exemplarTimestampMs());
        }
        else
        {
            endExemplar(cursor.exemplarValue());
        }
    }

    @Override
    boolean copyUnit(final TextView name, final TextView unit)
    {
        unit(name, unit);
        return true;
    }

    @Override
    boolean copyComment(final TextView text)
    {
        return false;
    }

    @Override
    void writeTrailer()
    {
        putBytes(END_OF_BODY);
    }

    private void exemplarLabelSeparator()
    {
        if (state() == VALUE_WRITTEN)
        {
            putBytes(EXEMPLAR_START);
            state(EXEMPLAR_LABELS_OPEN);
        }
        else if (state() == EXEMPLAR_LABELS_OPEN)
        {
            putByte(',');
        }
        else
        {
            throw misuse("add an exemplar label");
        }
    }

    private void closeExemplarLabels()
    {
        if (state() == VALUE_WRITTEN)
        {
            putBytes(EXEMPLAR_START);
        }
        else if (state() != EXEMPLAR_LABELS_OPEN)
        {
            throw misuse("end an exemplar");
        }
        putByte('}');
    }

    private static byte[][] typeNames()
    {
        final MetricType[] types = MetricType.values();
        final byte[][] names = new byte[types.length][];
        for (final MetricType type : types)
        {
            names[type.ordinal()] = asciiBytes(type == MetricType.UNTYPED ? "unknown" :
                type.textName());
        }
        return names;
    }
}
