package dev.sluice.parser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders every entry of a body as one readable line, so tests compare whole parses in one assertion:
 * {@code SAMPLE name{l="v"} value @ts # {ex="1"} 2 @3 created=4}, {@code TYPE name counter},
 * {@code HELP name text}, {@code UNIT name unit}, {@code COMMENT text}. Label values are shown unescaped.
 */
public final class EntryRenderer
{
    private EntryRenderer()
    {
    }

    /**
     * Parses {@code text} completely with {@code cursor} and renders each entry.
     *
     * @param cursor the cursor to use.
     * @param text   the body.
     * @return one line per entry, END excluded.
     */
    public static List<String> render(final MetricCursor cursor, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        cursor.reset(bytes, 0, bytes.length);
        return renderAll(cursor);
    }

    /**
     * Renders the remaining entries of a cursor that was already reset.
     *
     * @param cursor the cursor.
     * @return one line per entry.
     */
    public static List<String> renderAll(final MetricCursor cursor)
    {
        final List<String> out = new ArrayList<>();
        final TextView view = new TextView();
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            final StringBuilder sb = new StringBuilder(kind.name()).append(' ');
            switch (kind)
            {
                case SAMPLE:
                    sb.append(cursor.name(view)).append('{');
                    for (int i = 0; i < cursor.labelCount(); i++)
                    {
                        sb.append(i == 0 ? "" : ",").append(cursor.labelName(i, view)).append("=\"")
                            .append(cursor.labelValue(i, view)).append('"');
                    }
                    sb.append("} ").append(cursor.value());
                    if (cursor.hasTimestamp())
                    {
                        sb.append(" @").append(cursor.timestampMs());
                    }
                    if (cursor.hasExemplar())
                    {
                        sb.append(" # {");
                        for (int i = 0; i < cursor.exemplarLabelCount(); i++)
                        {
                            sb.append(i == 0 ? "" : ",").append(cursor.exemplarLabelName(i, view)).append("=\"")
                                .append(cursor.exemplarLabelValue(i, view)).append('"');
                        }
                        sb.append("} ").append(cursor.exemplarValue());
                        if (cursor.exemplarHasTimestamp())
                        {
                            sb.append(" @").append(cursor.exemplarTimestampMs());
                        }
                    }
                    if (cursor.hasCreatedTimestamp())
                    {
                        sb.append(" created=").append(cursor.createdTimestampMs());
                    }
                    sb.append(" type=").append(cursor.type().textName());
                    break;
                case TYPE:
                    sb.append(cursor.name(view)).append(' ').append(cursor.type().textName());
                    break;
                case HELP:
                case UNIT:
                    sb.append(cursor.name(view)).append(' ').append(cursor.metadataText(view));
                    break;
                default:
                    sb.append(cursor.metadataText(view));
                    break;
            }
            out.add(sb.toString());
        }
        return out;
    }
}
