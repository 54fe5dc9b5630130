/**
 * The Snappy block format that Remote Write 1.0 and 2.0 bodies travel in (not the framing format): {@link
 * dev.sluice.protobuf.snappy.SnappyCompressor} and {@link dev.sluice.protobuf.snappy.SnappyDecompressor}. Written
 * for Sluice in plain Java over Agrona buffers: no native library, no allocation per body once warmed up, and a
 * decompressor that rejects malformed and oversized input with {@link dev.sluice.parser.ParseException}.
 */
package dev.sluice.protobuf.snappy;
