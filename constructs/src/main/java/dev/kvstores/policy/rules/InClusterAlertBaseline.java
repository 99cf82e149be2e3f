package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.internal.Values;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.role.StoreRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KVS-ALERT-BASELINE-K8S: in production, every in-cluster store (a {@code helm_release} or a KVRocks
 * {@code kubernetes_stateful_set_v1} labelled {@code kvstores.dev/role}) is watched: a {@code PrometheusRule}
 * {@code <store>-alerts} in its namespace holds the baseline alerts of its role (down, CPU, connections; for Redis
 * also memory, and for a Redis Worker State Store evictions and rejected writes; KVRocks keeps its data on disk
 * and has no maxmemory), each with a {@code severity} label for
 * Alertmanager's routing, and the exporter is scraped (the chart's {@code metrics.serviceMonitor.enabled}, or a
 * {@code ServiceMonitor} in the namespace for KVRocks). The cloud stores have {@link CloudAlertBaseline}; this is
 * its in-cluster half. Fix: {@code monitoring.prometheusRules: true}. Outside production: not applicable.
 */
public final class InClusterAlertBaseline implements StackRule {

    /** The rule's ID. */
    public static final String ID = "KVS-ALERT-BASELINE-K8S";

    @Override public String id() { return ID; }
    @Override public String source() { return "issue 15: one operations baseline on every backend (Kubernetes: PrometheusRule + ServiceMonitor)"; }
    @Override public String description() { return "production in-cluster store has the PrometheusRule baseline and a scraped exporter"; }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("helm_release", "kubernetes_stateful_set_v1", "kubernetes_stateful_set");
    }

    /** Alerts a store of {@code role} must have; {@code maxmemory}: Redis (true) or KVRocks (false). */
    static List<String> requiredAlerts(StoreRole role, boolean maxmemory) {
        boolean worker = role == StoreRole.WORKER_STATE;
        String prefix = worker ? "WorkerStateStore" : "CacheStore";
        List<String> names = new ArrayList<>(List.of(prefix + "Down", prefix + "CpuHigh",
                prefix + "ConnectionsNearLimit"));
        if (!maxmemory) {
            return names;
        }
        names.add(prefix + "MemoryHigh");
        if (worker) {
            names.add(prefix + "EvictedKeys");
            names.add(prefix + "RejectingWrites");
        }
        return names;
    }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context, List<SynthesizedResource> stack) {
        Store store = store(resource);
        if (store == null || !context.production()) {
            return Evaluation.notApplicable();
        }
        String ruleName = store.name() + "-alerts";
        JsonNode rule = manifest(stack, "PrometheusRule", store.namespace(), ruleName);
        if (rule == null) {
            return Evaluation.nonCompliant(store.role().label() + " store '" + store.namespace() + "/" + store.name()
                    + "' has no PrometheusRule " + ruleName + "; set monitoring.prometheusRules: true (needs the"
                    + " Prometheus Operator CRDs), or in your own app add a StoreAlerts for the store");
        }
        Set<String> alerts = new HashSet<>();
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode r : group.path("rules")) {
                if (r.hasNonNull("alert")) {
                    if (r.path("labels").path("severity").asText("").isBlank()) {
                        return Evaluation.nonCompliant("alert " + r.path("alert").asText() + " of " + ruleName
                                + " has no severity label (Alertmanager routes on it)");
                    }
                    alerts.add(r.path("alert").asText());
                }
            }
        }
        List<String> missing = requiredAlerts(store.role(), store.helm()).stream().filter(a -> !alerts.contains(a)).toList();
        if (!missing.isEmpty()) {
            return Evaluation.nonCompliant(ruleName + " lacks " + String.join(", ", missing));
        }
        if (!store.scraped() && manifest(stack, "ServiceMonitor", store.namespace(), null) == null) {
            return Evaluation.nonCompliant("nothing scrapes the exporter of '" + store.namespace() + "/"
                    + store.name() + "' (no ServiceMonitor): the alerts would see no series");
        }
        return Evaluation.compliant();
    }

    /** {@code helm}: a Bitnami Redis release (with maxmemory), else the KVRocks StatefulSet. */
    private record Store(String name, String namespace, StoreRole role, boolean helm, boolean scraped) {
    }

    /** The in-cluster store {@code resource} is, or {@code null}. */
    private static Store store(SynthesizedResource resource) {
        if ("helm_release".equals(resource.type())) {
            for (JsonNode doc : resource.body().path("values")) {
                Map<String, Object> values = Values.parse(doc.asText());
                if (values.get("commonLabels") instanceof Map<?, ?> labels) {
                    StoreRole role = role(String.valueOf(labels.get(StoreRole.LABEL_KEY)));
                    if (role != null) {
                        return new Store(resource.text("name"), resource.text("namespace"), role, true,
                                serviceMonitorEnabled(values));
                    }
                }
            }
            return null;
        }
        JsonNode metadata = SynthesizedResource.block(resource.body(), "metadata");
        StoreRole role = role(metadata.path("labels").path(StoreRole.LABEL_KEY).asText(""));
        return role == null ? null : new Store(metadata.path("name").asText(null),
                metadata.path("namespace").asText(null), role, false, false);
    }

    private static StoreRole role(String label) {
        for (StoreRole role : StoreRole.values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        return null;
    }

    private static boolean serviceMonitorEnabled(Map<String, Object> values) {
        if (values.get("extraDeploy") instanceof List<?> objects) {
            for (Object object : objects) {
                if (object instanceof Map<?, ?> map && "ServiceMonitor".equals(map.get("kind"))) {
                    return true; // ours, next to our exporter sidecar (the chart's exporter is off)
                }
            }
        }
        return values.get("metrics") instanceof Map<?, ?> metrics
                && metrics.get("serviceMonitor") instanceof Map<?, ?> monitor
                && Boolean.TRUE.equals(monitor.get("enabled"));
    }

    /** A {@code kubernetes_manifest} of {@code kind} in {@code namespace} (named {@code name} unless null). */
    private static JsonNode manifest(List<SynthesizedResource> stack, String kind, String namespace, String name) {
        for (SynthesizedResource other : stack) {
            if (!"kubernetes_manifest".equals(other.type())) {
                continue;
            }
            JsonNode manifest = other.body().path("manifest");
            JsonNode metadata = manifest.path("metadata");
            if (kind.equals(manifest.path("kind").asText()) && metadata.path("namespace").asText("").equals(namespace)
                    && (name == null || name.equals(metadata.path("name").asText()))) {
                return manifest;
            }
        }
        return null;
    }
}
