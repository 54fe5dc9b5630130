package dev.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.ByteString;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.CodedInputStream;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.Descriptors;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.InvalidProtocolBufferException;
import io.prometheus.metrics.shaded.com_google_protobuf_4_36_2.UnknownFieldSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.parser.MetricCursor;
import dev.sluice.parser.MetricCursors;
import dev.sluice.parser.ParseException;

/**
 * Differential fuzz target of the protobuf exposition cursor against protobuf-java's generated {@code MetricFamily}
 * classes, which read the body as one delimited stream ({@code parseDelimitedFrom} until the end):
 * <ul>
 *     <li>both accept: the cursor yields exactly the entries {@link ProtobufJavaEntries} derives from protobuf-java's
 *     messages (names, types, labels, value bits, timestamps, exemplars, created timestamps, native histograms),
 *     unless a singular message field occurs twice in one message, where protobuf merges the two and the cursor
 *     takes the last one (formats.md);</li>
 *     <li>only protobuf-java accepts: the cursor's reason is one of {@link #DOCUMENTED_REJECTIONS}, the checks
 *     formats.md lists beyond what protobuf-java checks;</li>
 *     <li>only the cursor accepts: the wire data the cursor always reads, the delimited frames, the fields of every
 *     {@code MetricFamily}, and of every {@code Metric} and {@code LabelPair} of a family with metrics, is intact
 *     for protobuf-java's own wire reader; the break lies in parts the cursor reads lazily (fields of a value
 *     message of another type than the family's, classic buckets after the first {@code +Inf} one).</li>
 * </ul>
 * Seeds are in {@code ProtobufDifferentialFuzzTestInputs/agreesWithProtobufJava/}.
 */
class ProtobufDifferentialFuzzTest
{
    /**
     * Reasons the cursor may reject a body that protobuf-java accepts, each a rule of formats.md: the semantic
     * checks Prometheus makes, the label checks shared with the text cursors, the native histogram checks, and the
     * wire checks protobuf-java does not make (it reads a known field with another wire type as an unknown field,
     * keeps the low 32 bits of wider lengths and tags, ignores bits above 64 in a varint, reads some varints of
     * eleven bytes in unknown fields, and nests groups up to 100 deep).
     */
    private static final List<Pattern> DOCUMENTED_REJECTIONS = List.of(
        Pattern.compile("metric family without a name"),
        Pattern.compile("metric name is not valid UTF-8"),
        Pattern.compile("help is not valid UTF-8"),
        Pattern.compile("unknown metric type -?\\d+"),
        Pattern.compile("unit is not a suffix of the metric name"),
        Pattern.compile("empty label name"),
        Pattern.compile("label __name__ in a label set"),
        Pattern.compile("duplicate label name"),
        Pattern.compile("label (le|quantile) clashes with the label the series of this metric type carry"),
        Pattern.compile("more than 1024 labels"),
        Pattern.compile("native histogram schema -?\\d+ outside -4\\.\\.8"),
        Pattern.compile("(positive|negative) spans cover \\d+ buckets, but \\d+ (deltas|counts) are given"),
        Pattern.compile("spans cover more than 2147483647 buckets"),
        Pattern.compile("\\w+ field \\d+ has wire type \\d, which its type does not allow"),
        Pattern.compile("varint overflows 64 bits"),
        Pattern.compile("varint longer than 10 bytes"),
        Pattern.compile("invalid field number [1-9]\\d*"),
        Pattern.compile("negative length -\\d+"),
        Pattern.compile("groups nested deeper than 64"));
    /** A length the cursor reads in 64 bits where protobuf-java keeps the low 32. */
    private static final Pattern WIDE_LENGTH = Pattern.compile("length (\\d+) runs past the end of its message.*");
    private static final long FIRST_LENGTH_ABOVE_32_BITS = 1L << 32;
    private static final String SEEDS = "ProtobufDifferentialFuzzTestInputs/agreesWithProtobufJava/";
    private static final int FAMILY_METRIC_FIELD = 4;
    private static final int METRIC_LABEL_FIELD = 1;

    private final MetricCursor cursor = MetricCursors.create(ExpositionFormat.PROTOBUF);

    /**
     * The well-formed seeds, native histograms of every kind among them, are accepted by both decoders and give the
     * same entries: the comparison above is not vacuous.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "generated/01_native_int_schema0.bin", "generated/02_native_int_schemas.bin",
        "generated/03_native_float.bin", "generated/04_native_empty_noop_span.bin",
        "generated/05_native_and_classic.bin", "generated/06_native_gauge_histogram.bin", "generated/07_counter.bin",
        "generated/08_gauge_escaping.bin", "generated/09_summary.bin", "generated/10_untyped_special_values.bin",
        "generated/11_classic_histogram.bin", "generated/all-families.bin", "generated/all-families.proto3-packed.bin",
        "prometheus-common-expfmt/protobuf", "prometheus-common-expfmt/protobuf-multimessage",
        "real-world-dd-agent/protobuf.bin"})
    void wellFormedSeedsDecodeAlike(final String seed) throws IOException
    {
        final byte[] body = FuzzTargets.seed(SEEDS + seed);
        final List<Entry> expected = ProtobufJavaEntries.of(protobufJava(body));
        assertFalse(expected.isEmpty(), "entries of " + seed);
        assertEquals(expected, Entries.read(cursor, body));
        assertFalse(mergesMessages(body), "merged messages in " + seed);
    }

    @FuzzTest(maxDuration = FuzzTargets.MAX_DURATION)
    void agreesWithProtobufJava(final byte[] body)
    {
        final List<Metrics.MetricFamily> families = protobufJava(body);
        final List<Entry> entries;
        try
        {
            entries = Entries.read(cursor, body);
        }
        catch (final ParseException ex)
        {
            if (families != null && !isDocumented(ex.reason()))
            {
                throw new AssertionError("the cursor rejects what protobuf-java accepts, for a reason formats.md " +
                    "does not list: " + ex.getMessage(), ex);
            }
            return;
        }
        if (families == null)
        {
            if (!wireIntact(body))
            {
                throw new AssertionError("the cursor accepts wire data that protobuf-java's wire reader finds " +
                    "broken in the frames, families, metrics or labels the cursor reads");
            }
            return;
        }
        if (!mergesMessages(body))
        {
            assertEquals(ProtobufJavaEntries.of(families), entries, "entries of the cursor and of protobuf-java");
        }
    }

    /**
     * The families protobuf-java decodes from the body, null when it rejects the body. {@code parseDelimitedFrom}
     * reads a stream: a last message whose length runs past the end of the body but that is cut at a field boundary
     * it takes as complete, so the frames are checked on their own as well.
     */
    private static List<Metrics.MetricFamily> protobufJava(final byte[] body)
    {
        final ByteArrayInputStream in = new ByteArrayInputStream(body);
        final List<Metrics.MetricFamily> families = new ArrayList<>();
        try
        {
            Metrics.MetricFamily family;
            while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null)
            {
                families.add(family);
            }
            final CodedInputStream frames = CodedInputStream.newInstance(body);
            while (!frames.isAtEnd())
            {
                frames.skipRawBytes(frames.readRawVarint32());
            }
        }
        catch (final IOException ex)
        {
            return null;
        }
        return families;
    }

    private static boolean isDocumented(final String reason)
    {
        final Matcher wideLength = WIDE_LENGTH.matcher(reason);
        if (wideLength.matches())
        {
            return Long.parseLong(wideLength.group(1)) >= FIRST_LENGTH_ABOVE_32_BITS;
        }
        return DOCUMENTED_REJECTIONS.stream().anyMatch(rule -> rule.matcher(reason).matches());
    }

    /**
     * Whether protobuf-java's generic wire reader reads the delimited frames, every family's fields, and the
     * fields of every metric and label of a family with metrics.
     */
    private static boolean wireIntact(final byte[] body)
    {
        final CodedInputStream in = CodedInputStream.newInstance(body);
        try
        {
            while (!in.isAtEnd())
            {
                final UnknownFieldSet family = UnknownFieldSet.parseFrom(in.readBytes());
                for (final ByteString metric : lengthDelimited(family, FAMILY_METRIC_FIELD))
                {
                    for (final ByteString label : lengthDelimited(UnknownFieldSet.parseFrom(metric),
                        METRIC_LABEL_FIELD))
                    {
                        UnknownFieldSet.parseFrom(label);
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            return false;
        }
        return true;
    }

    /** Whether some message of the body holds a singular message field twice, which protobuf-java merges. */
    private static boolean mergesMessages(final byte[] body)
    {
        final CodedInputStream in = CodedInputStream.newInstance(body);
        try
        {
            while (!in.isAtEnd())
            {
                if (mergesMessages(Metrics.MetricFamily.getDescriptor(), in.readBytes()))
                {
                    return true;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new AssertionError("protobuf-java decoded the body, but not its wire format", ex);
        }
        return false;
    }

    private static boolean mergesMessages(final Descriptors.Descriptor type, final ByteString message)
        throws InvalidProtocolBufferException
    {
        final UnknownFieldSet fields = UnknownFieldSet.parseFrom(message);
        for (final Descriptors.FieldDescriptor field : type.getFields())
        {
            if (field.getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE)
            {
                continue;
            }
            final List<ByteString> values = lengthDelimited(fields, field.getNumber());
            if (!field.isRepeated() && values.size() > 1)
            {
                return true;
            }
            for (final ByteString value : values)
            {
                if (mergesMessages(field.getMessageType(), value))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<ByteString> lengthDelimited(final UnknownFieldSet fields, final int number)
    {
        return fields.hasField(number) ? fields.getField(number).getLengthDelimitedList() : List.of();
    }
}
