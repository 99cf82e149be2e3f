package dev.kvstores.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.Finding;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.rules.CloudAlertBaseline;
import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.SynthJson;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Azure alert baseline: metric alerts from the {@link AzureMonitorMetric} table, dashboard, policy rule. */
class AzureMonitorAlertsTest {

    private static final String GROUP = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ops"
            + "/providers/microsoft.insights/actionGroups/oncall";

    private static Set<String> table() {
        Set<String> out = new HashSet<>();
        Arrays.stream(AzureMonitorMetric.values()).forEach(m -> out.add(m.namespace().namespaceName() + " "
                + m.metricName()));
        return out;
    }

    private static TerraformStack stack(AzureMonitoring monitoring) {
        return stack(monitoring, true);
    }

    private static TerraformStack stack(AzureMonitoring monitoring, boolean highAvailability) {
        TerraformStack stack = AzureTesting.stack();
        AzureCacheForRedisCacheStore cache = new AzureCacheForRedisCacheStore(stack, "Cache",
                AzureCacheForRedisCacheStoreProps.builder().name("suprsend-cache").placement(AzureTesting.placement())
                        .build());
        AzureManagedRedisWorkerStateStore worker = new AzureManagedRedisWorkerStateStore(stack, "WorkerState",
                AzureManagedRedisWorkerStateStoreProps.builder().name("suprsend-state")
                        .placement(AzureTesting.placement()).highAvailabilityEnabled(highAvailability)
                        .haExemptionReason(highAvailability ? null : "test: a single node").build());
        if (monitoring != null) {
            new AzureMonitorAlerts(stack, "CacheAlerts", AzureMonitorAlerts.Target.withReplicas(StoreRole.CACHE,
                    false, "suprsend-cache", cache.cache().getStringAttribute("id"), "suprsend-rg"), monitoring,
                    Map.of());
            new AzureMonitorAlerts(stack, "WorkerAlerts", new AzureMonitorAlerts.Target(StoreRole.WORKER_STATE, true,
                    highAvailability, "suprsend-state", worker.redis().getStringAttribute("id"), "suprsend-rg"),
                    monitoring, Map.of());
        }
        return stack;
    }

    @Nested
    class Defaults {
        private final JsonNode json = SynthJson.synth(stack(new AzureMonitoring(GROUP, null, 7500)));

        @Test
        void every_alert_queries_a_metric_of_the_table_of_its_resource_type_and_notifies_the_action_group() {
            List<JsonNode> alerts = SynthJson.all(json, "azurerm_monitor_metric_alert");
            assertEquals(13, alerts.size());
            for (JsonNode a : alerts) {
                JsonNode criteria = a.path("criteria").get(0);
                assertTrue(table().contains(criteria.path("metric_namespace").asText() + " "
                        + criteria.path("metric_name").asText()), criteria.toString());
                boolean managed = a.path("scopes").get(0).asText().startsWith("${azurerm_managed_redis.");
                assertEquals(managed ? "Microsoft.Cache/redisEnterprise" : "Microsoft.Cache/redis",
                        criteria.path("metric_namespace").asText());
                assertEquals(GROUP, a.path("action").get(0).path("action_group_id").asText());
                assertFalse(a.path("description").asText().isBlank());
                assertTrue(List.of("PT1M", "PT5M", "PT15M", "PT30M", "PT1H").contains(a.path("window_size").asText()));
            }
        }

        @Test
        void the_classic_cache_reports_failover_through_errors_and_the_managed_worker_pages_on_memory() {
            JsonNode failover = SynthJson.all(json, "azurerm_monitor_metric_alert").stream()
                    .filter(a -> a.path("name").asText().equals("suprsend-cache-failover")).findFirst().orElseThrow();
            JsonNode dimension = failover.path("criteria").get(0).path("dimension").get(0);
            assertEquals("ErrorType", dimension.path("name").asText());
            assertEquals("Failover", dimension.path("values").get(0).asText());
            JsonNode memory = SynthJson.all(json, "azurerm_monitor_metric_alert").stream()
                    .filter(a -> a.path("name").asText().equals("suprsend-state-memory")).findFirst().orElseThrow();
            assertEquals(80, memory.path("criteria").get(0).path("threshold").asInt());
            assertEquals(1, memory.path("severity").asInt());
            assertEquals("PT5M", memory.path("window_size").asText());
        }

        private JsonNode metricAlert(String name) {
            return SynthJson.all(json, "azurerm_monitor_metric_alert").stream()
                    .filter(a -> a.path("name").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no metric alert " + name));
        }

        @Test
        void each_store_has_resource_health_alerts_for_unavailable_and_degraded_in_exact_form() throws Exception {
            List<JsonNode> health = SynthJson.all(json, "azurerm_monitor_activity_log_alert");
            assertEquals(4, health.size());
            for (String store : List.of("azurerm_redis_cache", "azurerm_managed_redis")) {
                String reference = "${" + store + "." + json.path("resource").path(store).fieldNames().next() + ".id}";
                String name = store.equals("azurerm_redis_cache") ? "suprsend-cache" : "suprsend-state";
                for (String[] expected : List.of(new String[] {"down", "Unavailable"},
                        new String[] {"degraded", "Degraded"})) {
                    JsonNode alert = health.stream().filter(a -> a.path("name").asText().equals(name + "-"
                            + expected[0])).findFirst().orElseThrow();
                    assertEquals("global", alert.path("location").asText());
                    assertEquals("suprsend-rg", alert.path("resource_group_name").asText());
                    assertEquals(List.of(reference), List.of(alert.path("scopes").get(0).asText()));
                    assertEquals(1, alert.path("scopes").size());
                    assertEquals(new ObjectMapper().readTree("{\"category\": \"ResourceHealth\", \"resource_id\": \""
                            + reference + "\", \"resource_health\": {\"current\": [\"" + expected[1] + "\"]}}"),
                            alert.path("criteria"));
                    assertEquals(GROUP, alert.path("action").get(0).path("action_group_id").asText());
                    assertTrue(alert.path("enabled").asBoolean());
                    assertTrue(alert.path("description").asText().matches("(PAGE|WARN): .{60,}"),
                            alert.path("description").asText());
                }
            }
            assertTrue(health.stream().filter(a -> a.path("name").asText().equals("suprsend-cache-degraded"))
                    .findFirst().orElseThrow().path("description").asText().startsWith("WARN: "));
            assertTrue(health.stream().filter(a -> a.path("name").asText().equals("suprsend-state-degraded"))
                    .findFirst().orElseThrow().path("description").asText().startsWith("PAGE: "));
        }

        @Test
        void managed_redis_pages_when_a_replica_shard_loses_its_link_and_classic_on_data_loss() throws Exception {
            JsonNode replication = metricAlert("suprsend-state-replication");
            assertEquals(new ObjectMapper().readTree("""
                    [{"metric_namespace": "Microsoft.Cache/redisEnterprise", "metric_name": "ShardReplicationLinkUp",
                      "aggregation": "Minimum", "operator": "LessThan", "threshold": 1}]"""),
                    replication.path("criteria"));
            assertEquals("PT5M", replication.path("window_size").asText());
            assertEquals(1, replication.path("severity").asInt());
            JsonNode dataloss = metricAlert("suprsend-cache-dataloss");
            assertEquals(new ObjectMapper().readTree("""
                    [{"metric_namespace": "Microsoft.Cache/redis", "metric_name": "errors", "aggregation": "Maximum",
                      "operator": "GreaterThan", "threshold": 0,
                      "dimension": [{"name": "ErrorType", "operator": "Include", "values": ["Dataloss"]}]}]"""),
                    dataloss.path("criteria"));
            assertEquals(2, dataloss.path("severity").asInt());
            assertEquals(new ObjectMapper().readTree("""
                    [{"metric_namespace": "Microsoft.Cache/redisEnterprise", "metric_name": "usedmemorypercentage",
                      "aggregation": "Maximum", "operator": "GreaterThan", "threshold": 80}]"""),
                    metricAlert("suprsend-state-memory").path("criteria"));
        }

        @Test
        void every_uncovered_signal_has_its_stand_in_alert_and_rejected_writes_are_the_80_percent_memory_page() {
            AzureMonitoring monitoring = new AzureMonitoring(GROUP, null, 7500);
            for (var gap : AzureMonitorMetric.UNCOVERED) {
                boolean managed = gap.scope().equals(AzureMonitorMetric.Namespace.MANAGED.namespaceName());
                assertTrue(managed || gap.scope().equals(AzureMonitorMetric.Namespace.CLASSIC.namespaceName()),
                        gap.toString());
                assertTrue(gap.documentation().startsWith("https://learn.microsoft.com/"), gap.toString());
                for (StoreRole role : gap.roles()) {
                    List<String> signals = new java.util.ArrayList<>();
                    AzureMonitorAlerts.baseline(role, managed, true, "s", monitoring)
                            .forEach(a -> signals.add(a.signal()));
                    AzureMonitorAlerts.health(role, managed, "s").forEach(h -> signals.add(h.signal()));
                    String standIn = AzureMonitorMetric.coverage(gap.standInSignal(), managed).primary();
                    assertTrue(signals.contains(standIn), gap + " in " + signals);
                }
            }
            for (boolean managed : List.of(false, true)) {
                AzureMetricAlert memory = AzureMonitorAlerts.baseline(StoreRole.WORKER_STATE, managed, true, "s",
                        monitoring).stream().filter(a -> a.signal().equals("memory")).findFirst().orElseThrow();
                assertEquals(80, memory.threshold());
                assertEquals("page", memory.severity());
                assertEquals("GreaterThan", memory.operator());
                assertEquals("usedmemorypercentage", memory.metric().metricName());
            }
            assertEquals(2, AzureMonitorMetric.UNCOVERED.stream().filter(g -> g.signal() == AlertSignal.REJECTED_WRITES
                    && g.standInSignal() == AlertSignal.MEMORY).count());
        }

        @Test
        void the_report_lists_health_alerts_first_then_metric_alerts() {
            AzureMonitorAlerts alerts = new AzureMonitorAlerts(AzureTesting.stack(), "A",
                    AzureMonitorAlerts.Target.withReplicas(StoreRole.WORKER_STATE, true, "w",
                            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/w", "rg"),
                    new AzureMonitoring(GROUP, null, 7500), Map.of());
            List<String> lines = alerts.summaries();
            assertEquals(alerts.healthAlerts().size() + alerts.alerts().size(), lines.size());
            assertEquals("w-down [page]: activity log ResourceHealth current in Unavailable", lines.get(0));
            assertTrue(lines.contains("w-replication [page]: Microsoft.Cache/redisEnterprise ShardReplicationLinkUp"
                    + " Minimum < 1 over PT5M"), lines.toString());
        }

        @Test
        void the_baseline_rule_passes() {
            List<Finding> findings = new PolicyPack(List.of(new CloudAlertBaseline())).evaluate(json,
                    new PolicyContext("t", true), List.of()).findings();
            assertEquals(2, findings.size());
            findings.forEach(f -> assertEquals(Compliance.COMPLIANT, f.evaluation().compliance(), f.toString()));
        }
    }

    @Nested
    class Configuration {
        @Test
        void the_baseline_rule_fails_without_alerts_or_without_an_action_group() {
            PolicyPack pack = new PolicyPack(List.of(new CloudAlertBaseline()));
            List<Finding> none = pack.evaluate(SynthJson.synth(stack(null)), new PolicyContext("t", true), List.of())
                    .findings();
            assertEquals(2, none.size());
            none.forEach(f -> assertEquals(Compliance.NON_COMPLIANT, f.evaluation().compliance()));
            assertTrue(none.get(0).evaluation().detail().contains("has no alert for"), none.get(0).toString());
            assertTrue(none.stream().allMatch(f -> f.evaluation().detail().contains("down (ResourceHealth Unavailable)")));
            List<Finding> silent = pack.evaluate(SynthJson.synth(stack(AzureMonitoring.defaults())),
                    new PolicyContext("t", true), List.of()).findings();
            silent.forEach(f -> assertTrue(f.evaluation().detail().contains("monitoring.actionGroupId"), f.toString()));
        }

        @Test
        void managed_redis_without_high_availability_has_no_replica_link_alert_and_still_passes_the_rule() {
            JsonNode json = SynthJson.synth(stack(new AzureMonitoring(GROUP, null, 7500), false));
            assertTrue(SynthJson.all(json, "azurerm_monitor_metric_alert").stream()
                    .noneMatch(a -> a.path("name").asText().equals("suprsend-state-replication")));
            List<Finding> findings = new PolicyPack(List.of(new CloudAlertBaseline())).evaluate(json,
                    new PolicyContext("t", true), List.of()).findings();
            findings.forEach(f -> assertEquals(Compliance.COMPLIANT, f.evaluation().compliance(), f.toString()));
        }

        @Test
        void thresholds_and_windows_come_from_the_monitoring_properties() {
            AzureMonitoring monitoring = new AzureMonitoring(GROUP, dev.kvstores.role.AlertThresholds.builder()
                    .workerMemoryPagePercent(70).replicationFor(java.time.Duration.ofMinutes(20))
                    .cpuWarnPercent(60).build(), 10000);
            List<AzureMetricAlert> alerts = AzureMonitorAlerts.baseline(StoreRole.WORKER_STATE, true, true, "w",
                    monitoring);
            java.util.function.Function<String, AzureMetricAlert> bySignal = signal -> alerts.stream()
                    .filter(a -> a.signal().equals(signal)).findFirst().orElseThrow();
            assertEquals(70, bySignal.apply("memory").threshold());
            assertEquals("PT30M", bySignal.apply("replication").windowSize());
            assertEquals(60, bySignal.apply("cpu").threshold());
            assertEquals(8000, bySignal.apply("connections").threshold());
        }

        @Test
        void window_sizes_round_up_to_what_azure_accepts() {
            assertEquals("PT5M", AzureMonitorAlerts.window(java.time.Duration.ofMinutes(3)));
            assertEquals("PT15M", AzureMonitorAlerts.window(java.time.Duration.ofMinutes(15)));
            assertEquals("PT30M", AzureMonitorAlerts.window(java.time.Duration.ofMinutes(16)));
        }

        @Test
        void the_dashboard_is_valid_json_and_charts_only_metrics_of_the_table() throws Exception {
            TerraformStack stack = AzureTesting.stack();
            new AzureStoreDashboard(stack, "Dashboard", "kvstores-test", "rg", "westeurope", List.of(
                    new AzureStoreDashboard.Store("Cache Store", "/subscriptions/s/resourceGroups/rg/providers/"
                            + "Microsoft.Cache/redis/c", List.of(AzureMonitorMetric.CLASSIC_USED_MEMORY_PERCENT,
                            AzureMonitorMetric.CLASSIC_CACHE_HITS))), Map.of());
            JsonNode properties = new ObjectMapper().readTree(SynthJson.single(SynthJson.synth(stack),
                    "azurerm_portal_dashboard").path("dashboard_properties").asText());
            JsonNode parts = properties.path("lenses").path("0").path("parts");
            assertEquals(2, parts.size());
            for (JsonNode part : parts) {
                JsonNode metric = part.path("metadata").path("inputs").get(0).path("value").path("chart")
                        .path("metrics").get(0);
                assertTrue(table().stream().anyMatch(t -> t.equalsIgnoreCase(metric.path("namespace").asText() + " "
                        + metric.path("name").asText())), metric.toString());
            }
        }
    }
}
