package dev.kvstores.kubernetes;

import dev.kvstores.kubernetes.BitnamiReleaseSpec.Chart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects a Bitnami release gets from us instead of from the chart (through the chart's {@code extraDeploy}, so
 * that Helm installs, upgrades and removes them with the release): the NetworkPolicies, and the redis-exporter
 * sidecar with its Service and ServiceMonitor.
 *
 * <p>Why not the chart's: both charts render a DNS egress rule without a destination (any address on port 53), and
 * their exporter sidecar mounts the admin password. Internal: not part of the public API.
 */
final class ReleaseObjects {

    /** Name of the exporter's password volume and where the sidecar mounts it. */
    static final String MONITORING_VOLUME = "monitoring-password";
    static final String MONITORING_DIR = "/secrets/monitoring";
    /** Where the charts mount the server certificate's Secret ({@code redis-certificates}). */
    static final String CERTIFICATES_DIR = "/opt/bitnami/redis/certs";

    private ReleaseObjects() {
    }

    /** The chart's pod labels of the release: {@code app.kubernetes.io/instance} and {@code name}. */
    static Map<String, String> podSelector(BitnamiReleaseSpec spec) {
        Map<String, String> selector = new TreeMap<>();
        selector.put("app.kubernetes.io/instance", spec.releaseName());
        selector.put("app.kubernetes.io/name", spec.chart() == Chart.REDIS ? "redis" : "redis-cluster");
        return selector;
    }

    /**
     * The release's NetworkPolicies: {@code <release>} for every pod (ingress from the allowed namespaces, the
     * backup job and the monitoring namespace; traffic between the release's pods; DNS only to the cluster DNS
     * pods) and, with Sentinel, {@code <release>-kubernetes-api} for the Sentinel pods (the Kubernetes API, to the
     * given CIDRs).
     */
    static List<Map<String, Object>> networkPolicies(BitnamiReleaseSpec spec, Map<String, String> labels) {
        Map<String, String> pods = podSelector(spec);
        List<Integer> ownPorts = new ArrayList<>(List.of(BitnamiReleaseSettings.REDIS_PORT));
        if (spec.chart() == Chart.REDIS_CLUSTER) {
            ownPorts.add(BitnamiReleaseSettings.REDIS_PORT + 10000); // the cluster bus
        } else if (spec.sentinel()) {
            ownPorts.add(BitnamiReleaseSettings.SENTINEL_PORT);
        }
        List<Map<String, Object>> ingress = new ArrayList<>();
        ingress.add(rule("from", List.of(podPeer(pods)), ports(ownPorts)));
        List<Object> platform = new ArrayList<>();
        for (String namespace : spec.allowedNamespaces()) {
            platform.add(namespacePeer(namespace));
        }
        ingress.add(rule("from", platform, ports(List.of(BitnamiReleaseSettings.REDIS_PORT))));
        if (spec.backupUsername() != null) {
            ingress.add(rule("from", List.of(podPeer(new TreeMap<>(WorkerStateBackup.podLabels(spec.releaseName())))),
                    ports(List.of(BitnamiReleaseSettings.REDIS_PORT))));
        }
        ingress.add(rule("from", List.of(namespacePeer(spec.monitoringNamespace())),
                ports(List.of(BitnamiReleaseSettings.METRICS_PORT))));

        ClusterEgress egress = spec.egress();
        Map<String, Object> dnsPeer = new LinkedHashMap<>();
        dnsPeer.put("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name",
                egress.dnsNamespace())));
        dnsPeer.put("podSelector", Map.of("matchLabels", egress.sortedDnsPodLabels()));
        List<Map<String, Object>> egressRules = new ArrayList<>();
        egressRules.add(rule("to", List.of(podPeer(pods)), ports(ownPorts)));
        Map<String, Object> dns = rule("to", List.of(dnsPeer), List.of(port(53, "UDP"), port(53, "TCP")));
        egressRules.add(dns);

        List<Map<String, Object>> policies = new ArrayList<>();
        policies.add(policy(spec.releaseName(), spec, labels, pods, List.of("Ingress", "Egress"), ingress,
                egressRules));
        if (spec.sentinel()) {
            Map<String, String> sentinelPods = new TreeMap<>(pods);
            sentinelPods.put("app.kubernetes.io/component", "node");
            List<Object> apiServer = new ArrayList<>();
            for (String cidr : egress.apiServerCidrs()) {
                apiServer.add(Map.of("ipBlock", Map.of("cidr", cidr)));
            }
            List<Map<String, Object>> apiPorts = new ArrayList<>();
            ClusterEgress.API_SERVER_PORTS.forEach(p -> apiPorts.add(port(p, "TCP")));
            // Without CIDRs (development only: production stacks refuse it) the rule names no destination.
            Map<String, Object> api = apiServer.isEmpty() ? rule(null, null, apiPorts) : rule("to", apiServer, apiPorts);
            policies.add(policy(spec.releaseName() + "-kubernetes-api", spec, labels, sentinelPods,
                    List.of("Egress"), null, List.of(api)));
        }
        return policies;
    }

    private static Map<String, Object> policy(String name, BitnamiReleaseSpec spec, Map<String, String> labels,
                                              Map<String, String> pods, List<String> types,
                                              List<Map<String, Object>> ingress, List<Map<String, Object>> egress) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("podSelector", Map.of("matchLabels", pods));
        body.put("policyTypes", types);
        if (ingress != null) {
            body.put("ingress", ingress);
        }
        body.put("egress", egress);
        Map<String, Object> policy = object("networking.k8s.io/v1", "NetworkPolicy", name, spec, labels);
        policy.put("spec", body);
        return policy;
    }

    /**
     * The redis-exporter sidecar: scrapes the local server over TLS as the monitoring ACL user, whose password it
     * reads from {@value #MONITORING_DIR}; the admin password is not mounted.
     */
    static Map<String, Object> exporterSidecar(BitnamiReleaseSpec spec, Map<String, Object> image,
                                               boolean hideToken) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "metrics");
        container.put("image", imageReference(image));
        container.put("imagePullPolicy", "IfNotPresent");
        container.put("command", List.of("/bin/bash", "-ec",
                "export REDIS_PASSWORD=\"$(< " + MONITORING_DIR + "/password)\"\nexec redis_exporter"));
        List<Map<String, Object>> env = new ArrayList<>();
        env.add(env("REDIS_ADDR", "rediss://localhost:" + BitnamiReleaseSettings.REDIS_PORT));
        env.add(env("REDIS_USER", BitnamiReleaseSettings.MONITORING_USERNAME));
        env.add(env("REDIS_ALIAS", spec.releaseName()));
        env.add(env("REDIS_EXPORTER_WEB_LISTEN_ADDRESS", ":" + BitnamiReleaseSettings.METRICS_PORT));
        env.add(env("REDIS_EXPORTER_TLS_CA_CERT_FILE", CERTIFICATES_DIR + "/ca.crt"));
        container.put("env", env);
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("name", "metrics");
        port.put("containerPort", BitnamiReleaseSettings.METRICS_PORT);
        port.put("protocol", "TCP");
        container.put("ports", List.of(port));
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("tcpSocket", Map.of("port", "metrics"));
        probe.put("initialDelaySeconds", 10);
        probe.put("periodSeconds", 10);
        probe.put("failureThreshold", 5);
        container.put("livenessProbe", probe);
        container.put("readinessProbe", probe);
        Map<String, Object> quantities = new LinkedHashMap<>();
        quantities.put("cpu", "100m");
        quantities.put("memory", "128Mi");
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("requests", quantities);
        resources.put("limits", quantities);
        container.put("resources", resources);
        Map<String, Object> security = new LinkedHashMap<>();
        security.put("allowPrivilegeEscalation", false);
        security.put("capabilities", Map.of("drop", List.of("ALL")));
        security.put("privileged", false);
        security.put("readOnlyRootFilesystem", true);
        security.put("runAsNonRoot", true);
        security.put("runAsUser", 1001);
        security.put("runAsGroup", 1001);
        security.put("seccompProfile", Map.of("type", "RuntimeDefault"));
        container.put("securityContext", security);
        List<Map<String, Object>> mounts = new ArrayList<>();
        mounts.add(mount(MONITORING_VOLUME, MONITORING_DIR));
        mounts.add(mount("redis-certificates", CERTIFICATES_DIR));
        if (hideToken) {
            mounts.add(mount("no-service-account-token", BitnamiReleaseSettings.SERVICE_ACCOUNT_TOKEN_PATH));
        }
        container.put("volumeMounts", mounts);
        return container;
    }

    /** The pod volume with the monitoring user's password (file {@code password}). */
    static Map<String, Object> monitoringVolume(String secretName, String key) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("key", key);
        item.put("path", "password");
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("secretName", secretName);
        secret.put("items", List.of(item));
        secret.put("defaultMode", 288); // 0440: the pod's fsGroup reads it
        Map<String, Object> volume = new LinkedHashMap<>();
        volume.put("name", MONITORING_VOLUME);
        volume.put("secret", secret);
        return volume;
    }

    /** Service {@code <release>-metrics} on the exporter's port (what the alert rules select by). */
    static Map<String, Object> metricsService(BitnamiReleaseSpec spec, Map<String, String> labels) {
        Map<String, Object> service = object("v1", "Service", spec.releaseName() + "-metrics", spec,
                withComponent(labels, spec));
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("name", "http-metrics");
        port.put("port", BitnamiReleaseSettings.METRICS_PORT);
        port.put("protocol", "TCP");
        port.put("targetPort", "metrics");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "ClusterIP");
        body.put("ports", List.of(port));
        body.put("selector", podSelector(spec));
        service.put("spec", body);
        return service;
    }

    /** The Prometheus Operator ServiceMonitor of {@link #metricsService}. */
    static Map<String, Object> serviceMonitor(BitnamiReleaseSpec spec, Map<String, String> labels) {
        Map<String, String> all = new TreeMap<>(labels);
        all.putAll(spec.serviceMonitorLabels());
        Map<String, Object> monitor = object("monitoring.coreos.com/v1", "ServiceMonitor", spec.releaseName(), spec,
                all);
        Map<String, String> selector = new TreeMap<>(podSelector(spec));
        selector.put("app.kubernetes.io/component", "metrics");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endpoints", List.of(Map.of("port", "http-metrics")));
        body.put("namespaceSelector", Map.of("matchNames", List.of(spec.namespace())));
        body.put("selector", Map.of("matchLabels", selector));
        monitor.put("spec", body);
        return monitor;
    }

    private static Map<String, String> withComponent(Map<String, String> labels, BitnamiReleaseSpec spec) {
        Map<String, String> all = new TreeMap<>(labels);
        all.putAll(podSelector(spec));
        all.put("app.kubernetes.io/component", "metrics");
        return all;
    }

    private static Map<String, Object> object(String apiVersion, String kind, String name, BitnamiReleaseSpec spec,
                                              Map<String, String> labels) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", spec.namespace());
        metadata.put("labels", new TreeMap<>(labels));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", metadata);
        return object;
    }

    /** As the charts' {@code common.images.image} writes it: by digest when there is one, else by tag. */
    private static String imageReference(Map<String, Object> image) {
        String repository = image.get("registry") + "/" + image.get("repository");
        return image.get("digest") != null ? repository + "@" + image.get("digest")
                : repository + ":" + image.get("tag");
    }

    private static Map<String, Object> env(String name, String value) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", name);
        env.put("value", value);
        return env;
    }

    private static Map<String, Object> mount(String name, String path) {
        Map<String, Object> mount = new LinkedHashMap<>();
        mount.put("name", name);
        mount.put("mountPath", path);
        mount.put("readOnly", true);
        return mount;
    }

    private static Map<String, Object> rule(String direction, List<Object> peers, List<Map<String, Object>> ports) {
        Map<String, Object> rule = new LinkedHashMap<>();
        if (direction != null) {
            rule.put(direction, peers);
        }
        rule.put("ports", ports);
        return rule;
    }

    private static Map<String, Object> podPeer(Map<String, String> labels) {
        return Map.of("podSelector", Map.of("matchLabels", labels));
    }

    private static Map<String, Object> namespacePeer(String namespace) {
        return Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", namespace)));
    }

    private static List<Map<String, Object>> ports(List<Integer> numbers) {
        List<Map<String, Object>> ports = new ArrayList<>();
        numbers.forEach(n -> ports.add(port(n, "TCP")));
        return ports;
    }

    private static Map<String, Object> port(int number, String protocol) {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("port", number);
        port.put("protocol", protocol);
        return port;
    }
}
