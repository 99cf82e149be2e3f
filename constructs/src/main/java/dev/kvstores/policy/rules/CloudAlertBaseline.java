package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.naming.AwsTags;
import dev.kvstores.naming.AzureTags;
import dev.kvstores.naming.GcpLabels;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.role.AlertSeverity;
import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.StoreRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * KVS-ALERT-BASELINE: in production, every managed cloud store (ElastiCache replication group, MemoryDB cluster,
 * Memorystore instance, Azure Cache for Redis, Azure Managed Redis) has the role's alert baseline
 * ({@link AlertSignal#required}: which signals, for the store's role, replicas and persistence as the rule reads them
 * from the store's resource), the main alert of each signal carries the baseline's severity, every alert notifies
 * someone, and the signals that only events carry reach the same receiver. The rule reads the synthesized alert
 * resources itself ({@link CloudAlertEvidence}: an exhaustive switch over the signals per
 * service; a signal the service publishes no metric for has no evidence, as the backend's own
 * coverage table declares it uncovered):
 * <ul>
 *   <li>AWS: CloudWatch alarms on its nodes for down (CurrConnections SampleCount), memory, evictions, engine CPU,
 *   connections and new connections, plus replication lag and failover ({@code ABS(DIFF(IsPrimary))}) with
 *   replicas, all with an SNS action; severity from the description's first word; the store's event notifications
 *   (failover, snapshot failures) go to a topic.</li>
 *   <li>GCP: Cloud Monitoring alert policies on metrics absent (down), memory, evictions, connections, rejected
 *   connections and CPU, plus lag and failover on STANDARD_HA and the RDB snapshot age with RDB persistence, each
 *   with a notification channel; severity from the {@code kvstores_severity} user label.</li>
 *   <li>Azure: Resource Health alerts for Unavailable (down) and Degraded, metric alerts on memory, evictions, CPU,
 *   server load and connections, plus errors Failover / Dataloss (classic) or the replica shard link (Managed
 *   Redis with high availability), and errors AOF / RDB on a persisting classic Worker State Store, each with an
 *   action group; severity from the alert's level (1 page, 2 warn, 3 info) or the description's first word.</li>
 * </ul>
 * A Worker State Store whose off-store backup the stack schedules must also have the backup signal's main alert on
 * that backup, at the baseline's severity (page), notifying someone ({@link CloudBackupAlert}).
 * In-cluster stores are covered by their PrometheusRule (monitoring.prometheusRules, {@link InClusterAlertBaseline}),
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
        Evaluation store = switch (resource.type()) {
            case "aws_elasticache_replication_group" -> aws(resource, stack, false);
            case "aws_memorydb_cluster" -> aws(resource, stack, true);
            case "azurerm_redis_cache" -> azure(resource, stack, false);
            case "azurerm_managed_redis" -> azure(resource, stack, true);
            default -> gcp(resource, stack);
        };
        if (store.compliance() != Compliance.COMPLIANT) {
            return store;
        }
        String name = resource.text(resource.type().equals("aws_elasticache_replication_group")
                ? "replication_group_id" : "name");
        String backup = name == null ? null : switch (resource.type()) {
            case "aws_elasticache_replication_group", "aws_memorydb_cluster" -> CloudBackupAlert.aws(name, stack);
            case "azurerm_managed_redis" -> CloudBackupAlert.azure(resource, stack);
            case "google_redis_instance" -> CloudBackupAlert.gcp(name, stack);
            default -> null;
        };
        return backup == null ? store : Evaluation.nonCompliant(backup);
    }

    /** What a store must show: condition → its name in findings, and the main condition of each signal → signal. */
    private record Required(Map<String, String> conditions, Map<String, AlertSignal> main) {

        static Required of(StoreRole role, AlertSignal.Features features,
                           java.util.function.Function<AlertSignal, Map<String, String>> evidence) {
            Map<String, String> conditions = new LinkedHashMap<>();
            Map<String, AlertSignal> main = new LinkedHashMap<>();
            for (AlertSignal signal : AlertSignal.required(role, features)) {
                Map<String, String> e = evidence.apply(signal);
                conditions.putAll(e);
                if (!e.isEmpty()) {
                    main.put(e.keySet().iterator().next(), signal);
                }
            }
            return new Required(conditions, main);
        }

        /** A finding when the main alert of a signal, {@code alert}, has another severity than the baseline's. */
        String severityMismatch(String condition, String severity, StoreRole role, String alert) {
            AlertSignal signal = main.get(condition);
            if (signal == null || role == null || severity == null) {
                return null;
            }
            String expected = signal.severity(role).label();
            return expected.equals(severity) ? null : "alert " + alert + " (" + signal.label() + ") is " + severity
                    + ", the baseline makes it " + expected + " for the " + role.label() + " store";
        }
    }

    /** {@code page}, {@code warn}, {@code info} from a description {@code PAGE: ...}, or null. */
    private static String descriptionSeverity(String description) {
        if (description == null) {
            return null;
        }
        for (AlertSeverity severity : AlertSeverity.values()) {
            if (description.startsWith(severity.name() + ":")) {
                return severity.label();
            }
        }
        return null;
    }

    private static Evaluation aws(SynthesizedResource store, List<SynthesizedResource> stack, boolean memoryDb) {
        String name = store.text(memoryDb ? "name" : "replication_group_id");
        if (name == null) {
            return Evaluation.notApplicable();
        }
        boolean replicas = memoryDb ? store.body().path("num_replicas_per_shard").asInt(1) > 0
                : store.body().path("num_cache_clusters").asInt(0) > 1
                || store.body().path("replicas_per_node_group").asInt(0) > 0;
        boolean persistence = memoryDb || store.body().path("snapshot_retention_limit").asInt(0) > 0;
        StoreRole role = role(store.body().path("tags").path(AwsTags.ROLE).asText(""));
        Required required = Required.of(role == null ? StoreRole.CACHE : role,
                new AlertSignal.Features(true, replicas, persistence), CloudAlertEvidence::aws);
        Map<String, String> missing = new LinkedHashMap<>(required.conditions());
        String namespace = memoryDb ? CloudAlertEvidence.MEMORYDB : CloudAlertEvidence.ELASTICACHE;
        List<String> silent = new ArrayList<>();
        String wrongSeverity = null;
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
            if (!namespace.equals(metric.path("namespace").asText(null))) {
                continue;
            }
            JsonNode dims = metric.path("dimensions");
            boolean ours = memoryDb ? name.equals(dims.path("ClusterName").asText(null))
                    : dims.path("CacheClusterId").asText("").startsWith(name + "-");
            if (!ours) {
                continue;
            }
            String statistic = metric.has("stat") ? metric.path("stat").asText() : metric.path("statistic").asText();
            String condition = CloudAlertEvidence.awsSignal(metric.path("metric_name").asText(), statistic,
                    expression);
            missing.remove(condition);
            if (wrongSeverity == null) {
                wrongSeverity = required.severityMismatch(condition,
                        descriptionSeverity(alarm.text("alarm_description")), role, alarm.text("alarm_name"));
            }
            if (alarm.body().path("alarm_actions").size() == 0) {
                silent.add(alarm.text("alarm_name"));
            }
        }
        if (!missing.isEmpty()) {
            return Evaluation.nonCompliant(describeRole(role) + " '" + name + "' has no CloudWatch alarm for "
                    + describe(missing) + "; keep monitoring.alarms on (AwsMonitoring)");
        }
        if (wrongSeverity != null) {
            return Evaluation.nonCompliant("'" + name + "': " + wrongSeverity + " (AwsMonitoring)");
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
        String namespace = managed ? CloudAlertEvidence.AZURE_MANAGED : CloudAlertEvidence.AZURE_CLASSIC;
        // Classic Standard and Premium run a replica (production rejects Basic); Managed Redis unless HA is off.
        boolean replicas = !managed || store.body().path("high_availability_enabled").asBoolean(true);
        JsonNode config = SynthesizedResource.block(store.body(), "redis_configuration");
        boolean persistence = !managed && (config.path("aof_backup_enabled").asBoolean(false)
                || config.path("rdb_backup_enabled").asBoolean(false));
        StoreRole role = null;
        List<String> silent = new ArrayList<>();
        List<SynthesizedResource> alerts = new ArrayList<>();
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
            if (ours) {
                alerts.add(alert);
                // the alerts carry the store's role tag, as the stores do
                role = role == null ? role(alert.body().path("tags").path(AzureTags.ROLE).asText("")) : role;
            }
        }
        Required required = Required.of(role == null ? StoreRole.CACHE : role,
                new AlertSignal.Features(true, replicas, persistence), s -> CloudAlertEvidence.azure(s, managed));
        Map<String, String> missing = new LinkedHashMap<>(required.conditions());
        String wrongSeverity = null;
        for (SynthesizedResource alert : alerts) {
            List<String> conditions = new ArrayList<>();
            String severity;
            if (alert.type().equals("azurerm_monitor_metric_alert")) {
                for (JsonNode criteria : alert.body().path("criteria")) {
                    if (!namespace.equals(criteria.path("metric_namespace").asText())) {
                        continue;
                    }
                    String metric = criteria.path("metric_name").asText();
                    for (JsonNode dimension : criteria.path("dimension")) {
                        if (dimension.path("name").asText().equals("ErrorType")) {
                            for (JsonNode value : dimension.path("values")) {
                                conditions.add(metric + "[" + value.asText() + "]");
                            }
                        }
                    }
                    conditions.add(metric);
                }
                severity = switch (alert.body().path("severity").asInt(-1)) {
                    case 1 -> AlertSeverity.PAGE.label();
                    case 2 -> AlertSeverity.WARN.label();
                    case 3 -> AlertSeverity.INFO.label();
                    default -> null;
                };
            } else {
                JsonNode criteria = SynthesizedResource.block(alert.body(), "criteria");
                if (!CloudAlertEvidence.RESOURCE_HEALTH.equals(criteria.path("category").asText())) {
                    continue;
                }
                for (JsonNode state : SynthesizedResource.block(criteria, "resource_health").path("current")) {
                    conditions.add(CloudAlertEvidence.RESOURCE_HEALTH + " " + state.asText());
                }
                severity = descriptionSeverity(alert.text("description"));
            }
            for (String condition : conditions) {
                missing.remove(condition);
                if (wrongSeverity == null) {
                    wrongSeverity = required.severityMismatch(condition, severity, role, alert.text("name"));
                }
            }
            if (alert.body().path("action").size() == 0) {
                silent.add(alert.text("name"));
            }
        }
        String name = store.text("name");
        if (!missing.isEmpty()) {
            return Evaluation.nonCompliant("store '" + name + "' has no alert for " + describe(missing)
                    + " (AzureMonitorAlerts)");
        }
        if (wrongSeverity != null) {
            return Evaluation.nonCompliant("'" + name + "': " + wrongSeverity + " (AzureMonitorAlerts)");
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
        StoreRole role = role(store.body().path("labels").path(GcpLabels.ROLE).asText(""));
        // A persisting instance of unknown role is asked for its snapshot policy too.
        Required required = Required.of(role == null && rdb ? StoreRole.WORKER_STATE
                        : role == null ? StoreRole.CACHE : role,
                new AlertSignal.Features(true, ha, rdb), CloudAlertEvidence::gcp);
        Map<String, String> missing = new LinkedHashMap<>(required.conditions());
        String instance = "(.*/)?" + name + "\"";
        List<String> silent = new ArrayList<>();
        String wrongSeverity = null;
        for (SynthesizedResource policy : stack) {
            if (!policy.type().equals("google_monitoring_alert_policy")) {
                continue;
            }
            boolean ours = false;
            String severity = policy.body().path("user_labels").path("kvstores_severity").asText(null);
            for (JsonNode condition : policy.body().path("conditions")) {
                for (String kind : List.of("condition_threshold", "condition_absent")) {
                    String filter = SynthesizedResource.block(condition, kind).path("filter").asText("");
                    if (!filter.contains(instance)) {
                        continue;
                    }
                    ours = true;
                    for (String evidence : required.conditions().keySet()) {
                        String type = evidence.endsWith(" absent")
                                ? evidence.substring(0, evidence.length() - " absent".length()) : evidence;
                        boolean absent = evidence.endsWith(" absent");
                        if (absent == kind.equals("condition_absent") && filter.contains("\"" + type + "\"")) {
                            missing.remove(evidence);
                            if (wrongSeverity == null) {
                                wrongSeverity = required.severityMismatch(evidence, severity, role,
                                        policy.text("display_name"));
                            }
                        }
                    }
                }
            }
            if (ours && policy.body().path("notification_channels").size() == 0) {
                silent.add(policy.text("display_name"));
            }
        }
        if (!missing.isEmpty()) {
            return Evaluation.nonCompliant(describeRole(role) + " '" + name + "' has no alert policy for "
                    + describe(missing) + " (MemorystoreAlerts)");
        }
        if (wrongSeverity != null) {
            return Evaluation.nonCompliant("'" + name + "': " + wrongSeverity + " (MemorystoreAlerts)");
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

    private static StoreRole role(String label) {
        for (StoreRole role : StoreRole.values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        return null;
    }

    private static String describeRole(StoreRole role) {
        return role == StoreRole.WORKER_STATE ? "worker state store" : "store";
    }
}
