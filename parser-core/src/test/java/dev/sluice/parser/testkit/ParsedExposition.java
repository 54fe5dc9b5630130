package dev.sluice.parser.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.sluice.parser.EntryKind;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.TextView;

/**
 * A whole exposition body read with a Sluice cursor into plain objects, for assertions in tests. Allocates
 * freely: this is test code, never the hot path.
 */
public final class ParsedExposition
{
    /**
     * One sample as the cursor reported it.
     *
     * @param name        series name as written.
     * @param labels      labels in input order, values unescaped.
     * @param value       sample value.
     * @param type        type of the family it belongs to.
     * @param timestampMs timestamp in milliseconds, or null when absent.
     * @param createdMs   created timestamp in milliseconds (OpenMetrics {@code _created} samples), or null.
     */
    public record Sample(
        String name, Map<String, String> labels, double value, MetricType type, Long timestampMs, Long createdMs)
    {
        /**
         * A label value.
         *
         * @param labelName the label.
         * @return its value, or null when the sample lacks it.
         */
        public String label(final String labelName)
        {
            return labels.get(labelName);
        }
    }

    private final ExpositionFormat format;
    private final List<Sample> samples;

    private ParsedExposition(final ExpositionFormat format, final List<Sample> samples)
    {
        this.format = format;
        this.samples = Collections.unmodifiableList(samples);
    }

    /**
     * Parses a whole body, up to {@link EntryKind#END}; a malformed body throws the cursor's
     * {@link dev.sluice.parser.ParseException}.
     *
     * @param format the format to read it as.
     * @param body   the bytes.
     * @return the samples.
     */
    public static ParsedExposition parse(final ExpositionFormat format, final byte[] body)
    {
        final MetricCursor cursor = MetricCursors.create(format).reset(body, 0, body.length);
        final TextView view = new TextView();
        final List<Sample> samples = new ArrayList<>();
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind != EntryKind.SAMPLE)
            {
                continue;
            }
            final Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 0; i < cursor.labelCount(); i++)
            {
                labels.put(cursor.labelName(i, view).toString(), cursor.labelValue(i, view).toString());
            }
            samples.add(new Sample(cursor.name(view).toString(), Collections.unmodifiableMap(labels),
                cursor.value(), cursor.type(), cursor.hasTimestamp() ? cursor.timestampMs() : null,
                cursor.hasCreatedTimestamp() ? cursor.createdTimestampMs() : null));
        }
        return new ParsedExposition(format, samples);
    }

    /**
     * The exposition format a scrape response declares in its {@code Content-Type}: OpenMetrics for
     * {@code application/openmetrics-text}, Prometheus text for {@code text/plain} (with or without
     * {@code version=0.0.4}).
     *
     * @param contentType the header value.
     * @return the format, or empty for any other media type or a text version other than 0.0.4.
     */
    public static Optional<ExpositionFormat> formatOfContentType(final String contentType)
    {
        final String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        final String mediaType = parts[0].trim();
        String version = null;
        for (int i = 1; i < parts.length; i++)
        {
            final String parameter = parts[i].trim();
            if (parameter.startsWith("version="))
            {
                version = parameter.substring("version=".length()).trim();
            }
        }
        if ("application/openmetrics-text".equals(mediaType))
        {
            return Optional.of(ExpositionFormat.OPENMETRICS);
        }
        if ("text/plain".equals(mediaType) && (version == null || "0.0.4".equals(version)))
        {
            return Optional.of(ExpositionFormat.PROMETHEUS_TEXT);
        }
        return Optional.empty();
    }

    /**
     * The format the body was read as.
     *
     * @return the format.
     */
    public ExpositionFormat format()
    {
        return format;
    }

    /**
     * All samples in input order.
     *
     * @return the samples.
     */
    public List<Sample> samples()
    {
        return samples;
    }

    /**
     * The samples with a given series name.
     *
     * @param name series name as written.
     * @return the matching samples, in input order.
     */
    public List<Sample> named(final String name)
    {
        return find(sample -> sample.name().equals(name));
    }

    /**
     * The samples that match a predicate.
     *
     * @param filter the predicate.
     * @return the matching samples, in input order.
     */
    public List<Sample> find(final Predicate<Sample> filter)
    {
        final List<Sample> found = new ArrayList<>();
        for (final Sample sample : samples)
        {
            if (filter.test(sample))
            {
                found.add(sample);
            }
        }
        return found;
    }
}
