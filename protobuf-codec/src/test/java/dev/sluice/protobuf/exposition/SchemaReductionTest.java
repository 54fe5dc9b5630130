package dev.sluice.protobuf.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sluice.parser.EntryRenderer;
import dev.sluice.parser.NativeHistogramView;

/**
 * Schema reduction against expectations worked out by hand from the bucket index rule of the specification: bucket
 * {@code i} of schema {@code s} lies in bucket {@code ((i - 1) >> d) + 1} of schema {@code s - d}.
 */
class SchemaReductionTest
{
    /**
     * Schema 1, integer. Positive buckets -2:3 -1:5 0:0 (listed but empty) 2:1 4:2 5:4, written with a gap, an empty
     * span and a second gap; negative buckets 0:2 4:6; zero bucket 7 wide 0.5.
     */
    private static NativeHistogramView integerHistogram()
    {
        final NativeHistogramView h = new NativeHistogramView().schema(1).count(30).zeroCount(7).zeroThreshold(0.5)
            .sum(-12.25).resetHint(NativeHistogramView.ResetHint.NO);
        h.positive().addSpan(-2, 3).addSpan(1, 1).addSpan(0, 0).addSpan(1, 2)
            .addDelta(3).addDelta(2).addDelta(-5).addDelta(1).addDelta(1).addDelta(2);
        h.negative().addSpan(0, 1).addSpan(3, 1).addDelta(2).addDelta(4);
        return h;
    }

    /** The same layout with float counts. */
    private static NativeHistogramView floatHistogram()
    {
        final NativeHistogramView h = new NativeHistogramView().schema(1).isFloat(true).floatCount(18.5)
            .floatZeroCount(1.5).zeroThreshold(0.5).sum(40);
        h.positive().addSpan(-2, 3).addSpan(1, 1).addSpan(0, 0).addSpan(1, 2)
            .addFloatBucket(2.5).addFloatBucket(0.5).addFloatBucket(0).addFloatBucket(1).addFloatBucket(2)
            .addFloatBucket(4);
        h.negative().addSpan(0, 1).addSpan(3, 1).addFloatBucket(0.25).addFloatBucket(6.75);
        return h;
    }

    private static String spans(final NativeHistogramView.Buckets side)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < side.spanCount(); i++)
        {
            sb.append(i == 0 ? "" : " ").append('{').append(side.spanOffset(i)).append(',').append(side.spanLength(i))
                .append('}');
        }
        return sb.toString();
    }

    private static String deltas(final NativeHistogramView.Buckets side)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < side.deltaCount(); i++)
        {
            sb.append(i == 0 ? "" : " ").append(side.delta(i));
        }
        return sb.toString();
    }

    private static NativeHistogramView reduce(final NativeHistogramView source, final int schema)
    {
        return new SchemaReduction().reduce(source, schema, new NativeHistogramView());
    }

    @Test
    void oneStepMergesPairsAndDropsTheEmptyBucket()
    {
        final NativeHistogramView r = reduce(integerHistogram(), 0);
        assertEquals("{schema=0 zeroThreshold=0.5 zeroCount=7 count=30 sum=-12.25 hint=NO " +
            "negative=[0:2,2:6] positive=[-1:3,0:5,1:1,2:2,3:4]}", EntryRenderer.histogram(r));
        assertEquals("{-1,5}", spans(r.positive()));
        assertEquals("3 2 -4 1 2", deltas(r.positive()));
        assertEquals("{0,1} {1,1}", spans(r.negative()));
        assertEquals("2 4", deltas(r.negative()));
    }

    @Test
    void twoStepsMergeFours()
    {
        final NativeHistogramView r = reduce(integerHistogram(), -1);
        assertEquals("{schema=-1 zeroThreshold=0.5 zeroCount=7 count=30 sum=-12.25 hint=NO " +
            "negative=[0:2,1:6] positive=[0:8,1:3,2:4]}", EntryRenderer.histogram(r));
        assertEquals("{0,3}", spans(r.positive()));
        assertEquals("8 -5 1", deltas(r.positive()));
        assertEquals("{0,2}", spans(r.negative()));
    }

    @Test
    void downToTheLowestSchema()
    {
        final NativeHistogramView r = reduce(integerHistogram(), NativeHistogramView.MIN_EXPONENTIAL_SCHEMA);
        assertEquals("{schema=-4 zeroThreshold=0.5 zeroCount=7 count=30 sum=-12.25 hint=NO " +
            "negative=[0:2,1:6] positive=[0:8,1:7]}", EntryRenderer.histogram(r));
    }

    @Test
    void floatCountsAreAddedAsFloats()
    {
        final NativeHistogramView r = reduce(floatHistogram(), -1);
        assertEquals("{schema=-1 zeroThreshold=0.5 zeroCount=1.5 count=18.5 sum=40.0 hint=UNKNOWN " +
            "negative=[0:0.25,1:6.75] positive=[0:3.0,1:3.0,2:4.0]}", EntryRenderer.histogram(r));
        assertEquals("{0,3}", spans(r.positive()));
        assertEquals(0, r.positive().deltaCount());
        assertEquals(3, r.positive().floatBucketCount());
    }

    @Test
    void reducingToTheSameSchemaOnlyCompacts()
    {
        final NativeHistogramView r = reduce(integerHistogram(), 1);
        assertEquals("{-2,2} {2,1} {1,2}", spans(r.positive()));
        assertEquals("3 2 -4 1 2", deltas(r.positive()));
    }

    @Test
    void emptyHistogramStaysEmpty()
    {
        final NativeHistogramView source = new NativeHistogramView().schema(3).count(2).zeroCount(2);
        source.positive().addSpan(0, 0);
        final NativeHistogramView r = reduce(source, 0);
        assertEquals(0, r.positive().spanCount());
        assertEquals(0, r.negative().spanCount());
        assertEquals(2, r.zeroCount());
    }

    @Test
    void theTargetIsReusedWithoutLeftovers()
    {
        final SchemaReduction reduction = new SchemaReduction();
        final NativeHistogramView target = new NativeHistogramView();
        reduction.reduce(floatHistogram(), -1, target);
        assertSame(target, reduction.reduce(integerHistogram(), -1, target));
        assertEquals(0, target.positive().floatBucketCount());
        assertEquals("8 -5 1", deltas(target.positive()));
    }

    @Test
    void indexesThatWrapAroundStillGiveSpansThatMatchTheCounts()
    {
        final NativeHistogramView source = new NativeHistogramView().schema(2);
        source.positive().addSpan(Integer.MAX_VALUE - 1, 1).addSpan(5, 1).addDelta(1).addDelta(1);
        final NativeHistogramView same = reduce(source, 2);
        assertEquals("{2147483646,1} {5,1}", spans(same.positive()));
        final NativeHistogramView r = reduce(source, 1);
        assertEquals("{1073741823,1} {-2147483646,1}", spans(r.positive()));
        assertEquals("{schema=1 zeroThreshold=0.0 zeroCount=0 count=0 sum=0.0 hint=UNKNOWN negative=[] " +
            "positive=[1073741823:1,-1073741822:2]}", EntryRenderer.histogram(r));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 1", "3, 2", "0, 0", "-1, 0", "-2, -1", "-3, -1", "2147483647, 1073741824",
        "-2147483648, -1073741824"})
    void oneStepIndexIsTheCeilingOfHalf(final int index, final int expected)
    {
        assertEquals(expected, SchemaReduction.targetIndex(index, 1));
    }

    @Test
    void populatedBucketsAreCountedPerSchema()
    {
        final NativeHistogramView h = integerHistogram();
        assertEquals(7, SchemaReduction.populatedBucketCount(h, 1));
        assertEquals(7, SchemaReduction.populatedBucketCount(h, 0));
        assertEquals(5, SchemaReduction.populatedBucketCount(h, -1));
        assertEquals(4, SchemaReduction.populatedBucketCount(h, -2));
        assertEquals(4, SchemaReduction.populatedBucketCount(h, -4));
    }

    @ParameterizedTest
    @CsvSource({
        "8, 0, 1", "8, 8, 1", "8, 7, 1", "8, 6, -1", "8, 5, -1", "8, 4, -2", "8, 3, -2147483648",
        "0, 0, 0", "0, 100, 0", "-1, 100, -1"})
    void fittingSchemaIsTheHighestWithinLimitAndFactor(final int maxSchema, final int limit, final int expected)
    {
        assertEquals(expected, SchemaReduction.fittingSchema(integerHistogram(), maxSchema, limit));
    }

    /** The table of resulting schemas in the specification's section on limiting bucket count and resolution. */
    @ParameterizedTest
    @CsvSource({
        "65536, -4", "256, -3", "16, -2", "4, -1", "2, 0", "1.4, 1", "1.1, 2", "1.09, 3", "1.04, 4", "1.02, 5",
        "1.01, 6", "1.005, 7", "1.002, 8", "0, 8", "1, 8", "1e9, -4", "1.4142135623730951, 1"})
    void minBucketFactorGivesTheSpecificationsSchemas(final double factor, final int schema)
    {
        assertEquals(schema, SchemaReduction.maxSchemaForBucketFactor(factor));
    }
}
