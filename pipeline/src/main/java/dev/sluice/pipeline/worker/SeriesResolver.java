package dev.sluice.pipeline.worker;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.util.Map;

import dev.sluice.pipeline.record.SampleDescriptor;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.Relabeler;
import dev.sluice.pipeline.series.SeriesCache;
import dev.sluice.pipeline.series.SeriesTable;
import org.agrona.DirectBuffer;

/**
 * Works out what a series new to a target's cache becomes: target labels merged as Prometheus merges them,
 * metric relabel rules applied, limits checked, the result interned. Runs once per new series, so it may allocate.
 * The value it gives is what the cache stores: a series id, {@link SeriesCache#DROPPED}, or a {@link #rejected}
 * code naming the limit the series breaks.
 */
final class SeriesResolver
{
    private static final String EXPORTED_PREFIX = "exported_";

    private final SeriesTable table;
    private final Relabeler relabeler = new Relabeler();
    private final LabelSetBuilder labels = new LabelSetBuilder();

    SeriesResolver(final SeriesTable table)
    {
        this.table = table;
    }

    /** The cache value of a series that fails every scrape it is in, with the reason. */
    static int rejected(final int outcome)
    {
        return SeriesCache.DROPPED - outcome;
    }

    /** The outcome a {@link #rejected} value stands for. */
    static int outcomeOf(final int rejectedValue)
    {
        return SeriesCache.DROPPED - rejectedValue;
    }

    /** Resolves the series of a sample or histogram record from its label bytes (name, then labels). */
    int resolve(final TargetConfig target, final DirectBuffer buffer, final int labelsOffset, final int labelCount)
    {
        load(buffer, labelsOffset, labelCount);
        mergeTargetLabels(target);
        // Prometheus relabels the merged set materialized (labels.Builder.Labels()): labelmap visits every label,
        // target labels too, by name.
        labels.markUnchanged();
        if (!relabeler.process(target.metricRelabelConfigs(), labels))
        {
            return SeriesCache.DROPPED;
        }
        if (labels.get(LabelSetBuilder.METRIC_NAME).isEmpty())
        {
            return rejected(CommitOutcome.NO_METRIC_NAME);
        }
        final int violation = checkLimits(target.limits());
        return violation == CommitOutcome.COMMITTED ? table.intern(labels) : rejected(violation);
    }

    /** The id of a report series of a target, such as {@code up}: the target labels and the name. */
    int internReportSeries(final TargetConfig target, final String name)
    {
        labels.clear();
        for (final Map.Entry<String, String> label : target.targetLabels().entrySet())
        {
            labels.set(label.getKey(), label.getValue());
        }
        labels.set(LabelSetBuilder.METRIC_NAME, name);
        return table.intern(labels);
    }

    private void load(final DirectBuffer buffer, final int labelsOffset, final int labelCount)
    {
        labels.clear();
        int position = labelsOffset;
        final int nameLength = buffer.getInt(position, LITTLE_ENDIAN);
        labels.set(LabelSetBuilder.METRIC_NAME, text(buffer, position, nameLength));
        position += SampleDescriptor.textLength(nameLength);
        for (int i = 0; i < labelCount; i++)
        {
            final int labelNameLength = buffer.getInt(position, LITTLE_ENDIAN);
            final String labelName = text(buffer, position, labelNameLength);
            position += SampleDescriptor.textLength(labelNameLength);
            final int valueLength = buffer.getInt(position, LITTLE_ENDIAN);
            labels.set(labelName, text(buffer, position, valueLength));
            position += SampleDescriptor.textLength(valueLength);
        }
    }

    private static String text(final DirectBuffer buffer, final int prefixOffset, final int length)
    {
        return buffer.getStringWithoutLengthUtf8(prefixOffset + SampleDescriptor.TEXT_LENGTH_PREFIX, length);
    }

    /**
     * Prometheus' {@code mutateSampleLabels}: with {@code honor_labels} a scraped label keeps its value; without, the
     * target label wins and each clashing scraped label moves to {@code exported_<name>} (more prefixes while that
     * name is taken), clashes taken in the order of the target label names.
     */
    private void mergeTargetLabels(final TargetConfig target)
    {
        for (final Map.Entry<String, String> label : target.targetLabels().entrySet())
        {
            final String name = label.getKey();
            final String scraped = labels.get(name);
            if (scraped.isEmpty())
            {
                labels.set(name, label.getValue());
            }
            else if (!target.honorLabels())
            {
                labels.set(name, label.getValue());
                String exported = EXPORTED_PREFIX + name;
                while (!labels.get(exported).isEmpty())
                {
                    exported = EXPORTED_PREFIX + exported;
                }
                labels.set(exported, scraped);
            }
        }
    }

    private int checkLimits(final ScrapeLimits limits)
    {
        if (limits.labelLimit() > 0 && labels.size() > limits.labelLimit())
        {
            return CommitOutcome.LABEL_LIMIT;
        }
        for (int i = 0, n = labels.size(); i < n; i++)
        {
            if (limits.labelNameLengthLimit() > 0 && utf8Length(labels.name(i)) > limits.labelNameLengthLimit())
            {
                return CommitOutcome.LABEL_NAME_LENGTH_LIMIT;
            }
            if (limits.labelValueLengthLimit() > 0 && utf8Length(labels.value(i)) > limits.labelValueLengthLimit())
            {
                return CommitOutcome.LABEL_VALUE_LENGTH_LIMIT;
            }
        }
        return CommitOutcome.COMMITTED;
    }

    /** Bytes of the UTF-8 encoding; an unpaired surrogate counts as the three bytes of its replacement. */
    static int utf8Length(final String text)
    {
        int bytes = 0;
        for (int i = 0, n = text.length(); i < n; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                bytes += 1;
            }
            else if (c < 0x800)
            {
                bytes += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                bytes += 4;
                i++;
            }
            else
            {
                bytes += 3;
            }
        }
        return bytes;
    }
}
