package dev.sluice.jmh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;

/**
 * A large, deterministic protobuf exposition of native histograms made up for benchmarks, written with the
 * generated {@code MetricFamily} classes as delimited messages: request-duration and size families of many
 * services, each series one histogram with
 * <ul>
 *     <li>a schema from -4 to 8, a zero bucket (threshold {@code 2^-128} or {@code 0.001}) with a count;</li>
 *     <li>positive buckets in 1 to 6 spans separated by gaps, and in one histogram out of three negative ones
 *     too;</li>
 *     <li>integer counts as deltas, or in one histogram out of five float counts;</li>
 *     <li>in one histogram out of eight, classic buckets too (as a Go client writes both), and in one out of four
 *     a timestamp.</li>
 * </ul>
 * Counts are consistent: the count is the zero count plus every bucket count, and never 0. The same seed and
 * histogram count always give the same bytes. Made in memory by a benchmark's setup, never stored.
 */
public final class SyntheticNativeHistograms
{
    /** Seed of the standard exposition. */
    public static final long STANDARD_SEED = 20_261_205L;
    /** Histogram count of the standard exposition. */
    public static final int STANDARD_HISTOGRAMS = 6_000;

    private static final int HISTOGRAMS_PER_FAMILY = 100;
    private static final String[] FAMILY_PREFIXES = {"http_server_request_duration_seconds",
        "http_server_response_size_bytes", "rpc_client_duration_seconds", "db_query_duration_seconds"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    private static final double[] CLASSIC_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final long SCRAPE_TIME_MS = 1_763_900_000_000L;
    private static final double MIN_ZERO_THRESHOLD = 0x1p-128;

    private final byte[] protobuf;
    private final int histogramCount;
    private final int sampleCount;

    private SyntheticNativeHistograms(final byte[] protobuf, final int histogramCount, final int sampleCount)
    {
        this.protobuf = protobuf;
        this.histogramCount = histogramCount;
        this.sampleCount = sampleCount;
    }

    /**
     * The standard exposition: {@link #STANDARD_SEED}, {@link #STANDARD_HISTOGRAMS}.
     *
     * @return a newly generated exposition.
     */
    public static SyntheticNativeHistograms standard()
    {
        return generate(STANDARD_SEED, STANDARD_HISTOGRAMS);
    }

    /**
     * Generates an exposition.
     *
     * @param seed       seed of the pseudo-random choices.
     * @param histograms number of histograms, in families of up to {@value #HISTOGRAMS_PER_FAMILY}.
     * @return the exposition.
     */
    public static SyntheticNativeHistograms generate(final long seed, final int histograms)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(histograms * 1024);
        int samples = 0;
        try
        {
            for (int first = 0; first < histograms; first += HISTOGRAMS_PER_FAMILY)
            {
                final int familyIndex = first / HISTOGRAMS_PER_FAMILY;
                final String name = FAMILY_PREFIXES[familyIndex % FAMILY_PREFIXES.length] + "_" +
                    familyIndex / FAMILY_PREFIXES.length;
                final Metrics.MetricFamily.Builder family = Metrics.MetricFamily.newBuilder().setName(name)
                    .setHelp("Native histogram " + name + ".").setType(Metrics.MetricType.HISTOGRAM);
                for (int i = first; i < Math.min(histograms, first + HISTOGRAMS_PER_FAMILY); i++)
                {
                    final Metrics.Histogram.Builder histogram = newHistogram(random);
                    // The native histogram is one sample; classic buckets add theirs, +Inf, _sum and _count.
                    samples += 1 + (histogram.getBucketCount() > 0 ? histogram.getBucketCount() + 3 : 0);
                    final Metrics.Metric.Builder metric = Metrics.Metric.newBuilder()
                        .addLabel(label("service", "service-" + i % 37))
                        .addLabel(label("method", METHODS[i % METHODS.length]))
                        .addLabel(label("instance", "10.1." + i / 250 + "." + i % 250 + ":8080"))
                        .setHistogram(histogram);
                    if (random.nextInt(4) == 0)
                    {
                        metric.setTimestampMs(SCRAPE_TIME_MS - random.nextInt(15_000));
                    }
                    family.addMetric(metric);
                }
                family.build().writeDelimitedTo(out);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return new SyntheticNativeHistograms(out.toByteArray(), histograms, samples);
    }

    /**
     * The delimited {@code MetricFamily} messages.
     *
     * @return the bytes (shared; do not modify).
     */
    public byte[] protobuf()
    {
        return protobuf;
    }

    /**
     * Number of native histograms.
     *
     * @return the histogram count.
     */
    public int histogramCount()
    {
        return histogramCount;
    }

    /**
     * Number of samples as the protobuf cursor counts them: one per native histogram, plus the classic series of
     * the histograms that also have classic buckets.
     *
     * @return the sample count.
     */
    public int sampleCount()
    {
        return sampleCount;
    }

    private static Metrics.Histogram.Builder newHistogram(final SplittableRandom random)
    {
        final boolean floatCounts = random.nextInt(5) == 0;
        final long zeroCount = random.nextInt(4) == 0 ? 0 : random.nextInt(200);
        final Metrics.Histogram.Builder histogram = Metrics.Histogram.newBuilder()
            .setSchema(random.nextInt(-4, 9))
            .setZeroThreshold(random.nextBoolean() ? MIN_ZERO_THRESHOLD : 0.001);
        long count = zeroCount;
        count += addBuckets(random, histogram, true, floatCounts);
        if (random.nextInt(3) == 0)
        {
            count += addBuckets(random, histogram, false, floatCounts);
        }
        if (floatCounts)
        {
            histogram.setZeroCountFloat(zeroCount).setSampleCountFloat(count);
        }
        else
        {
            histogram.setZeroCount(zeroCount).setSampleCount(count);
        }
        histogram.setSampleSum(count * (0.1 + random.nextDouble()));
        if (random.nextInt(8) == 0)
        {
            long cumulative = 0;
            for (final double bound : CLASSIC_BOUNDS)
            {
                cumulative += random.nextLong(1 + (count - cumulative) / 2);
                histogram.addBucket(Metrics.Bucket.newBuilder().setUpperBound(bound).setCumulativeCount(cumulative));
            }
        }
        return histogram;
    }

    /**
     * Adds positive or negative spans with gaps between them and a count per bucket, as deltas or float counts.
     *
     * @return the sum of the bucket counts.
     */
    private static long addBuckets(
        final SplittableRandom random, final Metrics.Histogram.Builder histogram, final boolean positive,
        final boolean floatCounts)
    {
        final int spans = 1 + random.nextInt(6);
        long previous = 0;
        long total = 0;
        for (int s = 0; s < spans; s++)
        {
            final int offset = s == 0 ? random.nextInt(-20, 20) : 1 + random.nextInt(6);
            final int length = 1 + random.nextInt(40);
            final Metrics.BucketSpan span = Metrics.BucketSpan.newBuilder().setOffset(offset).setLength(length).build();
            if (positive)
            {
                histogram.addPositiveSpan(span);
            }
            else
            {
                histogram.addNegativeSpan(span);
            }
            for (int b = 0; b < length; b++)
            {
                // The first bucket is never empty: a float histogram whose count is 0 reads as an integer one.
                final long bucketCount = s == 0 && b == 0 || random.nextInt(10) != 0 ? 1 + random.nextInt(5_000) : 0;
                total += bucketCount;
                if (floatCounts && positive)
                {
                    histogram.addPositiveCount(bucketCount);
                }
                else if (floatCounts)
                {
                    histogram.addNegativeCount(bucketCount);
                }
                else if (positive)
                {
                    histogram.addPositiveDelta(bucketCount - previous);
                }
                else
                {
                    histogram.addNegativeDelta(bucketCount - previous);
                }
                previous = bucketCount;
            }
        }
        return total;
    }

    private static Metrics.LabelPair label(final String name, final String value)
    {
        return Metrics.LabelPair.newBuilder().setName(name).setValue(value).build();
    }
}
