package dev.sluice.jmh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;

/**
 * A large, deterministic exposition made up for benchmarks: about 100,000 series shaped like one big
 * node_exporter (CPU, filesystem, network, memory families) plus kube-state-metrics and cAdvisor families for a
 * few thousand pods, some apiserver histograms and Go summaries. It is rendered three times from one model, as
 * Prometheus text 0.0.4, as OpenMetrics 1.0 and as delimited protobuf {@code MetricFamily} messages, so all
 * renderings carry the same samples:
 * <ul>
 *     <li>HELP and TYPE for every family; counters are named {@code x_total} on text TYPE lines and {@code x}
 *     on OpenMetrics ones, as the Go client writes them;</li>
 *     <li>values mix integers, decimals and exponent forms ({@code 2.68435456e+08}), with a few {@code NaN};</li>
 *     <li>histogram bounds are written {@code le="1"} in text and {@code le="1.0"} in OpenMetrics (a cursor
 *     reports both as {@code 1.0});</li>
 *     <li>cAdvisor samples carry timestamps, whole seconds so that the text milliseconds and the OpenMetrics
 *     seconds denote the same instant exactly;</li>
 *     <li>OpenMetrics adds exemplars to some histogram buckets and counter samples, which text cannot carry;</li>
 *     <li>protobuf names counter families {@code x_total}, as the Go client does, gives each histogram and summary
 *     series one {@code Metric} without a {@code +Inf} bucket, and has the same help and no exemplars.</li>
 * </ul>
 * The same seed and pod count always give the same bytes. Made in memory by a benchmark's setup, never stored.
 */
public final class SyntheticExposition
{
    /** Seed of the standard exposition. */
    public static final long STANDARD_SEED = 20_261_123L;
    /** Pod count of the standard exposition, chosen to give about 100,000 series. */
    public static final int STANDARD_PODS = 3_700;

    private static final String[] CPU_MODES = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    private static final String[] NAMESPACES = {"kube-system", "monitoring", "ingress-nginx", "cert-manager",
        "payments-prod", "payments-staging", "checkout-prod", "search-prod", "search-staging", "identity-prod",
        "data-pipeline", "ml-serving", "team-a-dev", "team-b-dev", "observability", "logging", "argocd",
        "istio-system", "default", "batch-jobs"};
    private static final String[] WORKLOAD_PREFIXES = {"checkout", "payments", "search", "identity", "catalog",
        "inventory", "orders", "shipping", "pricing", "ledger", "notifications", "gateway", "auth", "recommender",
        "feature-store", "metrics", "log-shipper"};
    private static final String[] WORKLOAD_SUFFIXES = {"api", "worker", "consumer", "frontend", "backend",
        "scheduler", "indexer", "cache", "proxy", "exporter"};
    private static final String[] SIDECARS = {"istio-proxy", "fluent-bit", "vault-agent", "cloud-sql-proxy"};
    private static final String[] PHASES = {"Pending", "Running", "Succeeded", "Failed", "Unknown"};
    private static final String[] CONDITIONS = {"true", "false", "unknown"};
    private static final String[] CREATED_BY = {"ReplicaSet", "ReplicaSet", "ReplicaSet", "StatefulSet",
        "DaemonSet", "Job"};
    private static final String[] PRIORITY_CLASSES = {"", "system-cluster-critical", "high-priority", ""};
    private static final String[] VERBS = {"GET", "LIST", "WATCH", "POST", "PUT", "PATCH", "DELETE"};
    private static final String[] RESOURCES = {"pods", "nodes", "services", "endpoints", "configmaps", "secrets",
        "deployments", "replicasets", "events", "leases"};
    private static final String[] TEXT_BOUNDS = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1",
        "2.5", "5", "10"};
    private static final String[] OPENMETRICS_BOUNDS = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
        "1.0", "2.5", "5.0", "10.0"};
    private static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** An exemplar value inside each bucket of {@link #BOUNDS}. */
    private static final String[] EXEMPLAR_VALUES = {"0.0042", "0.0087", "0.021", "0.043", "0.088", "0.21", "0.43",
        "0.87", "2.1", "4.3", "8.7"};
    private static final String POD_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final String HEX = "0123456789abcdef";
    private static final long SCRAPE_TIME_SECONDS = 1_763_900_000L;

    private enum Kind
    {
        COUNTER("counter", Metrics.MetricType.COUNTER),
        GAUGE("gauge", Metrics.MetricType.GAUGE),
        HISTOGRAM("histogram", Metrics.MetricType.HISTOGRAM),
        SUMMARY("summary", Metrics.MetricType.SUMMARY);

        private final String typeName;
        private final Metrics.MetricType protobufType;

        Kind(final String typeName, final Metrics.MetricType protobufType)
        {
            this.typeName = typeName;
            this.protobufType = protobufType;
        }
    }

    /** One sample line: series name, rendered label pairs (no braces), value, optional parts. */
    private record Row(
        String name, String labels, String openMetricsLabels, String value, long timestampSeconds, String exemplar)
    {
    }

    private static final class Family
    {
        private final String name;
        private final String help;
        private final Kind kind;
        private final List<Row> rows = new ArrayList<>();

        private Family(final String name, final String help, final Kind kind)
        {
            this.name = name;
            this.help = help;
            this.kind = kind;
        }

        private void add(final String series, final String labels, final String value)
        {
            rows.add(new Row(series, labels, labels, value, -1, null));
        }
    }

    private record Container(String name, String image, String id)
    {
    }

    private record Pod(
        String namespace, String name, String uid, String node, String hostIp, String podIp, String createdByKind,
        String createdByName, String priorityClass, String phase, List<Container> containers)
    {
    }

    private final byte[] text;
    private final byte[] openMetrics;
    private final byte[] protobuf;
    private final int sampleCount;
    private final int familyCount;

    private SyntheticExposition(
        final byte[] text, final byte[] openMetrics, final byte[] protobuf, final int sampleCount, final int families)
    {
        this.text = text;
        this.openMetrics = openMetrics;
        this.protobuf = protobuf;
        this.sampleCount = sampleCount;
        this.familyCount = families;
    }

    /**
     * The standard exposition: {@link #STANDARD_SEED}, {@link #STANDARD_PODS}.
     *
     * @return a newly generated exposition.
     */
    public static SyntheticExposition standard()
    {
        return generate(STANDARD_SEED, STANDARD_PODS);
    }

    /**
     * Generates an exposition.
     *
     * @param seed seed of the pseudo-random choices.
     * @param pods number of pods in the kube-state-metrics and cAdvisor part.
     * @return the exposition.
     */
    public static SyntheticExposition generate(final long seed, final int pods)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Family> families = new ArrayList<>();
        addNodeFamilies(random, families);
        final List<Pod> podList = new ArrayList<>(pods);
        for (int i = 0; i < pods; i++)
        {
            podList.add(newPod(random));
        }
        addPodFamilies(random, podList, families);
        addHistogramsAndSummaries(random, families);

        int samples = 0;
        for (final Family family : families)
        {
            samples += family.rows.size();
        }
        return new SyntheticExposition(renderText(families), renderOpenMetrics(families), renderProtobuf(families),
            samples, families.size());
    }

    /**
     * The Prometheus text 0.0.4 rendering.
     *
     * @return the bytes (shared; do not modify).
     */
    public byte[] text()
    {
        return text;
    }

    /**
     * The OpenMetrics 1.0 rendering, ending with {@code # EOF}.
     *
     * @return the bytes (shared; do not modify).
     */
    public byte[] openMetrics()
    {
        return openMetrics;
    }

    /**
     * The protobuf rendering: varint-delimited {@code io.prometheus.client.MetricFamily} messages.
     *
     * @return the bytes (shared; do not modify).
     */
    public byte[] protobuf()
    {
        return protobuf;
    }

    /**
     * Number of samples (series) in each rendering.
     *
     * @return the sample count.
     */
    public int sampleCount()
    {
        return sampleCount;
    }

    /**
     * Number of metric families.
     *
     * @return the family count.
     */
    public int familyCount()
    {
        return familyCount;
    }

    private static void addNodeFamilies(final SplittableRandom random, final List<Family> families)
    {
        final Family cpu = new Family("node_cpu_seconds", "Seconds the CPUs spent in each mode.", Kind.COUNTER);
        for (int core = 0; core < 96; core++)
        {
            for (final String mode : CPU_MODES)
            {
                cpu.add("node_cpu_seconds_total", "cpu=\"" + core + "\",mode=\"" + mode + "\"", decimal(random, 1e6));
            }
        }
        families.add(cpu);

        final String[] filesystemFamilies = {"avail_bytes", "free_bytes", "size_bytes", "files", "files_free",
            "readonly"};
        final List<String> mounts = new ArrayList<>();
        for (int i = 0; i < 120; i++)
        {
            final boolean tmpfs = i % 3 != 0;
            mounts.add("device=\"" + (tmpfs ? "tmpfs" : "/dev/nvme" + i % 4 + "n1p" + (1 + i % 3)) +
                "\",fstype=\"" + (tmpfs ? "tmpfs" : i % 2 == 0 ? "ext4" : "xfs") + "\",mountpoint=\"" +
                (i == 0 ? "/" : "/var/lib/kubelet/pods/" + uuid(random) + "/volumes/kubernetes.io~projected/kube-api-" +
                "access-" + randomString(random, POD_NAME_ALPHABET, 5)) + "\"");
        }
        for (final String suffix : filesystemFamilies)
        {
            final String name = "node_filesystem_" + suffix;
            final Family family = new Family(name, "Filesystem " + suffix.replace('_', ' ') + ".", Kind.GAUGE);
            for (final String mount : mounts)
            {
                family.add(name, mount, suffix.equals("readonly") ? "0" : exponent(random, 1e12));
            }
            families.add(family);
        }

        final List<String> devices = new ArrayList<>();
        devices.add("eth0");
        devices.add("eth1");
        while (devices.size() < 200)
        {
            devices.add("veth" + randomString(random, HEX, 8));
        }
        for (final String what : new String[] {"receive_bytes", "transmit_bytes", "receive_packets",
            "transmit_packets", "receive_drop", "transmit_drop"})
        {
            final String name = "node_network_" + what;
            final Family family = new Family(name, "Network device statistic " + what + ".", Kind.COUNTER);
            for (final String device : devices)
            {
                family.add(name + "_total", "device=\"" + device + "\"", integer(random, 1L << 40));
            }
            families.add(family);
        }

        for (final String load : new String[] {"node_load1", "node_load5", "node_load15"})
        {
            final Family family = new Family(load, load.substring(5) + " minute load average.", Kind.GAUGE);
            family.add(load, "", decimal(random, 64));
            families.add(family);
        }
        for (int i = 0; i < 40; i++)
        {
            final String name = "node_memory_Field" + i + "_bytes";
            final Family family = new Family(name, "Memory information field Field" + i + "_bytes.", Kind.GAUGE);
            family.add(name, "", i % 10 == 9 ? "NaN" : exponent(random, 1e11));
            families.add(family);
        }
    }

    private static Pod newPod(final SplittableRandom random)
    {
        final String namespace = pick(random, NAMESPACES);
        final String workload = pick(random, WORKLOAD_PREFIXES) + "-" + pick(random, WORKLOAD_SUFFIXES);
        final String createdByKind = pick(random, CREATED_BY);
        final String replicaSetHash = randomString(random, POD_NAME_ALPHABET, 9 + random.nextInt(2));
        final String podName;
        final String createdByName;
        if ("ReplicaSet".equals(createdByKind))
        {
            createdByName = workload + "-" + replicaSetHash;
            podName = createdByName + "-" + randomString(random, POD_NAME_ALPHABET, 5);
        }
        else if ("StatefulSet".equals(createdByKind))
        {
            createdByName = workload;
            podName = workload + "-" + random.nextInt(5);
        }
        else
        {
            createdByName = workload;
            podName = workload + "-" + randomString(random, POD_NAME_ALPHABET, 5);
        }
        final int nodeIndex = random.nextInt(250);
        final String hostIp = "10.0." + nodeIndex / 16 + "." + (nodeIndex % 16 + 10);
        final String node = "ip-" + hostIp.replace('.', '-') + ".eu-west-1.compute.internal";
        final String podIp = "100.64." + random.nextInt(256) + "." + random.nextInt(256);
        final int containerCount = 1 + random.nextInt(3);
        final List<Container> containers = new ArrayList<>(containerCount);
        final int firstSidecar = random.nextInt(SIDECARS.length);
        for (int c = 0; c < containerCount; c++)
        {
            final String name = c == 0 ? workload : SIDECARS[(firstSidecar + c - 1) % SIDECARS.length];
            final String image = "registry.example.com/" + namespace + "/" + name + ":v" + (1 + random.nextInt(9)) +
                "." + random.nextInt(30) + "." + random.nextInt(10);
            containers.add(new Container(name, image, "containerd://" + randomString(random, HEX, 64)));
        }
        final int phaseRoll = random.nextInt(100);
        final String phase = phaseRoll < 92 ? "Running" : phaseRoll < 96 ? "Succeeded" : phaseRoll < 99 ? "Pending" :
            "Failed";
        return new Pod(namespace, podName, uuid(random), node, hostIp, podIp, createdByKind, createdByName,
            pick(random, PRIORITY_CLASSES), phase, containers);
    }

    private static void addPodFamilies(final SplittableRandom random, final List<Pod> pods, final List<Family> families)
    {
        final Family info = new Family("kube_pod_info", "Information about pod.", Kind.GAUGE);
        final Family phase = new Family("kube_pod_status_phase", "The pods current phase.", Kind.GAUGE);
        final Family created = new Family("kube_pod_created", "Unix creation timestamp.", Kind.GAUGE);
        final Family ready = new Family("kube_pod_status_ready", "Describes whether the pod is ready to serve " +
            "requests.", Kind.GAUGE);
        final Family containerInfo = new Family("kube_pod_container_info", "Information about a container in a pod.",
            Kind.GAUGE);
        final Family containerReady = new Family("kube_pod_container_status_ready", "Describes whether the " +
            "containers readiness check succeeded.", Kind.GAUGE);
        final Family restarts = new Family("kube_pod_container_status_restarts", "The number of container " +
            "restarts per container.", Kind.COUNTER);
        final Family requests = new Family("kube_pod_container_resource_requests", "The number of requested " +
            "request resource by a container.", Kind.GAUGE);
        final Family limits = new Family("kube_pod_container_resource_limits", "The number of requested limit " +
            "resource by a container.", Kind.GAUGE);
        final Family cpuUsage = new Family("container_cpu_usage_seconds", "Cumulative cpu time consumed in " +
            "seconds.", Kind.COUNTER);

        for (final Pod pod : pods)
        {
            final String podLabels = "namespace=\"" + pod.namespace() + "\",pod=\"" + pod.name() + "\",uid=\"" +
                pod.uid() + "\"";
            info.add("kube_pod_info", podLabels + ",host_ip=\"" + pod.hostIp() + "\",pod_ip=\"" + pod.podIp() +
                "\",node=\"" + pod.node() + "\",created_by_kind=\"" + pod.createdByKind() + "\",created_by_name=\"" +
                pod.createdByName() + "\",priority_class=\"" + pod.priorityClass() + "\",host_network=\"false\"",
                "1");
            for (final String candidate : PHASES)
            {
                phase.add("kube_pod_status_phase", podLabels + ",phase=\"" + candidate + "\"",
                    candidate.equals(pod.phase()) ? "1" : "0");
            }
            created.add("kube_pod_created", podLabels, exponentSeconds(random));
            final boolean isReady = "Running".equals(pod.phase());
            for (final String condition : CONDITIONS)
            {
                ready.add("kube_pod_status_ready", podLabels + ",condition=\"" + condition + "\"",
                    condition.equals(isReady ? "true" : "false") ? "1" : "0");
            }
            for (final Container container : pod.containers())
            {
                final String containerLabels = "namespace=\"" + pod.namespace() + "\",pod=\"" + pod.name() +
                    "\",container=\"" + container.name() + "\",uid=\"" + pod.uid() + "\"";
                containerInfo.add("kube_pod_container_info", containerLabels + ",image=\"" + container.image() +
                    "\",image_id=\"" + container.image() + "@sha256:" + container.id().substring(13) +
                    "\",container_id=\"" + container.id() + "\"", "1");
                containerReady.add("kube_pod_container_status_ready", containerLabels, isReady ? "1" : "0");
                restarts.add("kube_pod_container_status_restarts_total", containerLabels,
                    random.nextInt(10) == 0 ? Integer.toString(random.nextInt(40)) : "0");
                final int cpuMillis = (1 + random.nextInt(8)) * 125;
                requests.add("kube_pod_container_resource_requests", containerLabels + ",node=\"" + pod.node() +
                    "\",resource=\"cpu\",unit=\"core\"", cores(cpuMillis));
                requests.add("kube_pod_container_resource_requests", containerLabels + ",node=\"" + pod.node() +
                    "\",resource=\"memory\",unit=\"byte\"", memory(random));
                limits.add("kube_pod_container_resource_limits", containerLabels + ",node=\"" + pod.node() +
                    "\",resource=\"cpu\",unit=\"core\"", cores(2 * cpuMillis));
                limits.add("kube_pod_container_resource_limits", containerLabels + ",node=\"" + pod.node() +
                    "\",resource=\"memory\",unit=\"byte\"", memory(random));
                final String usageLabels = "container=\"" + container.name() + "\",id=\"/kubepods/burstable/pod" +
                    pod.uid() + "/" + container.id().substring(13) + "\",image=\"" + container.image() +
                    "\",name=\"" + container.id().substring(13, 25) + "\",namespace=\"" + pod.namespace() +
                    "\",pod=\"" + pod.name() + "\"";
                cpuUsage.rows.add(new Row("container_cpu_usage_seconds_total", usageLabels, usageLabels,
                    decimal(random, 1e5), SCRAPE_TIME_SECONDS - random.nextInt(15),
                    random.nextInt(10) == 0 ? exemplar(random, "1") : null));
            }
        }
        families.add(info);
        families.add(phase);
        families.add(created);
        families.add(ready);
        families.add(containerInfo);
        families.add(containerReady);
        families.add(restarts);
        families.add(requests);
        families.add(limits);
        families.add(cpuUsage);
    }

    private static void addHistogramsAndSummaries(final SplittableRandom random, final List<Family> families)
    {
        final Family durations = new Family("apiserver_request_duration_seconds", "Response latency distribution " +
            "in seconds for each verb, resource and scope.", Kind.HISTOGRAM);
        for (final String verb : VERBS)
        {
            for (final String resource : RESOURCES)
            {
                final String labels = "component=\"apiserver\",resource=\"" + resource + "\",scope=\"" +
                    (resource.equals("nodes") ? "cluster" : "namespace") + "\",verb=\"" + verb + "\"";
                addHistogram(random, durations, labels);
            }
        }
        families.add(durations);

        final Family gc = new Family("go_gc_duration_seconds", "A summary of the pause duration of garbage " +
            "collection cycles.", Kind.SUMMARY);
        final String[] gcQuantiles = {"0", "0.25", "0.5", "0.75", "1"};
        double pause = 1.5e-5;
        for (final String quantile : gcQuantiles)
        {
            pause *= 1.5 + random.nextDouble();
            gc.add("go_gc_duration_seconds", "quantile=\"" + quantile + "\"", Double.toString(pause));
        }
        gc.add("go_gc_duration_seconds_sum", "", decimal(random, 10));
        gc.add("go_gc_duration_seconds_count", "", integer(random, 100_000));
        families.add(gc);

        final Family rpc = new Family("rpc_durations_seconds", "RPC latency distributions.", Kind.SUMMARY);
        for (final String service : new String[] {"exponential", "normal", "uniform"})
        {
            final String labels = "service=\"" + service + "\"";
            double latency = 1e-6;
            for (final String quantile : new String[] {"0.5", "0.9", "0.99"})
            {
                latency *= 2 + random.nextDouble();
                rpc.add("rpc_durations_seconds", labels + ",quantile=\"" + quantile + "\"",
                    service.equals("normal") && quantile.equals("0.99") ? "NaN" : Double.toString(latency));
            }
            rpc.add("rpc_durations_seconds_sum", labels, Double.toString(latency * 900));
            rpc.add("rpc_durations_seconds_count", labels, integer(random, 10_000));
        }
        families.add(rpc);
    }

    private static void addHistogram(final SplittableRandom random, final Family family, final String labels)
    {
        final String bucket = family.name + "_bucket";
        long cumulative = 0;
        double sum = 0;
        for (int i = 0; i < BOUNDS.length; i++)
        {
            final int increment = random.nextInt(4) == 0 ? 0 : random.nextInt(5_000);
            cumulative += increment;
            sum += increment * BOUNDS[i] * 0.7;
            final String exemplar = increment > 0 && random.nextInt(3) == 0 ?
                exemplar(random, EXEMPLAR_VALUES[i]) : null;
            family.rows.add(new Row(bucket, labels + ",le=\"" + TEXT_BOUNDS[i] + "\"",
                labels + ",le=\"" + OPENMETRICS_BOUNDS[i] + "\"", Long.toString(cumulative), -1, exemplar));
        }
        final int overflow = random.nextInt(50);
        cumulative += overflow;
        sum += overflow * 15.0;
        family.add(bucket, labels + ",le=\"+Inf\"", Long.toString(cumulative));
        family.add(family.name + "_sum", labels, Double.toString(sum));
        family.add(family.name + "_count", labels, Long.toString(cumulative));
    }

    private static byte[] renderText(final List<Family> families)
    {
        final StringBuilder out = new StringBuilder(24 << 20);
        for (final Family family : families)
        {
            final String name = textName(family);
            out.append("# HELP ").append(name).append(' ').append(family.help).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(family.kind.typeName).append('\n');
            for (final Row row : family.rows)
            {
                appendSeries(out, row.name(), row.labels()).append(' ').append(row.value());
                if (row.timestampSeconds() >= 0)
                {
                    out.append(' ').append(row.timestampSeconds()).append("000");
                }
                out.append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] renderOpenMetrics(final List<Family> families)
    {
        final StringBuilder out = new StringBuilder(28 << 20);
        for (final Family family : families)
        {
            out.append("# HELP ").append(family.name).append(' ').append(family.help).append('\n');
            out.append("# TYPE ").append(family.name).append(' ').append(family.kind.typeName).append('\n');
            for (final Row row : family.rows)
            {
                appendSeries(out, row.name(), row.openMetricsLabels()).append(' ').append(row.value());
                if (row.timestampSeconds() >= 0)
                {
                    out.append(' ').append(row.timestampSeconds());
                }
                if (row.exemplar() != null)
                {
                    out.append(" # ").append(row.exemplar());
                }
                out.append('\n');
            }
        }
        out.append("# EOF\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String textName(final Family family)
    {
        return family.kind == Kind.COUNTER ? family.name + "_total" : family.name;
    }

    /**
     * Renders each family as one delimited message. Counter and gauge rows are one {@code Metric} each; the rows
     * of one histogram or summary series (buckets or quantiles, then {@code _sum}, then {@code _count}) are
     * gathered into one {@code Metric}, whose {@code le} or {@code quantile} label becomes a bucket bound or a
     * quantile rank and whose {@code +Inf} bucket is left out, its count being the sample count.
     */
    private static byte[] renderProtobuf(final List<Family> families)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(16 << 20);
        try
        {
            for (final Family family : families)
            {
                final Metrics.MetricFamily.Builder message = Metrics.MetricFamily.newBuilder()
                    .setName(textName(family)).setHelp(family.help).setType(family.kind.protobufType);
                final Metrics.Metric.Builder metric = Metrics.Metric.newBuilder();
                final Metrics.Histogram.Builder histogram = Metrics.Histogram.newBuilder();
                final Metrics.Summary.Builder summary = Metrics.Summary.newBuilder();
                for (final Row row : family.rows)
                {
                    final String suffix = row.name().substring(family.name.length());
                    final String reserved = addLabels(metric, row.labels());
                    final double value = Double.parseDouble(row.value());
                    if (row.timestampSeconds() >= 0)
                    {
                        metric.setTimestampMs(row.timestampSeconds() * 1000);
                    }
                    switch (family.kind)
                    {
                        case COUNTER:
                            message.addMetric(metric.setCounter(Metrics.Counter.newBuilder().setValue(value)));
                            break;
                        case GAUGE:
                            message.addMetric(metric.setGauge(Metrics.Gauge.newBuilder().setValue(value)));
                            break;
                        case HISTOGRAM:
                            if (suffix.equals("_bucket") && !reserved.equals("+Inf"))
                            {
                                histogram.addBucket(Metrics.Bucket.newBuilder()
                                    .setUpperBound(Double.parseDouble(reserved)).setCumulativeCount((long)value));
                            }
                            else if (suffix.equals("_sum"))
                            {
                                histogram.setSampleSum(value);
                            }
                            else if (suffix.equals("_count"))
                            {
                                message.addMetric(metric.setHistogram(histogram.setSampleCount((long)value)));
                                histogram.clear();
                            }
                            break;
                        case SUMMARY:
                            if (suffix.isEmpty())
                            {
                                summary.addQuantile(Metrics.Quantile.newBuilder()
                                    .setQuantile(Double.parseDouble(reserved)).setValue(value));
                            }
                            else if (suffix.equals("_sum"))
                            {
                                summary.setSampleSum(value);
                            }
                            else
                            {
                                message.addMetric(metric.setSummary(summary.setSampleCount((long)value)));
                                summary.clear();
                            }
                            break;
                        default:
                            throw new IllegalStateException("kind " + family.kind);
                    }
                    metric.clear();
                }
                message.build().writeDelimitedTo(out);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /**
     * Adds the label pairs of a rendered label list ({@code a="x",b="y"}, no escapes in this model) to a metric,
     * all but {@code le} and {@code quantile}.
     *
     * @return the value of {@code le} or {@code quantile}, or the empty string.
     */
    private static String addLabels(final Metrics.Metric.Builder metric, final String labels)
    {
        String reserved = "";
        int at = 0;
        while (at < labels.length())
        {
            final int equals = labels.indexOf("=\"", at);
            final int close = labels.indexOf('"', equals + 2);
            final String name = labels.substring(at, equals);
            final String value = labels.substring(equals + 2, close);
            if (name.equals("le") || name.equals("quantile"))
            {
                reserved = value;
            }
            else
            {
                metric.addLabel(Metrics.LabelPair.newBuilder().setName(name).setValue(value));
            }
            at = close + 2;
        }
        return reserved;
    }

    private static StringBuilder appendSeries(final StringBuilder out, final String name, final String labels)
    {
        out.append(name);
        if (!labels.isEmpty())
        {
            out.append('{').append(labels).append('}');
        }
        return out;
    }

    private static String exemplar(final SplittableRandom random, final String value)
    {
        return "{trace_id=\"" + randomString(random, HEX, 16) + "\"} " + value + " " +
            (SCRAPE_TIME_SECONDS - random.nextInt(60)) + "." + random.nextInt(1000);
    }

    private static String pick(final SplittableRandom random, final String[] choices)
    {
        return choices[random.nextInt(choices.length)];
    }

    private static String randomString(final SplittableRandom random, final String alphabet, final int length)
    {
        final char[] chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    private static String uuid(final SplittableRandom random)
    {
        return randomString(random, HEX, 8) + "-" + randomString(random, HEX, 4) + "-4" +
            randomString(random, HEX, 3) + "-" + "89ab".charAt(random.nextInt(4)) + randomString(random, HEX, 3) +
            "-" + randomString(random, HEX, 12);
    }

    /** A decimal with up to six fraction digits, below {@code max}. */
    private static String decimal(final SplittableRandom random, final double max)
    {
        final long micros = (long)(random.nextDouble() * max * 1e6);
        final String fraction = Long.toString(1_000_000 + micros % 1_000_000).substring(1).replaceAll("0+$", "");
        return micros / 1_000_000 + (fraction.isEmpty() ? "" : "." + fraction);
    }

    /** A value in the exponent form the Go client uses for large numbers, e.g. {@code 1.6484098048e+10}. */
    private static String exponent(final SplittableRandom random, final double max)
    {
        final double value = Math.floor(random.nextDouble() * max / 4096) * 4096;
        return value < 1e6 ? Long.toString((long)value) : String.format(Locale.ROOT, "%.10e", value)
            .replaceAll("0+e", "e").replace(".e", "e");
    }

    /** A Unix time in seconds in exponent form, as kube-state-metrics writes creation times. */
    private static String exponentSeconds(final SplittableRandom random)
    {
        return "1.7" + (10_000_000 + random.nextInt(90_000_000)) + "e+09";
    }

    private static String integer(final SplittableRandom random, final long max)
    {
        return Long.toString(random.nextLong(max));
    }

    /** CPU cores as kube-state-metrics writes them: {@code 1}, {@code 0.25}. */
    private static String cores(final int millis)
    {
        return millis % 1000 == 0 ? Integer.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }

    private static String memory(final SplittableRandom random)
    {
        final long bytes = (64L + random.nextInt(64) * 64L) << 20;
        return String.format(Locale.ROOT, "%.8e", (double)bytes).replaceAll("0+e", "e")
            .replace(".e", "e");
    }
}
