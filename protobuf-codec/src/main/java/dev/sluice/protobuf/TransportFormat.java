package dev.sluice.protobuf;

import dev.sluice.parser.InputFormat;

/** The formats samples travel in between Sluice and a database, named in the errors of their decoders. */
public enum TransportFormat implements InputFormat
{
    /** A {@code prometheus.WriteRequest} of Remote Write 1.0. */
    REMOTE_WRITE_1("remote-write-1.0"),
    /** An {@code io.prometheus.write.v2.Request} of Remote Write 2.0. */
    REMOTE_WRITE_2("remote-write-2.0"),
    /** A Snappy block, the compression both Remote Write versions require. */
    SNAPPY("snappy");

    private final String shortName;

    TransportFormat(final String shortName)
    {
        this.shortName = shortName;
    }

    @Override
    public String shortName()
    {
        return shortName;
    }
}
