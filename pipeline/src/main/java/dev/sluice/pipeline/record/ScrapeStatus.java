package dev.sluice.pipeline.record;

/**
 * How a scrape ended, as the scraper saw it; the {@code status} field of {@link ScrapeEndDescriptor}. Every
 * status other than {@link #OK} makes the worker commit none of the scrape's samples.
 */
public final class ScrapeStatus
{
    /** The whole body was parsed and every sample written. */
    public static final int OK = 0;
    /** The body is malformed: the parser stopped at an error. */
    public static final int PARSE_ERROR = 1;
    /** The ring buffer stayed full longer than the back-pressure policy allows. */
    public static final int BACK_PRESSURE = 2;
    /** One sample's record is longer than the ring buffer's largest message. */
    public static final int RECORD_TOO_LONG = 3;
    /** The scraper gave up before the body was read (connection error, timeout, HTTP status). */
    public static final int FETCH_FAILED = 4;

    private ScrapeStatus()
    {
    }

    /**
     * Whether a status lets the worker commit the scrape.
     *
     * @param status a status code.
     * @return true for {@link #OK} only.
     */
    public static boolean isSuccess(final int status)
    {
        return status == OK;
    }

    /**
     * A lower-case name of a status, for logs and tests.
     *
     * @param status a status code.
     * @return its name, or {@code unknown(<code>)}.
     */
    public static String name(final int status)
    {
        switch (status)
        {
            case OK:
                return "ok";
            case PARSE_ERROR:
                return "parse_error";
            case BACK_PRESSURE:
                return "back_pressure";
            case RECORD_TOO_LONG:
                return "record_too_long";
            case FETCH_FAILED:
                return "fetch_failed";
            default:
                return "unknown(" + status + ")";
        }
    }
}
