package dev.sluice.protobuf.exposition;

import org.agrona.ExpandableArrayBuffer;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.TextView;

/**
 * Reads every field of every entry the way a collector would (name, labels copied out, value, timestamps, all
 * exemplars, the native histogram with its buckets walked) with reused objects only, and folds what it read into a
 * number so that nothing can be optimised away.
 */
final class FieldReader
{
    private final TextView view = new TextView();
    private final NativeHistogramView histogram = new NativeHistogramView();
    private final ExpandableArrayBuffer copy = new ExpandableArrayBuffer(4096);

    /** Reads a body to its end; returns the fold of all fields. */
    long readBody(final MetricCursor cursor, final byte[] body, final int offset, final int length)
    {
        cursor.reset(body, offset, length);
        long sink = 0;
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            sink += readEntry(cursor, kind);
        }
        return sink;
    }

    long readEntry(final MetricCursor cursor, final EntryKind kind)
    {
        long sink = cursor.name(view).unescapeTo(copy, 0) + cursor.type().ordinal();
        if (kind != EntryKind.SAMPLE && kind != EntryKind.HISTOGRAM)
        {
            return sink + cursor.metadataText(view).unescapeTo(copy, 0);
        }
        for (int i = 0, n = cursor.labelCount(); i < n; i++)
        {
            sink += cursor.labelName(i, view).unescapeTo(copy, 0);
            sink += cursor.labelValue(i, view).unescapeTo(copy, 0);
        }
        sink += Double.doubleToRawLongBits(cursor.value());
        sink += cursor.hasTimestamp() ? cursor.timestampMs() : 1;
        sink += cursor.hasCreatedTimestamp() ? cursor.createdTimestampMs() : 2;
        sink += cursor.seriesOffset() + cursor.seriesLength();
        for (int e = 0, n = cursor.exemplarCount(); e < n; e++)
        {
            cursor.selectExemplar(e);
            for (int i = 0, labels = cursor.exemplarLabelCount(); i < labels; i++)
            {
                sink += cursor.exemplarLabelName(i, view).unescapeTo(copy, 0);
                sink += cursor.exemplarLabelValue(i, view).unescapeTo(copy, 0);
            }
            sink += Double.doubleToRawLongBits(cursor.exemplarValue());
            sink += cursor.exemplarHasTimestamp() ? cursor.exemplarTimestampMs() : 3;
        }
        if (kind == EntryKind.HISTOGRAM)
        {
            sink += readHistogram(cursor.histogram(histogram));
        }
        return sink;
    }

    private static long readHistogram(final NativeHistogramView h)
    {
        long sink = h.schema() + h.count() + h.zeroCount() + h.resetHint().ordinal();
        sink += Double.doubleToRawLongBits(h.sum() + h.zeroThreshold() + h.floatCount() + h.floatZeroCount());
        sink += readSide(h.positive()) + readSide(h.negative());
        return sink;
    }

    private static long readSide(final NativeHistogramView.Buckets side)
    {
        long sink = side.bucketCount();
        for (int i = 0; i < side.spanCount(); i++)
        {
            sink += side.spanOffset(i) * 31L + side.spanLength(i);
        }
        final NativeHistogramView.Buckets walk = side.iterate();
        while (walk.next())
        {
            sink += walk.index() + walk.integerCount() + Double.doubleToRawLongBits(walk.count());
        }
        return sink;
    }
}
