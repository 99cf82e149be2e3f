package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.aws.AwsTags;
import dev.kvstores.azure.AzureMonitorMetric;
import dev.kvstores.aws.CloudWatchMetric;
import dev.kvstores.gcp.GcpLabels;
import dev.kvstores.gcp.MemorystoreMetric;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.role.StoreRole;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * KVS-ALERT-BASELINE: in production, every managed cloud store (ElastiCache replication group, MemoryDB cluster,
 * Memorystore instance, Azure Cache for Redis, Azure Managed Redis) has the alert baseline (README "Monitoring"): CloudWatch alarms on memory, evictions,
 * engine CPU and connections of its nodes (plus replication lag with replicas) that notify an SNS topic, or Cloud
 * Monitoring alert policies on memory, evictions, CPU, connections and rejected connections (plus lag and
 * failover on STANDARD_HA) with a notification channel, or Azure Monitor metric alerts on every alerted metric of
 * {@link AzureMonitorMetric} with an action group. Metric names come from {@link CloudWatchMetric} and
 * {@link MemorystoreMetric}. In-cluster stores are covered by their PrometheusRule (monitoring.prometheusRules),
 * not by this rule. Outside production: not applicable.
 */
public final class CloudAlertBaseline implements StackRule {

    /** The rule's ID. */
    public static final String ID = "KVS-ALERT-BASELINE";

    @Override public String id() { return ID; }
    @Override public String source() { return "issue 15: one operations baseline on every backend"; }
    @Override public String description() { return "production managed store has the alert baseline, and it notifies someone"; }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("aws_elasticache_replication_group", "aws_memorydb_cluster", "google_redis_instance",
                "azurerm_redis_cache", "azurerm_managed_redis");
    }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context, List<SynthesizedResource> stack) {
        if (!context.production()) {
            return Evaluation.notApplicable();
        }
        return switch (resource.type()) {
            case "aws_elasticache_replication_group" -> aws(resource, stack, false);
            case "aws_memorydb_cluster" -> aws(resource, stack, true);
            case "azurerm_redis_cache" -> azure(resource, stack, AzureMonitorMetric.Namespace.CLASSIC);
            case "azurerm_managed_redis" -> azure(resource, stack, AzureMonitorMetric.Namespace.MANAGED);
            default -> gcp(resource, stack);
        };
    }

    private static Evaluation aws(SynthesizedResource store, List<SynthesizedResource> stack, boolean memoryDb) {
        String name = store.text(memoryDb ? "name" : "replication_group_id");
        if (name == null) {
            return Evaluation.notApplicable();
        }
        boolean replicas = memoryDb ? store.body().path("num_replicas_per_shard").asInt(1) > 0
                : store.body().path("num_cache_clusters").asInt(0) > 1
                || store.body().path("replicas_per_node_group").asInt(0) > 0;
        CloudWatchMetric.Namespace namespace = memoryDb ? CloudWatchMetric.Namespace.MEMORYDB
                : CloudWatchMetric.Namespace.ELASTICACHE;
        Set<String> required = new TreeSet<>();
        for (CloudWatchMetric m : CloudWatchMetric.values()) {
            if (m.namespace() == namespace && requiredAws(m, replicas)) {
                required.add(m.metricName());
            }
        }
        Set<String> found = new LinkedHashSet<>();
        List<String> silent = new ArrayList<>();
        for (SynthesizedResource alarm : stack) {
            if (!alarm.type().equals("aws_cloudwatch_metric_alarm")
                    || !namespace.namespaceName().equals(alarm.text("namespace"))) {
                continue;
            }
            JsonNode dims = alarm.body().path("dimensions");
            boolean ours = memoryDb ? name.equals(dims.path("ClusterName").asText(null))
                    : dims.path("CacheClusterId").asText("").startsWith(name + "-");
            if (!ours) {
                continue;
            }
            found.add(alarm.text("metric_name"));
            if (alarm.body().path("alarm_actions").size() == 0) {
                silent.add(alarm.text("alarm_name"));
            }
        }
        required.removeAll(found);
        if (!required.isEmpty()) {
            return Evaluation.nonCompliant(role(store, true) + " '" + name + "' has no CloudWatch alarm on "
                    + String.join(", ", required) + "; keep monitoring.alarms on (AwsMonitoring)");
        }
        if (!silent.isEmpty()) {
            return Evaluation.nonCompliant("alarms of '" + name + "' notify nobody (" + silent.get(0)
                    + (silent.size() > 1 ? " and " + (silent.size() - 1) + " more" : "") + "); set"
                    + " monitoring.notificationTopicArn or let the stack create its topic");
        }
        return Evaluation.compliant();
    }

    private static Evaluation azure(SynthesizedResource store, List<SynthesizedResource> stack,
                                    AzureMonitorMetric.Namespace namespace) {
        String reference = "${" + store.address() + ".id}";
        Set<String> required = new TreeSet<>();
        for (AzureMonitorMetric m : AzureMonitorMetric.values()) {
            if (m.namespace() == namespace && !m.metricName().startsWith("cache")) {
                required.add(m.metricName());
            }
        }
        List<String> silent = new ArrayList<>();
        for (SynthesizedResource alert : stack) {
            if (!alert.type().equals("azurerm_monitor_metric_alert")) {
                continue;
            }
            boolean ours = false;
            for (JsonNode scope : alert.body().path("scopes")) {
                ours |= scope.asText().equals(reference);
            }
            if (!ours) {
                continue;
            }
            for (JsonNode criteria : alert.body().path("criteria")) {
                if (namespace.namespaceName().equals(criteria.path("metric_namespace").asText())) {
                    required.remove(criteria.path("metric_name").asText());
                }
            }
            if (alert.body().path("action").size() == 0) {
                silent.add(alert.text("name"));
            }
        }
        String name = store.text("name");
        if (!required.isEmpty()) {
            return Evaluation.nonCompliant("store '" + name + "' has no metric alert on " + String.join(", ", required)
                    + " (AzureMonitorAlerts)");
        }
        if (!silent.isEmpty()) {
            return Evaluation.nonCompliant("metric alerts of '" + name + "' notify nobody (" + silent.get(0)
                    + (silent.size() > 1 ? " and " + (silent.size() - 1) + " more" : "") + "); set"
                    + " monitoring.actionGroupId");
        }
        return Evaluation.compliant();
    }

    private static boolean requiredAws(CloudWatchMetric m, boolean replicas) {
        String n = m.metricName();
        return n.equals("EngineCPUUtilization") || n.equals("DatabaseMemoryUsagePercentage") || n.equals("Evictions")
                || n.equals("CurrConnections") || n.equals("NewConnections")
                || (replicas && n.equals("ReplicationLag"));
    }

    private static Evaluation gcp(SynthesizedResource store, List<SynthesizedResource> stack) {
        String name = store.text("name");
        if (name == null) {
            return Evaluation.notApplicable();
        }
        boolean ha = "STANDARD_HA".equals(store.text("tier"));
        Set<String> required = new TreeSet<>();
        for (MemorystoreMetric m : MemorystoreMetric.values()) {
            if (m != MemorystoreMetric.CACHE_HIT_RATIO && m != MemorystoreMetric.KEYS
                    && (ha || (m != MemorystoreMetric.REPLICATION_LAG && m != MemorystoreMetric.REPLICATION_ROLE))) {
                required.add(m.metricType());
            }
        }
        String instance = "(.*/)?" + name + "\"";
        List<String> silent = new ArrayList<>();
        for (SynthesizedResource policy : stack) {
            if (!policy.type().equals("google_monitoring_alert_policy")) {
                continue;
            }
            boolean ours = false;
            for (JsonNode condition : policy.body().path("conditions")) {
                for (String kind : List.of("condition_threshold", "condition_absent")) {
                    String filter = SynthesizedResource.block(condition, kind).path("filter").asText("");
                    if (filter.contains(instance)) {
                        ours = true;
                        for (MemorystoreMetric m : MemorystoreMetric.values()) {
                            if (filter.contains("\"" + m.metricType() + "\"")) {
                                required.remove(m.metricType());
                            }
                        }
                    }
                }
            }
            if (ours && policy.body().path("notification_channels").size() == 0) {
                silent.add(policy.text("display_name"));
            }
        }
        if (!required.isEmpty()) {
            return Evaluation.nonCompliant(role(store, false) + " '" + name + "' has no alert policy on "
                    + String.join(", ", required) + " (MemorystoreAlerts)");
        }
        if (!silent.isEmpty()) {
            return Evaluation.nonCompliant("alert policies of '" + name + "' notify nobody (" + silent.get(0)
                    + (silent.size() > 1 ? " and " + (silent.size() - 1) + " more" : "") + "); set"
                    + " monitoring.notificationChannelId");
        }
        return Evaluation.compliant();
    }

    private static String role(SynthesizedResource store, boolean aws) {
        JsonNode labels = store.body().path(aws ? "tags" : "labels");
        String role = labels.path(aws ? AwsTags.ROLE : GcpLabels.ROLE).asText("");
        return StoreRole.WORKER_STATE.label().equals(role) ? "worker state store" : "store";
    }
}
