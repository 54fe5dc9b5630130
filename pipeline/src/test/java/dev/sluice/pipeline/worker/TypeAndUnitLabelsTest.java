package dev.sluice.pipeline.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.pipeline.relabel.RelabelConfigs;
import dev.sluice.pipeline.relabel.RelabelSection;
import org.junit.jupiter.api.Test;

/**
 * {@code enable_type_and_unit_labels}: {@code __type__} and {@code __unit__} from the family's metadata, in the raw
 * series key and visible to {@code metric_relabel_configs}.
 */
class TypeAndUnitLabelsTest
{
    private static final String TARGET_LABELS = "instance=\"a:9100\", job=\"node\"}";
    private final WorkerHarness harness = new WorkerHarness();

    private TargetConfig withRules(final String rulesYaml)
    {
        final TargetConfig base = harness.defaultTarget;
        return new TargetConfig(base.targetId(), base.targetLabels(), false, true, false,
            RelabelConfigs.fromYaml(rulesYaml, RelabelSection.METRIC, NameValidationScheme.UTF8), base.limits(),
            base.extraScrapeMetrics(), base.seriesIdleScrapes(), true);
    }

    @Test
    void openMetricsFamiliesCarryTheirTypeAndUnit()
    {
        harness.target(harness.defaultTarget.withTypeAndUnitLabels(true));

        final List<String> lines = harness.scrapeOpenMetrics("# TYPE request_seconds counter\n" +
            "# UNIT request_seconds seconds\nrequest_seconds_total 3\n# TYPE temp gauge\ntemp 20\n# EOF\n");

        assertEquals(List.of(
            "begin 1 committed",
            "{__name__=\"request_seconds_total\", __type__=\"counter\", __unit__=\"seconds\", " + TARGET_LABELS +
                " 3.0 @15000",
            "{__name__=\"temp\", __type__=\"gauge\", " + TARGET_LABELS + " 20.0 @15000"),
            lines.subList(0, 3));
    }

    @Test
    void aUnitWrittenAfterTheTypeStillApplies()
    {
        harness.target(harness.defaultTarget.withTypeAndUnitLabels(true));

        final List<String> lines = harness.scrapeOpenMetrics(
            "# UNIT size_bytes bytes\n# TYPE size_bytes gauge\nsize_bytes 7\n# EOF\n");

        assertEquals("{__name__=\"size_bytes\", __type__=\"gauge\", __unit__=\"bytes\", " + TARGET_LABELS +
            " 7.0 @15000", lines.get(1));
    }

    @Test
    void aFamilyOpenedByASampleDoesNotInheritTheUnit()
    {
        harness.target(harness.defaultTarget.withTypeAndUnitLabels(true));

        final List<String> lines = harness.scrapeOpenMetrics("# TYPE d_seconds gauge\n# UNIT d_seconds seconds\n" +
            "d_seconds 1\nd_seconds_extra 2\n# EOF\n");

        assertEquals(List.of(
            "{__name__=\"d_seconds\", __type__=\"gauge\", __unit__=\"seconds\", " + TARGET_LABELS + " 1.0 @15000",
            "{__name__=\"d_seconds_extra\", " + TARGET_LABELS + " 2.0 @15000"),
            lines.subList(1, 3));
    }

    @Test
    void textFamiliesCarryOnlyTheirTypeAndUntypedOnesNothing()
    {
        harness.target(harness.defaultTarget.withTypeAndUnitLabels(true));

        final List<String> lines = harness.scrape("# TYPE a gauge\na 1\n# TYPE b untyped\nb 2\nc 3\n");

        assertEquals(List.of(
            "{__name__=\"a\", __type__=\"gauge\", " + TARGET_LABELS + " 1.0 @15000",
            "{__name__=\"b\", " + TARGET_LABELS + " 2.0 @15000",
            "{__name__=\"c\", " + TARGET_LABELS + " 3.0 @15000"),
            lines.subList(1, 4));
    }

    @Test
    void anUnknownOpenMetricsFamilyGetsNoType()
    {
        harness.target(harness.defaultTarget.withTypeAndUnitLabels(true));

        final List<String> lines = harness.scrapeOpenMetrics("# TYPE u unknown\nu 1\n# EOF\n");

        assertEquals("{__name__=\"u\", " + TARGET_LABELS + " 1.0 @15000", lines.get(1));
    }

    @Test
    void scrapedTypeAndUnitLabelsAreReplaced()
    {
        harness.target(harness.defaultTarget.withTypeAndUnitLabels(true));

        final List<String> lines = harness.scrape("# TYPE a gauge\na{__type__=\"fake\",__unit__=\"x\",k=\"v\"} 1\n");

        assertEquals("{__name__=\"a\", __type__=\"gauge\", " + TARGET_LABELS.replace("}", ", k=\"v\"}") +
            " 1.0 @15000", lines.get(1));
    }

    @Test
    void withTheOptionOffScrapedLabelsStayAndNoneAreAdded()
    {
        harness.target(harness.defaultTarget);

        final List<String> lines = harness.scrape("# TYPE a gauge\na{__type__=\"fake\"} 1\n");

        assertEquals("{__name__=\"a\", __type__=\"fake\", " + TARGET_LABELS + " 1.0 @15000", lines.get(1));
    }

    @Test
    void relabelRulesSeeTheLabels()
    {
        harness.target(withRules("- action: drop\n  source_labels: [__type__]\n  regex: gauge\n" +
            "- action: labeldrop\n  regex: __unit__\n"));

        final List<String> lines = harness.scrapeOpenMetrics("# TYPE g gauge\ng 1\n# TYPE c_seconds counter\n" +
            "# UNIT c_seconds seconds\nc_seconds_total 2\n# EOF\n");

        assertEquals(List.of(
            "begin 1 committed",
            "{__name__=\"c_seconds_total\", __type__=\"counter\", " + TARGET_LABELS + " 2.0 @15000",
            "{__name__=\"up\", " + TARGET_LABELS + " 1.0 @15000"),
            lines.subList(0, 3));
    }

    @Test
    void aChangedTypeIsANewSeries()
    {
        harness.target(harness.defaultTarget.withTypeAndUnitLabels(true));
        harness.scrape("# TYPE a gauge\na 1\n");

        final List<String> lines = harness.scrape("# TYPE a counter\na 2\n");

        assertEquals(List.of(
            "begin 1 committed",
            "{__name__=\"a\", __type__=\"counter\", " + TARGET_LABELS + " 2.0 @30000",
            "{__name__=\"a\", __type__=\"gauge\", " + TARGET_LABELS + " stale @30000"),
            lines.subList(0, 3));
        assertEquals("{__name__=\"scrape_series_added\", " + TARGET_LABELS + " 1.0 @30000", lines.get(7));
        assertEquals(2, harness.worker.seriesCache(WorkerHarness.TARGET).size());
    }
}
