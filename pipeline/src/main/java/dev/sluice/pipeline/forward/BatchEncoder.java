package dev.sluice.pipeline.forward;

import dev.sluice.parser.NativeHistogramView;
import dev.sluice.pipeline.record.ExemplarFlyweight;
import io.netty.handler.codec.http.HttpHeaders;
import org.agrona.DirectBuffer;

/**
 * Writes samples of relabeled series into a request body of one wire format (Remote Write 1.0 or 2.0, InfluxDB
 * line protocol). Each sample is appended as it is committed, so a batch is encoded once, straight from the series
 * table, without an intermediate copy; nothing is allocated per sample.
 *
 * <p>Single-threaded: one instance per batch being built. A batch goes {@link #begin}, any number of
 * {@link #append} and {@link #appendHistogram}, then {@link #finish}; after {@code finish} the batch holds the
 * complete, uncompressed body.
 */
public interface BatchEncoder
{
    /**
     * Starts a new request in an emptied batch.
     *
     * @param batch the batch to fill, {@link EncodedBatch#clear() cleared}.
     */
    void begin(EncodedBatch batch);

    /**
     * Appends one sample without exemplars or metadata, as
     * {@link #append(EncodedBatch, long, DirectBuffer, int, long, long, ExemplarFlyweight, SeriesMetadata)} does
     * with neither.
     *
     * @param batch        the batch being filled.
     * @param targetId     the target the sample was scraped from (formats that tag the source use it).
     * @param series       the buffer of the series table.
     * @param recordOffset index in {@code series} of the series record, laid out as
     *                     {@link dev.sluice.pipeline.series.SeriesRecordDescriptor} says.
     * @param timestampMs  milliseconds since the epoch.
     * @param valueBits    raw bits of the value; a staleness marker is
     *                     {@link dev.sluice.pipeline.record.SampleDescriptor#STALE_NAN_BITS}.
     */
    default void append(
        final EncodedBatch batch,
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final long timestampMs,
        final long valueBits)
    {
        append(batch, targetId, series, recordOffset, timestampMs, valueBits, null, null);
    }

    /**
     * Appends one sample with its exemplars (only for an endpoint with {@code send_exemplars}) and its family's
     * metadata (only with {@code metadata_config.send}). A format that cannot carry exemplars or metadata ignores
     * them; an encoder that writes exemplars counts them with {@link EncodedBatch#countExemplars}.
     *
     * @param batch        the batch being filled.
     * @param targetId     the target the sample was scraped from (formats that tag the source use it).
     * @param series       the buffer of the series table.
     * @param recordOffset index in {@code series} of the series record, laid out as
     *                     {@link dev.sluice.pipeline.series.SeriesRecordDescriptor} says.
     * @param timestampMs  milliseconds since the epoch.
     * @param valueBits    raw bits of the value; a staleness marker is
     *                     {@link dev.sluice.pipeline.record.SampleDescriptor#STALE_NAN_BITS}.
     * @param exemplars    the exemplars not skipped, or null for none; read during the call only.
     * @param metadata     the series' family metadata, or null for none; read during the call only.
     */
    void append(EncodedBatch batch, long targetId, DirectBuffer series, int recordOffset, long timestampMs,
        long valueBits, ExemplarFlyweight exemplars, SeriesMetadata metadata);

    /**
     * Appends one native histogram sample without exemplars or metadata, as
     * {@link #appendHistogram(EncodedBatch, long, DirectBuffer, int, long, NativeHistogramView, ExemplarFlyweight,
     * SeriesMetadata)} does with neither.
     *
     * @param batch        the batch being filled.
     * @param targetId     the target the histogram was scraped from.
     * @param series       the buffer of the series table.
     * @param recordOffset index in {@code series} of the series record.
     * @param timestampMs  milliseconds since the epoch.
     * @param histogram    the histogram, valid only during the call.
     */
    default void appendHistogram(
        final EncodedBatch batch,
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final long timestampMs,
        final NativeHistogramView histogram)
    {
        appendHistogram(batch, targetId, series, recordOffset, timestampMs, histogram, null, null);
    }

    /**
     * Appends one native histogram sample, which counts as one sample of the batch, with its exemplars and metadata,
     * as {@link #append(EncodedBatch, long, DirectBuffer, int, long, long, ExemplarFlyweight, SeriesMetadata)} does a
     * sample. The default skips it and counts nothing, for formats without histograms; such an encoder overrides it
     * when it counts what it cannot carry.
     *
     * @param batch        the batch being filled.
     * @param targetId     the target the histogram was scraped from.
     * @param series       the buffer of the series table.
     * @param recordOffset index in {@code series} of the series record.
     * @param timestampMs  milliseconds since the epoch.
     * @param histogram    the histogram, valid only during the call.
     * @param exemplars    the exemplars not skipped, or null for none; read during the call only.
     * @param metadata     the series' family metadata, or null for none; read during the call only.
     */
    default void appendHistogram(
        final EncodedBatch batch,
        final long targetId,
        final DirectBuffer series,
        final int recordOffset,
        final long timestampMs,
        final NativeHistogramView histogram,
        final ExemplarFlyweight exemplars,
        final SeriesMetadata metadata)
    {
    }

    /**
     * Whether the format sends family metadata in requests of their own, as Remote Write 1.0 does; such an encoder
     * implements {@link #appendMetadata}.
     *
     * @return false unless it does.
     */
    default boolean sendsMetadataRequests()
    {
        return false;
    }

    /**
     * Appends one family's metadata to a batch that holds metadata only. The default does nothing.
     *
     * @param batch    the batch being filled.
     * @param metadata the family's type, name, help and unit; read during the call only.
     */
    default void appendMetadata(final EncodedBatch batch, final SeriesMetadata metadata)
    {
    }

    /**
     * Completes the body (a format with a per-request symbol table writes it here).
     *
     * @param batch the batch being filled.
     */
    void finish(EncodedBatch batch);

    /**
     * Sets the request headers the format needs (content type, encoding, protocol version).
     *
     * @param headers the headers of the request about to be sent.
     */
    void headers(HttpHeaders headers);

    /**
     * Whether a receiver that took a request must say how much it wrote (Remote Write 2.0's
     * {@code X-Prometheus-Remote-Write-*-Written} headers): a 2xx without them comes from a receiver that cannot read
     * the format, and the batch was not written.
     *
     * @return false unless the format requires the headers.
     */
    default boolean requiresWrittenCounts()
    {
        return false;
    }
}
