package dev.sluice.protobuf.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.parser.Corpus;
import dev.sluice.protobuf.remote.RemoteWriteModel.Request;

/**
 * Cross-check with the reference protobuf runtime (protobuf-java, test scope): what our encoders write parses
 * against the schemas ({@link RemoteWriteSchemas}) with no field left unknown, so every field has the number and
 * wire type the schema gives it, and serialising the parsed message gives our bytes back, so our encoding is the
 * canonical one. The parsed message also agrees with the request on what it holds.
 */
class RemoteWriteReferenceRuntimeTest
{
    private static Message parse(final Descriptor type, final byte[] body) throws InvalidProtocolBufferException
    {
        final Message message = DynamicMessage.parseFrom(type, body);
        assertNoUnknownFields(message);
        return message;
    }

    /** Parses a body with the reference runtime, which must write it back byte for byte; returns the message. */
    private static Message assertCanonical(final Descriptor type, final byte[] body)
        throws InvalidProtocolBufferException
    {
        final Message parsed = parse(type, body);
        assertArrayEquals(body, parsed.toByteArray());
        return parsed;
    }

    private static void assertNoUnknownFields(final Message message)
    {
        assertTrue(message.getUnknownFields().asMap().isEmpty(),
            () -> message.getDescriptorForType().getName() + " has unknown fields " + message.getUnknownFields());
        for (final Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet())
        {
            if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE)
            {
                continue;
            }
            if (field.getKey().isRepeated())
            {
                ((List<?>)field.getValue()).forEach(m -> assertNoUnknownFields((Message)m));
            }
            else
            {
                assertNoUnknownFields((Message)field.getValue());
            }
        }
    }

    private static int count(final Message message, final String field)
    {
        return message.getRepeatedFieldCount(message.getDescriptorForType().findFieldByName(field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw1_write_request.pb", "rw2_request.pb"})
    void theFixturesAreCanonicalForTheReferenceRuntimeToo(final String file) throws InvalidProtocolBufferException
    {
        final byte[] body = Corpus.bytes("generated/remote-write/" + file);
        final Descriptor type = file.startsWith("rw1") ? RemoteWriteSchemas.WRITE_REQUEST : RemoteWriteSchemas.REQUEST;
        assertCanonical(type, body);
    }

    @Property(tries = 300)
    void version1OutputIsCanonicalProtobuf(@ForAll("version1") final Request request)
        throws InvalidProtocolBufferException
    {
        final Message parsed = assertCanonical(RemoteWriteSchemas.WRITE_REQUEST, RemoteWrite1Models.encode(request));
        assertEquals(request.series().size(), count(parsed, "timeseries"));
        assertEquals(request.metadata().size(), count(parsed, "metadata"));
    }

    @Property(tries = 300)
    void version2OutputIsCanonicalProtobuf(@ForAll("version2") final Request request)
        throws InvalidProtocolBufferException
    {
        final Message parsed = assertCanonical(RemoteWriteSchemas.REQUEST, RemoteWrite2Models.encode(request));
        assertEquals(request.series().size(), count(parsed, "timeseries"));
        assertEquals("", ((List<?>)parsed.getField(RemoteWriteSchemas.REQUEST.findFieldByName("symbols"))).get(0));
    }

    @Provide
    Arbitrary<Request> version1()
    {
        return RemoteWriteArbitraries.requests(false);
    }

    @Provide
    Arbitrary<Request> version2()
    {
        return RemoteWriteArbitraries.requests(true);
    }
}
