/**
 * Remote Write as a wire format of the forwarder: batches encoded with the codecs of {@code sluice-protobuf-codec}
 * straight from the series table, compressed as Snappy blocks.
 */
package dev.sluice.pipeline.forward.remote;
