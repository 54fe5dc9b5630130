package dev.sluice.pipeline.worker;

/**
 * How a relabel worker closed a scrape, passed to {@link SampleSink}: committed whole, or failed and committed
 * nothing but staleness markers and the report series.
 */
public final class CommitOutcome
{
    /** Every kept sample was committed. */
    public static final int COMMITTED = 0;
    /** The scraper ended the scrape with a failure status (fetch, parse, back-pressure). */
    public static final int SCRAPE_FAILED = 1;
    /** More samples were kept after relabeling than {@code sample_limit}. */
    public static final int SAMPLE_LIMIT = 2;
    /** A series had more labels than {@code label_limit}. */
    public static final int LABEL_LIMIT = 3;
    /** A label name was longer than {@code label_name_length_limit}. */
    public static final int LABEL_NAME_LENGTH_LIMIT = 4;
    /** A label value was longer than {@code label_value_length_limit}. */
    public static final int LABEL_VALUE_LENGTH_LIMIT = 5;
    /** A series had no {@code __name__} after relabeling. */
    public static final int NO_METRIC_NAME = 6;
    /** The end record never came: the next scrape of the target began first. */
    public static final int END_LOST = 7;

    private CommitOutcome()
    {
    }

    /**
     * A lower-case name of an outcome, for logs and tests.
     *
     * @param outcome an outcome code.
     * @return its name.
     */
    public static String name(final int outcome)
    {
        switch (outcome)
        {
            case COMMITTED:
                return "committed";
            case SCRAPE_FAILED:
                return "scrape_failed";
            case SAMPLE_LIMIT:
                return "sample_limit";
            case LABEL_LIMIT:
                return "label_limit";
            case LABEL_NAME_LENGTH_LIMIT:
                return "label_name_length_limit";
            case LABEL_VALUE_LENGTH_LIMIT:
                return "label_value_length_limit";
            case NO_METRIC_NAME:
                return "no_metric_name";
            case END_LOST:
                return "end_lost";
            default:
                return "unknown(" + outcome + ")";
        }
    }
}
