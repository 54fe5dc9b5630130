package dev.sluice.pipeline.forward.remote;

import dev.sluice.pipeline.record.ExemplarFlyweight;
import dev.sluice.protobuf.remote.ExemplarOutput;
import org.agrona.DirectBuffer;

/**
 * Writes the exemplars of a committed block, those not skipped, into the open series of either Remote Write encoder,
 * labels copied straight from the block; the exemplar's labels are the scraped ones, untouched by relabeling.
 */
final class ExemplarBlockEncoding
{
    private ExemplarBlockEncoding()
    {
    }

    /**
     * Writes every exemplar of a block that is not skipped.
     *
     * @param exemplars the block, or null for none; read from its first entry.
     * @param output    the encoder with a series open.
     * @return the exemplars written.
     */
    static int write(final ExemplarFlyweight exemplars, final ExemplarOutput output)
    {
        if (exemplars == null)
        {
            return 0;
        }
        int written = 0;
        final DirectBuffer labels = exemplars.buffer();
        exemplars.rewind();
        while (exemplars.next())
        {
            output.beginExemplar();
            while (exemplars.nextLabel())
            {
                output.addExemplarLabel(labels, exemplars.nameOffset(), exemplars.nameLength(), labels,
                    exemplars.valueOffset(), exemplars.valueLength());
            }
            output.endExemplar(Double.longBitsToDouble(exemplars.valueBits()), exemplars.timestampMs());
            written++;
        }
        return written;
    }
}
