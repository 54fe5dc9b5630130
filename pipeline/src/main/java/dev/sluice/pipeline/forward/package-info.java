/**
 * The end of the hot path: encoded batches leave Sluice over keep-alive HTTP connections, are retried while the
 * database cannot take them, and every sample that is given up on is counted.
 */
package dev.sluice.pipeline.forward;
