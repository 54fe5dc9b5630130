package dev.sluice.parser.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Definitions of the servers that Debian packages and {@code .ci/run} installs, each listening only on loopback
 * and keeping all of its state in the start's own directory. Start one with {@link LocalServerProcess#start}.
 */
public final class DebianServers
{
    /**
     * An exporter written with the official Python client: its default process and platform collectors, plus a
     * counter, a histogram, a summary, a gauge and an info family with known values. Arguments: host, port.
     */
    private static final String PYTHON_CLIENT_EXPORTER = """
        import sys
        import time
        from prometheus_client import Counter, Gauge, Histogram, Info, Summary, start_http_server

        Counter("sluice_it_requests", "Requests served.", ["path"]).labels("/a").inc(42)
        latency = Histogram("sluice_it_latency_seconds", "Request latency.", buckets=(0.1, 1.0))
        for seconds in (0.05, 0.05, 0.05, 0.5, 0.5, 5.0):
            latency.observe(seconds)
        size = Summary("sluice_it_response_bytes", "Response sizes.")
        size.observe(512)
        size.observe(1536)
        Gauge("sluice_it_temperature_celsius", "A gauge with a negative value.").set(-3.25)
        Info("sluice_it_build", "Build information.").info({"version": "1.2.3"})
        start_http_server(int(sys.argv[2]), addr=sys.argv[1])
        while True:
            time.sleep(3600)
        """;

    private DebianServers()
    {
    }

    /**
     * {@code prometheus-node-exporter}, with the collectors that need systemd or read host text files switched
     * off so a container or CI machine produces no error noise.
     *
     * @return the definition; metrics on {@code /metrics}.
     */
    public static ServerDefinition nodeExporter()
    {
        return new ServerDefinition(
            "node-exporter",
            Path.of("/usr/bin/prometheus-node-exporter"),
            "prometheus-node-exporter",
            "/",
            (host, port, dir) -> List.of(
                "--web.listen-address=" + host + ":" + port,
                "--no-collector.systemd",
                "--no-collector.textfile"));
    }

    /**
     * {@code prometheus-pushgateway}, persisting into the start's directory instead of {@code /var/lib}.
     *
     * @return the definition; metrics on {@code /metrics}, pushes on {@code /metrics/job/NAME}.
     */
    public static ServerDefinition pushgateway()
    {
        return new ServerDefinition(
            "pushgateway",
            Path.of("/usr/bin/prometheus-pushgateway"),
            "prometheus-pushgateway",
            "/-/ready",
            (host, port, dir) -> List.of(
                "--web.listen-address=" + host + ":" + port,
                "--persistence.file=" + dir.resolve("pushgateway.data")));
    }

    /**
     * {@code victoria-metrics} single-node, storing into the start's directory.
     *
     * @return the definition; its own metrics on {@code /metrics}, remote write on {@code /api/v1/write}.
     */
    public static ServerDefinition victoriaMetrics()
    {
        return new ServerDefinition(
            "victoria-metrics",
            Path.of("/usr/bin/victoria-metrics"),
            "victoria-metrics",
            "/health",
            (host, port, dir) -> List.of(
                "-httpListenAddr=" + host + ":" + port,
                "-storageDataPath=" + dir.resolve("storage"),
                "-retentionPeriod=1d"));
    }

    /**
     * {@code prometheus} with a configuration that scrapes nothing, TSDB in the start's directory. Add
     * {@code --web.enable-remote-write-receiver} through {@link ServerDefinition#withExtraArguments} to receive
     * remote write.
     *
     * @return the definition; metrics on {@code /metrics}.
     */
    public static ServerDefinition prometheus()
    {
        return new ServerDefinition(
            "prometheus",
            Path.of("/usr/bin/prometheus"),
            "prometheus",
            "/-/ready",
            (host, port, dir) ->
            {
                final Path config = dir.resolve("prometheus.yml");
                Files.writeString(config, "global:\n  scrape_interval: 1m\nscrape_configs: []\n",
                    StandardCharsets.UTF_8);
                return List.of(
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=" + host + ":" + port);
            });
    }

    /**
     * {@code influxdb} 1.x ({@code influxd}), with its HTTP API and its RPC listener on loopback and every
     * directory inside the start's directory; usage reporting and self-monitoring off.
     *
     * @return the definition; line protocol on {@code /write}, readiness on {@code /ping} (204).
     */
    public static ServerDefinition influxdb()
    {
        return new ServerDefinition(
            "influxdb",
            Path.of("/usr/bin/influxd"),
            "influxdb",
            "/ping",
            (host, port, dir) ->
            {
                final Path config = dir.resolve("influxdb.conf");
                final String text =
                    "reporting-disabled = true\n" +
                    "bind-address = \"" + host + ":" + LocalServerProcess.freeLoopbackPort() + "\"\n" +
                    "[meta]\n" +
                    "  dir = \"" + dir.resolve("meta") + "\"\n" +
                    "[data]\n" +
                    "  dir = \"" + dir.resolve("data") + "\"\n" +
                    "  wal-dir = \"" + dir.resolve("wal") + "\"\n" +
                    "[monitor]\n" +
                    "  store-enabled = false\n" +
                    "[http]\n" +
                    "  bind-address = \"" + host + ":" + port + "\"\n" +
                    "  log-enabled = false\n";
                Files.writeString(config, text, StandardCharsets.UTF_8);
                return List.of("run", "-config", config.toString());
            });
    }

    /**
     * A small exporter built on {@code python3-prometheus-client}, the official Python client library, which
     * serves OpenMetrics when the {@code Accept} header asks for it (the Debian builds of the Go servers above
     * answer with text only). Its families are listed in the script: {@code sluice_it_requests_total{path="/a"}}
     * is 42, {@code sluice_it_latency_seconds} has buckets 0.1 → 3, 1.0 → 5, +Inf → 6.
     *
     * @return the definition; metrics on every path.
     */
    public static ServerDefinition pythonClientExporter()
    {
        return new ServerDefinition(
            "python-client",
            Path.of("/usr/bin/python3"),
            "python3-prometheus-client",
            "/metrics",
            (host, port, dir) ->
            {
                final Path script = dir.resolve("exporter.py");
                Files.writeString(script, PYTHON_CLIENT_EXPORTER, StandardCharsets.UTF_8);
                return List.of(script.toString(), host, Integer.toString(port));
            })
            .withInstalledMarker(Path.of("/usr/lib/python3/dist-packages/prometheus_client/__init__.py"));
    }
}
