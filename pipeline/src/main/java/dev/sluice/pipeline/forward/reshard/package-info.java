/**
 * How many shards a write endpoint should run: the arithmetic of Prometheus' queue manager (rates smoothed over the
 * shard update period, the time one sample takes to send, the backlog), free of threads and clocks so it can be
 * tested with made-up numbers.
 */
package dev.sluice.pipeline.forward.reshard;
