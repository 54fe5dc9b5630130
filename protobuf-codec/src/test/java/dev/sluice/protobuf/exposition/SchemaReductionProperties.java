package dev.sluice.protobuf.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import dev.sluice.parser.EntryRenderer;
import dev.sluice.parser.NativeHistogramView;

/**
 * Generated integer and float histograms (spans with gaps, empty spans, empty buckets, negative and positive
 * sides) reduced to every lower schema: the totals are kept, and each populated bucket's count ends up in the one
 * reduced bucket whose boundaries contain its own. Boundaries are computed from schema and index as the
 * specification defines them: bucket {@code i} is {@code (base^(i-1), base^i]} with {@code base = 2^(2^-schema)},
 * compared through their base-2 exponents {@code (i-1)·2^-schema} and {@code i·2^-schema}, which doubles hold
 * exactly for these indexes. Float counts are multiples of 1/4, so that their sums are exact in any order.
 */
class SchemaReductionProperties
{
    /** A source histogram and the schema to reduce it to. */
    record Case(NativeHistogramView histogram, int targetSchema)
    {
        @Override
        public String toString()
        {
            return "schema " + histogram.schema() + " -> " + targetSchema + ", float " + histogram.isFloat() + ", " +
                EntryRenderer.histogram(histogram);
        }
    }

    /** One populated bucket: side, index and count. */
    private record Bucket(boolean positive, int index, double count)
    {
    }

    @Property(tries = 2000)
    void reductionKeepsTotalsAndPutsEachBucketIntoTheOneThatContainsIt(@ForAll("cases") final Case c)
    {
        final NativeHistogramView source = c.histogram();
        final NativeHistogramView reduced = new SchemaReduction().reduce(source, c.targetSchema(),
            new NativeHistogramView());

        assertEquals(c.targetSchema(), reduced.schema());
        assertEquals(source.isFloat(), reduced.isFloat());
        assertEquals(source.count(), reduced.count());
        assertEquals(source.floatCount(), reduced.floatCount());
        assertEquals(source.zeroCount(), reduced.zeroCount());
        assertEquals(source.floatZeroCount(), reduced.floatZeroCount());
        assertEquals(source.zeroThreshold(), reduced.zeroThreshold());
        assertEquals(source.sum(), reduced.sum());
        assertEquals(source.resetHint(), reduced.resetHint());

        final List<Bucket> before = populated(source);
        final List<Bucket> after = populated(reduced);
        assertEquals(total(before, true), total(after, true));
        assertEquals(total(before, false), total(after, false));
        assertEquals(after.size(), SchemaReduction.populatedBucketCount(source, c.targetSchema()));
        checkListedCounts(reduced.positive(), reduced.isFloat());
        checkListedCounts(reduced.negative(), reduced.isFloat());

        final double[] gathered = new double[after.size()];
        for (final Bucket b : before)
        {
            int container = -1;
            for (int j = 0; j < after.size(); j++)
            {
                final Bucket r = after.get(j);
                if (r.positive() == b.positive() && contains(reduced.schema(), r.index(), source.schema(), b.index()))
                {
                    assertEquals(-1, container, "two reduced buckets contain " + b);
                    container = j;
                }
            }
            assertNotEquals(-1, container, "no reduced bucket contains " + b);
            gathered[container] += b.count();
        }
        for (int j = 0; j < after.size(); j++)
        {
            assertEquals(after.get(j).count(), gathered[j], "count of reduced bucket " + after.get(j));
        }
    }

    /** Whether bucket {@code outer} of {@code outerSchema} spans bucket {@code inner} of {@code innerSchema}. */
    private static boolean contains(final int outerSchema, final int outer, final int innerSchema, final int inner)
    {
        return lowerExponent(outerSchema, outer) <= lowerExponent(innerSchema, inner) &&
            upperExponent(innerSchema, inner) <= upperExponent(outerSchema, outer);
    }

    /** log2 of the lower boundary {@code base^(index-1)}, for positive buckets; negative ones mirror it. */
    private static double lowerExponent(final int schema, final int index)
    {
        return Math.scalb((double)index - 1, -schema);
    }

    /** log2 of the upper boundary {@code base^index}. */
    private static double upperExponent(final int schema, final int index)
    {
        return Math.scalb((double)index, -schema);
    }

    private static List<Bucket> populated(final NativeHistogramView h)
    {
        final List<Bucket> buckets = new ArrayList<>();
        addPopulated(buckets, h.negative(), false);
        addPopulated(buckets, h.positive(), true);
        return buckets;
    }

    private static void addPopulated(final List<Bucket> to, final NativeHistogramView.Buckets side,
        final boolean positive)
    {
        final NativeHistogramView.Buckets walk = side.iterate();
        while (walk.next())
        {
            if (walk.count() != 0)
            {
                to.add(new Bucket(positive, walk.index(), walk.count()));
            }
        }
    }

    private static double total(final List<Bucket> buckets, final boolean positive)
    {
        double sum = 0;
        for (final Bucket b : buckets)
        {
            sum += b.positive() == positive ? b.count() : 0;
        }
        return sum;
    }

    /** A reduced side lists exactly one count per covered bucket, and none of them empty. */
    private static void checkListedCounts(final NativeHistogramView.Buckets side, final boolean isFloat)
    {
        assertEquals(side.bucketCount(), isFloat ? side.floatBucketCount() : side.deltaCount());
        final NativeHistogramView.Buckets walk = side.iterate();
        while (walk.next())
        {
            assertTrue(walk.count() != 0, "empty bucket " + walk.index());
        }
    }

    @Provide
    Arbitrary<Case> cases()
    {
        final Arbitrary<Integer> schemas = Arbitraries.integers().between(NativeHistogramView.MIN_EXPONENTIAL_SCHEMA,
            NativeHistogramView.MAX_EXPONENTIAL_SCHEMA);
        return Combinators.combine(schemas, Arbitraries.of(true, false), sides(), sides())
            .as((schema, isFloat, positive, negative) -> histogram(schema, isFloat, positive, negative))
            .flatMap(h -> Arbitraries.integers().between(NativeHistogramView.MIN_EXPONENTIAL_SCHEMA, h.schema())
                .map(target -> new Case(h, target)));
    }

    /** One generated side: spans as offset-length pairs, and a count in quarters for each covered bucket. */
    private record Side(List<int[]> spans, List<Integer> quarters)
    {
    }

    /** Up to six spans, later offsets 0 to 6, lengths 0 to 6; counts up to 100, a third of them 0. */
    private static Arbitrary<Side> sides()
    {
        final Arbitrary<int[]> spans = Combinators.combine(Arbitraries.integers().between(-40, 40),
            Arbitraries.integers().between(0, 6)).as((offset, length) -> new int[] {offset, length});
        final Arbitrary<Integer> quarters = Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(0)), Tuple.of(2, Arbitraries.integers().between(1, 400)));
        return spans.list().ofMaxSize(6).flatMap(list ->
        {
            final int buckets = list.stream().mapToInt(span -> span[1]).sum();
            return quarters.list().ofSize(buckets).map(counts -> new Side(list, counts));
        });
    }

    private static NativeHistogramView histogram(
        final int schema, final boolean isFloat, final Side positive, final Side negative)
    {
        final NativeHistogramView h = new NativeHistogramView().schema(schema).isFloat(isFloat).zeroThreshold(0.125)
            .zeroCount(3).floatZeroCount(isFloat ? 0.75 : 0).count(41).floatCount(isFloat ? 41.5 : 0).sum(-7.5);
        fill(h.positive(), positive, isFloat);
        fill(h.negative(), negative, isFloat);
        return h;
    }

    private static void fill(final NativeHistogramView.Buckets side, final Side generated, final boolean isFloat)
    {
        for (int s = 0; s < generated.spans().size(); s++)
        {
            final int[] span = generated.spans().get(s);
            side.addSpan(s == 0 ? span[0] : Math.abs(span[0]) % 7, span[1]);
        }
        long previous = 0;
        for (final int quarters : generated.quarters())
        {
            if (isFloat)
            {
                side.addFloatBucket(quarters / 4.0);
            }
            else
            {
                side.addDelta(quarters - previous);
                previous = quarters;
            }
        }
    }
}
