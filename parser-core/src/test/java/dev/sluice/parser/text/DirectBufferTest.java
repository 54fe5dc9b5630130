package dev.sluice.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.EntryRenderer;
import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;

/** A body off heap, at an offset inside a larger direct buffer, parses exactly as the same body on heap. */
class DirectBufferTest
{
    @ParameterizedTest
    @CsvSource({
        "PROMETHEUS_TEXT, real-world/cadvisor/prometheus_metrics",
        "PROMETHEUS_TEXT, prometheus-common-expfmt/testdata/text",
        "OPENMETRICS, prometheus-textparse/textparse-testdata/1histogram.om.txt",
    })
    void offHeapEqualsOnHeap(final ExpositionFormat format, final String file)
    {
        final byte[] body = Corpus.bytes(file);
        final MetricCursor cursor = MetricCursors.create(format);
        cursor.reset(body, 0, body.length);
        final List<String> onHeap = EntryRenderer.renderAll(cursor);

        final ByteBuffer direct = ByteBuffer.allocateDirect(body.length + 64);
        direct.position(32);
        direct.put(body);
        cursor.reset(new UnsafeBuffer(direct), 32, body.length);
        final List<String> offHeap = EntryRenderer.renderAll(cursor);

        assertFalse(onHeap.isEmpty());
        assertEquals(onHeap, offHeap);
    }
}
