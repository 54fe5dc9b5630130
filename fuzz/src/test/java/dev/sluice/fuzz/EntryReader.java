package dev.sluice.fuzz;

import org.agrona.ExpandableArrayBuffer;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.ParseException;
import dev.sluice.parser.TextView;
import dev.sluice.parser.number.FloatFormatter;

/**
 * Drives a cursor over one body and reads every field of every entry (each field the contract defines for the
 * entry's kind), as a collector would, checking on the way
 * what the cursor contract promises: at most one entry per input byte plus one, views inside their buffers and
 * agreeing on their unescaped length, the raw series bytes inside the body (their offset counted from the body's
 * first byte), END again after END, and for a rejected body a {@link ParseException} of the cursor's format whose
 * position lies within the body. Everything
 * read is folded into a digest, so that no read can be optimised away and two parses can be compared.
 *
 * <p>Reading allocates nothing once the scratch buffer has the body's size: the allocation budget of a fuzz input
 * is left to the cursor.
 */
final class EntryReader
{
    /** What {@link #read} returns for a body the cursor rejected. */
    static final long REJECTED = -1;

    private final TextView view = new TextView();
    private final NativeHistogramView histogram = new NativeHistogramView();
    private final ExpandableArrayBuffer unescaped = new ExpandableArrayBuffer(256);

    /**
     * Grows the scratch space for bodies of up to {@code length} bytes; call it before measuring a read.
     *
     * @param length the body length.
     * @return this reader.
     */
    EntryReader prepare(final int length)
    {
        unescaped.checkLimit(length + FloatFormatter.MAX_LENGTH);
        return this;
    }

    /**
     * Parses {@code [offset, offset + length)} of {@code bytes} to the end.
     *
     * @param cursor the cursor to drive.
     * @param bytes  array holding the body.
     * @param offset first byte of the body.
     * @param length number of bytes of the body.
     * @return a digest of everything read, never {@link #REJECTED} for an accepted body; {@link #REJECTED} when the
     *         cursor threw {@link ParseException}.
     */
    long read(final MetricCursor cursor, final byte[] bytes, final int offset, final int length)
    {
        cursor.reset(bytes, offset, length);
        long digest = length;
        int entries = 0;
        try
        {
            EntryKind kind;
            while ((kind = cursor.next()) != EntryKind.END)
            {
                entries++;
                if (entries > length + 1)
                {
                    throw new AssertionError("more entries than input bytes plus one: the cursor does not advance");
                }
                digest = mix(digest, kind.ordinal());
                digest = mix(digest, cursor.type().ordinal());
                digest = entry(digest, cursor, kind, length);
            }
        }
        catch (final ParseException ex)
        {
            checkError(cursor, ex, length);
            return REJECTED;
        }
        if (cursor.next() != EntryKind.END)
        {
            throw new AssertionError("next() after END did not return END");
        }
        return digest == REJECTED ? 0 : digest;
    }

    /** Reads the fields that apply to the entry's kind; the contract leaves the others undefined. */
    private long entry(final long digestSoFar, final MetricCursor cursor, final EntryKind kind, final int length)
    {
        switch (kind)
        {
            case SAMPLE:
                return sample(text(digestSoFar, cursor.name(view)), cursor, length);
            case HISTOGRAM:
                return histogram(sample(text(digestSoFar, cursor.name(view)), cursor, length), cursor);
            case TYPE:
                return text(digestSoFar, cursor.name(view));
            case HELP:
            case UNIT:
                return text(text(digestSoFar, cursor.name(view)), cursor.metadataText(view));
            default:
                return text(digestSoFar, cursor.metadataText(view));
        }
    }

    private long sample(final long digestSoFar, final MetricCursor cursor, final int length)
    {
        long digest = digestSoFar;
        final int labels = cursor.labelCount();
        if (labels < 0)
        {
            throw new AssertionError("negative label count " + labels);
        }
        for (int i = 0; i < labels; i++)
        {
            digest = text(digest, cursor.labelName(i, view));
            digest = text(digest, cursor.labelValue(i, view));
        }
        digest = mix(digest, Double.doubleToRawLongBits(cursor.value()));
        digest = mix(digest, cursor.hasTimestamp() ? cursor.timestampMs() : 1);
        digest = exemplars(digest, cursor);
        digest = mix(digest, cursor.hasCreatedTimestamp() ? cursor.createdTimestampMs() : 1);
        final int seriesOffset = cursor.seriesOffset();
        final int seriesLength = cursor.seriesLength();
        if (seriesOffset < 0 || seriesLength < 0 || seriesOffset + seriesLength > length)
        {
            throw new AssertionError("series bytes [" + seriesOffset + ", +" + seriesLength + ") outside the body of " +
                length + " bytes");
        }
        return mix(digest, seriesLength);
    }

    /** Reads every exemplar of the entry: as many as {@code exemplarCount()} says, and no more. */
    private long exemplars(final long digestSoFar, final MetricCursor cursor)
    {
        final int count = cursor.exemplarCount();
        if ((count > 0) != cursor.hasExemplar())
        {
            throw new AssertionError(count + " exemplars, but hasExemplar() is " + cursor.hasExemplar());
        }
        long digest = mix(digestSoFar, count);
        for (int e = 0; e < count; e++)
        {
            if (!cursor.selectExemplar(e))
            {
                throw new AssertionError("exemplar " + e + " of " + count + " cannot be selected");
            }
            for (int i = 0, n = cursor.exemplarLabelCount(); i < n; i++)
            {
                digest = text(digest, cursor.exemplarLabelName(i, view));
                digest = text(digest, cursor.exemplarLabelValue(i, view));
            }
            digest = mix(digest, Double.doubleToRawLongBits(cursor.exemplarValue()));
            digest = mix(digest, cursor.exemplarHasTimestamp() ? cursor.exemplarTimestampMs() : 1);
        }
        if (cursor.selectExemplar(count))
        {
            throw new AssertionError("exemplar " + count + " selected, but there are " + count);
        }
        return digest;
    }

    /** Reads a native histogram; its spans must cover as many buckets as it has counts. */
    private long histogram(final long digestSoFar, final MetricCursor cursor)
    {
        final NativeHistogramView h = cursor.histogram(histogram);
        long digest = mix(digestSoFar, h.schema());
        digest = mix(digest, Double.doubleToRawLongBits(h.zeroThreshold()));
        digest = mix(digest, h.isFloat() ? Double.doubleToRawLongBits(h.floatCount()) : h.count());
        digest = mix(digest, h.isFloat() ? Double.doubleToRawLongBits(h.floatZeroCount()) : h.zeroCount());
        digest = mix(digest, Double.doubleToRawLongBits(h.sum()));
        digest = mix(digest, h.resetHint().ordinal());
        digest = buckets(digest, h.positive(), h.isFloat());
        digest = buckets(digest, h.negative(), h.isFloat());
        for (int i = 0, n = h.customValueCount(); i < n; i++)
        {
            digest = mix(digest, Double.doubleToRawLongBits(h.customValue(i)));
        }
        return digest;
    }

    private static long buckets(final long digestSoFar, final NativeHistogramView.Buckets side, final boolean isFloat)
    {
        long digest = digestSoFar;
        for (int i = 0, n = side.spanCount(); i < n; i++)
        {
            digest = mix(mix(digest, side.spanOffset(i)), side.spanLength(i));
        }
        final int counts = isFloat ? side.floatBucketCount() : side.deltaCount();
        if (counts != side.bucketCount())
        {
            throw new AssertionError("spans cover " + side.bucketCount() + " buckets, " + counts + " counts given");
        }
        for (int i = 0; i < counts; i++)
        {
            digest = mix(digest, isFloat ? Double.doubleToRawLongBits(side.floatBucket(i)) : side.delta(i));
        }
        return digest;
    }

    private long text(final long digestSoFar, final TextView text)
    {
        final int offset = text.offset();
        final int rawLength = text.length();
        if (offset < 0 || rawLength < 0 || offset + rawLength > text.buffer().capacity())
        {
            throw new AssertionError("view [" + offset + ", +" + rawLength + ") outside its buffer of " +
                text.buffer().capacity() + " bytes");
        }
        final int length = text.unescapeTo(unescaped, 0);
        if (length != text.unescapedLength() || length > rawLength)
        {
            throw new AssertionError("unescaped " + length + " bytes, unescapedLength() says " +
                text.unescapedLength() + ", raw length " + rawLength);
        }
        long digest = mix(digestSoFar, length);
        for (int i = 0; i < length; i++)
        {
            digest = mix(digest, unescaped.getByte(i));
        }
        return digest;
    }

    /** The error names the cursor's format and a position in the body: line and column 0 for a binary format. */
    private static void checkError(final MetricCursor cursor, final ParseException ex, final int length)
    {
        final boolean binary = cursor.format() == ExpositionFormat.PROTOBUF;
        final boolean lineAndColumn = binary ? ex.line() == 0 && ex.column() == 0 :
            ex.line() >= 1 && ex.column() >= 1 && ex.column() <= ex.offset() + 1;
        if (ex.format() != cursor.format() || ex.offset() < 0 || ex.offset() > length || !lineAndColumn)
        {
            throw new AssertionError("error position outside the body of " + length + " bytes: " + ex.getMessage(), ex);
        }
    }

    private static long mix(final long digest, final long value)
    {
        return (digest ^ value) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }
}
