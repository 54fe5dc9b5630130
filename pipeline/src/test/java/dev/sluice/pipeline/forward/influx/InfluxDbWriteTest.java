package dev.sluice.pipeline.forward.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.sluice.parser.testkit.DebianServers;
import dev.sluice.parser.testkit.LocalServerProcess;
import dev.sluice.parser.testkit.MiniJson;
import dev.sluice.pipeline.forward.BatchSender;
import dev.sluice.pipeline.forward.EncodedBatch;
import dev.sluice.pipeline.forward.ForwarderMetrics;
import dev.sluice.pipeline.forward.HttpWriteConnection;
import dev.sluice.pipeline.forward.RetryBackoff;
import dev.sluice.pipeline.forward.SendVerdict;
import dev.sluice.pipeline.forward.TestEventLoop;
import dev.sluice.pipeline.record.SampleDescriptor;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batches encoded by {@link LineProtocolEncoder} and sent by {@link BatchSender} to a real InfluxDB 1.x read back
 * through its query API with every tag, field and time as written; InfluxDB's rejections come out as
 * {@link SendVerdict#REJECTED} with the batch's samples counted as failed.
 */
class InfluxDbWriteTest
{
    private static final String DATABASE = "sluice";
    private static final long TARGET = 1;
    private static final String SCRAPE_URL = "http://127.0.0.1:9100/metrics";
    private static final long TIME_MS = 1_700_000_000_000L;

    private static LocalServerProcess influxdb;

    private final SeriesTable table = new SeriesTable();
    private final TargetUrls urls = new TargetUrls();
    private final EncodedBatch batch = new EncodedBatch();
    private final ForwarderMetrics metrics = new ForwarderMetrics();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private HttpWriteConnection connection;

    @BeforeAll
    static void startInfluxDb()
    {
        influxdb = LocalServerProcess.start(DebianServers.influxdb());
        final HttpResponse<byte[]> created = influxdb.send("POST", "/query?q=" + encode("CREATE DATABASE " + DATABASE),
            "application/x-www-form-urlencoded", new byte[0]);
        assertEquals(200, created.statusCode(), () -> new String(created.body(), StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopInfluxDb()
    {
        if (influxdb != null)
        {
            influxdb.close();
        }
    }

    @AfterEach
    void closeConnection()
    {
        if (connection != null)
        {
            connection.close();
        }
    }

    private static String encode(final String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private void append(final LineProtocolEncoder encoder, final long timestampMs, final double value,
        final String... pairs)
    {
        final LabelSetBuilder labels = new LabelSetBuilder();
        for (int i = 0; i < pairs.length; i += 2)
        {
            labels.set(pairs[i], pairs[i + 1]);
        }
        final int id = table.intern(labels);
        encoder.append(batch, TARGET, table.buffer(), table.recordOffset(id), timestampMs,
            Double.doubleToRawLongBits(value));
    }

    private SendVerdict send(final LineProtocolEncoder encoder, final InfluxEndpoint endpoint)
        throws InterruptedException
    {
        encoder.finish(batch);
        final HttpHeaders headers = new DefaultHttpHeaders();
        encoder.headers(headers);
        endpoint.headers(headers);
        final byte[] body = new byte[batch.length()];
        batch.body().getBytes(0, body);
        connection = new HttpWriteConnection(TestEventLoop.group(), endpoint.writeUrl(), Duration.ofSeconds(10));
        final BatchSender sender = new BatchSender(connection,
            new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(100)), false, metrics, log::add);
        return sender.send(Unpooled.wrappedBuffer(body), headers, batch.samples());
    }

    private static InfluxEndpoint endpoint(final String database)
    {
        return InfluxEndpoint.v1(influxdb.uri(""), database, null, TimestampPrecision.MILLISECONDS, null, null);
    }

    /** The rows of a measurement as column to value (numbers as doubles), nulls left out, ordered by time. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(final String measurement)
    {
        final HttpResponse<byte[]> answer = influxdb.get("/query?db=" + DATABASE + "&epoch=ms&q=" +
            encode("SELECT * FROM \"" + measurement + "\""), null);
        final String text = new String(answer.body(), StandardCharsets.UTF_8);
        assertEquals(200, answer.statusCode(), text);
        final Map<String, Object> result =
            ((List<Map<String, Object>>)((Map<String, Object>)MiniJson.parse(text)).get("results")).get(0);
        final List<Map<String, Object>> series = (List<Map<String, Object>>)result.get("series");
        assertEquals(1, series.size(), text);
        assertEquals(measurement, series.get(0).get("name"), text);
        final List<Object> columns = (List<Object>)series.get(0).get("columns");
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (final Object values : (List<Object>)series.get(0).get("values"))
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++)
            {
                final Object value = ((List<Object>)values).get(i);
                if (value != null)
                {
                    row.put((String)columns.get(i), value instanceof Number ? ((Number)value).doubleValue() : value);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> row(final long timestampMs, final Object... columnsAndValues)
    {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("time", (double)timestampMs);
        for (int i = 0; i < columnsAndValues.length; i += 2)
        {
            row.put((String)columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    @Test
    void samplesReadBackWithTheirTagsFieldsAndTimes() throws InterruptedException
    {
        urls.register(TARGET, SCRAPE_URL);
        final LineProtocolEncoder encoder = new LineProtocolEncoder(urls, TimestampPrecision.MILLISECONDS);
        encoder.begin(batch);
        append(encoder, TIME_MS, 1027, "__name__", "http_requests_total", "code", "200", "method", "GET");
        append(encoder, TIME_MS + 1, 3, "__name__", "http_requests_total", "code", "500", "handler", "/a b,c=d");
        append(encoder, TIME_MS + 2, -3.25, "__name__", "temperature_celsius", "room", "K\u00fcche \ud83d\ude00",
            "sensor", "say \"hi\"");
        append(encoder, TIME_MS + 3, 1, "__name__", "windows_path_info", "path", "C:\\Program Files\\x",
            "back", "a\\,b", "note", "two\nlines");
        append(encoder, TIME_MS + 4, 1.7e9, "__name__", "odd name,with=chars", "a=b c", "1");
        append(encoder, TIME_MS + 5, 1, "__name__", "up", "url", "http://own/metrics");
        append(encoder, TIME_MS + 6, Double.NaN, "__name__", "up", "job", "nan");
        append(encoder, TIME_MS + 7, Double.longBitsToDouble(SampleDescriptor.STALE_NAN_BITS), "__name__", "up");

        assertEquals(SendVerdict.DELIVERED, send(encoder, endpoint(DATABASE)), log::toString);

        assertEquals(6, metrics.samplesSent());
        assertEquals(2, encoder.unrepresentable(), "the NaN and the staleness marker");
        assertEquals(List.of(
            row(TIME_MS, "code", "200", "http_requests_total", 1027.0, "method", "GET", "url", SCRAPE_URL),
            row(TIME_MS + 1, "code", "500", "handler", "/a b,c=d", "http_requests_total", 3.0, "url", SCRAPE_URL),
            row(TIME_MS + 2, "room", "K\u00fcche \ud83d\ude00", "sensor", "say \"hi\"", "temperature_celsius", -3.25,
                "url", SCRAPE_URL),
            row(TIME_MS + 3, "back", "a\\,b", "note", "two\\nlines", "path", "C:\\Program Files\\x", "url",
                SCRAPE_URL, "windows_path_info", 1.0),
            row(TIME_MS + 4, "a=b c", "1", "odd name,with=chars", 1.7e9, "url", SCRAPE_URL),
            row(TIME_MS + 5, "up", 1.0, "url", "http://own/metrics")),
            rows(LineProtocolEncoder.MEASUREMENT));
    }

    @ParameterizedTest
    @EnumSource(TimestampPrecision.class)
    void timesWrittenInEachPrecisionReadBackAsTheSameMilliseconds(final TimestampPrecision precision)
        throws InterruptedException
    {
        final String measurement = "precision_" + precision.v1Parameter();
        final InfluxEndpoint endpoint =
            InfluxEndpoint.v1(influxdb.uri(""), DATABASE, null, precision, null, null);
        final LineProtocolEncoder encoder = new LineProtocolEncoder(measurement, urls, endpoint.precision());
        encoder.begin(batch);
        append(encoder, TIME_MS + 1_234, 1, "__name__", "up");

        assertEquals(SendVerdict.DELIVERED, send(encoder, endpoint), log::toString);

        final long expectedMs = precision == TimestampPrecision.SECONDS ? TIME_MS + 1_000 : TIME_MS + 1_234;
        assertEquals(List.of(row(expectedMs, "up", 1.0)), rows(measurement));
    }

    @Test
    void aWriteToAMissingDatabaseIsRejectedAndItsSamplesCountedAsFailed() throws InterruptedException
    {
        final LineProtocolEncoder encoder = new LineProtocolEncoder(urls, TimestampPrecision.MILLISECONDS);
        encoder.begin(batch);
        append(encoder, TIME_MS, 1, "__name__", "up", "job", "a");
        append(encoder, TIME_MS, 1, "__name__", "up", "job", "b");

        assertEquals(SendVerdict.REJECTED, send(encoder, endpoint("missing")));

        assertEquals(2, metrics.samplesFailed());
        assertEquals(0, metrics.samplesSent());
        assertTrue(log.get(0).contains("404") && log.get(0).contains("database not found"), log::toString);
    }

    @Test
    void aBatchWithAMalformedLineIsRejectedThoughInfluxDbKeepsItsOtherLines() throws InterruptedException
    {
        final LineProtocolEncoder encoder =
            new LineProtocolEncoder("partial", urls, TimestampPrecision.MILLISECONDS);
        encoder.begin(batch);
        append(encoder, TIME_MS, 42, "__name__", "up", "job", "kept");
        final int malformed = batch.body().putStringWithoutLengthAscii(batch.length(), "not line protocol\n");
        batch.length(batch.length() + malformed);
        batch.countSample();

        assertEquals(SendVerdict.REJECTED, send(encoder, endpoint(DATABASE)));

        assertEquals(2, metrics.samplesFailed(), "InfluxDB 1.x answers 400 for the whole batch");
        assertTrue(log.get(0).contains("400") && log.get(0).contains("partial write"), log::toString);
        assertEquals(List.of(row(TIME_MS, "job", "kept", "up", 42.0)), rows("partial"),
            "yet it stored the lines it could parse");
    }
}
