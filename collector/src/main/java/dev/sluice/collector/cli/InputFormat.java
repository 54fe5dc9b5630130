package dev.sluice.collector.cli;

import java.util.Locale;

import org.agrona.DirectBuffer;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.FormatDetector;

/** The {@code --format} option of {@code parse} and {@code bench}: a fixed exposition format, or detection. */
enum InputFormat
{
    /** Detect the format from the content of the input. */
    AUTO(null),
    /** Prometheus text 0.0.4 / 1.0.0. */
    TEXT(ExpositionFormat.PROMETHEUS_TEXT),
    /** OpenMetrics 1.0 text. */
    OPENMETRICS(ExpositionFormat.OPENMETRICS),
    /** Delimited protobuf {@code MetricFamily} messages. */
    PROTOBUF(ExpositionFormat.PROTOBUF);

    private final ExpositionFormat format;

    InputFormat(final ExpositionFormat format)
    {
        this.format = format;
    }

    /**
     * The format to parse a body with.
     *
     * @param body   the input.
     * @param offset first byte of the input.
     * @param length number of bytes of the input.
     * @return the fixed format, or the detected one for {@link #AUTO}.
     */
    ExpositionFormat resolve(final DirectBuffer body, final int offset, final int length)
    {
        return format != null ? format : FormatDetector.detect(body, offset, length);
    }

    /**
     * The spelling on the command line, also shown in help.
     *
     * @return the lower-case name.
     */
    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
