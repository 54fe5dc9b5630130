package dev.sluice.protobuf.remote;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;

/**
 * The Remote Write 1.0 and 2.0 schemas (field numbers, types and {@code oneof}s of {@code prompb/types.proto},
 * {@code remote.proto} and {@code write/v2/types.proto}) as descriptors of the reference protobuf runtime, built
 * in code since there is no protoc here. Enums are declared as {@code int32}, which has the same wire form for
 * their non-negative numbers. Public for the tests of other modules (the fuzz module's differential target), which
 * reach it through this module's test jar.
 */
public final class RemoteWriteSchemas
{
    /** {@code prometheus.WriteRequest}. */
    public static final Descriptor WRITE_REQUEST =
        build("prometheus", false, "proto3").findMessageTypeByName("WriteRequest");
    /** {@code io.prometheus.write.v2.Request}. */
    public static final Descriptor REQUEST =
        build("io.prometheus.write.v2", true, "proto3").findMessageTypeByName("Request");
    /**
     * {@link #WRITE_REQUEST} declared as proto2, which reads the same wire data except that protobuf-java does not
     * check its {@code string} fields for UTF-8 (as Sluice's decoders do not).
     */
    public static final Descriptor WRITE_REQUEST_WITHOUT_UTF8_CHECK =
        build("prometheus", false, "proto2").findMessageTypeByName("WriteRequest");
    /** {@link #REQUEST} declared as proto2: {@code symbols} are not checked for UTF-8. */
    public static final Descriptor REQUEST_WITHOUT_UTF8_CHECK =
        build("io.prometheus.write.v2", true, "proto2").findMessageTypeByName("Request");

    private RemoteWriteSchemas()
    {
    }

    private static Descriptors.FileDescriptor build(
        final String packageName, final boolean version2, final String syntax)
    {
        final FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder().setName(packageName + ".proto")
            .setPackage(packageName).setSyntax(syntax);
        final String prefix = "." + packageName + ".";
        file.addMessageType(message("BucketSpan", field("offset", 1, Type.TYPE_SINT32),
            field("length", 2, Type.TYPE_UINT32)));
        final DescriptorProto.Builder histogram = message("Histogram",
            field("count_int", 1, Type.TYPE_UINT64).setOneofIndex(0),
            field("count_float", 2, Type.TYPE_DOUBLE).setOneofIndex(0),
            field("sum", 3, Type.TYPE_DOUBLE), field("schema", 4, Type.TYPE_SINT32),
            field("zero_threshold", 5, Type.TYPE_DOUBLE),
            field("zero_count_int", 6, Type.TYPE_UINT64).setOneofIndex(1),
            field("zero_count_float", 7, Type.TYPE_DOUBLE).setOneofIndex(1),
            repeated("negative_spans", 8, prefix + "BucketSpan"), repeated("negative_deltas", 9, Type.TYPE_SINT64),
            repeated("negative_counts", 10, Type.TYPE_DOUBLE), repeated("positive_spans", 11, prefix + "BucketSpan"),
            repeated("positive_deltas", 12, Type.TYPE_SINT64), repeated("positive_counts", 13, Type.TYPE_DOUBLE),
            field("reset_hint", 14, Type.TYPE_INT32), field("timestamp", 15, Type.TYPE_INT64),
            repeated("custom_values", 16, Type.TYPE_DOUBLE))
            .addOneofDecl(OneofDescriptorProto.newBuilder().setName("count"))
            .addOneofDecl(OneofDescriptorProto.newBuilder().setName("zero_count"));
        if (version2)
        {
            histogram.addField(field("start_timestamp", 17, Type.TYPE_INT64));
            file.addMessageType(histogram);
            file.addMessageType(message("Sample", field("value", 1, Type.TYPE_DOUBLE),
                field("timestamp", 2, Type.TYPE_INT64), field("start_timestamp", 3, Type.TYPE_INT64)));
            file.addMessageType(message("Exemplar", repeated("labels_refs", 1, Type.TYPE_UINT32),
                field("value", 2, Type.TYPE_DOUBLE), field("timestamp", 3, Type.TYPE_INT64)));
            file.addMessageType(message("Metadata", field("type", 1, Type.TYPE_INT32),
                field("help_ref", 3, Type.TYPE_UINT32), field("unit_ref", 4, Type.TYPE_UINT32)));
            file.addMessageType(message("TimeSeries", repeated("labels_refs", 1, Type.TYPE_UINT32),
                repeated("samples", 2, prefix + "Sample"), repeated("histograms", 3, prefix + "Histogram"),
                repeated("exemplars", 4, prefix + "Exemplar"),
                field("metadata", 5, Type.TYPE_MESSAGE).setTypeName(prefix + "Metadata")));
            file.addMessageType(message("Request", repeated("symbols", 4, Type.TYPE_STRING),
                repeated("timeseries", 5, prefix + "TimeSeries")));
        }
        else
        {
            file.addMessageType(histogram);
            file.addMessageType(message("Label", field("name", 1, Type.TYPE_STRING),
                field("value", 2, Type.TYPE_STRING)));
            file.addMessageType(message("Sample", field("value", 1, Type.TYPE_DOUBLE),
                field("timestamp", 2, Type.TYPE_INT64)));
            file.addMessageType(message("Exemplar", repeated("labels", 1, prefix + "Label"),
                field("value", 2, Type.TYPE_DOUBLE), field("timestamp", 3, Type.TYPE_INT64)));
            file.addMessageType(message("TimeSeries", repeated("labels", 1, prefix + "Label"),
                repeated("samples", 2, prefix + "Sample"), repeated("exemplars", 3, prefix + "Exemplar"),
                repeated("histograms", 4, prefix + "Histogram")));
            file.addMessageType(message("MetricMetadata", field("type", 1, Type.TYPE_INT32),
                field("metric_family_name", 2, Type.TYPE_STRING), field("help", 4, Type.TYPE_STRING),
                field("unit", 5, Type.TYPE_STRING)));
            file.addMessageType(message("WriteRequest", repeated("timeseries", 1, prefix + "TimeSeries"),
                repeated("metadata", 3, prefix + "MetricMetadata")));
        }
        try
        {
            return Descriptors.FileDescriptor.buildFrom(file.build(), new Descriptors.FileDescriptor[0]);
        }
        catch (final Descriptors.DescriptorValidationException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static DescriptorProto.Builder message(final String name, final FieldDescriptorProto.Builder... fields)
    {
        final DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
        for (final FieldDescriptorProto.Builder f : fields)
        {
            message.addField(f);
        }
        return message;
    }

    private static FieldDescriptorProto.Builder field(final String name, final int number, final Type type)
    {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
            .setLabel(Label.LABEL_OPTIONAL);
    }

    private static FieldDescriptorProto.Builder repeated(final String name, final int number, final Type type)
    {
        return field(name, number, type).setLabel(Label.LABEL_REPEATED);
    }

    private static FieldDescriptorProto.Builder repeated(final String name, final int number, final String message)
    {
        return repeated(name, number, Type.TYPE_MESSAGE).setTypeName(message);
    }
}
