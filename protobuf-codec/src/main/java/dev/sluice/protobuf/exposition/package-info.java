/**
 * The Prometheus protobuf exposition format (delimited {@code io.prometheus.client.MetricFamily} messages) behind
 * the common cursor API of parser-core: {@link dev.sluice.protobuf.exposition.ProtobufExpositionCursor}, which
 * {@link dev.sluice.parser.MetricCursors#create} finds through {@link
 * dev.sluice.protobuf.exposition.ProtobufExpositionCursorProvider}. Hand-written: no generated protobuf classes,
 * no message objects, no allocation per sample.
 */
package dev.sluice.protobuf.exposition;
