package dev.sluice.protobuf.snappy;

/**
 * The constants of the Snappy block format that the compressor and the decompressor share. A block is the
 * uncompressed length as a varint (the preamble), then elements, each opening with a tag byte whose low two bits
 * give its kind: a literal run of bytes, or a copy of earlier output named by its length and its distance back.
 */
final class SnappyFormat
{
    /** Mask of the element kind in a tag byte. */
    static final int KIND_MASK = 3;
    /** A literal: the bytes follow the tag (and its length bytes). */
    static final int LITERAL = 0;
    /** A copy of 4 to 11 bytes at a distance below 2048: three length bits and three distance bits in the tag. */
    static final int COPY_1 = 1;
    /**
     * A copy of 1 to 64 bytes at a distance given in the two bytes after the tag. The fourth kind, 3, is the same
     * with four distance bytes: Sluice reads it but never writes it, since its fragments are 64 KiB.
     */
    static final int COPY_2 = 2;

    /** Literal lengths up to this (length - 1 below it) sit in the tag; above, 60 + k means k length bytes follow. */
    static final int LITERAL_LENGTH_IN_TAG = 60;
    /** Lengths of copies at a distance below {@link #COPY_1_MAX_DISTANCE} that fit the 1-byte form. */
    static final int COPY_1_MIN_LENGTH = 4;
    /** One more than the longest copy of the 1-byte form. */
    static final int COPY_1_LENGTH_LIMIT = 12;
    /** Distances of the 1-byte form are below this (eleven bits). */
    static final int COPY_1_MAX_DISTANCE = 1 << 11;
    /** The longest copy of the 2- and 4-byte forms. */
    static final int COPY_MAX_LENGTH = 64;

    /** The preamble is a varint of at most 32 bits: five bytes. */
    static final int MAX_PREAMBLE_BYTES = 5;
    /** The compressor cuts its input into fragments of this size; no copy reaches back across a fragment's start. */
    static final int FRAGMENT_SIZE = 1 << 16;

    private SnappyFormat()
    {
    }
}
