package dev.sluice.protobuf.remote;

import dev.sluice.parser.ParseException;
import dev.sluice.protobuf.wire.WireInput;

/**
 * A walk over the top level of a Remote Write request that stops at each field of one tag, a message, and has it
 * read: 1.0 walks its series and its metadata apart, 2.0 its series. The other fields of the request are skipped,
 * a known field number with the wrong wire type is rejected. A fault, while skipping or reading, ends the walk.
 */
final class RequestWalk
{
    /** Reads a message the walk stops at. */
    @FunctionalInterface
    interface MessageReader
    {
        /**
         * Reads a message; the input stands at its start.
         *
         * @param start index of the first byte of the message.
         * @param end   index after its last byte.
         */
        void read(int start, int end);
    }

    private final WireInput input;
    private final int tag;
    private final int otherTag;
    private final long requestFields;
    private final String requestName;
    private final MessageReader reader;
    private int next;

    /**
     * A walk over the request in {@code input}, at its end until {@link #restart()}.
     *
     * @param input         the input holding the request.
     * @param tag           tag of the messages to stop at.
     * @param otherTag      tag of the other messages of the request, skipped.
     * @param requestFields bit set of the field numbers the request defines.
     * @param requestName   name of the request message, for errors.
     * @param reader        reads each message stopped at.
     */
    RequestWalk(
        final WireInput input,
        final int tag,
        final int otherTag,
        final long requestFields,
        final String requestName,
        final MessageReader reader)
    {
        this.input = input;
        this.tag = tag;
        this.otherTag = otherTag;
        this.requestFields = requestFields;
        this.requestName = requestName;
        this.reader = reader;
    }

    /** Starts the walk again at the beginning of the request. */
    void restart()
    {
        next = 0;
    }

    /** Ends the walk: {@link #next()} returns false until {@link #restart()}. */
    void stop()
    {
        next = input.length();
    }

    /**
     * Moves to the next message of the tag and reads it.
     *
     * @return true when a message was read, false at the end of the request.
     * @throws ParseException when the request is malformed up to or inside that message; the walk is then over.
     */
    boolean next()
    {
        final WireInput in = input;
        final int end = in.length();
        try
        {
            in.position(next);
            while (in.position() < end)
            {
                final int tagAt = in.position();
                final int fieldTag = in.readTag(end);
                if (fieldTag == tag)
                {
                    final int messageEnd = in.readLengthDelimited(end);
                    reader.read(in.position(), messageEnd);
                    next = messageEnd;
                    return true;
                }
                if (fieldTag == otherTag)
                {
                    in.position(in.readLengthDelimited(end));
                }
                else
                {
                    in.skipUnknown(fieldTag, end, requestFields, requestName, tagAt);
                }
            }
            next = end;
            return false;
        }
        catch (final ParseException ex)
        {
            next = end;
            throw ex;
        }
    }
}
