package dev.sluice.fuzz;

import java.util.ArrayList;
import java.util.List;

import org.agrona.ExpandableArrayBuffer;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.number.FloatFormatter;
import dev.sluice.parser.write.OpenMetricsWriter;
import dev.sluice.parser.write.PrometheusTextWriter;
import dev.sluice.parser.write.TextExpositionWriter;

/**
 * Writes generated families with the Sluice writers, and states independently what each cursor must read back:
 * the entries follow from the family model and the documented rules of each format (types that Prometheus text
 * lacks become untyped, a sample takes its family's text type only under the names formats.md lists, {@code le}
 * and {@code quantile} of histograms and summaries come in their OpenMetrics float form, OpenMetrics timestamps
 * pass through seconds, {@code _created} samples report their value as created timestamp).
 */
final class FamilyRendering
{
    private FamilyRendering()
    {
    }

    /**
     * Renders a body as Prometheus text.
     *
     * @param families the families.
     * @return the body.
     */
    static byte[] text(final List<GeneratedFamily> families)
    {
        final PrometheusTextWriter writer = new PrometheusTextWriter();
        for (final GeneratedFamily family : families)
        {
            metadata(writer, family);
            for (final GeneratedSample sample : family.samples())
            {
                labels(writer, family, sample);
                end(writer, sample);
            }
        }
        return bytes(writer);
    }

    /**
     * Renders a body as OpenMetrics, units and exemplars included.
     *
     * @param families the families.
     * @return the body.
     */
    static byte[] openMetrics(final List<GeneratedFamily> families)
    {
        final OpenMetricsWriter writer = new OpenMetricsWriter();
        for (final GeneratedFamily family : families)
        {
            metadata(writer, family);
            if (family.unit() != null)
            {
                writer.unit(family.name(), family.unit());
            }
            for (final GeneratedSample sample : family.samples())
            {
                labels(writer, family, sample);
                if (sample.exemplar() == null)
                {
                    end(writer, sample);
                }
                else
                {
                    exemplar(writer, sample);
                }
            }
        }
        return bytes(writer);
    }

    /**
     * The entries the text cursor must read from {@link #text}.
     *
     * @param families the families.
     * @return the entries.
     */
    static List<Entry> expectedText(final List<GeneratedFamily> families)
    {
        final List<Entry> entries = new ArrayList<>();
        for (final GeneratedFamily family : families)
        {
            final MetricType textType = family.typeLine() ? textType(family.type()) : MetricType.UNTYPED;
            if (family.typeLine())
            {
                entries.add(Entry.type(family.name(), textType));
            }
            if (family.help() != null)
            {
                entries.add(Entry.metadata(EntryKind.HELP, family.name(), family.help()));
            }
            for (final GeneratedSample sample : family.samples())
            {
                final MetricType type = textSampleType(textType, sample.suffix());
                entries.add(new Entry(EntryKind.SAMPLE, type, family.name() + sample.suffix(), "",
                    normalised(type, sample), Entry.parsedBits(sample.value()), sample.hasTimestamp(),
                    sample.timestampMs(), null, false, 0));
            }
        }
        return entries;
    }

    /**
     * The entries the OpenMetrics cursor must read from {@link #openMetrics}.
     *
     * @param families the families.
     * @return the entries.
     */
    static List<Entry> expectedOpenMetrics(final List<GeneratedFamily> families)
    {
        final List<Entry> entries = new ArrayList<>();
        for (final GeneratedFamily family : families)
        {
            final MetricType type = family.type();
            if (family.typeLine())
            {
                entries.add(Entry.type(family.name(), type));
            }
            if (family.help() != null)
            {
                entries.add(Entry.metadata(EntryKind.HELP, family.name(), family.help()));
            }
            if (family.unit() != null)
            {
                entries.add(Entry.metadata(EntryKind.UNIT, family.name(), family.unit()));
            }
            for (final GeneratedSample sample : family.samples())
            {
                final boolean created = sample.suffix().equals("_created") && (type == MetricType.COUNTER ||
                    type == MetricType.HISTOGRAM || type == MetricType.SUMMARY);
                entries.add(Entries.afterOpenMetricsRewrite(new Entry(EntryKind.SAMPLE, type,
                    family.name() + sample.suffix(), "", normalised(type, sample), Entry.parsedBits(sample.value()),
                    sample.hasTimestamp(), sample.timestampMs(), parsedExemplar(sample.exemplar()), created,
                    created ? (long)(sample.value() * 1000.0) : 0)));
            }
        }
        return entries;
    }

    private static void metadata(final TextExpositionWriter<?> writer, final GeneratedFamily family)
    {
        if (family.typeLine())
        {
            writer.type(family.name(), family.type());
        }
        if (family.help() != null)
        {
            writer.help(family.name(), family.help());
        }
    }

    private static void labels(
        final TextExpositionWriter<?> writer, final GeneratedFamily family, final GeneratedSample sample)
    {
        writer.beginSample(family.name() + sample.suffix());
        for (final Label label : sample.labels())
        {
            writer.label(label.name(), label.value());
        }
    }

    private static void end(final TextExpositionWriter<?> writer, final GeneratedSample sample)
    {
        if (sample.hasTimestamp())
        {
            writer.endSample(sample.value(), sample.timestampMs());
        }
        else
        {
            writer.endSample(sample.value());
        }
    }

    private static void exemplar(final OpenMetricsWriter writer, final GeneratedSample sample)
    {
        if (sample.hasTimestamp())
        {
            writer.sampleValue(sample.value(), sample.timestampMs());
        }
        else
        {
            writer.sampleValue(sample.value());
        }
        final Exemplar exemplar = sample.exemplar();
        for (final Label label : exemplar.labels())
        {
            writer.exemplarLabel(label.name(), label.value());
        }
        final double value = Double.longBitsToDouble(exemplar.valueBits());
        if (exemplar.hasTimestamp())
        {
            writer.endExemplar(value, exemplar.timestampMs());
        }
        else
        {
            writer.endExemplar(value);
        }
    }

    private static byte[] bytes(final TextExpositionWriter<?> writer)
    {
        final byte[] body = new byte[writer.finish()];
        writer.buffer().getBytes(writer.offset(), body);
        return body;
    }

    /** Prometheus text 0.0.4 has no gauge histogram, info or state set: the writer declares them untyped. */
    private static MetricType textType(final MetricType type)
    {
        return type == MetricType.GAUGE_HISTOGRAM || type == MetricType.INFO || type == MetricType.STATESET ?
            MetricType.UNTYPED : type;
    }

    /** The names a text TYPE line covers: the family name, and the histogram and summary series suffixes. */
    private static MetricType textSampleType(final MetricType familyType, final String suffix)
    {
        final boolean covered = suffix.isEmpty() ||
            familyType == MetricType.HISTOGRAM && (suffix.equals("_bucket") || suffix.equals("_count") ||
            suffix.equals("_sum")) ||
            familyType == MetricType.SUMMARY && (suffix.equals("_count") || suffix.equals("_sum"));
        return covered ? familyType : MetricType.UNTYPED;
    }

    /** The labels as read: {@code le} of histogram buckets and {@code quantile} of summaries in float form. */
    private static List<Label> normalised(final MetricType type, final GeneratedSample sample)
    {
        final String floatLabel = type == MetricType.HISTOGRAM && sample.suffix().equals("_bucket") ? "le" :
            type == MetricType.SUMMARY && sample.suffix().isEmpty() ? "quantile" : null;
        final List<Label> labels = new ArrayList<>();
        for (final Label label : sample.labels())
        {
            labels.add(label.name().equals(floatLabel) ? new Label(label.name(), floatForm(label.value())) : label);
        }
        return labels;
    }

    private static String floatForm(final String text)
    {
        return text.equals("+Inf") ? text : floatForm(Double.parseDouble(text));
    }

    /**
     * The OpenMetrics float form in which cursors report {@code le} and {@code quantile} values.
     *
     * @param value the bound.
     * @return its text.
     */
    static String floatForm(final double value)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(FloatFormatter.MAX_LENGTH);
        return buffer.getStringWithoutLengthAscii(0, FloatFormatter.formatOpenMetrics(value, buffer, 0));
    }

    private static Exemplar parsedExemplar(final Exemplar exemplar)
    {
        return exemplar == null ? null : new Exemplar(exemplar.labels(),
            Entry.parsedBits(Double.longBitsToDouble(exemplar.valueBits())), exemplar.hasTimestamp(),
            exemplar.timestampMs());
    }
}
