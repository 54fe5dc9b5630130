package dev.sluice.pipeline.relabel;

import java.util.Arrays;

import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.TextView;
import dev.sluice.parser.name.NameValidationScheme;

/**
 * A reusable, mutable set of labels, {@code __name__} included, that relabeling works on: Prometheus'
 * {@code labels.Builder}. Labels are kept sorted by name in UTF-8 byte order, as Prometheus sorts them; a label
 * with an empty value does not exist, so setting one deletes it and {@link #get} answers {@code ""} for a missing
 * label.
 *
 * <p>The builder remembers which labels were set since it was loaded or {@linkplain #markUnchanged() marked
 * unchanged}, and in which order, because Prometheus' {@code labelmap} visits unchanged labels first (by name), then
 * set ones (in the order they were first set); when two labels map to the same new name, the last visited wins.
 *
 * <p>Names and values are {@code String}s: relabeling runs once per new series, where clarity counts more than the
 * few strings it makes. Arrays grow as needed and are kept across {@link #clear()}. Not thread-safe.
 */
public final class LabelSetBuilder
{
    /** Name of the label that holds the metric name. */
    public static final String METRIC_NAME = "__name__";

    private static final int INITIAL_CAPACITY = 16;

    private final TextView nameView = new TextView();
    private final TextView valueView = new TextView();
    private String[] names = new String[INITIAL_CAPACITY];
    private String[] values = new String[INITIAL_CAPACITY];
    /** 0 for a label unchanged since the builder was loaded, else the position of its first set among set labels. */
    private long[] setOrder = new long[INITIAL_CAPACITY];
    private int size;
    private long setCount;

    /**
     * Removes every label.
     *
     * @return this builder.
     */
    public LabelSetBuilder clear()
    {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        setCount = 0;
        return this;
    }

    /**
     * Loads the series of the current sample of a cursor: {@code __name__} and every label, labels with an empty value
     * left out, all marked unchanged.
     *
     * @param cursor a cursor whose last {@link MetricCursor#next()} returned a sample.
     * @return this builder.
     */
    public LabelSetBuilder load(final MetricCursor cursor)
    {
        clear();
        set(METRIC_NAME, cursor.name(nameView).toString());
        for (int i = 0, n = cursor.labelCount(); i < n; i++)
        {
            set(cursor.labelName(i, nameView).toString(), cursor.labelValue(i, valueView).toString());
        }
        return markUnchanged();
    }

    /**
     * Marks every label unchanged, as if the builder had just been loaded with its current labels (Prometheus'
     * {@code labels.NewBuilder(builder.Labels())}).
     *
     * @return this builder.
     */
    public LabelSetBuilder markUnchanged()
    {
        Arrays.fill(setOrder, 0, size, 0L);
        setCount = 0;
        return this;
    }

    /**
     * Sets a label, or deletes it when the value is empty.
     *
     * @param name  the label name, not checked against any scheme.
     * @param value the value; {@code ""} deletes the label.
     * @return this builder.
     */
    public LabelSetBuilder set(final String name, final String value)
    {
        if (value.isEmpty())
        {
            return delete(name);
        }
        final int index = indexOf(name);
        if (index >= 0)
        {
            values[index] = value;
            if (setOrder[index] == 0)
            {
                setOrder[index] = ++setCount;
            }
            return this;
        }
        insert(-index - 1, name, value);
        return this;
    }

    /**
     * Deletes a label if present.
     *
     * @param name the label name.
     * @return this builder.
     */
    public LabelSetBuilder delete(final String name)
    {
        final int index = indexOf(name);
        if (index >= 0)
        {
            final int tail = size - index - 1;
            System.arraycopy(names, index + 1, names, index, tail);
            System.arraycopy(values, index + 1, values, index, tail);
            System.arraycopy(setOrder, index + 1, setOrder, index, tail);
            size--;
            names[size] = null;
            values[size] = null;
        }
        return this;
    }

    /**
     * Value of a label.
     *
     * @param name the label name.
     * @return the value, or {@code ""} when the label is absent.
     */
    public String get(final String name)
    {
        final int index = indexOf(name);
        return index >= 0 ? values[index] : "";
    }

    /**
     * Number of labels.
     *
     * @return the count, {@code __name__} included when present.
     */
    public int size()
    {
        return size;
    }

    /**
     * Name of a label in sorted order.
     *
     * @param index 0-based, below {@link #size()}.
     * @return the name.
     */
    public String name(final int index)
    {
        return names[index];
    }

    /**
     * Value of a label in sorted order.
     *
     * @param index 0-based, below {@link #size()}.
     * @return the value, never empty.
     */
    public String value(final int index)
    {
        return values[index];
    }

    /**
     * The labels in Prometheus' notation, such as {@code {__name__="up", job="node"}}: values quoted as Go quotes
     * them, names quoted only when they are not legacy label names.
     *
     * @return the text.
     */
    @Override
    public String toString()
    {
        final StringBuilder out = new StringBuilder().append('{');
        for (int i = 0; i < size; i++)
        {
            if (i > 0)
            {
                out.append(", ");
            }
            final String name = names[i];
            out.append(NameValidationScheme.LEGACY.isValidLabelName(name) ? name : GoStringLiteral.quote(name))
                .append('=').append(GoStringLiteral.quote(values[i]));
        }
        return out.append('}').toString();
    }

    /**
     * Copies the labels in the order Prometheus' {@code labels.Builder.Range} visits them: unchanged labels by name,
     * then set labels in the order they were first set.
     *
     * @param namesOut  receives the names; room for {@link #size()} entries.
     * @param valuesOut receives the values; room for {@link #size()} entries.
     * @return the number of labels copied.
     */
    int copyInVisitOrder(final String[] namesOut, final String[] valuesOut)
    {
        int n = 0;
        for (int i = 0; i < size; i++)
        {
            if (setOrder[i] == 0)
            {
                namesOut[n] = names[i];
                valuesOut[n++] = values[i];
            }
        }
        // Set orders are unique and a relabel pass sets few labels, so a scan per order is cheap.
        for (long order = 1; order <= setCount && n < size; order++)
        {
            for (int i = 0; i < size; i++)
            {
                if (setOrder[i] == order)
                {
                    namesOut[n] = names[i];
                    valuesOut[n++] = values[i];
                    break;
                }
            }
        }
        return n;
    }

    private void insert(final int index, final String name, final String value)
    {
        if (size == names.length)
        {
            final int capacity = size * 2;
            names = Arrays.copyOf(names, capacity);
            values = Arrays.copyOf(values, capacity);
            setOrder = Arrays.copyOf(setOrder, capacity);
        }
        final int tail = size - index;
        System.arraycopy(names, index, names, index + 1, tail);
        System.arraycopy(values, index, values, index + 1, tail);
        System.arraycopy(setOrder, index, setOrder, index + 1, tail);
        names[index] = name;
        values[index] = value;
        setOrder[index] = ++setCount;
        size++;
    }

    /** Binary search by UTF-8 byte order: the index when found, else {@code -(insertion point) - 1}. */
    private int indexOf(final String name)
    {
        int low = 0;
        int high = size - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final int cmp = compareUtf8(names[mid], name);
            if (cmp < 0)
            {
                low = mid + 1;
            }
            else if (cmp > 0)
            {
                high = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return -(low + 1);
    }

    /**
     * Compares two strings in the order of their UTF-8 encodings, which is code point order. UTF-16 order differs
     * only where a surrogate meets a char from U+E000 up, so those are moved into place before comparing.
     */
    static int compareUtf8(final String a, final String b)
    {
        final int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++)
        {
            final char ca = a.charAt(i);
            final char cb = b.charAt(i);
            if (ca != cb)
            {
                return codePointOrderKey(ca) - codePointOrderKey(cb);
            }
        }
        return a.length() - b.length();
    }

    private static int codePointOrderKey(final char c)
    {
        if (c >= 0xE000)
        {
            return c - 0x800;
        }
        return Character.isSurrogate(c) ? c + 0x2000 : c;
    }
}
