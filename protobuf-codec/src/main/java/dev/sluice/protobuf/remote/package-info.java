/**
 * Prometheus Remote Write, the protocol Sluice forwards samples with: streaming encoders that append series
 * straight into a request body ({@link dev.sluice.protobuf.remote.RemoteWrite1Encoder} for 1.0's {@code
 * prometheus.WriteRequest}, {@link dev.sluice.protobuf.remote.RemoteWrite2Encoder} for 2.0's {@code
 * io.prometheus.write.v2.Request} with its symbol table), pull decoders reading a body in place ({@link
 * dev.sluice.protobuf.remote.RemoteWrite1Decoder}, {@link dev.sluice.protobuf.remote.RemoteWrite2Decoder}), and
 * the HTTP headers of each version ({@link dev.sluice.protobuf.remote.RemoteWriteHeaders}). Hand-written: no
 * generated protobuf classes, no message objects, no allocation per sample. Snappy compression of the body is
 * not done here.
 */
package dev.sluice.protobuf.remote;
