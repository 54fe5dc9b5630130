/**
 * The protobuf wire format, read in place and written in canonical form, shared by the exposition cursor and the
 * Remote Write codecs: {@link dev.sluice.protobuf.wire.WireInput} reads tags, varints, fixed-width numbers and
 * length prefixes with bounds checks, {@link dev.sluice.protobuf.wire.NativeBucketsInput} the bucket fields of
 * native histograms, and {@link dev.sluice.protobuf.wire.WireOutput} writes them into Agrona buffers.
 */
package dev.sluice.protobuf.wire;
