package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.naming.BackupMarkers;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.StoreRole;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KVS-ALERT-BASELINE-K8S: in production, every in-cluster store (a {@code helm_release} or a KVRocks
 * {@code kubernetes_stateful_set_v1} labelled {@code kvstores.dev/role}) is watched: a {@code PrometheusRule}
 * {@code <store>-alerts} in its namespace holds the main alert of every signal the role's baseline asks of the store
 * ({@link AlertSignal#required}, for the features the rule reads from the release's values: Redis enforces
 * maxmemory, KVRocks keeps its data on disk and has none; replicas; AOF or RDB persistence), each with a
 * {@code severity} label for Alertmanager's routing, the main alerts with the baseline's severity, and the exporter
 * is scraped (the chart's {@code metrics.serviceMonitor.enabled}, or a
 * {@code ServiceMonitor} in the namespace for KVRocks). A store with a backup CronJob (a {@code kubernetes_cron_job_v1}
 * in its namespace labelled {@value BackupMarkers#KUBERNETES_BACKUP_OF_LABEL} with the store's name) must have the
 * backup signal's main alert, and its expression must watch that CronJob ({@code cronjob="<name>"}, from
 * kube-state-metrics). The cloud stores have {@link CloudAlertBaseline}; this is
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

    /**
     * The name of the main alert of {@code signal} in the PrometheusRule of a store of {@code role}: the rule's
     * reading of the alert names {@code StoreAlerts} writes ({@code <Role>Store<Condition>}).
     */
    static String mainAlert(AlertSignal signal, StoreRole role) {
        boolean worker = role == StoreRole.WORKER_STATE;
        String prefix = worker ? "WorkerStateStore" : "CacheStore";
        return prefix + switch (signal) {
            case DOWN -> "Down";
            case MEMORY -> "MemoryHigh";
            case EVICTIONS -> worker ? "EvictedKeys" : "Evicting";
            case REJECTED_WRITES -> "RejectingWrites";
            case REPLICATION -> "ReplicaLinkDown";
            case FAILOVER -> "FailoverHappened";
            case PERSISTENCE -> "RdbSaveFailed";
            case CONNECTIONS -> "ConnectionsNearLimit";
            case REJECTED_CONNECTIONS -> "RejectedConnections";
            case CPU -> "CpuHigh";
            case BACKUP -> "BackupMissing";
        };
    }

    /** The main alerts a store of {@code role} with {@code features} must have, with their signals. */
    static Map<String, AlertSignal> requiredAlerts(StoreRole role, AlertSignal.Features features) {
        Map<String, AlertSignal> names = new LinkedHashMap<>();
        for (AlertSignal signal : AlertSignal.required(role, features)) {
            names.put(mainAlert(signal, role), signal);
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
        String backupJob = backupCronJob(stack, store);
        Map<String, String> alerts = new HashMap<>();
        Map<String, String> expressions = new HashMap<>();
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode r : group.path("rules")) {
                if (r.hasNonNull("alert")) {
                    String severity = r.path("labels").path("severity").asText("");
                    if (severity.isBlank()) {
                        return Evaluation.nonCompliant("alert " + r.path("alert").asText() + " of " + ruleName
                                + " has no severity label (Alertmanager routes on it)");
                    }
                    alerts.put(r.path("alert").asText(), severity);
                    expressions.put(r.path("alert").asText(), r.path("expr").asText(""));
                }
            }
        }
        Map<String, AlertSignal> required = requiredAlerts(store.role(),
                store.features().withBackup(backupJob != null));
        List<String> missing = required.keySet().stream().filter(a -> !alerts.containsKey(a)).toList();
        if (!missing.isEmpty()) {
            return Evaluation.nonCompliant(ruleName + " lacks " + String.join(", ", missing));
        }
        for (Map.Entry<String, AlertSignal> e : required.entrySet()) {
            String expected = e.getValue().severity(store.role()).label();
            if (!expected.equals(alerts.get(e.getKey()))) {
                return Evaluation.nonCompliant("alert " + e.getKey() + " of " + ruleName + " has severity "
                        + alerts.get(e.getKey()) + "; the baseline makes " + e.getValue().label() + " " + expected
                        + " for the " + store.role().label() + " store");
            }
        }
        if (backupJob != null) {
            String backupAlert = mainAlert(AlertSignal.BACKUP, store.role());
            if (!expressions.get(backupAlert).contains("cronjob=\"" + backupJob + "\"")) {
                return Evaluation.nonCompliant("alert " + backupAlert + " of " + ruleName + " does not watch the"
                        + " backup CronJob " + store.namespace() + "/" + backupJob + " (no cronjob=\"" + backupJob
                        + "\" in its expression)");
            }
        }
        if (!store.scraped() && manifest(stack, "ServiceMonitor", store.namespace(), null) == null) {
            return Evaluation.nonCompliant("nothing scrapes the exporter of '" + store.namespace() + "/"
                    + store.name() + "' (no ServiceMonitor): the alerts would see no series");
        }
        return Evaluation.compliant();
    }

    /**
     * {@code helm}: a Bitnami Redis release (with maxmemory), else the KVRocks StatefulSet (the rule does not read
     * its replicas: the KVRocks store runs one node).
     */
    private record Store(String name, String namespace, StoreRole role, boolean helm, boolean scraped,
                         boolean replicas, boolean persistence) {

        AlertSignal.Features features() {
            return new AlertSignal.Features(helm, replicas, persistence);
        }
    }

    /** The in-cluster store {@code resource} is, or {@code null}. */
    private static Store store(SynthesizedResource resource) {
        if ("helm_release".equals(resource.type())) {
            for (Map<String, Object> values : resource.valuesDocuments()) {
                if (values.get("commonLabels") instanceof Map<?, ?> labels) {
                    StoreRole role = role(String.valueOf(labels.get(StoreRole.LABEL_KEY)));
                    if (role != null) {
                        return new Store(resource.text("name"), resource.text("namespace"), role, true,
                                serviceMonitorEnabled(values), replicas(values), persistence(values));
                    }
                }
            }
            return null;
        }
        JsonNode metadata = SynthesizedResource.block(resource.body(), "metadata");
        StoreRole role = role(metadata.path("labels").path(StoreRole.LABEL_KEY).asText(""));
        return role == null ? null : new Store(metadata.path("name").asText(null),
                metadata.path("namespace").asText(null), role, false, false, false, false);
    }

    /**
     * Whether the release runs replicas: the redis chart with {@code architecture: replication} and more nodes than
     * the primary ({@code replica.replicaCount} counts the primary when Sentinel is on), or redis-cluster with
     * {@code cluster.replicas}.
     */
    private static boolean replicas(Map<String, Object> values) {
        if (values.get("cluster") instanceof Map<?, ?> cluster && cluster.get("replicas") instanceof Number n) {
            return n.intValue() > 0;
        }
        if (!"replication".equals(values.get("architecture"))) {
            return false;
        }
        boolean sentinel = values.get("sentinel") instanceof Map<?, ?> s && Boolean.TRUE.equals(s.get("enabled"));
        int count = values.get("replica") instanceof Map<?, ?> r && r.get("replicaCount") instanceof Number n
                ? n.intValue() : 0;
        return count > (sentinel ? 1 : 0);
    }

    private static final java.util.regex.Pattern PERSISTS =
            java.util.regex.Pattern.compile("(?m)^\\s*(appendonly\\s+yes|save\\s+\"?[0-9])");

    /** Whether the server configuration the release passes turns AOF or RDB snapshots on. */
    private static boolean persistence(Map<String, Object> values) {
        Object common = values.get("commonConfiguration");
        if (common == null && values.get("redis") instanceof Map<?, ?> redis) {
            common = redis.get("configmap");
        }
        return common instanceof String text && PERSISTS.matcher(text).find();
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

    /** The name of the backup CronJob of {@code store} (in its namespace, labelled with its name), or {@code null}. */
    private static String backupCronJob(List<SynthesizedResource> stack, Store store) {
        for (SynthesizedResource other : stack) {
            if (!other.type().startsWith("kubernetes_cron_job")) {
                continue;
            }
            JsonNode metadata = SynthesizedResource.block(other.body(), "metadata");
            if (store.name().equals(metadata.path("labels").path(BackupMarkers.KUBERNETES_BACKUP_OF_LABEL).asText(null))
                    && metadata.path("namespace").asText("").equals(store.namespace())) {
                return metadata.path("name").asText(null);
            }
        }
        return null;
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
