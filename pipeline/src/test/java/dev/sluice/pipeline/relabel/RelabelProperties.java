package dev.sluice.pipeline.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.sluice.parser.name.NameValidationScheme;

/**
 * Laws of relabeling that hold for any input.
 */
class RelabelProperties
{
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    @Property(tries = 1000)
    void keepThenDropWithTheSameRegexRemovesEverySeries(
        @ForAll("regexes") final String regex,
        @ForAll("labelSets") final Map<String, String> input)
    {
        final RelabelConfigs rules = RelabelConfigs.of(
            RelabelConfig.builder().action(RelabelAction.KEEP).sourceLabels("a", "b").regex(regex).build(),
            RelabelConfig.builder().action(RelabelAction.DROP).sourceLabels("a", "b").regex(regex).build());
        assertFalse(new Relabeler().process(rules, load(input)));
    }

    @Property(tries = 1000)
    void labelMapIsIdempotentWhenNewNamesDoNotMatchAgain(@ForAll("metaLabelSets") final Map<String, String> input)
    {
        final RelabelConfigs rules = RelabelConfigs.fromYaml(
            "[{regex: '__meta_(.+)', action: labelmap}]", RelabelSection.TARGET, NameValidationScheme.UTF8);
        final LabelSetBuilder once = load(input);
        final Relabeler relabeler = new Relabeler();
        relabeler.process(rules, once);
        final LabelSetBuilder twice = load(input);
        relabeler.process(rules, twice);
        relabeler.process(rules, twice);
        assertEquals(once.toString(), twice.toString());
    }

    @Property(tries = 2000)
    void hashmodIsStableInRangeAndMd5Based(@ForAll final String value, @ForAll final long modulus)
    {
        Assume.that(modulus != 0);
        final RelabelConfig rule = RelabelConfig.builder().action(RelabelAction.HASHMOD).sourceLabels("a", "b")
            .separator("\u00a7").targetLabel("shard").modulus(modulus).build();
        final LabelSetBuilder labels = new LabelSetBuilder().set("a", value).set("b", value);
        final Relabeler relabeler = new Relabeler();
        final long first = relabeler.hashmod(rule, labels);
        final long second = relabeler.hashmod(rule, labels);
        final String joined = labels.get("a") + "\u00a7" + labels.get("b");

        assertEquals(first, second);
        assertTrue(Long.compareUnsigned(first, modulus) < 0);
        assertEquals(referenceHashmod(joined, modulus), first);
        relabeler.apply(rule, labels);
        assertEquals(Long.toUnsignedString(first), labels.get("shard"));
    }

    @Provide
    Arbitrary<String> regexes()
    {
        return Arbitraries.of("(.*)", ".*", "a", "a|b|", "a.*", "(a)(.*)", "[ab]+;.*", "(?i)A;b", "", "a(.*)b?",
            "(?s:.)+", "\\w*;\\d?");
    }

    @Provide
    Arbitrary<Map<String, String>> labelSets()
    {
        final Arbitrary<String> values = Arbitraries.strings().withChars("ab;1 \nA").ofMaxLength(4);
        return Arbitraries.maps(Arbitraries.of("a", "b", "c"), values).ofMaxSize(3);
    }

    @Provide
    Arbitrary<Map<String, String>> metaLabelSets()
    {
        final Arbitrary<String> plain = Arbitraries.strings().withChars("abx_.").ofMinLength(1).ofMaxLength(4)
            .filter(name -> !name.startsWith("__meta_"));
        final Arbitrary<String> names = Arbitraries.oneOf(plain, plain.map(name -> "__meta_" + name));
        return Arbitraries.maps(names, Arbitraries.of("1", "2", "x")).ofMaxSize(6);
    }

    /** An independent computation: a fresh MD5 of the UTF-8 text, the low 8 bytes as an unsigned number. */
    private static long referenceHashmod(final String text, final long modulus)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            final BigInteger tail = new BigInteger(1, Arrays.copyOfRange(digest, 8, 16));
            final BigInteger unsignedModulus = BigInteger.valueOf(modulus).mod(TWO_TO_64);
            return tail.mod(unsignedModulus).longValue();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static LabelSetBuilder load(final Map<String, String> input)
    {
        final LabelSetBuilder labels = new LabelSetBuilder();
        input.forEach(labels::set);
        return labels.markUnchanged();
    }
}
