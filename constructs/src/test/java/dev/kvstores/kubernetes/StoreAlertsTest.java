package dev.kvstores.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.role.AlertThresholds;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.SynthJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StoreAlertsTest {

    private static StoreMonitoringProps.Builder worker() {
        return StoreMonitoringProps.builder().role(StoreRole.WORKER_STATE).namespace("redis-state")
                .storeName("redis-state").expectedReplicas(2).cpuMillicores(2000).aofEnabled(true).rdbEnabled(true);
    }

    private static JsonNode rule(JsonNode json) {
        JsonNode manifest = SynthJson.single(json, "kubernetes_manifest").path("manifest");
        assertEquals("PrometheusRule", manifest.path("kind").asText());
        return manifest;
    }

    private static List<String> alerts(JsonNode manifest) {
        List<String> names = new ArrayList<>();
        manifest.path("spec").path("groups").get(0).path("rules").forEach(r -> names.add(r.path("alert").asText()));
        return names;
    }

    private static String expr(JsonNode manifest, String alert) {
        for (JsonNode r : manifest.path("spec").path("groups").get(0).path("rules")) {
            if (alert.equals(r.path("alert").asText())) {
                return r.path("expr").asText();
            }
        }
        throw new AssertionError(alert);
    }

    @Nested
    class Defaults {
        private final TerraformStack stack = SynthJson.stack();
        private final StoreAlerts alerts = new StoreAlerts(stack, "Alerts",
                worker().putRuleLabel("release", "kube-prometheus-stack").build());
        private final JsonNode manifest = rule(SynthJson.synth(stack));

        @Test
        void renders_a_prometheus_rule_in_the_store_namespace_with_the_rule_labels() {
            assertEquals("monitoring.coreos.com/v1", manifest.path("apiVersion").asText());
            assertEquals("redis-state", manifest.path("metadata").path("namespace").asText());
            assertEquals("redis-state-alerts", manifest.path("metadata").path("name").asText());
            assertEquals("kube-prometheus-stack", manifest.path("metadata").path("labels").path("release").asText());
        }

        @Test
        void worker_baseline_in_order_with_documented_defaults() {
            assertEquals(alerts.alertNames(), alerts(manifest));
            assertEquals(13, alerts.alertNames().size());
            assertTrue(expr(manifest, "WorkerStateStoreMemoryHigh").endsWith("* 100 > 80"));
            assertTrue(expr(manifest, "WorkerStateStoreCpuHigh").endsWith("* 100 / 1 > 80"),
                    "80% of one core (the CPU limit is 2 cores, Redis runs commands on one thread)");
            assertTrue(expr(manifest, "WorkerStateStoreFailoverHappened").contains("[10m]"));
        }
    }

    @Nested
    class Configuration {
        @Test
        void thresholds_override_the_defaults() {
            TerraformStack stack = SynthJson.stack();
            new StoreAlerts(stack, "Alerts", worker().cpuMillicores(500).thresholds(AlertThresholds.builder()
                    .workerMemoryPagePercent(70).cpuWarnPercent(60).cpuFor(Duration.ofMinutes(30)).build()).build());
            JsonNode manifest = rule(SynthJson.synth(stack));
            assertTrue(expr(manifest, "WorkerStateStoreMemoryHigh").endsWith("* 100 > 70"));
            assertTrue(expr(manifest, "WorkerStateStoreCpuHigh").endsWith("* 100 / 0.5 > 60"));
            for (JsonNode r : manifest.path("spec").path("groups").get(0).path("rules")) {
                if ("WorkerStateStoreCpuHigh".equals(r.path("alert").asText())) {
                    assertEquals("30m", r.path("for").asText());
                }
            }
        }

        @Test
        void standalone_kvrocks_has_no_replication_memory_or_persistence_alerts() {
            TerraformStack stack = SynthJson.stack();
            new StoreAlerts(stack, "Alerts", worker().storeName("kvrocks-state").expectedReplicas(0)
                    .maxmemoryEnabled(false).aofEnabled(false).rdbEnabled(false).build());
            assertEquals(List.of("WorkerStateStoreDown", "WorkerStateStoreRejectedConnections",
                    "WorkerStateStoreConnectionsNearLimit", "WorkerStateStoreCpuHigh"),
                    alerts(rule(SynthJson.synth(stack))));
        }

        @Test
        void cache_warns_where_the_worker_pages() {
            TerraformStack stack = SynthJson.stack();
            StoreAlerts alerts = new StoreAlerts(stack, "Alerts", StoreMonitoringProps.builder().role(StoreRole.CACHE)
                    .namespace("redis-cache").storeName("redis-cache").expectedReplicas(2).build());
            assertTrue(alerts.describe().contains(
                    "CacheStoreMemoryHigh (warn, for 5m): Cache Store memory above 90% of maxmemory"
                            + " (redis-cache/redis-cache)"), alerts.describe().toString());
            assertTrue(alerts.describe().stream().anyMatch(l -> l.startsWith("CacheStoreEvicting (info")));
        }

        @Test
        void dashboard_is_a_config_map_for_the_grafana_sidecar() {
            TerraformStack stack = SynthJson.stack();
            new StoreDashboard(stack, "Dashboard", worker().build());
            JsonNode configMap = SynthJson.single(SynthJson.synth(stack), "kubernetes_config_map_v1");
            assertEquals("1", configMap.path("metadata").path("labels").path("grafana_dashboard").asText());
            assertTrue(configMap.path("data").path("redis-state.json").asText().contains("redis_aof_last_write_status"));
        }

        @Test
        void kvrocks_service_monitor_scrapes_a_metrics_service_on_9121() {
            TerraformStack stack = SynthJson.stack();
            new KvrocksWorkerStateStore(stack, "WorkerState", KvrocksWorkerStateStoreProps.builder()
                    .namespace("redis-state").addAllowedNamespace("suprsend").storageClass("premium-rwo")
                    .tlsSecretName("kvrocks-tls").createNamespace(false)
                    .haExemptionReason("one node is enough for this dev cluster")
                    .serviceMonitorEnabled(true).serviceMonitorLabels(Map.of("release", "prom")).build());
            JsonNode json = SynthJson.synth(stack);
            JsonNode monitor = SynthJson.single(json, "kubernetes_manifest").path("manifest");
            assertEquals("ServiceMonitor", monitor.path("kind").asText());
            assertEquals("prom", monitor.path("metadata").path("labels").path("release").asText());
            assertEquals("http-metrics", monitor.path("spec").path("endpoints").get(0).path("port").asText());
            JsonNode metrics = SynthJson.all(json, "kubernetes_service_v1").stream()
                    .filter(s -> s.path("metadata").path("name").asText().equals("kvrocks-state-metrics"))
                    .findFirst().orElseThrow();
            assertEquals(9121, metrics.path("spec").path("port").get(0).path("port").asInt());
            assertEquals("metrics", metrics.path("spec").path("port").get(0).path("target_port").asText());
        }

        @Test
        void kvrocks_has_no_service_monitor_by_default() {
            TerraformStack stack = SynthJson.stack();
            new KvrocksWorkerStateStore(stack, "WorkerState", KvrocksWorkerStateStoreProps.builder()
                    .namespace("redis-state").addAllowedNamespace("suprsend").storageClass("premium-rwo")
                    .tlsSecretName("kvrocks-tls").createNamespace(false)
                    .haExemptionReason("one node is enough for this dev cluster").build());
            assertFalse(SynthJson.synth(stack).path("resource").has("kubernetes_manifest"));
        }
    }

    @Nested
    class Validation {
        static Stream<Arguments> invalid() {
            return Stream.of(
                    Arguments.of("percent above 100", AlertThresholds.builder().cpuWarnPercent(120),
                            "cpuWarnPercent must be between 1 and 100 (percent), got 120"),
                    Arguments.of("percent zero", AlertThresholds.builder().workerMemoryPagePercent(0),
                            "workerMemoryPagePercent must be between 1 and 100 (percent), got 0"),
                    Arguments.of("negative duration", AlertThresholds.builder().memoryFor(Duration.ofMinutes(-1)),
                            "memoryFor must be whole seconds and not negative, got PT-1M"),
                    Arguments.of("zero failover window", AlertThresholds.builder().failoverWindow(Duration.ZERO),
                            "failoverWindow must be at least 1 second, got 0"));
        }

        @ParameterizedTest(name = "fails when {0}")
        @MethodSource("invalid")
        void fails_on_invalid_thresholds(String description, AlertThresholds.Builder builder, String message) {
            assertEquals(message, assertThrows(StoreConfigException.class, builder::build).getMessage());
        }

        static Stream<Arguments> invalidNames() {
            return Stream.of(
                    Arguments.of("a quote ends the PromQL matcher", worker().namespace("redis-state\"} or vector(1) #"),
                            "store monitoring (worker-state): namespace must be a DNS label of at most 63 characters"
                                    + " (lowercase letters, digits, '-'), got 'redis-state\"} or vector(1) #'"),
                    Arguments.of("a capital letter matches no series", worker().storeName("Redis-State"),
                            "store monitoring (worker-state): storeName must be a DNS label of at most 63 characters"
                                    + " (lowercase letters, digits, '-'), got 'Redis-State'; and metricsService must be"
                                    + " a DNS label of at most 63 characters (lowercase letters, digits, '-'), got"
                                    + " 'Redis-State-metrics'"),
                    Arguments.of("a rule label Prometheus cannot select", worker().putRuleLabel("release", "kube prometheus"),
                            "store monitoring (worker-state): ruleLabels 'release': 'kube prometheus' is not a"
                                    + " Kubernetes label: the key is an optional DNS prefix and '/' then at most 63"
                                    + " letters, digits, '-', '_' and '.', the value at most 63 of those, both starting"
                                    + " and ending with a letter or digit; e.g. release: kube-prometheus-stack"));
        }

        @ParameterizedTest(name = "fails when {0}")
        @MethodSource("invalidNames")
        void fails_with_exact_message_when_a_name_or_label_cannot_select_the_store(String description,
                StoreMonitoringProps.Builder props, String message) {
            StoreMonitoringProps bad = props.build();
            assertEquals(message, assertThrows(StoreConfigException.class,
                    () -> new StoreAlerts(SynthJson.stack(), "Alerts", bad)).getMessage());
            assertEquals(message, assertThrows(StoreConfigException.class,
                    () -> new StoreDashboard(SynthJson.stack(), "Dashboard", bad)).getMessage());
        }

        @Test
        void accepts_a_prefixed_label_and_an_empty_value() {
            new StoreAlerts(SynthJson.stack(), "Alerts", worker().putRuleLabel("prometheus.example.com/team", "")
                    .putRuleLabel("release", "kube-prometheus-stack").build());
        }
    }
}
