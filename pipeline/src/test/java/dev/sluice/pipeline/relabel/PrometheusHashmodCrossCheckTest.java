package dev.sluice.pipeline.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import dev.sluice.parser.name.NameValidationScheme;
import dev.sluice.parser.testkit.LocalServerProcess;
import dev.sluice.parser.testkit.ServerDefinition;

/**
 * {@code hashmod} gives the values a real Prometheus gives: Prometheus relabels 40 static targets with two
 * hashmod rules (one over a single label, one over two labels joined by a custom separator), and the target
 * labels it reports through {@code /api/v1/targets} are compared with {@link Relabeler#hashmod} for each target.
 * The targets are closed loopback ports: their target labels exist whether or not a scrape succeeds.
 */
class PrometheusHashmodCrossCheckTest
{
    private static final int TARGETS = 40;
    private static final String RULES = ""
        + "- source_labels: [__address__]\n"
        + "  action: hashmod\n"
        + "  modulus: 1000\n"
        + "  target_label: shard\n"
        + "- source_labels: [__address__, job]\n"
        + "  separator: '|'\n"
        + "  action: hashmod\n"
        + "  modulus: 7\n"
        + "  target_label: slot\n";

    @Test
    void hashmodAgreesWithARealPrometheus() throws Exception
    {
        final RelabelConfigs rules = RelabelConfigs.fromYaml(RULES, RelabelSection.TARGET, NameValidationScheme.UTF8);
        try (LocalServerProcess prometheus = LocalServerProcess.start(prometheusWithTargets()))
        {
            final List<Map<String, Object>> targets = activeTargets(prometheus);
            assertEquals(TARGETS, targets.size());
            final Relabeler relabeler = new Relabeler();
            final LabelSetBuilder labels = new LabelSetBuilder();
            for (final Map<String, Object> target : targets)
            {
                @SuppressWarnings("unchecked")
                final Map<String, Object> reported = (Map<String, Object>)target.get("labels");
                final String address = (String)reported.get("instance");
                labels.clear().set("__address__", address).set("job", "crosscheck");
                assertEquals(reported.get("shard"), Long.toString(relabeler.hashmod(rules.get(0), labels)), address);
                assertEquals(reported.get("slot"), Long.toString(relabeler.hashmod(rules.get(1), labels)), address);
            }
        }
    }

    private static ServerDefinition prometheusWithTargets()
    {
        return new ServerDefinition("prometheus", Path.of("/usr/bin/prometheus"), "prometheus", "/-/ready",
            (host, port, dir) ->
            {
                final StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1h\nscrape_configs:\n"
                    + "  - job_name: crosscheck\n    static_configs:\n      - targets:\n");
                for (int i = 1; i <= TARGETS; i++)
                {
                    config.append("          - 127.0.0.1:").append(i).append('\n');
                }
                config.append("    relabel_configs:\n");
                for (final String line : RULES.split("\n"))
                {
                    config.append("      ").append(line).append('\n');
                }
                final Path file = dir.resolve("prometheus.yml");
                Files.writeString(file, config, StandardCharsets.UTF_8);
                return List.of("--config.file=" + file, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=" + host + ":" + port);
            });
    }

    /** Polls {@code /api/v1/targets} until discovery has produced every target (bounded to 30 s). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> activeTargets(final LocalServerProcess prometheus) throws Exception
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        List<Map<String, Object>> targets = List.of();
        while (System.nanoTime() < deadline)
        {
            final HttpResponse<byte[]> response = prometheus.get("/api/v1/targets?state=active", "application/json");
            assertEquals(200, response.statusCode());
            final Map<String, Object> body = (Map<String, Object>)new Load(LoadSettings.builder().build())
                .loadFromString(new String(response.body(), StandardCharsets.UTF_8));
            targets = (List<Map<String, Object>>)((Map<String, Object>)body.get("data")).get("activeTargets");
            if (targets.size() >= TARGETS)
            {
                return targets;
            }
            Thread.sleep(200);
        }
        assertTrue(targets.size() >= TARGETS, "Prometheus reported " + targets.size() + " targets");
        return targets;
    }
}
