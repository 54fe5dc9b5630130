/**
 * The forwarder's optional durable queue: per endpoint and shard, the compressed request bodies not yet delivered,
 * kept in memory-mapped segment files so that they are sent after a restart of Sluice (at-least-once), bounded in
 * size with an explicit policy when full.
 */
package dev.sluice.pipeline.forward.durable;
