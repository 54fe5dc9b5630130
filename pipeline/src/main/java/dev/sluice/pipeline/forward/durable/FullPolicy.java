package dev.sluice.pipeline.forward.durable;

/**
 * What a shard's durable queue does with a new batch when its segments already take {@code max_bytes}: the shard
 * thread cannot block without stalling every batch behind it, so one side is dropped, and counted.
 */
public enum FullPolicy
{
    /** Deletes the oldest segment, dropping its unsent samples, to make room for the new batch (the default). */
    DROP_OLDEST,
    /** Drops the new batch, keeping what is already queued. */
    DROP_NEWEST
}
