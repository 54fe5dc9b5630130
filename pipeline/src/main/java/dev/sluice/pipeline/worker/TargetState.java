package dev.sluice.pipeline.worker;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

import java.util.Arrays;

import dev.sluice.pipeline.record.SampleDescriptor;
import dev.sluice.pipeline.series.SeriesCache;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.IntHashSet;

/**
 * A worker's state for one target: its series cache, the staged samples and histograms of the scrape under way, the
 * series of the last committed scrape (for staleness) and the ids of its report series. Owned by the worker thread.
 *
 * <p>Staged histograms are copied into one off-heap buffer, each entry a series id (4), whether it tracks staleness
 * (4), its timestamp (8), the payload length (4) and the {@link dev.sluice.pipeline.record.HistogramPayload}; the
 * buffer keeps its capacity across scrapes, so a warm target stages histograms without allocating.
 *
 * <p>Exemplar blocks ({@link dev.sluice.pipeline.record.ExemplarDescriptor}) are copied into another such buffer, each
 * a length (4) and the block, and a staged sample or histogram refers to its block by index; the worker's
 * {@link ExemplarFilter} fills in their timestamps and marks what is not sent, in place.
 */
final class TargetState
{
    private static final int INITIAL_STAGE_CAPACITY = 256;
    /** Small, since most targets expose no histogram; the stage doubles as a target's histograms need. */
    private static final int INITIAL_HISTOGRAM_STAGE_BYTES = 256;
    private static final int STAGED_SERIES_ID_OFFSET = 0;
    private static final int STAGED_TRACKS_STALENESS_OFFSET = STAGED_SERIES_ID_OFFSET + SIZE_OF_INT;
    private static final int STAGED_TIMESTAMP_OFFSET = STAGED_TRACKS_STALENESS_OFFSET + SIZE_OF_INT;
    private static final int STAGED_EXEMPLARS_AT_OFFSET = STAGED_TIMESTAMP_OFFSET + SIZE_OF_LONG;
    private static final int STAGED_PAYLOAD_LENGTH_OFFSET = STAGED_EXEMPLARS_AT_OFFSET + SIZE_OF_INT;
    private static final int STAGED_PAYLOAD_OFFSET = STAGED_PAYLOAD_LENGTH_OFFSET + SIZE_OF_INT;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MILLIS_PER_SECOND = 1_000L;
    /** The staged exemplar index of a sample or histogram without exemplars to send. */
    static final int NO_EXEMPLARS = -1;
    /** A report series id that is never interned: the extra series of a target without them. */
    private static final int NO_SERIES = -1;

    final TargetConfig config;
    final SeriesCache cache;
    private final ExemplarFilter exemplarFilter;
    private final int upId;
    private final int durationId;
    private final int samplesScrapedId;
    private final int samplesPostRelabelingId;
    private final int seriesAddedId;
    private final int timeoutId;
    private final int sampleLimitId;
    private final int bodySizeId;
    private final ExpandableDirectByteBuffer stagedHistograms =
        new ExpandableDirectByteBuffer(INITIAL_HISTOGRAM_STAGE_BYTES);
    private final ExpandableDirectByteBuffer stagedExemplars =
        new ExpandableDirectByteBuffer(INITIAL_HISTOGRAM_STAGE_BYTES);
    private IntHashSet previousSeries = new IntHashSet();
    private IntHashSet currentSeries = new IntHashSet();
    private int[] stagedIds = new int[INITIAL_STAGE_CAPACITY];
    private long[] stagedTimestamps = new long[INITIAL_STAGE_CAPACITY];
    private long[] stagedValues = new long[INITIAL_STAGE_CAPACITY];
    private boolean[] stagedTracksStaleness = new boolean[INITIAL_STAGE_CAPACITY];
    private int[] stagedExemplarsAt = new int[INITIAL_STAGE_CAPACITY];
    private int staged;
    private int stagedHistogramBytes;
    private int stagedHistogramCount;
    private int stagedExemplarBytes;
    private boolean active;
    private long scrapeId;
    private long scrapeTimeMs;
    private int outcome;
    private long samplesSeen;
    private int seriesAdded;

    TargetState(final TargetConfig config, final SeriesResolver resolver, final ExemplarFilter exemplarFilter)
    {
        this.config = config;
        this.exemplarFilter = exemplarFilter;
        this.cache = new SeriesCache(config.seriesIdleScrapes());
        upId = resolver.internReportSeries(config, "up");
        durationId = resolver.internReportSeries(config, "scrape_duration_seconds");
        samplesScrapedId = resolver.internReportSeries(config, "scrape_samples_scraped");
        samplesPostRelabelingId = resolver.internReportSeries(config, "scrape_samples_post_metric_relabeling");
        seriesAddedId = resolver.internReportSeries(config, "scrape_series_added");
        final boolean extra = config.extraScrapeMetrics().enabled();
        timeoutId = extra ? resolver.internReportSeries(config, "scrape_timeout_seconds") : NO_SERIES;
        sampleLimitId = extra ? resolver.internReportSeries(config, "scrape_sample_limit") : NO_SERIES;
        bodySizeId = extra ? resolver.internReportSeries(config, "scrape_body_size_bytes") : NO_SERIES;
    }

    boolean isActive()
    {
        return active;
    }

    void begin(final long scrapeId, final long scrapeTimeMs)
    {
        this.scrapeId = scrapeId;
        this.scrapeTimeMs = scrapeTimeMs;
        active = true;
        outcome = CommitOutcome.COMMITTED;
        staged = 0;
        stagedHistogramBytes = 0;
        stagedHistogramCount = 0;
        stagedExemplarBytes = 0;
        samplesSeen = 0;
        seriesAdded = 0;
    }

    long scrapeTimeMs()
    {
        return scrapeTimeMs;
    }

    /** Whether samples still matter: once the scrape has failed, nothing more is staged. */
    boolean isFailing()
    {
        return outcome != CommitOutcome.COMMITTED;
    }

    void countSample()
    {
        samplesSeen++;
    }

    void countSeriesAdded()
    {
        seriesAdded++;
    }

    void fail(final int failure)
    {
        if (outcome == CommitOutcome.COMMITTED)
        {
            outcome = failure;
        }
    }

    /**
     * Copies an exemplar block of a sample or histogram about to be staged and applies the staging rules to it.
     *
     * @return the block's index in the exemplar stage, or {@link #NO_EXEMPLARS} when none of it is to be sent.
     */
    int stageExemplars(
        final DirectBuffer record, final int offset, final int length, final long timestampMs,
        final boolean histogram)
    {
        final int at = stagedExemplarBytes;
        stagedExemplars.putInt(at, length, LITTLE_ENDIAN);
        stagedExemplars.putBytes(at + SIZE_OF_INT, record, offset, length);
        if (exemplarFilter.stage(stagedExemplars, at + SIZE_OF_INT, length, timestampMs, histogram) == 0)
        {
            return NO_EXEMPLARS;
        }
        stagedExemplarBytes = at + SIZE_OF_INT + length;
        return at;
    }

    void stage(
        final int seriesId,
        final long timestampMs,
        final long valueBits,
        final boolean tracksStaleness,
        final int exemplarsAt)
    {
        if (staged == stagedIds.length)
        {
            stagedIds = Arrays.copyOf(stagedIds, staged * 2);
            stagedTimestamps = Arrays.copyOf(stagedTimestamps, staged * 2);
            stagedValues = Arrays.copyOf(stagedValues, staged * 2);
            stagedTracksStaleness = Arrays.copyOf(stagedTracksStaleness, staged * 2);
            stagedExemplarsAt = Arrays.copyOf(stagedExemplarsAt, staged * 2);
        }
        stagedIds[staged] = seriesId;
        stagedTimestamps[staged] = timestampMs;
        stagedValues[staged] = valueBits;
        stagedTracksStaleness[staged] = tracksStaleness;
        stagedExemplarsAt[staged] = exemplarsAt;
        staged++;
        checkSampleLimit();
    }

    /** Stages a histogram by copying its payload; it counts against {@code sample_limit} as a sample does. */
    void stageHistogram(
        final int seriesId,
        final long timestampMs,
        final boolean tracksStaleness,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength,
        final int exemplarsAt)
    {
        final int entry = stagedHistogramBytes;
        stagedHistograms.putInt(entry + STAGED_EXEMPLARS_AT_OFFSET, exemplarsAt, LITTLE_ENDIAN);
        stagedHistograms.putInt(entry + STAGED_SERIES_ID_OFFSET, seriesId, LITTLE_ENDIAN);
        stagedHistograms.putInt(entry + STAGED_TRACKS_STALENESS_OFFSET, tracksStaleness ? 1 : 0, LITTLE_ENDIAN);
        stagedHistograms.putLong(entry + STAGED_TIMESTAMP_OFFSET, timestampMs, LITTLE_ENDIAN);
        stagedHistograms.putInt(entry + STAGED_PAYLOAD_LENGTH_OFFSET, payloadLength, LITTLE_ENDIAN);
        stagedHistograms.putBytes(entry + STAGED_PAYLOAD_OFFSET, payload, payloadOffset, payloadLength);
        stagedHistogramBytes = entry + STAGED_PAYLOAD_OFFSET + payloadLength;
        stagedHistogramCount++;
        checkSampleLimit();
    }

    private void checkSampleLimit()
    {
        final int sampleLimit = config.limits().sampleLimit();
        if (sampleLimit > 0 && staged + stagedHistogramCount > sampleLimit)
        {
            fail(CommitOutcome.SAMPLE_LIMIT);
        }
    }

    /**
     * Closes the scrape: commits its samples, then its histograms, unless it failed, marks stale what disappeared
     * (everything of the last commit when it failed), reports the scrape, and ages the cache.
     *
     * @param failure        {@link CommitOutcome#COMMITTED} when the scraper ended well, else why it failed.
     * @param durationNs     the scrape duration.
     * @param samplesScraped the scraper's count of samples.
     * @param bodySize       the uncompressed body size in bytes, reported only when the scrape committed.
     * @param sink           the consumer.
     * @return the outcome.
     */
    int finish(
        final int failure, final long durationNs, final long samplesScraped, final long bodySize, final SampleSink sink)
    {
        fail(failure);
        final long targetId = config.targetId();
        sink.beginCommit(targetId, scrapeId, outcome);
        final boolean committed = outcome == CommitOutcome.COMMITTED;
        if (committed)
        {
            for (int i = 0; i < staged; i++)
            {
                commitSample(sink, i);
                if (stagedTracksStaleness[i])
                {
                    currentSeries.add(stagedIds[i]);
                }
            }
            commitHistograms(sink);
        }
        final IntHashSet.IntIterator previous = previousSeries.iterator();
        while (previous.hasNext())
        {
            final int seriesId = previous.nextValue();
            if (!currentSeries.contains(seriesId))
            {
                sink.sample(seriesId, scrapeTimeMs, SampleDescriptor.STALE_NAN_BITS);
            }
        }
        final IntHashSet swap = previousSeries;
        previousSeries = currentSeries;
        currentSeries = swap;
        currentSeries.clear();
        report(sink, committed ? 1 : 0, durationNs, samplesScraped, committed ? bodySize : 0);
        sink.endCommit(targetId, scrapeId, outcome);
        cache.endScrape();
        active = false;
        return outcome;
    }

    /** Hands a staged sample to the sink, with the exemplars it has left after the filter's repeat check. */
    private void commitSample(final SampleSink sink, final int i)
    {
        final int seriesId = stagedIds[i];
        final int at = stagedExemplarsAt[i];
        final int length = exemplarsToSend(seriesId, at);
        if (length > 0)
        {
            sink.sampleWithExemplars(seriesId, stagedTimestamps[i], stagedValues[i], stagedExemplars,
                at + SIZE_OF_INT, length);
        }
        else
        {
            sink.sample(seriesId, stagedTimestamps[i], stagedValues[i]);
        }
    }

    /**
     * Hands the staged histograms to the sink in staging order. A histogram series that disappears later gets the
     * float staleness marker, as Prometheus' scrape loop appends it; the native histograms specification makes the
     * float and histogram forms of the marker equivalent.
     */
    private void commitHistograms(final SampleSink sink)
    {
        int entry = 0;
        while (entry < stagedHistogramBytes)
        {
            final int seriesId = stagedHistograms.getInt(entry + STAGED_SERIES_ID_OFFSET, LITTLE_ENDIAN);
            final int payloadLength = stagedHistograms.getInt(entry + STAGED_PAYLOAD_LENGTH_OFFSET, LITTLE_ENDIAN);
            final long timestampMs = stagedHistograms.getLong(entry + STAGED_TIMESTAMP_OFFSET, LITTLE_ENDIAN);
            final int at = stagedHistograms.getInt(entry + STAGED_EXEMPLARS_AT_OFFSET, LITTLE_ENDIAN);
            final int length = exemplarsToSend(seriesId, at);
            if (length > 0)
            {
                sink.histogramWithExemplars(seriesId, timestampMs, stagedHistograms, entry + STAGED_PAYLOAD_OFFSET,
                    payloadLength, stagedExemplars, at + SIZE_OF_INT, length);
            }
            else
            {
                sink.histogram(seriesId, timestampMs, stagedHistograms, entry + STAGED_PAYLOAD_OFFSET, payloadLength);
            }
            if (stagedHistograms.getInt(entry + STAGED_TRACKS_STALENESS_OFFSET, LITTLE_ENDIAN) != 0)
            {
                currentSeries.add(seriesId);
            }
            entry += STAGED_PAYLOAD_OFFSET + payloadLength;
        }
    }

    /**
     * Runs the repeat check on a staged exemplar block being committed.
     *
     * @return the block's length, or 0 when nothing of it is to be sent.
     */
    private int exemplarsToSend(final int seriesId, final int at)
    {
        if (at == NO_EXEMPLARS)
        {
            return 0;
        }
        final int length = stagedExemplars.getInt(at, LITTLE_ENDIAN);
        return exemplarFilter.commit(seriesId, stagedExemplars, at + SIZE_OF_INT, length) > 0 ? length : 0;
    }

    long samplesSeen()
    {
        return samplesSeen;
    }

    private void report(
        final SampleSink sink, final int up, final long durationNs, final long samplesScraped, final long bodySize)
    {
        final long time = scrapeTimeMs;
        sink.sample(upId, time, Double.doubleToRawLongBits(up));
        sink.sample(durationId, time, Double.doubleToRawLongBits((double)durationNs / NANOS_PER_SECOND));
        sink.sample(samplesScrapedId, time, Double.doubleToRawLongBits(samplesScraped));
        sink.sample(samplesPostRelabelingId, time, Double.doubleToRawLongBits(staged + stagedHistogramCount));
        sink.sample(seriesAddedId, time, Double.doubleToRawLongBits(seriesAdded));
        if (timeoutId != NO_SERIES)
        {
            final double timeoutSeconds = (double)config.extraScrapeMetrics().scrapeTimeoutMs() / MILLIS_PER_SECOND;
            sink.sample(timeoutId, time, Double.doubleToRawLongBits(timeoutSeconds));
            sink.sample(sampleLimitId, time, Double.doubleToRawLongBits(config.limits().sampleLimit()));
            sink.sample(bodySizeId, time, Double.doubleToRawLongBits(bodySize));
        }
    }
}
