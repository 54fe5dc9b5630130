package dev.sluice.parser.number;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class NumberAllocationTest
{
    private static final int OPERATIONS = 100_000;
    private static final int WARM_UP_ROUNDS = 30;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void parsingAndFormattingAllocateNothing()
    {
        final List<String> texts = new ArrayList<>(NumberTestData.hardDecimals());
        texts.addAll(NumberTestData.invalidTexts());
        texts.add(NumberTestData.halfwayAbove(1.0).toPlainString() + "1");
        texts.add("0".repeat(1000) + "1.5");
        texts.add("1e99999999999999999999");
        texts.addAll(List.of("NaN", "+Inf", "-Inf", "12345", "0.5", "1.5e-7", "3.14159"));
        final byte[] joined = String.join("", texts).getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer input = new UnsafeBuffer(joined);
        final int[] offsets = new int[texts.size()];
        final int[] lengths = new int[texts.size()];
        int position = 0;
        for (int i = 0; i < texts.size(); i++)
        {
            offsets[i] = position;
            lengths[i] = texts.get(i).getBytes(StandardCharsets.UTF_8).length;
            position += lengths[i];
        }

        final Random random = new Random(42);
        final double[] values = new double[512];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = i % 4 == 0 ? random.nextInt(1000) : Double.longBitsToDouble(random.nextLong());
        }

        final DecimalParser parser = new DecimalParser();
        final ExpandableArrayBuffer output = new ExpandableArrayBuffer(FloatFormatter.MAX_LENGTH * 2);
        for (int round = 0; round < WARM_UP_ROUNDS; round++)
        {
            run(parser, input, offsets, lengths, values, output);
        }

        final long before = threads.getCurrentThreadAllocatedBytes();
        final long checksum = run(parser, input, offsets, lengths, values, output);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertNotEquals(0, checksum);
        assertEquals(0, allocated, "bytes allocated by " + OPERATIONS + " parses and formats");
    }

    private static long run(
        final DecimalParser parser,
        final UnsafeBuffer input,
        final int[] offsets,
        final int[] lengths,
        final double[] values,
        final ExpandableArrayBuffer output)
    {
        long checksum = 0;
        for (int i = 0; i < OPERATIONS; i++)
        {
            if ((i & 1) == 0)
            {
                final int text = (i >> 1) % offsets.length;
                checksum += parser.parseBits(input, offsets[text], lengths[text]);
            }
            else
            {
                final double value = values[(i >> 1) % values.length];
                checksum += (i & 2) == 0 ?
                    FloatFormatter.formatGo(value, output, 0) : FloatFormatter.formatOpenMetrics(value, output, 0);
            }
        }
        return checksum;
    }
}
