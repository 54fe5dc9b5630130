package dev.sluice.pipeline.forward.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

import dev.sluice.pipeline.forward.EncodedBatch;
import dev.sluice.pipeline.record.SampleDescriptor;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.series.SeriesTable;
import org.junit.jupiter.api.Test;

/**
 * Once its batch has grown to size, encoding a few thousand samples straight from a series table allocates
 * nothing: not for escaping, the scrape URL, the value or the timestamp, nor for the samples it skips.
 */
class LineProtocolAllocationTest
{
    private static final int SERIES = 3_000;
    private static final int TARGETS = 4;
    private static final int WARM_UP_BATCHES = 300;
    private static final int MEASURED_BATCHES = 20;
    private static final int ROUNDS = 5;
    private static final long TIME_MS = 1_700_000_000_000L;

    private final SeriesTable table = new SeriesTable();
    private final TargetUrls urls = new TargetUrls();
    private final LineProtocolEncoder encoder = new LineProtocolEncoder(urls, TimestampPrecision.NANOSECONDS);
    private final EncodedBatch batch = new EncodedBatch();
    private final int[] recordOffsets = new int[SERIES];
    private final long[] valueBits = new long[SERIES];

    LineProtocolAllocationTest()
    {
        for (int target = 0; target < TARGETS; target++)
        {
            urls.register(target, "http://node-" + target + ".example:9100/metrics?collect[]=cpu");
        }
        final LabelSetBuilder labels = new LabelSetBuilder();
        for (int i = 0; i < SERIES; i++)
        {
            labels.clear()
                .set(LabelSetBuilder.METRIC_NAME, "node_metric_" + (i % 60) + (i % 7 == 0 ? "_total" : ""))
                .set("job", "node exporter")
                .set("instance", "node-" + (i % TARGETS) + ":9100")
                .set("path", "/srv/data,disk=" + i)
                .set("zone", "r\u00e9gion \ud83d\ude00");
            if (i % 3 == 0)
            {
                labels.set("le", Double.toString(i * 0.25));
            }
            recordOffsets[i] = table.recordOffset(table.intern(labels));
            valueBits[i] = i % 100 == 0 ? SampleDescriptor.STALE_NAN_BITS : Double.doubleToRawLongBits(i * 1.5e-3);
        }
    }

    private void encodeBatch()
    {
        batch.clear();
        encoder.begin(batch);
        for (int i = 0; i < SERIES; i++)
        {
            encoder.append(batch, i % TARGETS, table.buffer(), recordOffsets[i], TIME_MS + i, valueBits[i]);
        }
        encoder.finish(batch);
    }

    @Test
    void encodingABatchAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP_BATCHES; i++)
        {
            encodeBatch();
        }
        // The least of a few rounds, so that a one-off event of the JVM (a compilation) does not count.
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED_BATCHES; i++)
            {
                encodeBatch();
            }
            allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
        }

        assertEquals(0L, allocated, "bytes allocated by " + MEASURED_BATCHES + " batches of " + SERIES + " samples");
        assertEquals(SERIES - SERIES / 100, batch.samples());
        assertEquals(SERIES / 100L * (WARM_UP_BATCHES + ROUNDS * MEASURED_BATCHES), encoder.unrepresentable());
    }
}
