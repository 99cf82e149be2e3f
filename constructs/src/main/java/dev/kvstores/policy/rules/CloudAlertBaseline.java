package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.aws.AwsAlarm;
import dev.kvstores.naming.AwsTags;
import dev.kvstores.aws.CloudWatchMetric;
import dev.kvstores.azure.AzureHealthAlert;
import dev.kvstores.azure.AzureMonitorMetric;
import dev.kvstores.naming.GcpLabels;
import dev.kvstores.gcp.MemorystoreMetric;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.role.StoreRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * KVS-ALERT-BASELINE: in production, every managed cloud store (ElastiCache replication group, MemoryDB cluster,
 * Memorystore instance, Azure Cache for Redis, Azure Managed Redis) has the alert baseline (README "Monitoring"),
 * every alert notifies someone, and the signals that only events carry reach the same receiver:
 * <ul>
 *   <li>AWS: CloudWatch alarms on its nodes for down (CurrConnections SampleCount), memory, evictions, engine CPU,
 *   connections and new connections, plus replication lag and failover ({@code ABS(DIFF(IsPrimary))}) with
 *   replicas, all with an SNS action; the store's event notifications (failover, snapshot failures) go to a
 *   topic.</li>
 *   <li>GCP: Cloud Monitoring alert policies on metrics absent (down), memory, evictions, connections, rejected
 *   connections and CPU, plus lag and failover on STANDARD_HA and the RDB snapshot age with RDB persistence, each
 *   with a notification channel.</li>
 *   <li>Azure: Resource Health alerts for Unavailable (down) and Degraded, metric alerts on memory, evictions, CPU,
 *   server load and connections, plus errors Failover / Dataloss (classic) or the replica shard link (Managed
 *   Redis with high availability), each with an action group.</li>
 * </ul>
 * Metric names come from {@link CloudWatchMetric}, {@link MemorystoreMetric} and {@link AzureMonitorMetric}.
 * In-cluster stores are covered by their PrometheusRule (monitoring.prometheusRules), not by this rule. Outside
 * production: not applicable.
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
            case "azurerm_redis_cache" -> azure(resource, stack, false);
            case "azurerm_managed_redis" -> azure(resource, stack, true);
            default -> gcp(resource, stack);
        };
    }

    /** An AWS alarm as the rule sees it: {@code <metric> <statistic>}, wrapped in the expression if any. */
    static String awsSignal(String metricName, String statistic, String expression) {
        String watched = metricName + " " + statistic;
        return expression == null ? watched : expression.replace(AwsAlarm.METRIC_ID, watched);
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
        Map<String, String> required = new LinkedHashMap<>();
        required.put(awsSignal("CurrConnections", "SampleCount", null), "down");
        required.put(awsSignal("DatabaseMemoryUsagePercentage", "Maximum", null), "memory");
        required.put(awsSignal("Evictions", "Sum", null), "evictions");
        required.put(awsSignal("EngineCPUUtilization", "Average", null), "cpu");
        required.put(awsSignal("CurrConnections", "Maximum", null), "connections");
        required.put(awsSignal("NewConnections", "Sum", null), "new connections");
        if (replicas) {
            required.put(awsSignal("ReplicationLag", "Maximum", null), "replication lag");
            required.put(awsSignal("IsPrimary", "Maximum", "ABS(DIFF(" + AwsAlarm.METRIC_ID + "))"), "failover");
        }
        List<String> silent = new ArrayList<>();
        for (SynthesizedResource alarm : stack) {
            if (!alarm.type().equals("aws_cloudwatch_metric_alarm")) {
                continue;
            }
            JsonNode metric = alarm.body();
            String expression = null;
            for (JsonNode query : alarm.body().path("metric_query")) {
                if (query.hasNonNull("expression")) {
                    expression = query.path("expression").asText();
                } else {
                    metric = SynthesizedResource.block(query, "metric");
                }
            }
            if (!namespace.namespaceName().equals(metric.path("namespace").asText(null))) {
                continue;
            }
            JsonNode dims = metric.path("dimensions");
            boolean ours = memoryDb ? name.equals(dims.path("ClusterName").asText(null))
                    : dims.path("CacheClusterId").asText("").startsWith(name + "-");
            if (!ours) {
                continue;
            }
            String statistic = metric.has("stat") ? metric.path("stat").asText() : metric.path("statistic").asText();
            required.remove(awsSignal(metric.path("metric_name").asText(), statistic, expression));
            if (alarm.body().path("alarm_actions").size() == 0) {
                silent.add(alarm.text("alarm_name"));
            }
        }
        if (!required.isEmpty()) {
            return Evaluation.nonCompliant(role(store, true) + " '" + name + "' has no CloudWatch alarm for "
                    + describe(required) + "; keep monitoring.alarms on (AwsMonitoring)");
        }
        if (!silent.isEmpty()) {
            return Evaluation.nonCompliant("alarms of '" + name + "' notify nobody (" + silent.get(0)
                    + (silent.size() > 1 ? " and " + (silent.size() - 1) + " more" : "") + "); set"
                    + " monitoring.notificationTopicArn or let the stack create its topic");
        }
        String events = store.text(memoryDb ? "sns_topic_arn" : "notification_topic_arn");
        if (events == null || events.isBlank()) {
            return Evaluation.nonCompliant("'" + name + "' sends its event notifications (failover, node"
                    + " replacement, snapshot failures) nowhere: set " + (memoryDb ? "sns_topic_arn"
                    : "notification_topic_arn") + " to the alarm topic (AwsMonitoring.alarmTopicArn)");
        }
        return Evaluation.compliant();
    }

    private static Evaluation azure(SynthesizedResource store, List<SynthesizedResource> stack, boolean managed) {
        String reference = "${" + store.address() + ".id}";
        AzureMonitorMetric.Namespace namespace = managed ? AzureMonitorMetric.Namespace.MANAGED
                : AzureMonitorMetric.Namespace.CLASSIC;
        Map<String, String> required = new LinkedHashMap<>();
        required.put("ResourceHealth " + "Unavailable", "down");
        required.put("ResourceHealth " + "Degraded", "degraded");
        for (String metric : List.of("usedmemorypercentage", "evictedkeys", "percentProcessorTime", "serverLoad",
                "connectedclients")) {
            required.put(metric, metric);
        }
        if (managed) {
            if (store.body().path("high_availability_enabled").asBoolean(true)) {
                required.put(AzureMonitorMetric.MANAGED_SHARD_REPLICATION_LINK_UP.metricName(), "replica link");
            }
        } else {
            required.put("errors[Failover]", "failover");
            required.put("errors[Dataloss]", "data loss");
        }
        List<String> silent = new ArrayList<>();
        for (SynthesizedResource alert : stack) {
            boolean metricAlert = alert.type().equals("azurerm_monitor_metric_alert");
            boolean activityAlert = alert.type().equals("azurerm_monitor_activity_log_alert");
            if (!metricAlert && !activityAlert) {
                continue;
            }
            boolean ours = false;
            for (JsonNode scope : alert.body().path("scopes")) {
                ours |= scope.asText().equals(reference);
            }
            if (!ours) {
                continue;
            }
            if (metricAlert) {
                for (JsonNode criteria : alert.body().path("criteria")) {
                    if (!namespace.namespaceName().equals(criteria.path("metric_namespace").asText())) {
                        continue;
                    }
                    String metric = criteria.path("metric_name").asText();
                    for (JsonNode dimension : criteria.path("dimension")) {
                        if (dimension.path("name").asText().equals("ErrorType")) {
                            for (JsonNode value : dimension.path("values")) {
                                required.remove(metric + "[" + value.asText() + "]");
                            }
                        }
                    }
                    required.remove(metric);
                }
            } else {
                JsonNode criteria = SynthesizedResource.block(alert.body(), "criteria");
                if (!AzureHealthAlert.CATEGORY.equals(criteria.path("category").asText())) {
                    continue;
                }
                for (JsonNode state : SynthesizedResource.block(criteria, "resource_health").path("current")) {
                    required.remove(AzureHealthAlert.CATEGORY + " " + state.asText());
                }
            }
            if (alert.body().path("action").size() == 0) {
                silent.add(alert.text("name"));
            }
        }
        String name = store.text("name");
        if (!required.isEmpty()) {
            return Evaluation.nonCompliant("store '" + name + "' has no alert for " + describe(required)
                    + " (AzureMonitorAlerts)");
        }
        if (!silent.isEmpty()) {
            return Evaluation.nonCompliant("alerts of '" + name + "' notify nobody (" + silent.get(0)
                    + (silent.size() > 1 ? " and " + (silent.size() - 1) + " more" : "") + "); set"
                    + " monitoring.actionGroupId");
        }
        return Evaluation.compliant();
    }

    private static Evaluation gcp(SynthesizedResource store, List<SynthesizedResource> stack) {
        String name = store.text("name");
        if (name == null) {
            return Evaluation.notApplicable();
        }
        boolean ha = "STANDARD_HA".equals(store.text("tier"));
        boolean rdb = "RDB".equals(SynthesizedResource.block(store.body(), "persistence_config")
                .path("persistence_mode").asText());
        Map<String, String> required = new LinkedHashMap<>();
        required.put(MemorystoreMetric.MEMORY_USAGE_RATIO.metricType() + " absent", "down");
        required.put(MemorystoreMetric.MEMORY_USAGE_RATIO.metricType(), "memory");
        required.put(MemorystoreMetric.EVICTED_KEYS.metricType(), "evictions");
        required.put(MemorystoreMetric.CONNECTED_CLIENTS.metricType(), "connections");
        required.put(MemorystoreMetric.REJECTED_CONNECTIONS.metricType(), "rejected connections");
        required.put(MemorystoreMetric.CPU_MAIN_THREAD.metricType(), "cpu");
        if (ha) {
            required.put(MemorystoreMetric.REPLICATION_LAG.metricType(), "replication lag");
            required.put(MemorystoreMetric.REPLICATION_ROLE.metricType(), "failover");
        }
        if (rdb) {
            required.put(MemorystoreMetric.RDB_SNAPSHOT_LAST_SUCCESS_AGE.metricType(), "persistence");
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
                                required.remove(m.metricType() + (kind.equals("condition_absent") ? " absent" : ""));
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
            return Evaluation.nonCompliant(role(store, false) + " '" + name + "' has no alert policy for "
                    + describe(required) + " (MemorystoreAlerts)");
        }
        if (!silent.isEmpty()) {
            return Evaluation.nonCompliant("alert policies of '" + name + "' notify nobody (" + silent.get(0)
                    + (silent.size() > 1 ? " and " + (silent.size() - 1) + " more" : "") + "); set"
                    + " monitoring.notificationChannelId");
        }
        return Evaluation.compliant();
    }

    /** {@code down (CurrConnections SampleCount), memory (...)}, sorted by signal. */
    private static String describe(Map<String, String> missing) {
        Set<String> out = new TreeSet<>();
        missing.forEach((condition, signal) -> out.add(signal.equals(condition) ? condition
                : signal + " (" + condition + ")"));
        return String.join(", ", out);
    }

    private static String role(SynthesizedResource store, boolean aws) {
        JsonNode labels = store.body().path(aws ? "tags" : "labels");
        String role = labels.path(aws ? AwsTags.ROLE : GcpLabels.ROLE).asText("");
        return StoreRole.WORKER_STATE.label().equals(role) ? "worker state store" : "store";
    }
}
