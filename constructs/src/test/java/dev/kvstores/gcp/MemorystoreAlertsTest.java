package dev.kvstores.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.role.AlertSignal;
import dev.kvstores.role.AlertThresholds;
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
                "suprsend-worker-state", true, RdbSnapshotPeriod.ONE_HOUR,
                new GcpMonitoring(List.of(CHANNEL), null, 5, 65000));
        private final JsonNode json = SynthJson.synth(stack);

        @Test
        void one_policy_per_signal_on_metric_types_of_the_table_notifying_the_channel() {
            List<JsonNode> policies = SynthJson.all(json, "google_monitoring_alert_policy");
            assertEquals(worker.policies().size(), policies.size());
            assertEquals(List.of("down", "memory", "evictions", "replication-lag", "failover", "connections",
                    "rejected-connections", "cpu", "persistence"),
                    worker.policies().stream().map(GcpAlertPolicy::signal).toList());
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

        private JsonNode policy(String signal) {
            String displayName = worker.policies().stream().filter(p -> p.signal().equals(signal)).findFirst()
                    .orElseThrow().displayName();
            return SynthJson.all(json, "google_monitoring_alert_policy").stream()
                    .filter(p -> p.path("display_name").asText().equals(displayName)).findFirst().orElseThrow();
        }

        private static String filter(String metricPath) {
            return "resource.type = \"redis_instance\" AND metric.type = \"redis.googleapis.com/" + metricPath
                    + "\" AND resource.labels.instance_id = monitoring.regex.full_match(\"(.*/)?suprsend-worker-state\")";
        }

        @Test
        void the_persistence_policy_pages_when_no_rdb_snapshot_succeeded_for_two_periods_on_any_node()
                throws Exception {
            JsonNode policy = policy("persistence");
            assertEquals("CRITICAL", policy.path("severity").asText());
            assertEquals("Worker State Store suprsend-worker-state: no successful RDB snapshot for 2 h",
                    policy.path("display_name").asText());
            JsonNode threshold = policy.path("conditions").get(0).path("condition_threshold");
            assertEquals(filter("rdb/snapshot/last_success_age"), threshold.path("filter").asText());
            assertEquals(new ObjectMapper().readTree("""
                    [{"alignment_period": "60s", "per_series_aligner": "ALIGN_MAX",
                      "cross_series_reducer": "REDUCE_MIN", "group_by_fields": ["resource.label.instance_id"]}]"""),
                    threshold.path("aggregations"));
            assertEquals("COMPARISON_GT", threshold.path("comparison").asText());
            assertEquals(7200, threshold.path("threshold_value").asInt());
            assertEquals("0s", threshold.path("duration").asText());
            assertEquals(List.of(CHANNEL), List.of(policy.path("notification_channels").get(0).asText()));
        }

        @Test
        void cpu_sums_the_system_and_user_series_of_each_node_before_comparing_with_80_percent_of_a_core()
                throws Exception {
            JsonNode threshold = policy("cpu").path("conditions").get(0).path("condition_threshold");
            assertEquals(filter("stats/cpu_utilization_main_thread"), threshold.path("filter").asText());
            assertEquals(new ObjectMapper().readTree("""
                    [{"alignment_period": "60s", "per_series_aligner": "ALIGN_RATE",
                      "cross_series_reducer": "REDUCE_SUM",
                      "group_by_fields": ["resource.label.instance_id", "metric.label.role"]}]"""),
                    threshold.path("aggregations"));
            assertEquals(0.8, threshold.path("threshold_value").asDouble());
            assertEquals("900s", threshold.path("duration").asText());
        }

        @Test
        void down_is_the_memory_metric_absent_for_3_minutes_and_every_other_filter_has_the_exact_form() {
            JsonNode absent = policy("down").path("conditions").get(0).path("condition_absent");
            assertEquals(filter("stats/memory/usage_ratio"), absent.path("filter").asText());
            assertEquals("180s", absent.path("duration").asText());
            assertEquals("ALIGN_MAX", absent.path("aggregations").get(0).path("per_series_aligner").asText());
            for (GcpAlertPolicy p : worker.policies()) {
                JsonNode condition = policy(p.signal()).path("conditions").get(0);
                JsonNode body = condition.has("condition_absent") ? condition.path("condition_absent")
                        : condition.path("condition_threshold");
                assertEquals(filter(p.metric().metricType().substring("redis.googleapis.com/".length())),
                        body.path("filter").asText(), p.signal());
                boolean reduced = p.signal().equals("cpu") || p.signal().equals("persistence");
                assertEquals(reduced, body.path("aggregations").get(0).has("cross_series_reducer"), p.signal());
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
        void the_snapshot_age_threshold_is_two_snapshot_periods_and_an_instance_without_rdb_has_none() {
            MemorystoreAlerts sixHours = new MemorystoreAlerts(GcpTesting.stack(), "A", StoreRole.WORKER_STATE, "w",
                    false, RdbSnapshotPeriod.SIX_HOURS, GcpMonitoring.defaults());
            GcpAlertPolicy persistence = sixHours.policies().stream().filter(p -> p.signal().equals("persistence"))
                    .findFirst().orElseThrow();
            assertEquals(43200, persistence.threshold());
            assertEquals(MemorystoreMetric.RDB_SNAPSHOT_LAST_SUCCESS_AGE, persistence.metric());
            assertEquals("page", persistence.severity());
            MemorystoreAlerts noRdb = new MemorystoreAlerts(GcpTesting.stack(), "B", StoreRole.CACHE, "c", true,
                    GcpMonitoring.defaults());
            assertFalse(noRdb.policies().stream().anyMatch(p -> p.signal().equals("persistence")));
        }

        @Test
        void the_worker_memory_page_at_80_percent_stands_in_for_rejected_writes() {
            MemorystoreAlerts worker = new MemorystoreAlerts(GcpTesting.stack(), "W", StoreRole.WORKER_STATE, "w",
                    true, RdbSnapshotPeriod.ONE_HOUR, GcpMonitoring.defaults());
            assertFalse(MemorystoreMetric.UNCOVERED.isEmpty());
            for (var gap : MemorystoreMetric.UNCOVERED) {
                assertEquals(MemorystoreMetric.RESOURCE_TYPE, gap.scope());
                assertTrue(gap.appliesTo(StoreRole.WORKER_STATE), gap.toString());
                String standIn = MemorystoreMetric.coverage(gap.standInSignal()).primary();
                assertTrue(worker.policies().stream().anyMatch(p -> p.signal().equals(standIn)),
                        gap.toString());
            }
            GcpAlertPolicy memory = worker.policies().stream().filter(p -> p.signal().equals("memory")).findFirst()
                    .orElseThrow();
            assertEquals(AlertSignal.MEMORY, MemorystoreMetric.UNCOVERED.stream()
                    .filter(g -> g.signal() == AlertSignal.REJECTED_WRITES).findFirst().orElseThrow().standInSignal());
            assertEquals("page", memory.severity());
            assertEquals(0.8, memory.threshold());
            assertEquals("COMPARISON_GT", memory.comparison());
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
            assertEquals(16, queried.size());
            assertTrue(table().containsAll(queried), queried.toString());
            assertTrue(queried.contains(MemorystoreMetric.CACHE_HIT_RATIO.metricType()));
            assertTrue(queried.contains(MemorystoreMetric.RDB_SNAPSHOT_LAST_SUCCESS_AGE.metricType()), "worker");
            for (JsonNode tile : dashboard.path("mosaicLayout").path("tiles")) {
                JsonNode filter = tile.path("widget").path("xyChart").path("dataSets").get(0)
                        .path("timeSeriesQuery").path("timeSeriesFilter");
                if (filter.path("filter").asText().contains(MemorystoreMetric.CPU_MAIN_THREAD.metricType())) {
                    assertEquals("REDUCE_SUM", filter.path("aggregation").path("crossSeriesReducer").asText());
                }
            }
        }
    }
}
