package dev.sluice.pipeline.relabel;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import dev.sluice.parser.name.NameValidationScheme;

/**
 * One relabel rule, immutable and checked on construction with Prometheus' defaults and validation rules, so a rule
 * that exists is one Prometheus would load. Build one with {@link #builder()}; load lists of them from YAML with
 * {@link RelabelConfigs}.
 *
 * <p>Defaults: action {@code replace}, separator {@code ;}, regex {@code (.*)}, replacement {@code $1}, no source
 * labels, no target label, modulus 0. Label names are judged by the rule's {@link NameValidationScheme}, at load time
 * for names as written and at relabel time for names expanded from {@code $} references.
 */
public final class RelabelConfig
{
    /** The separator of a rule that does not set one. */
    public static final String DEFAULT_SEPARATOR = ";";
    /** The regex of a rule that does not set one. */
    public static final String DEFAULT_REGEX = AnchoredRegex.DEFAULT_SOURCE;
    /** The replacement of a rule that does not set one. */
    public static final String DEFAULT_REPLACEMENT = "$1";

    private final RelabelAction action;
    private final List<String> sourceLabels;
    private final String separator;
    private final AnchoredRegex regex;
    /** Whether the regex was set, even to the default: Prometheus tells the two apart. */
    private final boolean regexGiven;
    private final long modulus;
    private final String targetLabel;
    private final NameValidationScheme nameValidationScheme;
    private final ReplacementTemplate targetTemplate;
    private final ReplacementTemplate replacementTemplate;
    /** Prometheus' shortcut for an empty input under the default regex: set the target to the replacement as is. */
    private final boolean setsStaticLabel;

    private RelabelConfig(final Builder builder, final AnchoredRegex regex)
    {
        this.action = builder.action;
        this.sourceLabels = builder.sourceLabels == null ?
            Collections.emptyList() : Collections.unmodifiableList(Arrays.asList(builder.sourceLabels));
        this.separator = builder.separator;
        this.regex = regex;
        this.regexGiven = builder.regex != null;
        this.modulus = builder.modulus;
        this.targetLabel = builder.targetLabel;
        this.nameValidationScheme = builder.nameValidationScheme;
        this.targetTemplate = ReplacementTemplate.parse(builder.targetLabel, regex);
        this.replacementTemplate = ReplacementTemplate.parse(builder.replacement, regex);
        this.setsStaticLabel = builder.fastPaths && !regexGiven && !targetTemplate.hasDollar() &&
            !replacementTemplate.hasDollar();
    }

    /**
     * Starts a rule with Prometheus' defaults.
     *
     * @return a new builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * What the rule does.
     *
     * @return the action.
     */
    public RelabelAction action()
    {
        return action;
    }

    /**
     * Labels whose values, joined by {@link #separator()}, are the input of the rule; a missing label counts as
     * {@code ""}.
     *
     * @return the names, unmodifiable, empty when none are set.
     */
    public List<String> sourceLabels()
    {
        return sourceLabels;
    }

    /**
     * Text put between source values.
     *
     * @return the separator.
     */
    public String separator()
    {
        return separator;
    }

    /**
     * The regex as configured; it matches whole values, as {@code ^(?s:regex)$}.
     *
     * @return the regex text.
     */
    public String regex()
    {
        return regex.source();
    }

    /**
     * Modulus of {@code hashmod}.
     *
     * @return an unsigned 64-bit integer, 0 when not set.
     */
    public long modulus()
    {
        return modulus;
    }

    /**
     * Label the rule writes or compares with; for {@code replace}, a template.
     *
     * @return the target label, {@code ""} when not set.
     */
    public String targetLabel()
    {
        return targetLabel;
    }

    /**
     * Template of the value written by {@code replace}, or of the new name written by {@code labelmap}.
     *
     * @return the replacement.
     */
    public String replacement()
    {
        return replacementTemplate.text();
    }

    /**
     * Rules that decide which label names are valid for this rule.
     *
     * @return the scheme.
     */
    public NameValidationScheme nameValidationScheme()
    {
        return nameValidationScheme;
    }

    /**
     * The rule as a YAML flow mapping that loads back to the same rule: fields at their default are left out, an
     * explicitly empty separator or replacement is kept as {@code ""}, and an explicitly empty regex is written as
     * {@code null}, as Prometheus writes it.
     *
     * @return the text, such as {@code {action: replace, source_labels: ["a"], target_label: "b"}}.
     */
    @Override
    public String toString()
    {
        final StringBuilder out = new StringBuilder("{action: ").append(action);
        if (!sourceLabels.isEmpty())
        {
            out.append(", source_labels: [");
            for (int i = 0; i < sourceLabels.size(); i++)
            {
                // An empty source label can only come from a null item (`[~]`), which is how it loads back.
                final String label = sourceLabels.get(i);
                out.append(i > 0 ? ", " : "").append(label.isEmpty() ? "null" : GoStringLiteral.quote(label));
            }
            out.append(']');
        }
        if (!DEFAULT_SEPARATOR.equals(separator))
        {
            out.append(", separator: ").append(GoStringLiteral.quote(separator));
        }
        if (regexGiven)
        {
            out.append(", regex: ").append(regex.source().isEmpty() ? "null" : GoStringLiteral.quote(regex.source()));
        }
        if (modulus != 0)
        {
            out.append(", modulus: ").append(Long.toUnsignedString(modulus));
        }
        if (!targetLabel.isEmpty())
        {
            out.append(", target_label: ").append(GoStringLiteral.quote(targetLabel));
        }
        if (!DEFAULT_REPLACEMENT.equals(replacementTemplate.text()))
        {
            out.append(", replacement: ").append(GoStringLiteral.quote(replacementTemplate.text()));
        }
        return out.append('}').toString();
    }

    /** The compiled regex, with its shortcut shape. */
    AnchoredRegex compiledRegex()
    {
        return regex;
    }

    /** The target label as a template; only {@code replace} expands it. */
    ReplacementTemplate targetTemplate()
    {
        return targetTemplate;
    }

    /** The replacement, parsed against the regex. */
    ReplacementTemplate replacementTemplate()
    {
        return replacementTemplate;
    }

    /** Whether an empty input sets the target to the replacement as written, skipping the regex. */
    boolean setsStaticLabel()
    {
        return setsStaticLabel;
    }

    /**
     * Collects the fields of a rule; {@link #build()} checks them. Every field starts at Prometheus' default.
     */
    public static final class Builder
    {
        private RelabelAction action = RelabelAction.REPLACE;
        private String[] sourceLabels;
        private String separator = DEFAULT_SEPARATOR;
        private String regex;
        private long modulus;
        private String targetLabel = "";
        private String replacement = DEFAULT_REPLACEMENT;
        private NameValidationScheme nameValidationScheme = NameValidationScheme.UTF8;
        private boolean fastPaths = true;

        private Builder()
        {
        }

        /**
         * Sets the action.
         *
         * @param action the action; {@code null} stands for an empty {@code action} field, which is rejected.
         * @return this builder.
         */
        public Builder action(final RelabelAction action)
        {
            this.action = action;
            return this;
        }

        /**
         * Sets the source labels. Setting them, even to none, counts as setting the field, which {@code labeldrop}
         * and {@code labelkeep} reject.
         *
         * @param names the label names, in joining order.
         * @return this builder.
         */
        public Builder sourceLabels(final String... names)
        {
            this.sourceLabels = names.clone();
            return this;
        }

        /**
         * Sets the source labels, as {@link #sourceLabels(String...)}.
         *
         * @param names the label names, in joining order.
         * @return this builder.
         */
        public Builder sourceLabels(final List<String> names)
        {
            return sourceLabels(names.toArray(new String[0]));
        }

        /**
         * Sets the separator.
         *
         * @param separator the text between source values.
         * @return this builder.
         */
        public Builder separator(final String separator)
        {
            this.separator = separator;
            return this;
        }

        /**
         * Sets the regex. Setting it, even to the default {@code (.*)}, counts as setting the field, which
         * {@code keepequal} and {@code dropequal} reject, as Prometheus does.
         *
         * @param regex RE2 syntax, without anchors.
         * @return this builder.
         */
        public Builder regex(final String regex)
        {
            this.regex = regex;
            return this;
        }

        /**
         * Sets the modulus of {@code hashmod}.
         *
         * @param modulus an unsigned 64-bit integer.
         * @return this builder.
         */
        public Builder modulus(final long modulus)
        {
            this.modulus = modulus;
            return this;
        }

        /**
         * Sets the target label.
         *
         * @param targetLabel a label name; for {@code replace}, a template.
         * @return this builder.
         */
        public Builder targetLabel(final String targetLabel)
        {
            this.targetLabel = targetLabel;
            return this;
        }

        /**
         * Sets the replacement.
         *
         * @param replacement a template.
         * @return this builder.
         */
        public Builder replacement(final String replacement)
        {
            this.replacement = replacement;
            return this;
        }

        /**
         * Sets the rules for label names; Prometheus takes them from {@code metric_name_validation_scheme}.
         *
         * @param scheme the scheme; {@link NameValidationScheme#UTF8} by default, as in Prometheus 3.
         * @return this builder.
         */
        public Builder nameValidationScheme(final NameValidationScheme scheme)
        {
            this.nameValidationScheme = scheme;
            return this;
        }

        /**
         * Turns the shortcuts for common regex shapes on or off. It exists for benchmarks and equivalence tests that
         * measure or compare the shortcuts against the general path; a loaded configuration always has them on.
         *
         * @param enabled false to send every match through re2j; true by default.
         * @return this builder.
         */
        public Builder fastPaths(final boolean enabled)
        {
            this.fastPaths = enabled;
            return this;
        }

        /**
         * Checks the fields and makes the rule.
         *
         * @return the rule.
         * @throws InvalidRelabelConfigException with Prometheus' wording of the first problem found.
         */
        public RelabelConfig build()
        {
            final AnchoredRegex compiled = AnchoredRegex.compile(regex == null ? DEFAULT_REGEX : regex, fastPaths);
            RelabelConfigValidation.validate(this);
            return new RelabelConfig(this, compiled);
        }

        RelabelAction action()
        {
            return action;
        }

        boolean hasSourceLabels()
        {
            return sourceLabels != null;
        }

        String separator()
        {
            return separator;
        }

        boolean hasRegex()
        {
            return regex != null;
        }

        long modulus()
        {
            return modulus;
        }

        String targetLabel()
        {
            return targetLabel;
        }

        String replacement()
        {
            return replacement;
        }

        NameValidationScheme nameValidationScheme()
        {
            return nameValidationScheme;
        }
    }
}
