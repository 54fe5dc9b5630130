package dev.sluice.protobuf.remote;

/**
 * The order the Remote Write encoders hold a request's series to: one series open at a time, its fields in
 * ascending order of their numbers (the canonical encoding), an exemplar closed before any other field. A step
 * out of order throws {@link IllegalStateException} and changes nothing.
 */
final class SeriesFieldOrder
{
    private final int firstField;
    private final String rule;
    private boolean seriesOpen;
    private boolean exemplarOpen;
    private int lastField;

    /**
     * The order of one version's series.
     *
     * @param firstField number of the first field of a series.
     * @param rule       the order in words, for the error.
     */
    SeriesFieldOrder(final int firstField, final String rule)
    {
        this.firstField = firstField;
        this.rule = rule;
    }

    /** Closes the series and the exemplar, if any is open. */
    void reset()
    {
        seriesOpen = false;
        exemplarOpen = false;
    }

    boolean seriesOpen()
    {
        return seriesOpen;
    }

    int lastField()
    {
        return lastField;
    }

    /** Opens a series, at its first field. */
    void beginSeries()
    {
        if (seriesOpen)
        {
            throw new IllegalStateException("a series is already open");
        }
        seriesOpen = true;
        lastField = firstField;
    }

    /**
     * Moves the open series to a field, which may be the current one again.
     *
     * @param field the field's number.
     * @return the number of the field the series was at.
     */
    int enter(final int field)
    {
        if (!seriesOpen)
        {
            throw new IllegalStateException("no open series");
        }
        if (field < lastField || exemplarOpen)
        {
            throw new IllegalStateException("series field " + field + " after field " + lastField +
                (exemplarOpen ? " with an exemplar open" : "") + "; " + rule);
        }
        final int previous = lastField;
        lastField = field;
        return previous;
    }

    /** Ends the fields of the open series: the field it is at may not come again, nor any field before it. */
    void endFields()
    {
        lastField++;
    }

    /**
     * Moves the open series to its exemplars' field and opens an exemplar.
     *
     * @param field the number of the exemplars' field.
     * @return the number of the field the series was at.
     */
    int beginExemplar(final int field)
    {
        final int previous = enter(field);
        exemplarOpen = true;
        return previous;
    }

    /** Checks that an exemplar is open. */
    void requireExemplar()
    {
        if (!exemplarOpen)
        {
            throw new IllegalStateException("no open exemplar");
        }
    }

    /** Closes the open exemplar. */
    void endExemplar()
    {
        requireExemplar();
        exemplarOpen = false;
    }

    /** Closes the open series, whose exemplars must be closed. */
    void endSeries()
    {
        if (!seriesOpen)
        {
            throw new IllegalStateException("no open series");
        }
        if (exemplarOpen)
        {
            throw new IllegalStateException("an exemplar is still open");
        }
        seriesOpen = false;
    }
}
