package dev.sluice.parser;

import org.agrona.DirectBuffer;

/**
 * A pull parser over one exposition body, the same for every format. Call {@link #reset} with the body, then
 * {@link #next()} until it returns {@link EntryKind#END}; after each call, the accessors describe the current
 * entry. Nothing is copied or allocated per entry: names, labels and texts are flyweight {@link TextView}s
 * over the input bytes, which the caller passes in and may reuse.
 *
 * <p>Every accessor is valid only until the next call to {@link #next()} or {@link #reset}. Accessors that do
 * not apply to the current entry kind return neutral values (0, {@code false}, {@code NaN}) and must not be
 * relied on. A cursor is not thread-safe; use one per thread and reuse it across bodies.
 *
 * <p>Malformed input makes {@link #next()} throw {@link ParseException}; after that the cursor must be
 * {@link #reset} before further use.
 */
public interface MetricCursor
{
    /**
     * Starts parsing a new body held in a buffer, on or off heap. The buffer is read, never written, and must
     * not change until parsing ends.
     *
     * @param buffer the bytes.
     * @param offset index of the first byte of the body.
     * @param length number of bytes of the body; nothing past it is read.
     * @return this cursor.
     */
    MetricCursor reset(DirectBuffer buffer, int offset, int length);

    /**
     * Starts parsing a new body held in a heap array, without copying it.
     *
     * @param bytes  the bytes.
     * @param offset index of the first byte of the body.
     * @param length number of bytes of the body; nothing past it is read.
     * @return this cursor.
     */
    MetricCursor reset(byte[] bytes, int offset, int length);

    /**
     * Advances to the next entry.
     *
     * @return the kind of the entry now current; {@link EntryKind#END} at the end, and forever after.
     * @throws ParseException when the input is malformed.
     */
    EntryKind next();

    /**
     * The format this cursor reads.
     *
     * @return the format.
     */
    ExpositionFormat format();

    /**
     * Type of the metric family the current entry belongs to: from the {@code TYPE} entry for {@link
     * EntryKind#TYPE}, from the last matching {@code TYPE} line for samples, {@link MetricType#UNTYPED} when
     * none applies.
     *
     * @return the family type.
     */
    MetricType type();

    /**
     * Fills {@code view} with the name of the current entry: the series name exactly as written for a sample
     * ({@code _total}, {@code _bucket}, ... kept), the family name for TYPE, HELP and UNIT.
     *
     * @param view the view to fill.
     * @return {@code view}.
     */
    TextView name(TextView view);

    /**
     * Number of labels of the current sample, {@code __name__} excluded.
     *
     * @return the label count.
     */
    int labelCount();

    /**
     * Fills {@code view} with the name of a label of the current sample.
     *
     * @param index 0-based, below {@link #labelCount()}; labels keep their input order.
     * @param view  the view to fill.
     * @return {@code view}.
     */
    TextView labelName(int index, TextView view);

    /**
     * Fills {@code view} with the value of a label of the current sample. {@code le} of histogram families
     * and {@code quantile} of summary families are normalised to their float form as Prometheus does
     * ({@code 1} becomes {@code 1.0}); the view then points into a scratch buffer of the cursor.
     *
     * @param index 0-based, below {@link #labelCount()}.
     * @param view  the view to fill.
     * @return {@code view}.
     */
    TextView labelValue(int index, TextView view);

    /**
     * Value of the current sample.
     *
     * @return the value, bit-exact as parsed.
     */
    double value();

    /**
     * Whether the current sample has a timestamp.
     *
     * @return true when {@link #timestampMs()} is meaningful.
     */
    boolean hasTimestamp();

    /**
     * Timestamp of the current sample in milliseconds since the epoch (OpenMetrics seconds times 1000 in
     * double arithmetic, truncated toward zero).
     *
     * @return the timestamp.
     */
    long timestampMs();

    /**
     * Whether the current sample carries an exemplar.
     *
     * @return true when the exemplar accessors are meaningful.
     */
    boolean hasExemplar();

    /**
     * Number of labels of the exemplar of the current sample.
     *
     * @return the count.
     */
    int exemplarLabelCount();

    /**
     * Fills {@code view} with the name of an exemplar label.
     *
     * @param index 0-based, below {@link #exemplarLabelCount()}.
     * @param view  the view to fill.
     * @return {@code view}.
     */
    TextView exemplarLabelName(int index, TextView view);

    /**
     * Fills {@code view} with the value of an exemplar label.
     *
     * @param index 0-based, below {@link #exemplarLabelCount()}.
     * @param view  the view to fill.
     * @return {@code view}.
     */
    TextView exemplarLabelValue(int index, TextView view);

    /**
     * Value of the exemplar.
     *
     * @return the value.
     */
    double exemplarValue();

    /**
     * Whether the exemplar has a timestamp.
     *
     * @return true when {@link #exemplarTimestampMs()} is meaningful.
     */
    boolean exemplarHasTimestamp();

    /**
     * Exemplar timestamp in milliseconds.
     *
     * @return the timestamp.
     */
    long exemplarTimestampMs();

    /**
     * Number of exemplars of the current entry. A text sample carries at most one; a protobuf native histogram
     * may carry a list. The exemplar accessors describe the first one until {@link #selectExemplar} picks another.
     *
     * @return the count, 0 when {@link #hasExemplar()} is false.
     */
    default int exemplarCount()
    {
        return hasExemplar() ? 1 : 0;
    }

    /**
     * Makes the exemplar accessors ({@link #exemplarValue()}, its labels and timestamp) describe one exemplar of
     * the current entry.
     *
     * @param index 0-based, below {@link #exemplarCount()}.
     * @return true when the exemplar exists and is now described, false when {@code index} is out of range.
     */
    default boolean selectExemplar(final int index)
    {
        return index == 0 && hasExemplar();
    }

    /**
     * Whether a created timestamp is known for the current sample. In OpenMetrics text the {@code _created}
     * sample itself reports it (its value in seconds, here in milliseconds), so nothing is read ahead; in
     * protobuf every sample of a metric with a created timestamp reports it.
     *
     * @return true when {@link #createdTimestampMs()} is meaningful.
     */
    boolean hasCreatedTimestamp();

    /**
     * Created timestamp in milliseconds since the epoch.
     *
     * @return the timestamp.
     */
    long createdTimestampMs();

    /**
     * Fills {@code view} with the native histogram of the current {@link EntryKind#HISTOGRAM} entry. For any
     * other entry, and in formats that have no native histograms, the view is cleared.
     *
     * @param view the view to fill; it keeps no reference to the input.
     * @return {@code view}.
     */
    NativeHistogramView histogram(NativeHistogramView view);

    /**
     * Fills {@code view} with the text of a HELP, UNIT or COMMENT entry, escapes unresolved.
     *
     * @param view the view to fill.
     * @return {@code view}.
     */
    TextView metadataText(TextView view);

    /**
     * Index in the buffer of the raw bytes that identify the current sample's series (name and label set as
     * written), for hashing without decoding.
     *
     * @return the index.
     */
    int seriesOffset();

    /**
     * Length of the raw series bytes, see {@link #seriesOffset()}.
     *
     * @return the length.
     */
    int seriesLength();
}
