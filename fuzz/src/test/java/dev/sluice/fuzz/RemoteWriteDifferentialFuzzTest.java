package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sluice.parser.MetricType;
import dev.sluice.parser.NativeHistogramView;
import dev.sluice.parser.ParseException;
import dev.sluice.protobuf.remote.RemoteWriteSchemas;

/**
 * Differential fuzz target of the Remote Write 1.0 and 2.0 decoders against protobuf-java's {@link DynamicMessage}
 * over the schemas of {@link RemoteWriteSchemas} (protobuf-codec's test jar). protobuf-java reads the body with the
 * schema declared as proto2, since as proto3 it rejects {@code string} fields that are not UTF-8, which Sluice does
 * not check (formats.md); otherwise the two declarations read the same wire data. Per outcome:
 * <ul>
 *     <li>both accept: the decoder, walked by {@link RemoteWriteReader}, lists exactly what protobuf-java's message
 *     holds: labels (2.0: resolved through the symbols), sample and exemplar values by their bits, timestamps,
 *     start timestamps, histograms ({@link RemoteWriteReader#histogram} of a view filled from the message),
 *     metadata;</li>
 *     <li>only protobuf-java accepts: the decoder's reason is one of {@link #DOCUMENTED_REJECTIONS}, the checks
 *     formats.md lists beyond the wire format, and the wire checks protobuf-java does not make;</li>
 *     <li>only the decoder accepts: never, as the decoders read every field.</li>
 * </ul>
 * Seeds are in {@code RemoteWriteDifferentialFuzzTestInputs/version1AgreesWithProtobufJava/} and
 * {@code .../version2AgreesWithProtobufJava/}.
 */
class RemoteWriteDifferentialFuzzTest
{
    /**
     * Reasons a decoder may reject a body that protobuf-java accepts: the Remote Write checks of formats.md
     * (histogram counts, spans and reset hints, label counts, 2.0 symbols and references) and the wire checks
     * protobuf-java does not make (it reads a known field with another wire type as an unknown field, keeps the
     * low 32 bits of wider lengths, tags and {@code uint32} numbers, and ignores bits above 64 in a varint).
     */
    private static final List<Pattern> DOCUMENTED_REJECTIONS = List.of(
        Pattern.compile("histogram mixes integer and float counts"),
        Pattern.compile("(positive|negative) spans cover \\d+ buckets, but \\d+ (deltas|counts) are given"),
        Pattern.compile("spans cover more than 2147483647 buckets"),
        Pattern.compile("unknown histogram reset hint -?\\d+"),
        Pattern.compile("more than 1024 labels"),
        Pattern.compile("more than \\d+ label references"),
        Pattern.compile("symbols\\[0] must be the empty string"),
        Pattern.compile("symbol reference \\d+ out of range \\(\\d+ symbols\\)"),
        Pattern.compile("odd number of label references \\(\\d+\\)"),
        Pattern.compile("\\w+ field \\d+ has wire type \\d, which its type does not allow"),
        Pattern.compile("varint overflows 64 bits"),
        Pattern.compile("varint longer than 10 bytes"),
        Pattern.compile("invalid field number [1-9]\\d*"),
        Pattern.compile("negative length -\\d+"),
        Pattern.compile("groups nested deeper than 64"));
    private static final String SEEDS = "RemoteWriteDifferentialFuzzTestInputs/";
    /** {@code MetricMetadata.MetricType} and {@code Metadata.MetricType} by number. */
    private static final List<MetricType> METRIC_TYPES = List.of(MetricType.UNTYPED, MetricType.COUNTER,
        MetricType.GAUGE, MetricType.HISTOGRAM, MetricType.GAUGE_HISTOGRAM, MetricType.SUMMARY, MetricType.INFO,
        MetricType.STATESET);

    private final RemoteWriteReader reader = new RemoteWriteReader();
    private final NativeHistogramView histogram = new NativeHistogramView();

    /** The fixtures are accepted by both decoders and list the same, non-trivial content. */
    @ParameterizedTest
    @ValueSource(strings = {
        "version1AgreesWithProtobufJava/generated/rw1_write_request.pb",
        "version2AgreesWithProtobufJava/generated/rw2_request.pb",
        "version1AgreesWithProtobufJava/made-here/encoder-rw1.pb",
        "version2AgreesWithProtobufJava/made-here/encoder-rw2.pb"})
    void wellFormedSeedsDecodeAlike(final String seed) throws IOException
    {
        final byte[] body = FuzzTargets.seed(SEEDS + seed);
        final boolean version1 = seed.startsWith("version1");
        final Message message = protobufJava(version1 ? RemoteWriteSchemas.WRITE_REQUEST_WITHOUT_UTF8_CHECK :
            RemoteWriteSchemas.REQUEST_WITHOUT_UTF8_CHECK, body);
        assertNotNull(message, seed);
        final List<Object> content = new ArrayList<>();
        assertTrue(version1 ? reader.checkVersion1(body, content) : reader.checkVersion2(body, content), seed);
        assertTrue(content.contains("histogram") && content.contains("exemplar"), seed);
        assertEquals(version1 ? version1Content(message) : version2Content(message), content);
    }

    /** The seeds {@link EncodedRemoteWriteSeeds} describes are what the encoders write. */
    @Test
    void encoderSeedsAreWhatTheEncodersWrite() throws IOException
    {
        assertArrayEquals(EncodedRemoteWriteSeeds.version1(),
            FuzzTargets.seed(SEEDS + "version1AgreesWithProtobufJava/made-here/encoder-rw1.pb"));
        assertArrayEquals(EncodedRemoteWriteSeeds.version2(),
            FuzzTargets.seed(SEEDS + "version2AgreesWithProtobufJava/made-here/encoder-rw2.pb"));
    }

    /**
     * Why the target reads with the proto2 schemas: a symbol that is not UTF-8 ({@code symbols: "", "\xff"}) is
     * rejected by protobuf-java as proto3 and accepted by it as proto2 and by the 2.0 decoder.
     */
    @Test
    void onlyProto3ChecksUtf8()
    {
        final byte[] body = {0x22, 0x00, 0x22, 0x01, (byte)0xff};
        assertThrows(InvalidProtocolBufferException.class, () -> DynamicMessage.parseFrom(RemoteWriteSchemas.REQUEST,
            body));
        assertNotNull(protobufJava(RemoteWriteSchemas.REQUEST_WITHOUT_UTF8_CHECK, body));
        assertTrue(reader.checkVersion2(body));
    }

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void version1AgreesWithProtobufJava(final byte[] body)
    {
        final Message message = protobufJava(RemoteWriteSchemas.WRITE_REQUEST_WITHOUT_UTF8_CHECK, body);
        final List<Object> content = new ArrayList<>();
        if (bothAccept(message != null, reader.checkVersion1(body, content)) && !hasTenByteVarintEndingInZero(body))
        {
            assertEquals(version1Content(message), content, "content of the 1.0 decoder and of protobuf-java");
        }
    }

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void version2AgreesWithProtobufJava(final byte[] body)
    {
        final Message message = protobufJava(RemoteWriteSchemas.REQUEST_WITHOUT_UTF8_CHECK, body);
        final List<Object> content = new ArrayList<>();
        if (bothAccept(message != null, reader.checkVersion2(body, content)) && !hasTenByteVarintEndingInZero(body))
        {
            assertEquals(version2Content(message), content, "content of the 2.0 decoder and of protobuf-java");
        }
    }

    /**
     * Finding of the CI fuzz run: a varint of nine continuation bytes and a last byte 0 encodes 2^63 - 1 (63 one
     * bits), which the decoder reads, while protobuf-java's fast varint path reads it as -1. Such bodies are compared
     * on their verdicts only.
     */
    @Test
    void protobufJavaReadsATenByteVarintEndingInZeroAsMinusOne() throws IOException
    {
        final byte[] body = FuzzTargets.seed(SEEDS + "version1AgreesWithProtobufJava/findings/" +
            "ten-byte-varint-ending-in-zero");
        assertTrue(hasTenByteVarintEndingInZero(body));
        final List<Object> content = new ArrayList<>();
        assertTrue(reader.checkVersion1(body, content));
        final List<Object> reference = version1Content(protobufJava(RemoteWriteSchemas.WRITE_REQUEST_WITHOUT_UTF8_CHECK,
            body));
        assertTrue(content.contains(Long.MAX_VALUE), "the decoder reads 2^63 - 1");
        assertTrue(reference.contains(-1L) && !reference.contains(Long.MAX_VALUE), "protobuf-java reads -1");
    }

    /**
     * Whether the body holds nine bytes with the continuation bit followed by a 0 byte: a ten-byte varint that
     * protobuf-java decodes differently from the wire format (it may also be data inside a string or a double,
     * which only makes the comparison skip a body it could have made).
     */
    private static boolean hasTenByteVarintEndingInZero(final byte[] body)
    {
        int continuation = 0;
        for (final byte b : body)
        {
            if (b == 0 && continuation >= 9)
            {
                return true;
            }
            continuation = b < 0 ? continuation + 1 : 0;
        }
        return false;
    }

    /**
     * Checks the verdicts of the two decoders: the decoder never accepts alone, and rejects only for a documented
     * reason what protobuf-java accepts.
     *
     * @return whether both accepted.
     */
    private boolean bothAccept(final boolean protobufJavaAccepts, final boolean sluiceAccepts)
    {
        if (sluiceAccepts && !protobufJavaAccepts)
        {
            throw new AssertionError("the decoder accepts a body protobuf-java rejects");
        }
        if (protobufJavaAccepts && !sluiceAccepts)
        {
            final ParseException rejection = reader.rejection();
            if (DOCUMENTED_REJECTIONS.stream().noneMatch(rule -> rule.matcher(rejection.reason()).matches()))
            {
                throw new AssertionError("the decoder rejects what protobuf-java accepts, for a reason formats.md " +
                    "does not list: " + rejection.getMessage(), rejection);
            }
        }
        return sluiceAccepts;
    }

    private static Message protobufJava(final Descriptor schema, final byte[] body)
    {
        try
        {
            return DynamicMessage.parseFrom(schema, body);
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return null;
        }
    }

    private List<Object> version1Content(final Message request)
    {
        final List<Object> content = new ArrayList<>();
        for (final Message series : messages(request, "timeseries"))
        {
            content.add("series");
            for (final Message label : messages(series, "labels"))
            {
                content.add("label");
                content.add(text(field(label, "name")));
                content.add(text(field(label, "value")));
            }
            for (final Message sample : messages(series, "samples"))
            {
                content.add("sample");
                content.add(bits(field(sample, "value")));
                content.add(field(sample, "timestamp"));
            }
            for (final Message exemplar : messages(series, "exemplars"))
            {
                content.add("exemplar");
                for (final Message label : messages(exemplar, "labels"))
                {
                    content.add("label");
                    content.add(text(field(label, "name")));
                    content.add(text(field(label, "value")));
                }
                content.add(bits(field(exemplar, "value")));
                content.add(field(exemplar, "timestamp"));
            }
            for (final Message h : messages(series, "histograms"))
            {
                content.add("histogram");
                content.add(histogram(h));
                content.add(field(h, "timestamp"));
            }
        }
        for (final Message metadata : messages(request, "metadata"))
        {
            content.add("metadata");
            content.add(metricType(field(metadata, "type")));
            content.add(text(field(metadata, "metric_family_name")));
            content.add(text(field(metadata, "help")));
            content.add(text(field(metadata, "unit")));
        }
        return content;
    }

    private List<Object> version2Content(final Message request)
    {
        final List<String> symbols = new ArrayList<>();
        for (final Object symbol : list(request, "symbols"))
        {
            symbols.add(text(symbol));
        }
        final List<Object> content = new ArrayList<>();
        for (final Message series : messages(request, "timeseries"))
        {
            content.add("series");
            addLabels(content, symbols, list(series, "labels_refs"));
            for (final Message sample : messages(series, "samples"))
            {
                content.add("sample");
                content.add(bits(field(sample, "value")));
                content.add(field(sample, "timestamp"));
                content.add(field(sample, "start_timestamp"));
            }
            for (final Message h : messages(series, "histograms"))
            {
                content.add("histogram");
                content.add(histogram(h));
                content.add(field(h, "timestamp"));
                content.add(field(h, "start_timestamp"));
            }
            for (final Message exemplar : messages(series, "exemplars"))
            {
                content.add("exemplar");
                addLabels(content, symbols, list(exemplar, "labels_refs"));
                content.add(bits(field(exemplar, "value")));
                content.add(field(exemplar, "timestamp"));
            }
            if (series.hasField(series.getDescriptorForType().findFieldByName("metadata")))
            {
                final Message metadata = (Message)field(series, "metadata");
                content.add("metadata");
                content.add(metricType(field(metadata, "type")));
                content.add(symbols.get((Integer)field(metadata, "help_ref")));
                content.add(symbols.get((Integer)field(metadata, "unit_ref")));
            }
        }
        return content;
    }

    private static void addLabels(final List<Object> content, final List<String> symbols, final List<?> refs)
    {
        for (int i = 0; i + 1 < refs.size(); i += 2)
        {
            content.add("label");
            content.add(symbols.get((Integer)refs.get(i)));
            content.add(symbols.get((Integer)refs.get(i + 1)));
        }
    }

    /** {@link RemoteWriteReader#histogram} of a view filled from protobuf-java's histogram by the schema's rules. */
    private long histogram(final Message h)
    {
        final boolean isFloat = h.getOneofFieldDescriptor(h.getDescriptorForType().getOneofs().get(0)) ==
            h.getDescriptorForType().findFieldByName("count_float") ||
            h.getOneofFieldDescriptor(h.getDescriptorForType().getOneofs().get(1)) ==
            h.getDescriptorForType().findFieldByName("zero_count_float") ||
            !list(h, "positive_counts").isEmpty() || !list(h, "negative_counts").isEmpty();
        histogram.clear()
            .schema((Integer)field(h, "schema"))
            .zeroThreshold((Double)field(h, "zero_threshold"))
            .isFloat(isFloat)
            .count((Long)field(h, "count_int"))
            .floatCount((Double)field(h, "count_float"))
            .zeroCount((Long)field(h, "zero_count_int"))
            .floatZeroCount((Double)field(h, "zero_count_float"))
            .sum((Double)field(h, "sum"))
            .resetHint(NativeHistogramView.ResetHint.values()[(Integer)field(h, "reset_hint")]);
        fillSide(histogram.negative(), h, "negative");
        fillSide(histogram.positive(), h, "positive");
        for (final Object bound : list(h, "custom_values"))
        {
            histogram.addCustomValue((Double)bound);
        }
        return RemoteWriteReader.histogram(histogram);
    }

    private static void fillSide(final NativeHistogramView.Buckets side, final Message h, final String name)
    {
        for (final Message span : messages(h, name + "_spans"))
        {
            side.addSpan((Integer)field(span, "offset"), (Integer)field(span, "length"));
        }
        for (final Object delta : list(h, name + "_deltas"))
        {
            side.addDelta((Long)delta);
        }
        for (final Object count : list(h, name + "_counts"))
        {
            side.addFloatBucket((Double)count);
        }
    }

    private static MetricType metricType(final Object number)
    {
        final int n = (Integer)number;
        return n >= 0 && n < METRIC_TYPES.size() ? METRIC_TYPES.get(n) : MetricType.UNTYPED;
    }

    private static Object field(final Message message, final String name)
    {
        return message.getField(message.getDescriptorForType().findFieldByName(name));
    }

    private static List<?> list(final Message message, final String name)
    {
        return (List<?>)field(message, name);
    }

    @SuppressWarnings("unchecked")
    private static List<Message> messages(final Message message, final String name)
    {
        return (List<Message>)field(message, name);
    }

    /** A proto2 {@code string} as protobuf-java holds it: a String, or the bytes when they are not UTF-8. */
    private static String text(final Object value)
    {
        return value instanceof ByteString ? ((ByteString)value).toStringUtf8() : (String)value;
    }

    private static long bits(final Object value)
    {
        return Double.doubleToRawLongBits((Double)value);
    }
}
