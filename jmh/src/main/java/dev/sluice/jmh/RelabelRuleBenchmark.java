package dev.sluice.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sluice.parser.ExpositionFormat;
import dev.sluice.pipeline.relabel.LabelSetBuilder;
import dev.sluice.pipeline.relabel.RelabelAction;
import dev.sluice.pipeline.relabel.RelabelConfig;
import dev.sluice.pipeline.relabel.Relabeler;

/**
 * What one relabel rule costs a series new to a target's series cache, the only time the worker runs rules for it.
 * One operation puts the label set of each sample of node_exporter's exposition back into a builder, as
 * {@link LabelSetBuilder#load} made it, and runs one rule over it; the corpus has one sample per series, so the
 * {@code samples} counter counts series.
 *
 * <ul>
 *   <li>{@link #action}: a realistic rule of each action ({@link ActionRule}), shortcuts on as in a loaded
 *   configuration.</li>
 *   <li>{@link #shape}: a rule of each regex shape that has a shortcut ({@link ShapeRule}), with the shortcut
 *   ({@code path=fast}) and through re2j ({@code path=general}).</li>
 *   <li>{@link #restoreOnly}: the label sets put back and folded without a rule, the part of the other figures
 *   that is not the rule.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class RelabelRuleBenchmark
{
    /** The {@link BenchmarkInputs} name of the exposition whose series the rules run over. */
    public static final String INPUT = "node_exporter";

    private final Relabeler relabeler = new Relabeler();
    private final LabelSetBuilder labels = new LabelSetBuilder();
    private CorpusLabelSets series;

    /** Reads the series of the input. */
    @Setup(Level.Trial)
    public void load()
    {
        series = CorpusLabelSets.load(BenchmarkInputs.body(ExpositionFormat.PROMETHEUS_TEXT, INPUT));
    }

    /**
     * Puts every label set back into the builder and folds it, without a rule.
     *
     * @param counters series of this iteration, as {@code samples}.
     * @return the checksum of the label sets.
     */
    @Benchmark
    public long restoreOnly(final WorkCounters counters)
    {
        long checksum = 0;
        for (int i = 0, n = series.size(); i < n; i++)
        {
            checksum = fold(checksum, true, series.restore(i, labels));
        }
        counters.samples += series.size();
        return checksum;
    }

    /**
     * Runs a realistic rule of one action over every series.
     *
     * @param rule     the rule.
     * @param counters series of this iteration, as {@code samples}.
     * @return the checksum of the verdicts and the label sets the rule left.
     */
    @Benchmark
    public long action(final ActionRule rule, final WorkCounters counters)
    {
        return applyToEverySeries(rule.rule, counters);
    }

    /**
     * Runs a rule of one regex shape, with or without its shortcut, over every series.
     *
     * @param rule     the rule.
     * @param counters series of this iteration, as {@code samples}.
     * @return the checksum of the verdicts and the label sets the rule left; the same on both paths.
     */
    @Benchmark
    public long shape(final ShapeRule rule, final WorkCounters counters)
    {
        return applyToEverySeries(rule.rule, counters);
    }

    private long applyToEverySeries(final RelabelConfig rule, final WorkCounters counters)
    {
        long checksum = 0;
        for (int i = 0, n = series.size(); i < n; i++)
        {
            final LabelSetBuilder restored = series.restore(i, labels);
            checksum = fold(checksum, relabeler.apply(rule, restored), restored);
        }
        counters.samples += series.size();
        return checksum;
    }

    /**
     * Folds a rule's verdict and the labels it left into a checksum, so nothing of the work is dead code.
     *
     * @param checksum the checksum so far.
     * @param kept     the rule's verdict.
     * @param labels   the labels after the rule.
     * @return the new checksum.
     */
    static long fold(final long checksum, final boolean kept, final LabelSetBuilder labels)
    {
        long folded = 31 * checksum + (kept ? 1 : 2);
        for (int i = 0, n = labels.size(); i < n; i++)
        {
            folded = 31 * (31 * folded + labels.name(i).hashCode()) + labels.value(i).hashCode();
        }
        return folded;
    }

    /**
     * A realistic metric relabel rule of each action over node_exporter's series. Which of them take a shortcut is
     * said per rule; {@link ShapeRule} compares the shortcuts with re2j.
     */
    @State(Scope.Thread)
    public static class ActionRule
    {
        /** The action, as written in a configuration. */
        @Param({
            "replace", "keep", "drop", "keepequal", "dropequal", "hashmod", "labelmap", "labeldrop", "labelkeep",
            "lowercase", "uppercase"})
        public String action;

        RelabelConfig rule;

        /** Creates the state; JMH sets {@link #action}. */
        public ActionRule()
        {
        }

        /** Builds the rule. */
        @Setup(Level.Trial)
        public void build()
        {
            rule = rule(action);
        }

        /**
         * The rule of an action.
         *
         * @param action the action, as written in a configuration.
         * @return the rule, shortcuts on.
         */
        public static RelabelConfig rule(final String action)
        {
            final RelabelConfig.Builder builder = RelabelConfig.builder()
                .action(RelabelAction.fromConfigName(action));
            switch (action)
            {
                case "replace":
                    // The collector's name as a label: node_cpu_seconds_total gets subsystem="cpu". re2j.
                    return builder.sourceLabels(LabelSetBuilder.METRIC_NAME).regex("node_([a-z]+)_.*")
                        .targetLabel("subsystem").build();
                case "keep":
                    // An allow-list of families by pattern. re2j.
                    return builder.sourceLabels(LabelSetBuilder.METRIC_NAME)
                        .regex("node_(cpu|memory|filesystem|network|disk)_.*").build();
                case "drop":
                    // A deny-list of families by prefix. re2j: an alternation of prefixes has no shortcut.
                    return builder.sourceLabels(LabelSetBuilder.METRIC_NAME)
                        .regex("node_scrape_collector_.*|promhttp_.*").build();
                case "keepequal":
                    // Two labels of the filesystem series compared; a series without both keeps ("" equals "").
                    return builder.sourceLabels("device").targetLabel("mountpoint").build();
                case "dropequal":
                    // The same comparison, the opposite verdict.
                    return builder.sourceLabels("device").targetLabel("mountpoint").build();
                case "hashmod":
                    // Shards series by name and device; two sources, so the input is joined.
                    return builder.sourceLabels(LabelSetBuilder.METRIC_NAME, "device").modulus(16)
                        .targetLabel("__tmp_shard").build();
                case "labelmap":
                    // Copies remote_address and local_address to remote_ip and local_ip; visits every name. re2j.
                    return builder.regex("(.+)_address").replacement("${1}_ip").build();
                case "labeldrop":
                    // High-cardinality labels by name. Shortcut: a set lookup per label name.
                    return builder.regex("uuid|mountaddr").build();
                case "labelkeep":
                    // Shortcut: a set lookup per label name.
                    return builder.regex("__name__|cpu|mode|device|fstype|mountpoint|state").build();
                case "lowercase":
                    // Normalises NFS operation names such as GetAttr.
                    return builder.sourceLabels("method").targetLabel("method").build();
                case "uppercase":
                    return builder.sourceLabels("mode").targetLabel("mode").build();
                default:
                    throw new IllegalArgumentException("no rule for action " + action);
            }
        }
    }

    /**
     * A rule of each regex shape that has a shortcut, built with the shortcut ({@code path=fast}, what a loaded
     * configuration gets) or without it ({@code path=general}, every match through re2j).
     */
    @State(Scope.Thread)
    public static class ShapeRule
    {
        /** {@code path} value of the shortcut. */
        public static final String FAST = "fast";
        /** {@code path} value of re2j. */
        public static final String GENERAL = "general";

        /** The regex shape. */
        @Param({"literal", "any", "prefix", "alternation", "labeldrop"})
        public String shape;

        /** {@link #FAST} or {@link #GENERAL}. */
        @Param({FAST, GENERAL})
        public String path;

        RelabelConfig rule;

        /** Creates the state; JMH sets {@link #shape} and {@link #path}. */
        public ShapeRule()
        {
        }

        /** Builds the rule. */
        @Setup(Level.Trial)
        public void build()
        {
            if (!FAST.equals(path) && !GENERAL.equals(path))
            {
                throw new IllegalArgumentException("no path " + path);
            }
            rule = rule(shape, FAST.equals(path));
        }

        /**
         * The rule of a shape.
         *
         * @param shape     the shape.
         * @param fastPaths whether the rule takes the shortcut.
         * @return the rule.
         */
        public static RelabelConfig rule(final String shape, final boolean fastPaths)
        {
            final RelabelConfig.Builder builder = RelabelConfig.builder().fastPaths(fastPaths);
            switch (shape)
            {
                case "literal":
                    return builder.action(RelabelAction.DROP).sourceLabels(LabelSetBuilder.METRIC_NAME)
                        .regex("node_scrape_collector_success").build();
                case "any":
                    // The default regex (.*) and replacement $1: a copy of device into disk.
                    return builder.sourceLabels("device").targetLabel("disk").build();
                case "prefix":
                    return builder.action(RelabelAction.DROP).sourceLabels(LabelSetBuilder.METRIC_NAME)
                        .regex("node_scrape_collector_.*").build();
                case "alternation":
                    return builder.action(RelabelAction.KEEP).sourceLabels(LabelSetBuilder.METRIC_NAME)
                        .regex("node_cpu_seconds_total|node_memory_MemAvailable_bytes|node_filesystem_avail_bytes|" +
                        "node_network_receive_bytes_total|node_load1").build();
                case "labeldrop":
                    return builder.action(RelabelAction.LABEL_DROP).regex("uuid").build();
                default:
                    throw new IllegalArgumentException("no rule for shape " + shape);
            }
        }
    }
}
