package dev.sluice.pipeline.forward;

/** What the answer of a write endpoint means for the batch that was sent. */
public enum SendVerdict
{
    /** The endpoint took the batch. */
    DELIVERED,
    /** The endpoint could not take it now (5xx, 429 when allowed, no connection, timeout): send it again. */
    RETRY,
    /** The endpoint will never take it (any other 4xx): sending it again cannot help, so it is dropped. */
    REJECTED,
    /** Its newest sample aged past {@code sample_age_limit} before it got through: dropped as too old. */
    EXPIRED
}
