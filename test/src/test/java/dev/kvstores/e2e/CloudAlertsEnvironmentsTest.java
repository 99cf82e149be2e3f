package dev.kvstores.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.naming.AwsTags;
import dev.kvstores.aws.CloudWatchMetric;
import dev.kvstores.azure.AzureMonitorMetric;
import dev.kvstores.naming.GcpLabels;
import dev.kvstores.gcp.MemorystoreMetric;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.rules.CloudAlertBaseline;
import dev.kvstores.role.StoreRole;
import dev.kvstores.stacks.environment.Environment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped AWS, GCP and Azure environment carries the whole alert baseline of the metric tables
 * ({@link CloudWatchMetric}, {@link MemorystoreMetric}, {@link AzureMonitorMetric}) on every store, and nothing
 * else, notifying somewhere, in the exact form the constructs build (CloudWatch metric math, Cloud Monitoring
 * filters, Azure criteria and Resource Health), with the worker's memory page at 80% standing in for rejected
 * writes; a dashboard that queries only metrics of the table; the report lists every alert; KVS-ALERT-BASELINE
 * passes.
 */
class CloudAlertsEnvironmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC_TYPE = Pattern.compile("metric\\.type = \"([^\"]+)\"");

    static Stream<String> aws() {
        return ShippedSynthesis.environments().stream().filter(e -> e.platform().equals("aws"))
                .map(Environment::name);
    }

    static Stream<String> gcp() {
        return ShippedSynthesis.environments().stream().filter(e -> e.platform().equals("gcp"))
                .map(Environment::name);
    }

    private static List<JsonNode> resources(JsonNode stack, String type) {
        List<JsonNode> out = new ArrayList<>();
        stack.path("resource").path(type).forEach(out::add);
        return out;
    }

    /** (metric, statistic), wrapped in the metric math if any, every node must have, from the table. */
    private static List<String> required(CloudWatchMetric.Namespace ns, boolean replicas) {
        List<String> out = new ArrayList<>();
        for (CloudWatchMetric m : CloudWatchMetric.values()) {
            if (m.namespace() != ns) {
                continue;
            }
            switch (m.metricName()) {
                case "CurrConnections" -> {
                    out.add(m.metricName() + " SampleCount"); // down: no INFO-derived datapoint
                    out.add(m.metricName() + " Maximum");
                }
                case "EngineCPUUtilization" -> out.add(m.metricName() + " Average");
                case "DatabaseMemoryUsagePercentage" -> out.add(m.metricName() + " Maximum");
                case "Evictions", "NewConnections" -> out.add(m.metricName() + " Sum");
                case "ReplicationLag" -> {
                    if (replicas) {
                        out.add(m.metricName() + " Maximum");
                    }
                }
                case "IsPrimary" -> {
                    if (replicas) {
                        out.add("ABS(DIFF(" + m.metricName() + " Maximum))"); // failover
                    }
                }
                default -> { }
            }
        }
        return out;
    }

    /** The metric an alarm watches: its own attributes, or the metric of its metric_query. */
    private static JsonNode watched(JsonNode alarm) {
        for (JsonNode query : alarm.path("metric_query")) {
            if (query.has("metric")) {
                return query.path("metric");
            }
        }
        return alarm;
    }

    /** {@code <metric> <statistic>}, wrapped in the alarm's expression if any. */
    private static String signal(JsonNode alarm) {
        JsonNode metric = watched(alarm);
        String watched = metric.path("metric_name").asText() + " "
                + (metric.has("stat") ? metric.path("stat") : metric.path("statistic")).asText();
        for (JsonNode query : alarm.path("metric_query")) {
            if (query.has("expression")) {
                return query.path("expression").asText().replace("m1", watched);
            }
        }
        return watched;
    }

    @ParameterizedTest
    @MethodSource("aws")
    void every_aws_store_node_has_every_alarm_of_the_table_notifying_the_topic(String env) throws Exception {
        JsonNode stack = ShippedSynthesis.stack(env);
        // The worker state backup's own alarms (AWS/States, docs/platform-aws.md "Backups and restore (AWS)") are
        // not node alarms of the table: they must notify the same topic.
        List<JsonNode> backupAlarms = resources(stack, "aws_cloudwatch_metric_alarm").stream()
                .filter(a -> a.path("namespace").asText().equals("AWS/States")).toList();
        assertEquals(2, backupAlarms.size(), "backup failed and backup missing alarms of " + env);
        for (JsonNode a : backupAlarms) {
            assertTrue(a.path("alarm_actions").get(0).asText().startsWith("${aws_sns_topic.AlertTopic"), a.toString());
        }
        List<JsonNode> alarms = resources(stack, "aws_cloudwatch_metric_alarm").stream()
                .filter(a -> !a.path("namespace").asText().equals("AWS/States")).toList();
        Map<String, List<String>> nodes = new java.util.TreeMap<>();
        Map<String, CloudWatchMetric.Namespace> namespaces = new java.util.HashMap<>();
        Map<String, Boolean> replicas = new java.util.HashMap<>();
        Map<String, Boolean> workers = new java.util.HashMap<>();
        for (JsonNode group : resources(stack, "aws_elasticache_replication_group")) {
            String id = group.path("replication_group_id").asText();
            int n = group.path("num_cache_clusters").asInt(1);
            List<String> members = new ArrayList<>();
            if (group.has("num_node_groups")) {
                for (int s = 1; s <= group.path("num_node_groups").asInt(); s++) {
                    for (int i = 1; i <= group.path("replicas_per_node_group").asInt() + 1; i++) {
                        members.add(String.format("%s-%04d-%03d", id, s, i));
                    }
                }
            } else {
                for (int i = 1; i <= n; i++) {
                    members.add(String.format("%s-%03d", id, i));
                }
            }
            nodes.put(id, members);
            namespaces.put(id, CloudWatchMetric.Namespace.ELASTICACHE);
            replicas.put(id, members.size() > 1);
            assertEquals(alarms.get(0).path("alarm_actions").get(0).asText(),
                    group.path("notification_topic_arn").asText(), "store events go to the alarm topic");
            workers.put(id, StoreRole.WORKER_STATE.label().equals(group.path("tags").path(AwsTags.ROLE).asText()));
        }
        for (JsonNode cluster : resources(stack, "aws_memorydb_cluster")) {
            String id = cluster.path("name").asText();
            List<String> members = new ArrayList<>();
            for (int s = 1; s <= cluster.path("num_shards").asInt(); s++) {
                for (int i = 1; i <= cluster.path("num_replicas_per_shard").asInt() + 1; i++) {
                    members.add(String.format("%s-%04d-%03d", id, s, i));
                }
            }
            nodes.put(id, members);
            namespaces.put(id, CloudWatchMetric.Namespace.MEMORYDB);
            replicas.put(id, cluster.path("num_replicas_per_shard").asInt() > 0);
            assertEquals(alarms.get(0).path("alarm_actions").get(0).asText(), cluster.path("sns_topic_arn").asText(),
                    "MemoryDB events go to the alarm topic");
            workers.put(id, true);
        }
        assertEquals(2, nodes.size(), "both stores of " + env);
        Set<String> table = new HashSet<>();
        Arrays.stream(CloudWatchMetric.values()).forEach(m -> table.add(m.namespace().namespaceName() + " "
                + m.metricName()));
        int expected = 0;
        for (var store : nodes.entrySet()) {
            CloudWatchMetric.Namespace ns = namespaces.get(store.getKey());
            for (String node : store.getValue()) {
                Set<String> have = new HashSet<>();
                for (JsonNode a : alarms) {
                    JsonNode dims = watched(a).path("dimensions");
                    String member = ns == CloudWatchMetric.Namespace.MEMORYDB ? dims.path("NodeName").asText()
                            : dims.path("CacheClusterId").asText();
                    if (!member.equals(node) || !watched(a).path("namespace").asText().equals(ns.namespaceName())) {
                        continue;
                    }
                    have.add(signal(a));
                    if (a.has("metric_query")) {
                        // the failover alarm, in its exact form
                        assertEquals(JSON.readTree("[{\"id\": \"e1\", \"expression\": \"ABS(DIFF(m1))\", \"label\":"
                                + " \"failover " + node + "-failover\", \"return_data\": true}, {\"id\": \"m1\","
                                + " \"return_data\": false, \"metric\": {\"namespace\": \"" + ns.namespaceName()
                                + "\", \"metric_name\": \"IsPrimary\", \"period\": 60, \"stat\": \"Maximum\","
                                + " \"dimensions\": " + JSON.writeValueAsString(dims) + "}}]"), a.path("metric_query"));
                        assertEquals(1, a.path("datapoints_to_alarm").asInt());
                        assertEquals(10, a.path("evaluation_periods").asInt(), "failoverWindow default");
                    }
                    if (signal(a).equals("CurrConnections SampleCount")) {
                        assertEquals("LessThanThreshold", a.path("comparison_operator").asText());
                        assertEquals("breaching", a.path("treat_missing_data").asText());
                        assertTrue(a.path("alarm_description").asText().startsWith("PAGE: "));
                    }
                    if (signal(a).equals("DatabaseMemoryUsagePercentage Maximum") && workers.get(store.getKey())) {
                        // the stand-in for rejected writes (CloudWatchMetric.UNCOVERED): page at 80%
                        assertEquals(80, a.path("threshold").asInt(), a.path("alarm_name").asText());
                        assertTrue(a.path("alarm_description").asText().startsWith("PAGE: "));
                    }
                }
                List<String> want = required(ns, replicas.get(store.getKey()));
                assertEquals(new java.util.TreeSet<>(want), new java.util.TreeSet<>(have), env + " " + node);
                expected += want.size();
            }
        }
        assertEquals(expected, alarms.size(), "no alarm outside the table");
        for (JsonNode a : alarms) {
            assertTrue(table.contains(watched(a).path("namespace").asText() + " "
                    + watched(a).path("metric_name").asText()));
            assertTrue(a.path("alarm_actions").get(0).asText().startsWith("${aws_sns_topic.AlertTopic"),
                    a.toString());
            assertTrue(a.path("alarm_description").asText().matches("(PAGE|WARN|INFO): .{40,}"));
        }
        assertEquals(1, resources(stack, "aws_sns_topic").size());
        JsonNode dashboard = resources(stack, "aws_cloudwatch_dashboard").get(0);
        assertEquals("kvstores-" + env, dashboard.path("dashboard_name").asText());
        JsonNode body = JSON.readTree(dashboard.path("dashboard_body").asText());
        for (JsonNode widget : body.path("widgets")) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                assertTrue(table.contains(metric.get(0).asText() + " " + metric.get(1).asText()), metric.toString());
            }
        }
        String report = ShippedSynthesis.report(env);
        assertTrue(report.contains("CloudWatch alarms notifying the SNS topic `kvstores-" + env + "-alerts`"), report);
        for (JsonNode a : alarms) {
            assertTrue(report.contains("  - " + a.path("alarm_name").asText() + " ["), a.path("alarm_name").asText());
        }
        assertNoBaselineViolation(env);
    }

    @ParameterizedTest
    @MethodSource("gcp")
    void every_memorystore_instance_has_every_policy_of_the_table(String env) throws Exception {
        JsonNode stack = ShippedSynthesis.stack(env);
        boolean production = ShippedSynthesis.environments().stream().filter(e -> e.name().equals(env))
                .findFirst().orElseThrow().production();
        List<JsonNode> policies = resources(stack, "google_monitoring_alert_policy");
        Set<String> table = new HashSet<>();
        Arrays.stream(MemorystoreMetric.values()).forEach(m -> table.add(m.metricType()));
        List<JsonNode> instances = resources(stack, "google_redis_instance");
        assertEquals(2, instances.size());
        int expected = 0;
        String report = ShippedSynthesis.report(env);
        for (JsonNode instance : instances) {
            String name = instance.path("name").asText();
            boolean ha = instance.path("tier").asText().equals("STANDARD_HA");
            JsonNode persistence = instance.path("persistence_config").isArray()
                    ? instance.path("persistence_config").get(0) : instance.path("persistence_config");
            boolean rdb = persistence.path("persistence_mode").asText().equals("RDB");
            boolean worker = StoreRole.WORKER_STATE.label().equals(instance.path("labels").path(GcpLabels.ROLE)
                    .asText());
            assertEquals(worker, rdb, env + " " + name + ": the worker takes RDB snapshots, the cache none");
            Set<String> have = new HashSet<>();
            for (JsonNode p : policies) {
                JsonNode condition = p.path("conditions").get(0);
                JsonNode body = condition.has("condition_absent") ? condition.path("condition_absent")
                        : condition.path("condition_threshold");
                String filter = body.path("filter").asText();
                if (filter.contains("(.*/)?" + name + "\")")) {
                    Matcher m = METRIC_TYPE.matcher(filter);
                    assertTrue(m.find(), filter);
                    assertTrue(table.contains(m.group(1)), filter);
                    assertEquals("resource.type = \"redis_instance\" AND metric.type = \"" + m.group(1)
                            + "\" AND resource.labels.instance_id = monitoring.regex.full_match(\"(.*/)?" + name
                            + "\")", filter, "exact filter");
                    have.add(m.group(1));
                    expected++;
                    assertFalse(p.path("documentation").path("content").asText().isBlank());
                    if (production) {
                        assertTrue(p.path("notification_channels").size() > 0, p.toString());
                    }
                    assertTrue(report.contains("  - " + p.path("display_name").asText() + " ["),
                            p.path("display_name").asText());
                    JsonNode aggregation = body.path("aggregations").get(0);
                    if (m.group(1).equals(MemorystoreMetric.RDB_SNAPSHOT_LAST_SUCCESS_AGE.metricType())) {
                        String period = persistence.path("rdb_snapshot_period").asText();
                        long hours = switch (period) {
                            case "ONE_HOUR" -> 1;
                            case "SIX_HOURS" -> 6;
                            case "TWELVE_HOURS" -> 12;
                            default -> 24;
                        };
                        assertEquals(2 * hours * 3600, body.path("threshold_value").asLong(), env + " " + period);
                        assertEquals("REDUCE_MIN", aggregation.path("cross_series_reducer").asText());
                        assertEquals("CRITICAL", p.path("severity").asText());
                    }
                    if (m.group(1).equals(MemorystoreMetric.CPU_MAIN_THREAD.metricType())) {
                        assertEquals("REDUCE_SUM", aggregation.path("cross_series_reducer").asText());
                        assertEquals("[\"resource.label.instance_id\",\"metric.label.role\"]",
                                aggregation.path("group_by_fields").toString());
                    }
                    if (worker && m.group(1).equals(MemorystoreMetric.MEMORY_USAGE_RATIO.metricType())
                            && condition.has("condition_threshold")) {
                        // the stand-in for rejected writes (MemorystoreMetric.UNCOVERED): page at 80%
                        assertEquals(0.8, body.path("threshold_value").asDouble());
                        assertEquals("CRITICAL", p.path("severity").asText());
                    }
                }
            }
            for (MemorystoreMetric m : MemorystoreMetric.values()) {
                boolean replication = m == MemorystoreMetric.REPLICATION_LAG || m == MemorystoreMetric.REPLICATION_ROLE;
                boolean dashboardOnly = m == MemorystoreMetric.CACHE_HIT_RATIO || m == MemorystoreMetric.KEYS;
                boolean snapshots = m == MemorystoreMetric.RDB_SNAPSHOT_LAST_SUCCESS_AGE;
                boolean want = !dashboardOnly && (ha || !replication) && (rdb || !snapshots);
                assertEquals(want, have.contains(m.metricType()), env + " " + name + " " + m.metricType());
            }
        }
        // The worker store's backup (workerState.backup): a failed export and a failed trigger, notifying too.
        for (JsonNode p : policies) {
            if (p.path("display_name").asText().contains(": backup ")) {
                assertEquals("suprsend-worker-state", p.path("user_labels").path("kvstores_store").asText());
                assertEquals(production, p.path("notification_channels").size() > 0, p.toString());
                expected++;
            }
        }
        assertEquals(expected, policies.size(), "every policy belongs to a store or its backup");
        JsonNode dashboard = JSON.readTree(resources(stack, "google_monitoring_dashboard").get(0)
                .path("dashboard_json").asText());
        for (JsonNode tile : dashboard.path("mosaicLayout").path("tiles")) {
            String filter = tile.path("widget").path("xyChart").path("dataSets").get(0).path("timeSeriesQuery")
                    .path("timeSeriesFilter").path("filter").asText();
            Matcher m = METRIC_TYPE.matcher(filter);
            assertTrue(m.find() && table.contains(m.group(1)), filter);
        }
        assertTrue(ShippedSynthesis.report(env).contains("Cloud Monitoring alert policies notifying"));
        assertNoBaselineViolation(env);
    }

    static Stream<String> azure() {
        return ShippedSynthesis.environments().stream().filter(e -> e.platform().equals("azure"))
                .map(Environment::name);
    }

    @ParameterizedTest
    @MethodSource("azure")
    void every_azure_store_has_every_metric_alert_of_the_table(String env) throws Exception {
        JsonNode stack = ShippedSynthesis.stack(env);
        boolean production = ShippedSynthesis.environments().stream().filter(e -> e.name().equals(env))
                .findFirst().orElseThrow().production();
        List<JsonNode> alerts = resources(stack, "azurerm_monitor_metric_alert");
        List<JsonNode> health = resources(stack, "azurerm_monitor_activity_log_alert");
        Set<String> table = new HashSet<>();
        Arrays.stream(AzureMonitorMetric.values()).forEach(m -> table.add(m.namespace().namespaceName() + " "
                + m.metricName()));
        String report = ShippedSynthesis.report(env);
        int covered = 0;
        int healthCovered = 0;
        int watched = 0;
        for (var entry : Map.of("azurerm_redis_cache", AzureMonitorMetric.Namespace.CLASSIC,
                "azurerm_managed_redis", AzureMonitorMetric.Namespace.MANAGED).entrySet()) {
            var names = stack.path("resource").path(entry.getKey()).fieldNames();
            if (entry.getValue() == AzureMonitorMetric.Namespace.CLASSIC && !names.hasNext()) {
                // The shipped Azure caches run in AKS (classic is only adopted): their baseline is a PrometheusRule.
                assertInClusterCacheWatched(stack, env, production);
                continue;
            }
            assertTrue(names.hasNext(), entry.getKey() + " in " + env);
            String reference = "${" + entry.getKey() + "." + names.next() + ".id}";
            JsonNode store = stack.path("resource").path(entry.getKey()).elements().next();
            watched++;
            boolean managed = entry.getValue() == AzureMonitorMetric.Namespace.MANAGED;
            boolean ha = !managed || store.path("high_availability_enabled").asBoolean(true);
            Set<String> have = new HashSet<>();
            for (JsonNode a : alerts) {
                if (a.path("scopes").get(0).asText().equals(reference)) {
                    JsonNode c = a.path("criteria").get(0);
                    assertEquals(entry.getValue().namespaceName(), c.path("metric_namespace").asText());
                    assertTrue(table.contains(c.path("metric_namespace").asText() + " " + c.path("metric_name").asText()));
                    String errorType = c.path("dimension").path(0).path("values").path(0).asText(null);
                    have.add(c.path("metric_name").asText() + (errorType == null ? "" : "[" + errorType + "]"));
                    covered++;
                    if (production) {
                        assertTrue(a.path("action").size() > 0, a.toString());
                    }
                    assertTrue(report.contains("  - " + a.path("name").asText() + " ["), a.path("name").asText());
                    if (c.path("metric_name").asText().equals("ShardReplicationLinkUp")) {
                        assertEquals("Minimum", c.path("aggregation").asText());
                        assertEquals("LessThan", c.path("operator").asText());
                        assertEquals(1, c.path("threshold").asInt());
                    }
                    if (managed && c.path("metric_name").asText().equals("usedmemorypercentage")) {
                        // the stand-in for rejected writes (AzureMonitorMetric.UNCOVERED): page at 80%
                        assertEquals(80, c.path("threshold").asInt());
                        assertEquals(1, a.path("severity").asInt());
                    }
                }
            }
            Set<String> want = new HashSet<>();
            for (AzureMonitorMetric m : AzureMonitorMetric.values()) {
                if (m.namespace() == entry.getValue() && !m.metricName().startsWith("cache")
                        && !m.metricName().equals("errors")
                        && (ha || m != AzureMonitorMetric.MANAGED_SHARD_REPLICATION_LINK_UP)) {
                    want.add(m.metricName());
                }
            }
            if (!managed) {
                want.addAll(List.of("errors[Failover]", "errors[Dataloss]"));
            }
            assertEquals(want, have, env + " " + reference);
            Set<String> states = new HashSet<>();
            for (JsonNode h : health) {
                if (!h.path("scopes").get(0).asText().equals(reference)) {
                    continue;
                }
                healthCovered++;
                assertEquals("global", h.path("location").asText());
                assertEquals("ResourceHealth", h.path("criteria").path("category").asText());
                assertEquals(reference, h.path("criteria").path("resource_id").asText());
                h.path("criteria").path("resource_health").path("current").forEach(x -> states.add(x.asText()));
                if (production) {
                    assertTrue(h.path("action").size() > 0, h.toString());
                }
                assertTrue(report.contains("  - " + h.path("name").asText() + " ["), h.path("name").asText());
            }
            assertEquals(Set.of("Unavailable", "Degraded"), states, env + " " + reference + " Resource Health");
        }
        // besides the stores' alerts: the worker backup's failed-export alert, scoped to its Logic App
        long backupAlerts = alerts.stream().filter(a -> a.path("criteria").get(0).path("metric_namespace").asText()
                .equals(AzureMonitorMetric.BACKUP_RUNS_FAILED.namespace().namespaceName())).count();
        assertEquals(alerts.size() - backupAlerts, covered, "every alert belongs to a store");
        assertEquals(health.size(), healthCovered, "every Resource Health alert belongs to a store");
        assertEquals(2 * watched, health.size(), "down and degraded for each store with Azure Monitor alerts");
        JsonNode dashboard = JSON.readTree(resources(stack, "azurerm_portal_dashboard").get(0)
                .path("dashboard_properties").asText());
        for (JsonNode part : dashboard.path("lenses").path("0").path("parts")) {
            JsonNode metric = part.path("metadata").path("inputs").get(0).path("value").path("chart").path("metrics")
                    .get(0);
            assertTrue(table.stream().anyMatch(t -> t.equalsIgnoreCase(metric.path("namespace").asText() + " "
                    + metric.path("name").asText())), metric.toString());
        }
        assertTrue(report.contains("2 Resource Health alerts and "), report);
        assertTrue(report.contains("Azure Monitor metric alerts notifying"));
        assertNoBaselineViolation(env);
    }

    @org.junit.jupiter.api.Test
    void every_production_in_cluster_store_has_its_prometheus_rule_baseline() {
        int checked = 0;
        for (Environment e : ShippedSynthesis.environments()) {
            for (var f : ShippedSynthesis.result().policyReports().get(e.name()).findings()) {
                if (f.ruleId().equals(dev.kvstores.policy.rules.InClusterAlertBaseline.ID)) {
                    assertEquals(e.production() ? Compliance.COMPLIANT : Compliance.NOT_APPLICABLE,
                            f.evaluation().compliance(), e.name() + " " + f);
                    checked += e.production() ? 1 : 0;
                }
            }
        }
        assertEquals(3, checked, "kubernetes-prod's cache and worker, azure-prod's AKS cache");
    }

    private static void assertInClusterCacheWatched(JsonNode stack, String env, boolean production) {
        assertTrue(resources(stack, "helm_release").stream().anyMatch(r -> r.path("name").asText()
                .equals("redis-cache")), "the cache of " + env + " is neither classic nor in-cluster");
        boolean rule = resources(stack, "kubernetes_manifest").stream().anyMatch(m -> m.path("manifest")
                .path("kind").asText().equals("PrometheusRule") && m.path("manifest").path("metadata")
                .path("name").asText().equals("redis-cache-alerts"));
        if (production) {
            assertTrue(rule, "production " + env + " has no PrometheusRule for its in-cluster cache");
        }
    }

    private static void assertNoBaselineViolation(String env) {
        var findings = ShippedSynthesis.result().policyReports().get(env).findings().stream()
                .filter(f -> f.ruleId().equals(CloudAlertBaseline.ID)).toList();
        JsonNode resources = ShippedSynthesis.stack(env).path("resource");
        int managedStores = new CloudAlertBaseline().resourceTypes().stream().mapToInt(t -> resources.path(t).size())
                .sum();
        assertEquals(managedStores, findings.size(), findings.toString());
        boolean production = ShippedSynthesis.environments().stream().filter(e -> e.name().equals(env)).findFirst()
                .orElseThrow().production();
        findings.forEach(f -> assertEquals(production ? Compliance.COMPLIANT : Compliance.NOT_APPLICABLE,
                f.evaluation().compliance(), f.toString()));
    }
}
