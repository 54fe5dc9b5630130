package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.TextView;

class TextCorpusTest
{
    @ParameterizedTest
    @CsvSource({
        "prometheus-textparse/textparse-testdata/alltypes.237mfs.prom.txt, 1857",
        "prometheus-textparse/textparse-testdata/alltypes.237mfs.nometa.prom.txt, 1857",
        "prometheus-textparse/textparse-testdata-pre-2025/promtestdata.txt, 410",
        "prometheus-textparse/textparse-testdata-pre-2025/promtestdata.nometa.txt, 410",
        "prometheus-common-expfmt/testdata/text, 248",
        "real-world/node_exporter/e2e-output.txt, 3027",
        "real-world/node_exporter/e2e-output-darwin.txt, 103",
        "real-world/cadvisor/prometheus_metrics, 287",
        "real-world/cadvisor/prometheus_machine_metrics, 66",
        "real-world/dd-agent/ksm.txt, 739",
        "real-world/dd-agent/metrics.txt, 133",
    })
    void corpusFilesParseToTheirSampleCounts(final String file, final int samples)
    {
        final byte[] body = Corpus.bytes(file);
        final MetricCursor cursor = new PrometheusTextCursor().reset(body, 0, body.length);
        final TextView view = new TextView();
        int count = 0;
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind == EntryKind.SAMPLE)
            {
                count++;
                cursor.name(view);
                for (int i = 0; i < cursor.labelCount(); i++)
                {
                    cursor.labelName(i, view);
                    cursor.labelValue(i, view);
                }
            }
        }
        assertEquals(samples, count);
    }
}
