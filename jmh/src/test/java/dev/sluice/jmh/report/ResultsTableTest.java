package dev.sluice.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ResultsTableTest
{
    /** The shape JMH 1.37 writes, trimmed to the fields the table reads. */
    private static final String RESULT = "[\n" +
        "  {\"jmhVersion\": \"1.37\", \"benchmark\": \"dev.sluice.jmh.TextParseBenchmark.parse\",\n" +
        "   \"mode\": \"thrpt\", \"forks\": 1, \"vmName\": \"OpenJDK 64-Bit Server VM\",\n" +
        "   \"vmVersion\": \"17.0.15\",\n" +
        "   \"warmupIterations\": 3, \"warmupTime\": \"2 s\", \"measurementIterations\": 5,\n" +
        "   \"measurementTime\": \"2 s\", \"params\": {\"input\": \"ksm\"},\n" +
        "   \"primaryMetric\": {\"score\": 1000.0, \"scoreError\": 10.0, \"scoreUnit\": \"ops/s\"},\n" +
        "   \"secondaryMetrics\": {\n" +
        "     \"bytes\": {\"score\": 1.08021E8, \"scoreError\": 1.0E6, \"scoreUnit\": \"ops/s\"},\n" +
        "     \"samples\": {\"score\": 739000.0, \"scoreError\": \"NaN\", \"scoreUnit\": \"ops/s\"},\n" +
        "     \"gc.alloc.rate.norm\": {\"score\": 1478.0, \"scoreError\": 0.5, \"scoreUnit\": \"B/op\"},\n" +
        "     \"host.speed.min\": {\"score\": 1012.4, \"scoreError\": 21.6, \"scoreUnit\": \"bytes/us\"},\n" +
        "     \"host.speed.max\": {\"score\": 1587.6, \"scoreError\": 3.2, \"scoreUnit\": \"bytes/us\"}\n" +
        "   }},\n" +
        "  {\"jmhVersion\": \"1.37\", \"benchmark\": \"dev.sluice.jmh.OpenMetricsParseBenchmark.parse\",\n" +
        "   \"params\": {\"input\": \"1histogram\"},\n" +
        "   \"primaryMetric\": {\"score\": 2.0E5, \"scoreError\": \"NaN\", \"scoreUnit\": \"ops/s\"},\n" +
        "   \"secondaryMetrics\": {}}\n" +
        "]\n";

    @Test
    void rowsGiveThroughputPerSampleCostAllocationPerSampleAndHostSpeed()
    {
        final String table = ResultsTable.render(RESULT);
        final List<String> lines = List.of(table.split("\n"));
        assertEquals("JMH 1.37, OpenJDK 64-Bit Server VM 17.0.15, 1 fork(s), warm-up 3 × 2 s, measurement 5 × 2 s, " +
            "1 thread.", lines.get(0));
        assertEquals("| benchmark | input | MB/s | samples/s | ns/sample | B/sample | ops/s | " +
            "host bytes/µs, slowest–fastest vCPU |", lines.get(2));
        // 739 samples per op: 1478 B/op is 2 B/sample; 739,000 samples/s is 1,353.2 ns/sample.
        assertEquals("| TextParse | ksm | 108.0 ± 1.0 | 739,000 | 1,353.2 | 2.0 | 1,000.0 ± 10.0 | 1,012–1,588 |",
            lines.get(4));
        assertEquals("| OpenMetricsParse | 1histogram | – | – | – | – | 200,000.0 | – |", lines.get(5));
        assertEquals(6, lines.size());
    }
}
