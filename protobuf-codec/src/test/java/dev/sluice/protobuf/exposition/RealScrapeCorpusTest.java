package dev.sluice.protobuf.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sluice.parser.Corpus;
import dev.sluice.parser.EntryKind;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricType;
import dev.sluice.parser.TextView;
import dev.sluice.parser.text.PrometheusTextCursor;

/**
 * Real protobuf scrapes: a kube-state-metrics body kept by dd-agent and the client library's fixtures, checked
 * against {@code protoc}'s decode of the same bytes and, for the client library, against its text twin.
 */
class RealScrapeCorpusTest
{
    private static final String DD_AGENT = "real-world/dd-agent/protobuf.bin";
    private static final String EXPFMT = "prometheus-common-expfmt/";

    @Test
    void ddAgentScrapeHas61FamiliesEndingWithProcessVirtualMemoryBytes()
    {
        final List<String> typeNames = new ArrayList<>();
        final MetricCursor cursor = cursorOn(DD_AGENT);
        final TextView view = new TextView();
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind == EntryKind.TYPE)
            {
                typeNames.add(cursor.name(view).toString());
            }
        }
        assertEquals(61, typeNames.size());
        assertEquals("process_virtual_memory_bytes", typeNames.get(60));
        assertEquals("go_gc_duration_seconds", typeNames.get(0));
    }

    @ParameterizedTest
    @CsvSource({
        DD_AGENT + ", real-world/dd-agent/protobuf.bin.decoded.txtpb",
        EXPFMT + "testdata/protobuf, " + EXPFMT + "decoded/protobuf.decoded.txtpb",
        EXPFMT + "testdata/protobuf-multimessage, " + EXPFMT + "decoded/protobuf-multimessage.decoded.txtpb",
    })
    void everySampleMatchesTheProtocDecode(final String body, final String decoded)
    {
        final List<String> expected = new ArrayList<>();
        for (final TextProto.Message family : decodedFamilies(decoded))
        {
            expected.addAll(SampleLines.expected(family));
        }
        assertEquals(expected, SampleLines.of(cursorOn(body)));
    }

    @ParameterizedTest
    @CsvSource({
        DD_AGENT + ", real-world/dd-agent/protobuf.bin.decoded.txtpb",
        EXPFMT + "testdata/protobuf, " + EXPFMT + "decoded/protobuf.decoded.txtpb",
    })
    void metadataMatchesTheProtocDecode(final String body, final String decoded)
    {
        final List<String> expected = new ArrayList<>();
        for (final TextProto.Message family : decodedFamilies(decoded))
        {
            final String name = family.scalar("name");
            expected.add("HELP " + name + " " + family.scalar("help"));
            expected.add("TYPE " + name + " " + family.scalar("type"));
        }
        final List<String> actual = new ArrayList<>();
        final MetricCursor cursor = cursorOn(body);
        final TextView view = new TextView();
        EntryKind kind;
        while ((kind = cursor.next()) != EntryKind.END)
        {
            if (kind == EntryKind.HELP)
            {
                actual.add("HELP " + cursor.name(view) + " " + cursor.metadataText(view));
            }
            else if (kind == EntryKind.TYPE)
            {
                actual.add("TYPE " + cursor.name(view) + " " + protobufName(cursor.type()));
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void clientLibraryProtobufAndTextGiveTheSame248Samples()
    {
        final byte[] text = Corpus.bytes(EXPFMT + "testdata/text");
        final List<String> fromText = SampleLines.of(new PrometheusTextCursor().reset(text, 0, text.length));
        final List<String> fromProtobuf = SampleLines.of(cursorOn(EXPFMT + "testdata/protobuf"));
        assertEquals(248, fromProtobuf.size());
        // The two files list the families in different orders.
        Collections.sort(fromText);
        Collections.sort(fromProtobuf);
        assertEquals(fromText, fromProtobuf);
    }

    private static MetricCursor cursorOn(final String file)
    {
        final byte[] body = Corpus.bytes(file);
        return new ProtobufExpositionCursor().reset(body, 0, body.length);
    }

    private static List<TextProto.Message> decodedFamilies(final String file)
    {
        return TextProto.parseDump(new String(Corpus.bytes(file), StandardCharsets.UTF_8));
    }

    private static String protobufName(final MetricType type)
    {
        return type.name();
    }
}
