package dev.sluice.parser.write;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.TextView;

/**
 * Renders every entry of a parse as one line that keeps exactly what a writer must preserve: names and label
 * values unescaped, values as raw IEEE-754 bits, timestamps, exemplars, metadata texts.
 */
final class EntryRecords
{
    private EntryRecords()
    {
    }

    /**
     * Parses a body and renders its entries.
     *
     * @param cursor            the cursor to parse with.
     * @param body              the body.
     * @param keepExemplars     false for a target format without exemplars.
     * @param keepUnits         false for a target format without units.
     * @param keepComments      false for a target format without comments.
     * @return one line per entry, END excluded.
     */
    static List<String> of(
        final MetricCursor cursor,
        final byte[] body,
        final boolean keepExemplars,
        final boolean keepUnits,
        final boolean keepComments)
    {
        final List<String> records = new ArrayList<>();
        final TextView view = new TextView();
        cursor.reset(body, 0, body.length);
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            final StringBuilder line = new StringBuilder(kind.name()).append(' ');
            switch (kind)
            {
                case SAMPLE:
                    sample(cursor, view, line, keepExemplars);
                    break;
                case TYPE:
                    line.append(cursor.name(view)).append(' ').append(cursor.type());
                    break;
                case UNIT:
                    if (!keepUnits)
                    {
                        continue;
                    }
                    line.append(cursor.name(view)).append(' ').append(cursor.metadataText(view));
                    break;
                case COMMENT:
                    if (!keepComments)
                    {
                        continue;
                    }
                    line.append(cursor.metadataText(view));
                    break;
                default:
                    line.append(cursor.name(view)).append(' ').append(cursor.metadataText(view));
                    break;
            }
            records.add(line.toString());
        }
        return records;
    }

    private static void sample(
        final MetricCursor cursor, final TextView view, final StringBuilder line, final boolean keepExemplars)
    {
        line.append(cursor.name(view)).append('{');
        for (int i = 0; i < cursor.labelCount(); i++)
        {
            line.append(cursor.labelName(i, view)).append("=\"").append(cursor.labelValue(i, view)).append("\",");
        }
        line.append("} ").append(Long.toHexString(Double.doubleToRawLongBits(cursor.value())))
            .append(" type=").append(cursor.type());
        if (cursor.hasTimestamp())
        {
            line.append(" @").append(cursor.timestampMs());
        }
        if (cursor.hasCreatedTimestamp())
        {
            line.append(" created=").append(cursor.createdTimestampMs());
        }
        if (keepExemplars && cursor.hasExemplar())
        {
            line.append(" # {");
            for (int i = 0; i < cursor.exemplarLabelCount(); i++)
            {
                line.append(cursor.exemplarLabelName(i, view)).append("=\"")
                    .append(cursor.exemplarLabelValue(i, view)).append("\",");
            }
            line.append("} ").append(Long.toHexString(Double.doubleToRawLongBits(cursor.exemplarValue())));
            if (cursor.exemplarHasTimestamp())
            {
                line.append(" @").append(cursor.exemplarTimestampMs());
            }
        }
    }
}
