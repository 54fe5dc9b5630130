package dev.sluice.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.sluice.parser.text.OpenMetricsCursor;
import dev.sluice.parser.text.PrometheusTextCursor;

class NativeHistogramViewTest
{
    /** The buckets of a walk as {@code index:count} pairs. */
    private static String walk(final NativeHistogramView.Buckets buckets)
    {
        final StringBuilder sb = new StringBuilder();
        final NativeHistogramView.Buckets walk = buckets.iterate();
        while (walk.next())
        {
            sb.append(sb.length() == 0 ? "" : " ").append(walk.index()).append(':').append(walk.count());
        }
        return sb.toString();
    }

    @Test
    void deltasAreSummedAcrossSpansAndGapsAndEmptySpansAddTheirOffset()
    {
        final NativeHistogramView view = new NativeHistogramView();
        view.positive().addSpan(-2, 2).addSpan(0, 0).addSpan(3, 1).addSpan(1, 2)
            .addDelta(3).addDelta(-1).addDelta(4).addDelta(-5).addDelta(0);
        assertEquals(5, view.positive().bucketCount());
        assertEquals("-2:3.0 -1:2.0 3:6.0 5:1.0 6:1.0", walk(view.positive()));
        assertEquals("", walk(view.negative()));
    }

    @Test
    void floatHistogramsWalkTheirAbsoluteCounts()
    {
        final NativeHistogramView view = new NativeHistogramView().isFloat(true).floatCount(4).floatZeroCount(0.5);
        view.negative().addSpan(1, 3).addFloatBucket(1.5).addFloatBucket(0).addFloatBucket(2).addDelta(99);
        assertEquals("1:1.5 2:0.0 3:2.0", walk(view.negative()));
        assertEquals(1, view.negative().deltaCount());
        assertEquals(99, view.negative().delta(0));
    }

    @Test
    void walkEndsEarlyWhenTheListIsShorterThanTheSpans()
    {
        final NativeHistogramView view = new NativeHistogramView();
        view.positive().addSpan(0, 4).addDelta(1).addDelta(1);
        assertEquals("0:1.0 1:2.0", walk(view.positive()));
        final NativeHistogramView.Buckets walk = view.positive().iterate();
        while (walk.next())
        {
            continue;
        }
        assertFalse(walk.next());
    }

    @Test
    void integerCountsStayExactBeyondDoublePrecision()
    {
        final NativeHistogramView view = new NativeHistogramView();
        view.positive().addSpan(0, 2).addDelta((1L << 53) + 1).addDelta(1);
        final NativeHistogramView.Buckets walk = view.positive().iterate();
        assertTrue(walk.next());
        assertEquals((1L << 53) + 1, walk.integerCount());
        assertTrue(walk.next());
        assertEquals((1L << 53) + 2, walk.integerCount());
    }

    @Test
    void copyFromMakesAnEqualIndependentViewAndClearEmptiesIt()
    {
        final NativeHistogramView source = new NativeHistogramView().schema(NativeHistogramView.CUSTOM_BUCKETS_SCHEMA)
            .count(7).zeroCount(1).sum(12.5).zeroThreshold(0.25).resetHint(NativeHistogramView.ResetHint.GAUGE)
            .addCustomValue(1).addCustomValue(4);
        for (int i = 0; i < 20; i++)
        {
            source.positive().addSpan(1, 1).addDelta(i);
        }
        final NativeHistogramView copy = new NativeHistogramView().copyFrom(source);
        source.positive().addSpan(0, 1).addDelta(5);
        source.clear();
        assertEquals(0, source.positive().spanCount());
        assertEquals(NativeHistogramView.ResetHint.UNKNOWN, source.resetHint());
        assertEquals(0, source.customValueCount());
        assertEquals(-53, copy.schema());
        assertEquals(7, copy.count());
        assertEquals(1, copy.zeroCount());
        assertEquals(12.5, copy.sum());
        assertEquals(0.25, copy.zeroThreshold());
        assertEquals(NativeHistogramView.ResetHint.GAUGE, copy.resetHint());
        assertEquals(2, copy.customValueCount());
        assertEquals(4.0, copy.customValue(1));
        assertEquals(20, copy.positive().spanCount());
        assertEquals(20, copy.positive().bucketCount());
        assertEquals(19, copy.positive().delta(19));
        assertEquals(1, copy.positive().spanOffset(19));
    }

    @Test
    void bulkAppendsGrowTheListsAndKeepWhatWasListedBefore()
    {
        final NativeHistogramView.Buckets side = new NativeHistogramView().positive();
        side.addDelta(7).addFloatBucket(0.5);
        final long[] deltas = side.deltaArray(100);
        assertTrue(deltas.length >= 101);
        assertEquals(7, deltas[0]);
        for (int i = 1; i <= 100; i++)
        {
            deltas[i] = -i;
        }
        side.deltaCount(101);
        assertEquals(101, side.deltaCount());
        assertEquals(-100, side.delta(100));
        final double[] counts = side.floatBucketArray(20);
        counts[1] = 2.5;
        side.floatBucketCount(2);
        assertEquals(0.5, side.floatBucket(0));
        assertEquals(2.5, side.floatBucket(1));
        assertThrows(IllegalArgumentException.class, () -> side.deltaCount(deltas.length + 1));
        assertThrows(IllegalArgumentException.class, () -> side.floatBucketCount(-1));
    }

    @Test
    void textCursorsHaveNoNativeHistogramsAndClearTheView()
    {
        final byte[] body = "# TYPE a histogram\na_bucket{le=\"+Inf\"} 1\n".getBytes(StandardCharsets.UTF_8);
        for (final MetricCursor cursor : new MetricCursor[] {new PrometheusTextCursor(), new OpenMetricsCursor()})
        {
            final NativeHistogramView view = new NativeHistogramView().schema(3);
            view.positive().addSpan(0, 1).addDelta(1);
            cursor.reset(body, 0, body.length);
            cursor.next();
            assertEquals(0, cursor.histogram(view).positive().spanCount());
            assertEquals(0, view.schema());
            assertEquals(0, cursor.exemplarCount());
            assertFalse(cursor.selectExemplar(0));
        }
    }

    @Test
    void withoutTheProtobufModuleMetricCursorsSaysWhereToFindIt()
    {
        final UnsupportedOperationException ex = assertThrows(UnsupportedOperationException.class,
            () -> MetricCursors.create(ExpositionFormat.PROTOBUF));
        assertTrue(ex.getMessage().contains("sluice-protobuf-codec"), ex.getMessage());
    }
}
