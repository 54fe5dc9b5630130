package dev.sluice.pipeline.forward;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.agrona.concurrent.UnsafeBuffer;

import dev.sluice.parser.MetricType;
import dev.sluice.parser.number.FloatFormatter;
import dev.sluice.parser.write.PrometheusTextWriter;

/**
 * Writes the counters of write endpoints as Prometheus text 0.0.4, under the names and labels Prometheus gives its
 * own remote-write queues ({@code prometheus_remote_storage_*}, labels {@code remote_name} and {@code url}), so that
 * dashboards and alerts built for Prometheus read Sluice as they are. A {@code /metrics} handler calls
 * {@link #write} with its writer.
 *
 * <p>Where Sluice differs: {@code samples_in_total} and {@code highest_timestamp_in_seconds}, global in Prometheus,
 * are per endpoint here; {@code samples_dropped_total} has the reasons {@code dropped_series} (write relabeling),
 * {@code too_old}, {@code queue_full} (no free batch), {@code durable_full} and {@code abandoned} (unsent at close),
 * and counts native histograms too, which {@code histograms_dropped_total} counts alone; {@code samples_pending}
 * counts histograms too; {@code samples_total} counts delivered samples, where Prometheus counts the samples of every
 * attempt. Timestamps are 0 before the first sample, as in Prometheus.
 *
 * <p>A scrape allocates nothing once the writer's buffer has grown: the families are a fixed table, the labels the
 * endpoints' own strings, the values read from the counters.
 */
public final class RemoteStorageExposition
{
    private static final String PREFIX = "prometheus_remote_storage_";
    private static final String NO_REASON = null;
    private static final Family[] FAMILIES = {
        counter("samples_in_total", "Samples and histograms offered to the endpoint.",
            series(NO_REASON, m -> m.samplesIn())),
        counter("samples_total", "Samples delivered to the endpoint.",
            series(NO_REASON, m -> m.samplesSent() - m.histogramsSent())),
        counter("histograms_total", "Native histograms delivered to the endpoint.",
            series(NO_REASON, m -> m.histogramsSent())),
        counter("bytes_total", "Compressed request body bytes delivered to the endpoint.",
            series(NO_REASON, m -> m.bytesSent())),
        counter("samples_failed_total", "Samples the endpoint rejected for good.",
            series(NO_REASON, m -> m.samplesFailed() - m.histogramsFailed())),
        counter("histograms_failed_total", "Native histograms the endpoint rejected for good.",
            series(NO_REASON, m -> m.histogramsFailed())),
        counter("samples_retried_total", "Samples sent again after a recoverable failure.",
            series(NO_REASON, m -> m.samplesRetried() - m.histogramsRetried())),
        counter("histograms_retried_total", "Native histograms sent again after a recoverable failure.",
            series(NO_REASON, m -> m.histogramsRetried())),
        counter("samples_dropped_total", "Samples and histograms not sent, by reason.",
            series("dropped_series", m -> m.samplesDroppedByRelabel()),
            series("too_old", m -> m.samplesDroppedTooOld()),
            series("queue_full", m -> m.samplesDropped()),
            series("durable_full", m -> m.samplesDroppedDurableFull()),
            series("abandoned", m -> m.samplesAbandoned())),
        counter("histograms_dropped_total", "Native histograms not sent, whatever the reason.",
            series(NO_REASON, m -> m.histogramsDropped())),
        counter("exemplars_total", "Exemplars delivered to the endpoint (with send_exemplars).",
            series(NO_REASON, m -> m.exemplarsSent())),
        counter("exemplars_failed_total", "Exemplars the endpoint rejected for good.",
            series(NO_REASON, m -> m.exemplarsFailed())),
        counter("exemplars_dropped_total", "Exemplars not sent because their sample was not sent.",
            series(NO_REASON, m -> m.exemplarsDropped())),
        counter("metadata_total", "Metadata entries delivered in Remote Write 1.0 metadata requests.",
            series(NO_REASON, m -> m.metadataSent())),
        counter("metadata_failed_total", "Metadata entries the endpoint rejected for good.",
            series(NO_REASON, m -> m.metadataFailed())),
        counter("enqueue_retries_total", "Batches a shard held back while the endpoint resharded.",
            series(NO_REASON, m -> m.enqueueRetries())),
        gauge("samples_pending", "Samples and histograms in sealed batches not yet delivered or given up.",
            series(NO_REASON, m -> m.samplesPending())),
        gauge("highest_timestamp_in_seconds", "Newest timestamp offered to the endpoint.",
            series(NO_REASON, m -> seconds(m.highestTimestampInMs()))),
        gauge("queue_highest_sent_timestamp_seconds", "Newest timestamp delivered to the endpoint.",
            series(NO_REASON, m -> seconds(m.highestSentTimestampMs()))),
        gauge("shards", "Shards running.", series(NO_REASON, m -> m.shards())),
        gauge("shards_desired", "Shards the last estimate asked for.", series(NO_REASON, m -> m.shardsDesired())),
        gauge("shards_min", "Least shards to run.", series(NO_REASON, m -> m.shardsMin())),
        gauge("shards_max", "Most shards to run.", series(NO_REASON, m -> m.shardsMax())),
        gauge("shard_capacity", "Samples each shard buffers.", series(NO_REASON, m -> m.shardCapacity())),
    };
    private static final String DURATION = PREFIX + "sent_batch_duration_seconds";
    private static final String DURATION_BUCKET = DURATION + "_bucket";
    private static final String DURATION_SUM = DURATION + "_sum";
    private static final String DURATION_COUNT = DURATION + "_count";
    /** The buckets' {@code le} values, formatted as Go formats them ({@code 1}, not {@code 1.0}). */
    private static final String[] BOUNDS = bounds();

    private final WriteEndpoint[] endpoints;

    /**
     * Creates the exposition of a fixed set of endpoints.
     *
     * @param endpoints the endpoints, in the order their series are written.
     */
    public RemoteStorageExposition(final List<WriteEndpoint> endpoints)
    {
        this.endpoints = endpoints.toArray(new WriteEndpoint[0]);
    }

    /**
     * Appends every family, with one series per endpoint (and reason), to the writer's body.
     *
     * @param writer the writer of the response body; {@link PrometheusTextWriter#finish()} is the caller's.
     */
    public void write(final PrometheusTextWriter writer)
    {
        for (final Family family : FAMILIES)
        {
            writer.help(family.name, family.help).type(family.name, family.type);
            for (final WriteEndpoint endpoint : endpoints)
            {
                for (final Series series : family.series)
                {
                    labels(writer.beginSample(family.name), endpoint);
                    if (series.reason != null)
                    {
                        writer.label("reason", series.reason);
                    }
                    writer.endSample(series.value.applyAsDouble(endpoint.metrics()));
                }
            }
        }
        writeDurations(writer);
    }

    private void writeDurations(final PrometheusTextWriter writer)
    {
        writer.help(DURATION, "Duration of send attempts.").type(DURATION, MetricType.HISTOGRAM);
        for (final WriteEndpoint endpoint : endpoints)
        {
            final SendDurations durations = endpoint.metrics().sentBatchDuration();
            for (int bucket = 0; bucket < durations.bucketCount(); bucket++)
            {
                labels(writer.beginSample(DURATION_BUCKET), endpoint).label("le", BOUNDS[bucket])
                    .endSample(durations.cumulativeCount(bucket));
            }
            final long count = durations.count();
            labels(writer.beginSample(DURATION_BUCKET), endpoint).label("le", "+Inf").endSample(count);
            labels(writer.beginSample(DURATION_SUM), endpoint).endSample(durations.sumSeconds());
            labels(writer.beginSample(DURATION_COUNT), endpoint).endSample(count);
        }
    }

    private static PrometheusTextWriter labels(final PrometheusTextWriter writer, final WriteEndpoint endpoint)
    {
        return writer.label("remote_name", endpoint.name()).label("url", endpoint.url());
    }

    private static double seconds(final long timestampMs)
    {
        return timestampMs == Long.MIN_VALUE ? 0 : timestampMs / 1000.0;
    }

    private static String[] bounds()
    {
        final SendDurations durations = new SendDurations();
        final String[] bounds = new String[durations.bucketCount()];
        final UnsafeBuffer text = new UnsafeBuffer(new byte[FloatFormatter.MAX_LENGTH]);
        for (int i = 0; i < bounds.length; i++)
        {
            final int length = FloatFormatter.formatGo(durations.upperBound(i), text, 0);
            bounds[i] = text.getStringWithoutLengthAscii(0, length);
        }
        return bounds;
    }

    private static Family counter(final String name, final String help, final Series... series)
    {
        return new Family(PREFIX + name, MetricType.COUNTER, help, series);
    }

    private static Family gauge(final String name, final String help, final Series... series)
    {
        return new Family(PREFIX + name, MetricType.GAUGE, help, series);
    }

    private static Series series(final String reason, final ToDoubleFunction<ForwarderMetrics> value)
    {
        return new Series(reason, value);
    }

    /** One metric family: its full name, type, help text and series per endpoint. */
    private record Family(String name, MetricType type, String help, Series[] series)
    {
    }

    /** One series per endpoint: its {@code reason} label, or none, and where its value comes from. */
    private record Series(String reason, ToDoubleFunction<ForwarderMetrics> value)
    {
    }
}
