package dev.sluice.protobuf.remote;

import org.agrona.DirectBuffer;

/**
 * The exemplar fields both Remote Write encoders share, so that one loop can write exemplars into either version:
 * {@link #beginExemplar()}, its labels, {@link #endExemplar}, inside an open series.
 */
public interface ExemplarOutput
{
    /**
     * Opens an exemplar of the open series; add its labels, then {@link #endExemplar}.
     *
     * @return this output.
     */
    ExemplarOutput beginExemplar();

    /**
     * Adds a label of the open exemplar.
     *
     * @param name        buffer holding the name.
     * @param nameOffset  index of the name.
     * @param nameLength  length of the name.
     * @param value       buffer holding the value.
     * @param valueOffset index of the value.
     * @param valueLength length of the value.
     * @return this output.
     */
    ExemplarOutput addExemplarLabel(
        DirectBuffer name, int nameOffset, int nameLength, DirectBuffer value, int valueOffset, int valueLength);

    /**
     * Closes the open exemplar with its value and timestamp.
     *
     * @param value       the exemplar's value, bits kept.
     * @param timestampMs milliseconds since the epoch, 0 for none.
     * @return this output.
     */
    ExemplarOutput endExemplar(double value, long timestampMs);
}
