package dev.sluice.pipeline.worker;

/**
 * The per-scrape limits of a target, as Prometheus' scrape config names them; 0 means no limit. Lengths count
 * UTF-8 bytes, as Go's {@code len} of a string does. Breaking any limit fails the whole scrape: nothing of it is
 * committed, {@code up} is 0 and the target's series go stale.
 *
 * @param sampleLimit           {@code sample_limit}: most samples kept after metric relabeling.
 * @param labelLimit            {@code label_limit}: most labels of a series after relabeling, {@code __name__}
 *                              included.
 * @param labelNameLengthLimit  {@code label_name_length_limit}: longest label name in bytes.
 * @param labelValueLengthLimit {@code label_value_length_limit}: longest label value in bytes.
 */
public record ScrapeLimits(int sampleLimit, int labelLimit, int labelNameLengthLimit, int labelValueLengthLimit)
{
    /** No limit at all, Prometheus' default. */
    public static final ScrapeLimits NONE = new ScrapeLimits(0, 0, 0, 0);

    /**
     * Checks the limits are not negative.
     *
     * @param sampleLimit           most samples.
     * @param labelLimit            most labels.
     * @param labelNameLengthLimit  longest name.
     * @param labelValueLengthLimit longest value.
     */
    public ScrapeLimits
    {
        if (sampleLimit < 0 || labelLimit < 0 || labelNameLengthLimit < 0 || labelValueLengthLimit < 0)
        {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
