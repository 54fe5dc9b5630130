package dev.sluice.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatDetectorTest
{
    @ParameterizedTest
    @CsvSource({
        "real-world/node_exporter/e2e-output.txt, PROMETHEUS_TEXT",
        // Ends with "# EOF" as a comment but is not OpenMetrics (counters lack _total).
        "prometheus-textparse/textparse-testdata/alltypes.237mfs.prom.txt, PROMETHEUS_TEXT",
        "prometheus-textparse/textparse-testdata/1histogram.om.txt, OPENMETRICS",
        "openmetrics-suite/parsers/no_newline_after_eof/metrics, OPENMETRICS",
        "prometheus-common-expfmt/testdata/protobuf, PROTOBUF",
        "prometheus-common-expfmt/testdata/protobuf-multimessage, PROTOBUF",
        "real-world/dd-agent/protobuf.bin, PROTOBUF",
    })
    void detectsCorpusFiles(final String file, final ExpositionFormat expected)
    {
        final byte[] body = Corpus.bytes(file);
        assertEquals(expected, FormatDetector.detect(new UnsafeBuffer(body), 0, body.length));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|PROMETHEUS_TEXT",
        "a 1|PROMETHEUS_TEXT",
        "{\"a.b\"} 1|PROMETHEUS_TEXT",
        // One-character first line: its second byte is the protobuf name tag, but the rest does not fit.
        "L\\n# HELP x\\n|PROMETHEUS_TEXT",
        "# EOF|OPENMETRICS",
        "a 1\\n# EOF\\n|OPENMETRICS",
        "x# EOF\\n|PROMETHEUS_TEXT",
    })
    void detectsSmallBodies(final String text, final ExpositionFormat expected)
    {
        final byte[] body = text.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, FormatDetector.detect(new UnsafeBuffer(body), 0, body.length));
    }
}
