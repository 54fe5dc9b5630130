package dev.sluice.parser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders every entry of a body as one readable line, so tests compare whole parses in one assertion:
 * {@code SAMPLE name{l="v"} value @ts # {ex="1"} 2 @3 created=4}, {@code TYPE name counter},
 * {@code HELP name text}, {@code UNIT name unit}, {@code COMMENT text}, and for a native histogram
 * {@code HISTOGRAM name{l="v"} {schema=... positive=[index:count,...] ...}} (see {@link #histogram}). Label values
 * are shown unescaped; every exemplar of an entry is shown.
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
     * Parses {@code text} with {@code cursor} and renders each entry; when the body is rejected, the entries before
     * the error are followed by {@code ERROR} and the error's reason (its position left out).
     *
     * @param cursor the cursor to use.
     * @param text   the body.
     * @return one line per entry, and one for the error if any.
     */
    public static List<String> renderUpToError(final MetricCursor cursor, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        cursor.reset(bytes, 0, bytes.length);
        final List<String> out = new ArrayList<>();
        try
        {
            EntryKind kind;
            while ((kind = cursor.next()) != EntryKind.END)
            {
                out.add(renderCurrent(cursor, kind));
            }
        }
        catch (final ParseException ex)
        {
            out.add("ERROR " + ex.reason());
        }
        return out;
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
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            out.add(renderCurrent(cursor, kind));
        }
        return out;
    }

    /** The entry the cursor is on, of the given kind, as one line. */
    private static String renderCurrent(final MetricCursor cursor, final EntryKind kind)
    {
        final TextView view = new TextView();
        final StringBuilder sb = new StringBuilder(kind.name()).append(' ');
        switch (kind)
        {
            case SAMPLE:
                appendSeries(sb, cursor, view).append(cursor.value());
                appendSampleTail(sb, cursor, view);
                break;
            case HISTOGRAM:
                appendSeries(sb, cursor, view).append(histogram(cursor.histogram(new NativeHistogramView())));
                appendSampleTail(sb, cursor, view);
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
        return sb.toString();
    }

    /** {@code name{l="v",...} } */
    private static StringBuilder appendSeries(final StringBuilder sb, final MetricCursor cursor, final TextView view)
    {
        sb.append(cursor.name(view)).append('{');
        for (int i = 0; i < cursor.labelCount(); i++)
        {
            sb.append(i == 0 ? "" : ",").append(cursor.labelName(i, view)).append("=\"")
                .append(cursor.labelValue(i, view)).append('"');
        }
        return sb.append("} ");
    }

    /** Timestamp, every exemplar, created timestamp and type. */
    private static void appendSampleTail(final StringBuilder sb, final MetricCursor cursor, final TextView view)
    {
        if (cursor.hasTimestamp())
        {
            sb.append(" @").append(cursor.timestampMs());
        }
        for (int e = 0; e < cursor.exemplarCount(); e++)
        {
            cursor.selectExemplar(e);
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
        cursor.selectExemplar(0);
        if (cursor.hasCreatedTimestamp())
        {
            sb.append(" created=").append(cursor.createdTimestampMs());
        }
        sb.append(" type=").append(cursor.type().textName());
    }

    /**
     * A native histogram on one line: {@code {schema=0 zeroThreshold=0.001 zeroCount=4 count=22 sum=37.5
     * hint=UNKNOWN negative=[0:1,1:2] positive=[-2:3,-1:2,0:6,3:1,4:3]}}, counts as {@code 1.5} for float
     * histograms, buckets as absolute index and count (so two span layouts of the same buckets look the same).
     *
     * @param h the histogram.
     * @return the line.
     */
    public static String histogram(final NativeHistogramView h)
    {
        final StringBuilder sb = new StringBuilder("{schema=").append(h.schema())
            .append(" zeroThreshold=").append(h.zeroThreshold())
            .append(" zeroCount=").append(h.isFloat() ? Double.toString(h.floatZeroCount()) :
                Long.toUnsignedString(h.zeroCount()))
            .append(" count=").append(h.isFloat() ? Double.toString(h.floatCount()) :
                Long.toUnsignedString(h.count()))
            .append(" sum=").append(h.sum())
            .append(" hint=").append(h.resetHint());
        appendBuckets(sb.append(" negative="), h.negative(), h.isFloat());
        appendBuckets(sb.append(" positive="), h.positive(), h.isFloat());
        for (int i = 0; i < h.customValueCount(); i++)
        {
            sb.append(i == 0 ? " customValues=" : ",").append(h.customValue(i));
        }
        return sb.append('}').toString();
    }

    private static void appendBuckets(
        final StringBuilder sb, final NativeHistogramView.Buckets buckets, final boolean isFloat)
    {
        sb.append('[');
        final NativeHistogramView.Buckets walk = buckets.iterate();
        for (int i = 0; walk.next(); i++)
        {
            sb.append(i == 0 ? "" : ",").append(walk.index()).append(':');
            if (isFloat)
            {
                sb.append(walk.count());
            }
            else
            {
                sb.append(walk.integerCount());
            }
        }
        sb.append(']');
    }
}
