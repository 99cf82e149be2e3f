package dev.kvstores.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.kubernetes.AlertThresholds;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.SynthJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The GCP alert baseline: Cloud Monitoring alert policies from the {@link MemorystoreMetric} table. */
class MemorystoreAlertsTest {

    private static final String CHANNEL = "projects/acme-prod/notificationChannels/42";
    private static final Pattern METRIC_TYPE = Pattern.compile("metric\\.type = \"([^\"]+)\"");

    static List<String> metricTypes(String filter) {
        List<String> out = new ArrayList<>();
        Matcher m = METRIC_TYPE.matcher(filter);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<String> table() {
        return Arrays.stream(MemorystoreMetric.values()).map(MemorystoreMetric::metricType).toList();
    }

    @Nested
    class Defaults {
        private final TerraformStack stack = GcpTesting.stack();
        private final MemorystoreAlerts worker = new MemorystoreAlerts(stack, "WorkerAlerts", StoreRole.WORKER_STATE,
                "suprsend-worker-state", true, new GcpMonitoring(List.of(CHANNEL), null, 5, 65000));
        private final JsonNode json = SynthJson.synth(stack);

        @Test
        void one_policy_per_signal_on_metric_types_of_the_table_notifying_the_channel() {
            List<JsonNode> policies = SynthJson.all(json, "google_monitoring_alert_policy");
            assertEquals(worker.policies().size(), policies.size());
            assertEquals(List.of("down", "memory", "evictions", "replication-lag", "failover", "connections",
                    "rejected-connections", "cpu"), worker.policies().stream().map(GcpAlertPolicy::signal).toList());
            for (JsonNode p : policies) {
                assertEquals(CHANNEL, p.path("notification_channels").get(0).asText());
                assertEquals("text/markdown", p.path("documentation").path("mime_type").asText());
                assertFalse(p.path("documentation").path("content").asText().isBlank());
                JsonNode condition = p.path("conditions").get(0);
                JsonNode body = condition.has("condition_absent") ? condition.path("condition_absent")
                        : condition.path("condition_threshold");
                String filter = body.path("filter").asText();
                assertTrue(filter.contains("resource.type = \"redis_instance\""), filter);
                assertTrue(filter.contains("(.*/)?suprsend-worker-state\\\")") || filter.contains(
                        "(.*/)?suprsend-worker-state\")"), filter);
                assertTrue(table().containsAll(metricTypes(filter)), filter);
                assertEquals(1, metricTypes(filter).size());
            }
        }

        @Test
        void the_worker_pages_on_memory_and_evictions() {
            GcpAlertPolicy memory = worker.policies().get(1);
            assertEquals("CRITICAL", memory.cloudSeverity());
            assertEquals(0.8, memory.threshold());
            assertEquals(MemorystoreMetric.MEMORY_USAGE_RATIO, memory.metric());
            JsonNode policy = SynthJson.all(json, "google_monitoring_alert_policy").stream()
                    .filter(p -> p.path("display_name").asText().equals(memory.displayName())).findFirst()
                    .orElseThrow();
            JsonNode threshold = policy.path("conditions").get(0).path("condition_threshold");
            assertEquals(0.8, threshold.path("threshold_value").asDouble());
            assertEquals("300s", threshold.path("duration").asText());
            assertEquals("COMPARISON_GT", threshold.path("comparison").asText());
            assertEquals("CRITICAL", policy.path("severity").asText());
            assertEquals("page", worker.policies().get(2).severity());
        }
    }

    @Nested
    class Configuration {
        @Test
        void a_basic_cache_has_no_replication_policies_and_warns_on_memory_at_90_percent() {
            MemorystoreAlerts cache = new MemorystoreAlerts(GcpTesting.stack(), "CacheAlerts", StoreRole.CACHE,
                    "suprsend-cache", false, GcpMonitoring.defaults());
            List<String> signals = cache.policies().stream().map(GcpAlertPolicy::signal).toList();
            assertFalse(signals.contains("replication-lag"));
            assertFalse(signals.contains("failover"));
            assertEquals(0.9, cache.policies().get(1).threshold());
            assertEquals("info", cache.policies().get(2).severity());
        }

        @Test
        void thresholds_come_from_the_monitoring_properties() {
            MemorystoreAlerts alerts = new MemorystoreAlerts(GcpTesting.stack(), "A", StoreRole.WORKER_STATE, "w",
                    true, new GcpMonitoring(List.of(), AlertThresholds.builder().cpuWarnPercent(60).build(), 10,
                    1000));
            GcpAlertPolicy cpu = alerts.policies().stream().filter(p -> p.signal().equals("cpu")).findFirst()
                    .orElseThrow();
            assertEquals(0.6, cpu.threshold());
            assertEquals(800, alerts.policies().stream().filter(p -> p.signal().equals("connections")).findFirst()
                    .orElseThrow().threshold());
            assertEquals(10, alerts.policies().stream().filter(p -> p.signal().equals("replication-lag"))
                    .findFirst().orElseThrow().threshold());
        }

        @Test
        void fails_when_a_notification_channel_is_not_a_full_id() {
            assertEquals("monitoring.notificationChannelIds must be projects/<project>/notificationChannels/<id>,"
                    + " got '42'", assertThrows(StoreConfigException.class,
                    () -> new GcpMonitoring(List.of("42"), null, 5, 65000)).getMessage());
        }

        @Test
        void the_dashboard_is_valid_json_and_queries_only_metrics_of_the_table() throws Exception {
            TerraformStack stack = GcpTesting.stack();
            new CloudMonitoringStoreDashboard(stack, "Dashboard", "kvstores test", List.of(
                    new CloudMonitoringStoreDashboard.Store("Cache Store", "c", true),
                    new CloudMonitoringStoreDashboard.Store("Worker State Store", "w", false)));
            JsonNode dashboard = new ObjectMapper().readTree(SynthJson.single(SynthJson.synth(stack),
                    "google_monitoring_dashboard").path("dashboard_json").asText());
            assertEquals("kvstores test", dashboard.path("displayName").asText());
            List<String> queried = new ArrayList<>();
            for (JsonNode tile : dashboard.path("mosaicLayout").path("tiles")) {
                for (JsonNode set : tile.path("widget").path("xyChart").path("dataSets")) {
                    queried.addAll(metricTypes(set.path("timeSeriesQuery").path("timeSeriesFilter").path("filter")
                            .asText()));
                }
                assertTrue(tile.path("xPos").asInt() + tile.path("width").asInt() <= 24);
            }
            assertEquals(15, queried.size());
            assertTrue(table().containsAll(queried), queried.toString());
            assertTrue(queried.contains(MemorystoreMetric.CACHE_HIT_RATIO.metricType()));
        }
    }
}
