package dev.sluice.pipeline.forward;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sluice.parser.testkit.MiniJson;
import dev.sluice.pipeline.relabel.LabelSetBuilder;

/**
 * Reads every raw sample back from a real time-series database through its own query API, as
 * {@code series -> ["<timestamp ms> <value>", ...]}, series written as {@link LabelSetBuilder#toString()} writes
 * them, values as {@link Double#toString(double)}; so a test compares what a database holds with what Sluice
 * committed, sample for sample.
 */
final class TsdbReadBack
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TsdbReadBack()
    {
    }

    /**
     * Every sample Prometheus holds in the day before {@code atMs}: a range-vector query returns raw samples (stale
     * markers excluded).
     *
     * @param port the Prometheus HTTP port on 127.0.0.1.
     * @param atMs the evaluation time.
     * @return the samples by series.
     * @throws IOException          when the query fails.
     * @throws InterruptedException when interrupted.
     */
    static Map<String, List<String>> prometheus(final int port, final long atMs)
        throws IOException, InterruptedException
    {
        final String query = URLEncoder.encode("{__name__=~\".+\"}[1d]", StandardCharsets.UTF_8);
        final String json = get("http://127.0.0.1:" + port + "/api/v1/query?query=" + query + "&time=" +
            atMs / 1000.0);
        final Map<?, ?> answer = (Map<?, ?>)MiniJson.parse(json);
        final Map<?, ?> data = (Map<?, ?>)answer.get("data");
        final Map<String, List<String>> samples = new TreeMap<>();
        for (final Object entry : (List<?>)data.get("result"))
        {
            final Map<?, ?> series = (Map<?, ?>)entry;
            final List<String> points = new ArrayList<>();
            for (final Object point : (List<?>)series.get("values"))
            {
                final List<?> pair = (List<?>)point;
                points.add(Math.round(((Number)pair.get(0)).doubleValue() * 1000) + " " +
                    parseGoFloat((String)pair.get(1)));
            }
            samples.put(key((Map<?, ?>)series.get("metric")), points);
        }
        return samples;
    }

    /**
     * Every native histogram sample Prometheus holds in the day before {@code atMs} for series matching a selector,
     * from a range-vector query, each as {@code "<timestamp ms> count=<count> sum=<sum>"} and then its non-empty
     * buckets in Prometheus' order (ascending) as {@code " <boundary rule>:<lower>:<upper>:<count>"}, numbers as
     * {@link Double#toString(double)} writes them. The boundary rule is Prometheus': 0 open left, 1 open right, 2
     * open both, 3 closed both.
     *
     * @param port     the Prometheus HTTP port on 127.0.0.1.
     * @param selector a series selector such as {@code {__name__=~"x.+"}}.
     * @param atMs     the evaluation time.
     * @return the histograms by series; series with float samples only are left out.
     * @throws IOException          when the query fails.
     * @throws InterruptedException when interrupted.
     */
    static Map<String, List<String>> prometheusHistograms(final int port, final String selector, final long atMs)
        throws IOException, InterruptedException
    {
        final String query = URLEncoder.encode(selector + "[1d]", StandardCharsets.UTF_8);
        final String json = get("http://127.0.0.1:" + port + "/api/v1/query?query=" + query + "&time=" +
            atMs / 1000.0);
        final Map<?, ?> data = (Map<?, ?>)((Map<?, ?>)MiniJson.parse(json)).get("data");
        final Map<String, List<String>> histograms = new TreeMap<>();
        for (final Object entry : (List<?>)data.get("result"))
        {
            final Map<?, ?> series = (Map<?, ?>)entry;
            final List<?> points = (List<?>)series.get("histograms");
            if (points == null)
            {
                continue;
            }
            final List<String> lines = new ArrayList<>();
            for (final Object point : points)
            {
                final List<?> pair = (List<?>)point;
                final Map<?, ?> histogram = (Map<?, ?>)pair.get(1);
                final StringBuilder line = new StringBuilder()
                    .append(Math.round(((Number)pair.get(0)).doubleValue() * 1000))
                    .append(" count=").append(parseGoFloat((String)histogram.get("count")))
                    .append(" sum=").append(parseGoFloat((String)histogram.get("sum")));
                final List<?> buckets = (List<?>)histogram.get("buckets");
                for (final Object bucket : buckets == null ? List.of() : buckets)
                {
                    final List<?> fields = (List<?>)bucket;
                    line.append(' ').append(((Number)fields.get(0)).intValue())
                        .append(':').append(parseGoFloat((String)fields.get(1)))
                        .append(':').append(parseGoFloat((String)fields.get(2)))
                        .append(':').append(parseGoFloat((String)fields.get(3)));
                }
                lines.add(line.toString());
            }
            histograms.put(key((Map<?, ?>)series.get("metric")), lines);
        }
        return histograms;
    }

    /**
     * The number of series an instant query finds at a time: with Prometheus' 5-minute lookback, a series whose
     * last sample is a staleness marker is not found.
     *
     * @param port  the Prometheus HTTP port on 127.0.0.1.
     * @param query the PromQL query.
     * @param atMs  the evaluation time.
     * @return the number of series in the result.
     * @throws IOException          when the query fails.
     * @throws InterruptedException when interrupted.
     */
    static int prometheusSeriesAt(final int port, final String query, final long atMs)
        throws IOException, InterruptedException
    {
        final String json = get("http://127.0.0.1:" + port + "/api/v1/query?query=" +
            URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time=" + atMs / 1000.0);
        final Map<?, ?> data = (Map<?, ?>)((Map<?, ?>)MiniJson.parse(json)).get("data");
        return ((List<?>)data.get("result")).size();
    }

    /**
     * Every sample VictoriaMetrics holds, through its export API, after asking it to make recent writes searchable.
     * Stale markers, which it keeps as NaN values with a special bit pattern, are left out as Prometheus leaves them
     * out of range queries.
     *
     * @param port the VictoriaMetrics HTTP port on 127.0.0.1.
     * @return the samples by series.
     * @throws IOException          when the export fails.
     * @throws InterruptedException when interrupted.
     */
    static Map<String, List<String>> victoriaMetrics(final int port) throws IOException, InterruptedException
    {
        return victoriaMetrics("http://127.0.0.1:" + port, HTTP);
    }

    /**
     * {@link #victoriaMetrics(int)} for a test that polls until the server holds what it expects: a failed read
     * becomes a one-entry map naming the failure, which no expectation equals, so the poll goes on and its message
     * says why.
     *
     * @param port the VictoriaMetrics HTTP port on 127.0.0.1.
     * @return the samples by series, or {@code read failed} and the exception.
     */
    static Map<String, List<String>> victoriaMetricsOrFailure(final int port)
    {
        return victoriaMetricsOrFailure("http://127.0.0.1:" + port, HTTP);
    }

    /**
     * {@link #victoriaMetricsOrFailure(int)} from a server at any base URL, through the given client.
     *
     * @param base   the server's base URL.
     * @param client the client to read with.
     * @return the samples by series, or {@code read failed} and the exception.
     */
    static Map<String, List<String>> victoriaMetricsOrFailure(final String base, final HttpClient client)
    {
        try
        {
            return victoriaMetrics(base, client);
        }
        catch (final IOException ex)
        {
            return Map.of("read failed", List.of(ex.toString()));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@link #victoriaMetrics(int)} from a server at any base URL, through the given client (one that trusts the
     * server's certificate for https).
     *
     * @param base   such as {@code https://localhost:8428}.
     * @param client the client.
     * @return the samples by series.
     * @throws IOException          when the export fails.
     * @throws InterruptedException when interrupted.
     */
    static Map<String, List<String>> victoriaMetrics(final String base, final HttpClient client)
        throws IOException, InterruptedException
    {
        get(client, base + "/internal/force_flush");
        final String match = URLEncoder.encode("{__name__=~\".+\"}", StandardCharsets.UTF_8);
        final String lines = get(client, base + "/api/v1/export?match[]=" + match);
        final Map<String, List<String>> samples = new TreeMap<>();
        for (final String line : lines.split("\n"))
        {
            if (line.isBlank())
            {
                continue;
            }
            final Map<?, ?> series = (Map<?, ?>)MiniJson.parse(line);
            final List<?> values = (List<?>)series.get("values");
            final List<?> timestamps = (List<?>)series.get("timestamps");
            final List<String> points = samples.computeIfAbsent(key((Map<?, ?>)series.get("metric")),
                k -> new ArrayList<>());
            for (int i = 0; i < values.size(); i++)
            {
                final Object value = values.get(i);
                if (value == null || "NaN".equals(value) || "Stale".equals(value))
                {
                    continue;
                }
                final double v = value instanceof Number ? ((Number)value).doubleValue() : parseGoFloat((String)value);
                points.add(((Number)timestamps.get(i)).longValue() + " " + v);
            }
            points.sort(null);
        }
        samples.values().removeIf(List::isEmpty);
        return samples;
    }

    /**
     * Every exemplar Prometheus holds for series matching a selector between two times, from
     * {@code /api/v1/query_exemplars}, by series, each in {@link CommittedExemplars#exemplar}'s form.
     *
     * @param port     the Prometheus HTTP port on 127.0.0.1.
     * @param selector a series selector.
     * @param startMs  the start of the range.
     * @param endMs    the end of the range.
     * @return the exemplars by series, in the order Prometheus returns them (by timestamp).
     * @throws IOException          when the query fails.
     * @throws InterruptedException when interrupted.
     */
    static Map<String, List<String>> prometheusExemplars(
        final int port, final String selector, final long startMs, final long endMs)
        throws IOException, InterruptedException
    {
        final String json = get("http://127.0.0.1:" + port + "/api/v1/query_exemplars?query=" +
            URLEncoder.encode(selector, StandardCharsets.UTF_8) + "&start=" + startMs / 1000.0 + "&end=" +
            endMs / 1000.0);
        final Map<String, List<String>> exemplars = new TreeMap<>();
        for (final Object entry : (List<?>)((Map<?, ?>)MiniJson.parse(json)).get("data"))
        {
            final Map<?, ?> series = (Map<?, ?>)entry;
            final List<String> list = new ArrayList<>();
            for (final Object item : (List<?>)series.get("exemplars"))
            {
                final Map<?, ?> exemplar = (Map<?, ?>)item;
                final Map<String, String> labels = new TreeMap<>();
                ((Map<?, ?>)exemplar.get("labels")).forEach((k, v) -> labels.put((String)k, (String)v));
                list.add(CommittedExemplars.exemplar(labels, parseGoFloat((String)exemplar.get("value")),
                    Math.round(((Number)exemplar.get("timestamp")).doubleValue() * 1000)));
            }
            exemplars.put(key((Map<?, ?>)series.get("seriesLabels")), list);
        }
        return exemplars;
    }

    private static String key(final Map<?, ?> metric)
    {
        final LabelSetBuilder labels = new LabelSetBuilder();
        for (final Map.Entry<?, ?> label : metric.entrySet())
        {
            labels.set((String)label.getKey(), (String)label.getValue());
        }
        return labels.toString();
    }

    private static double parseGoFloat(final String text)
    {
        switch (text)
        {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(text);
        }
    }

    private static String get(final String url) throws IOException, InterruptedException
    {
        return get(HTTP, url);
    }

    private static String get(final HttpClient client, final String url) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2)
        {
            throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
