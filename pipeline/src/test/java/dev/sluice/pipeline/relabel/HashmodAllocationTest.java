package dev.sluice.pipeline.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

/**
 * Computing a {@code hashmod} value allocates nothing: the MD5 state, the UTF-8 chunk and the digest are reused.
 */
class HashmodAllocationTest
{
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 10_000;
    private static final int ROUNDS = 5;

    @Test
    void hashmodAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final RelabelConfig rule = RelabelConfig.builder().action(RelabelAction.HASHMOD)
            .sourceLabels("__address__", "job").targetLabel("__tmp_shard").modulus(1000).build();
        final LabelSetBuilder labels = new LabelSetBuilder()
            .set("__address__", "node-exporter.example:9100").set("job", "nœud-😀");
        final Relabeler relabeler = new Relabeler();
        long sum = 0;
        for (int i = 0; i < WARM_UP; i++)
        {
            sum += relabeler.hashmod(rule, labels);
        }
        // The least of a few rounds, so that a one-off event of the JVM (a compilation) does not count.
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++)
            {
                sum += relabeler.hashmod(rule, labels);
            }
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
        }

        assertEquals(0L, allocated, "bytes allocated by " + MEASURED + " hashmod values");
        assertEquals((long)(WARM_UP + ROUNDS * MEASURED) * relabeler.hashmod(rule, labels), sum);
    }
}
