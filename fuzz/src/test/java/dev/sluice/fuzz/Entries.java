package dev.sluice.fuzz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;

/** Reads the entries of a body into {@link Entry} values, and the OpenMetrics timestamp rule they obey. */
final class Entries
{
    private Entries()
    {
    }

    /**
     * Parses a whole body; a native histogram entry comes with its histogram and all its exemplars.
     *
     * @param cursor the cursor for the body's format.
     * @param body   the body.
     * @return its entries, END excluded.
     * @throws dev.sluice.parser.ParseException when the cursor rejects the body.
     */
    static List<Entry> read(final MetricCursor cursor, final byte[] body)
    {
        final List<Entry> entries = new ArrayList<>();
        final TextView view = new TextView();
        final NativeHistogramView histogram = new NativeHistogramView();
        cursor.reset(body, 0, body.length);
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            switch (kind)
            {
                case SAMPLE:
                    entries.add(sample(cursor, view, cursor.name(view).toString()));
                    break;
                case HISTOGRAM:
                    entries.add(nativeHistogram(cursor, view, histogram));
                    break;
                case TYPE:
                    entries.add(Entry.type(cursor.name(view).toString(), cursor.type()));
                    break;
                case COMMENT:
                    entries.add(Entry.metadata(kind, "", cursor.metadataText(view).toString()));
                    break;
                default:
                    entries.add(Entry.metadata(kind, cursor.name(view).toString(),
                        cursor.metadataText(view).toString()));
                    break;
            }
        }
        return entries;
    }

    /**
     * The samples among entries, as far as both text formats carry them: name, labels, value and timestamp.
     *
     * @param entries entries of a body.
     * @return its SAMPLE entries, type untyped, without exemplar and created timestamp.
     */
    static List<Entry> samples(final List<Entry> entries)
    {
        return entries.stream().filter(entry -> entry.kind() == EntryKind.SAMPLE)
            .map(entry -> new Entry(EntryKind.SAMPLE, MetricType.UNTYPED, entry.name(), "", entry.labels(),
                entry.valueBits(), entry.hasTimestamp(), entry.timestampMs(), null, false, 0))
            .collect(Collectors.toList());
    }

    /**
     * The milliseconds an OpenMetrics reader gives back for a timestamp that a writer wrote from {@code ms}: the
     * writer writes the seconds exactly, the reader multiplies their double by 1000 and truncates toward zero.
     *
     * @param ms the timestamp written.
     * @return the timestamp read back.
     */
    static long openMetricsReadBack(final long ms)
    {
        final double seconds = Double.parseDouble(BigDecimal.valueOf(ms, 3).toPlainString());
        return (long)(seconds * 1000.0);
    }

    /**
     * An entry as an OpenMetrics reader sees it after an OpenMetrics writer wrote it: sample and exemplar
     * timestamps pass through {@link #openMetricsReadBack}.
     *
     * @param entry the entry written.
     * @return the entry read back.
     */
    static Entry afterOpenMetricsRewrite(final Entry entry)
    {
        final Exemplar exemplar = entry.exemplar();
        final Exemplar exemplarBack = exemplar == null || !exemplar.hasTimestamp() ? exemplar : new Exemplar(
            exemplar.labels(), exemplar.valueBits(), true, openMetricsReadBack(exemplar.timestampMs()));
        return new Entry(entry.kind(), entry.type(), entry.name(), entry.text(), entry.labels(), entry.valueBits(),
            entry.hasTimestamp(), entry.hasTimestamp() ? openMetricsReadBack(entry.timestampMs()) : 0, exemplarBack,
            entry.hasCreated(), entry.createdMs());
    }

    private static Entry sample(final MetricCursor cursor, final TextView view, final String name)
    {
        final boolean hasTimestamp = cursor.hasTimestamp();
        final boolean hasCreated = cursor.hasCreatedTimestamp();
        return new Entry(EntryKind.SAMPLE, cursor.type(), name, "", labels(cursor, view),
            Double.doubleToRawLongBits(cursor.value()), hasTimestamp, hasTimestamp ? cursor.timestampMs() : 0,
            cursor.hasExemplar() ? exemplar(cursor, view) : null, hasCreated,
            hasCreated ? cursor.createdTimestampMs() : 0);
    }

    /** A HISTOGRAM entry: name, labels, timestamps, the histogram and every exemplar; the value is left out. */
    private static Entry nativeHistogram(
        final MetricCursor cursor, final TextView view, final NativeHistogramView histogram)
    {
        final List<Exemplar> exemplars = new ArrayList<>();
        for (int i = 0, n = cursor.exemplarCount(); i < n; i++)
        {
            cursor.selectExemplar(i);
            exemplars.add(exemplar(cursor, view));
        }
        final boolean hasTimestamp = cursor.hasTimestamp();
        final boolean hasCreated = cursor.hasCreatedTimestamp();
        return new Entry(EntryKind.HISTOGRAM, cursor.type(), cursor.name(view).toString(), "", labels(cursor, view),
            0, hasTimestamp, hasTimestamp ? cursor.timestampMs() : 0, null, hasCreated,
            hasCreated ? cursor.createdTimestampMs() : 0, NativeHistogram.of(cursor.histogram(histogram), exemplars));
    }

    private static List<Label> labels(final MetricCursor cursor, final TextView view)
    {
        final List<Label> labels = new ArrayList<>();
        for (int i = 0, n = cursor.labelCount(); i < n; i++)
        {
            labels.add(new Label(cursor.labelName(i, view).toString(), cursor.labelValue(i, view).toString()));
        }
        return labels;
    }

    /** The exemplar the cursor describes now. */
    private static Exemplar exemplar(final MetricCursor cursor, final TextView view)
    {
        final List<Label> labels = new ArrayList<>();
        for (int i = 0, n = cursor.exemplarLabelCount(); i < n; i++)
        {
            labels.add(new Label(cursor.exemplarLabelName(i, view).toString(),
                cursor.exemplarLabelValue(i, view).toString()));
        }
        final boolean hasTimestamp = cursor.exemplarHasTimestamp();
        return new Exemplar(labels, Double.doubleToRawLongBits(cursor.exemplarValue()), hasTimestamp,
            hasTimestamp ? cursor.exemplarTimestampMs() : 0);
    }
}
