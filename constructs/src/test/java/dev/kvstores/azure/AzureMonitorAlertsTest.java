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
        TerraformStack stack = AzureTesting.stack();
        AzureCacheForRedisCacheStore cache = new AzureCacheForRedisCacheStore(stack, "Cache",
                AzureCacheForRedisCacheStoreProps.builder().name("suprsend-cache").placement(AzureTesting.placement())
                        .build());
        AzureManagedRedisWorkerStateStore worker = new AzureManagedRedisWorkerStateStore(stack, "WorkerState",
                AzureManagedRedisWorkerStateStoreProps.builder().name("suprsend-state")
                        .placement(AzureTesting.placement()).build());
        if (monitoring != null) {
            new AzureMonitorAlerts(stack, "CacheAlerts", StoreRole.CACHE, false, "suprsend-cache",
                    cache.cache().getStringAttribute("id"), "suprsend-rg", monitoring, Map.of());
            new AzureMonitorAlerts(stack, "WorkerAlerts", StoreRole.WORKER_STATE, true, "suprsend-state",
                    worker.redis().getStringAttribute("id"), "suprsend-rg", monitoring, Map.of());
        }
        return stack;
    }

    @Nested
    class Defaults {
        private final JsonNode json = SynthJson.synth(stack(new AzureMonitoring(GROUP, null, 7500)));

        @Test
        void every_alert_queries_a_metric_of_the_table_of_its_resource_type_and_notifies_the_action_group() {
            List<JsonNode> alerts = SynthJson.all(json, "azurerm_monitor_metric_alert");
            assertEquals(11, alerts.size());
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
            assertTrue(none.get(0).evaluation().detail().contains("has no metric alert on"));
            List<Finding> silent = pack.evaluate(SynthJson.synth(stack(AzureMonitoring.defaults())),
                    new PolicyContext("t", true), List.of()).findings();
            silent.forEach(f -> assertTrue(f.evaluation().detail().contains("monitoring.actionGroupId"), f.toString()));
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
