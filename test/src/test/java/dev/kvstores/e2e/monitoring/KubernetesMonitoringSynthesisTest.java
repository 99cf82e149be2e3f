package dev.kvstores.e2e.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kvstores.e2e.ShippedSynthesis;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The monitoring objects in the synthesized JSON of the shipped Kubernetes environments: {@code kubernetes-prod}
 * (monitoring.prometheusRules on) has a PrometheusRule, a ServiceMonitor and a Grafana dashboard per store, and
 * its report lists each store's alerts and their Alertmanager; the development environments have none.
 */
class KubernetesMonitoringSynthesisTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @Nested
    class Production {
        private final JsonNode stack = ShippedSynthesis.stack("kubernetes-prod");

        @Test
        void one_prometheus_rule_per_store_in_its_namespace_with_the_selected_label() {
            List<JsonNode> rules = MonitoringQueries.manifests(stack, "PrometheusRule");
            Set<String> where = new TreeSet<>();
            for (JsonNode rule : rules) {
                assertEquals("monitoring.coreos.com/v1", rule.path("apiVersion").asText());
                JsonNode metadata = rule.path("metadata");
                where.add(metadata.path("namespace").asText() + "/" + metadata.path("name").asText());
                assertEquals("kube-prometheus-stack", metadata.path("labels").path("release").asText());
                for (JsonNode r : rule.path("spec").path("groups").get(0).path("rules")) {
                    String alert = r.path("alert").asText();
                    assertTrue(Set.of("page", "warn", "info").contains(r.path("labels").path("severity").asText()),
                            alert);
                    assertFalse(r.path("annotations").path("summary").asText().isBlank(), alert);
                    assertTrue(r.path("annotations").path("description").asText().length() > 80,
                            alert + ": the description says what it means and what to do");
                }
            }
            assertEquals(Set.of("redis-cache/redis-cache-alerts", "redis-state/redis-state-alerts"), where);
        }

        @Test
        void baseline_per_role_with_its_severities_and_thresholds() {
            Map<String, String> cache = alerts("redis-cache");
            Map<String, String> worker = alerts("redis-state");
            assertEquals(Map.ofEntries(Map.entry("CacheStoreDown", "page"), Map.entry("CacheStoreMemoryHigh", "warn"),
                    Map.entry("CacheStoreEvicting", "info"), Map.entry("CacheStoreRejectedConnections", "warn"),
                    Map.entry("CacheStoreConnectionsNearLimit", "warn"), Map.entry("CacheStoreCpuHigh", "warn"),
                    Map.entry("CacheStoreReplicaLinkDown", "warn"), Map.entry("CacheStoreReplicasMissing", "warn"),
                    Map.entry("CacheStoreFailoverHappened", "warn"), Map.entry("CacheStoreForkMemoryHigh", "warn"),
                    Map.entry("CacheStoreForkSlow", "warn")), cache);
            assertEquals(17, worker.size(), worker.toString());
            for (String pages : List.of("Down", "MemoryHigh", "EvictedKeys", "RejectingWrites", "ReplicaLinkDown",
                    "ReplicasMissing", "FailoverHappened", "AofWriteFailed", "AofRewriteFailed", "RdbSaveFailed",
                    "ForkMemoryHigh", "BackupMissing", "BackupFailed")) {
                assertEquals("page", worker.get("WorkerStateStore" + pages), pages);
            }
            assertEquals("warn", worker.get("WorkerStateStoreCpuHigh"));
            assertEquals("warn", worker.get("WorkerStateStoreForkSlow"));
            // medium worker: a 16384 MiB container limit, in bytes
            assertTrue(expr("redis-state", "WorkerStateStoreForkMemoryHigh").endsWith("/ 17179869184 * 100 > 90"),
                    expr("redis-state", "WorkerStateStoreForkMemoryHigh"));
            // backup "17 3 * * *": nightly (24h) + start deadline (1h) + run time limit (3h) = 28h
            assertTrue(expr("redis-state", "WorkerStateStoreBackupMissing").startsWith("time() - "
                    + "kube_cronjob_status_last_successful_time{namespace=\"redis-state\",cronjob=\"redis-state-backup\"}"
                    + " > 100800 or"), expr("redis-state", "WorkerStateStoreBackupMissing"));
            assertTrue(expr("redis-state", "WorkerStateStoreBackupFailed").contains(
                    "owner_kind=\"CronJob\",owner_name=\"redis-state-backup\""));
            assertTrue(expr("redis-cache", "CacheStoreMemoryHigh").endsWith("* 100 > 90"));
            assertTrue(expr("redis-state", "WorkerStateStoreMemoryHigh").endsWith("* 100 > 80"));
            assertTrue(expr("redis-state", "WorkerStateStoreCpuHigh").contains("redis_cpu_sys_seconds_total")
                    && expr("redis-state", "WorkerStateStoreCpuHigh").contains("redis_cpu_user_seconds_total"));
            assertTrue(expr("redis-state", "WorkerStateStoreReplicasMissing").endsWith("< 2"));
            assertTrue(expr("redis-cache", "CacheStoreDown")
                    .contains("namespace=\"redis-cache\",service=\"redis-cache-metrics\""));
        }

        @Test
        void our_service_monitors_carry_the_selected_label_and_select_our_metrics_service() throws Exception {
            JsonNode releases = stack.path("resource").path("helm_release");
            int seen = 0;
            for (Iterator<JsonNode> it = releases.elements(); it.hasNext(); ) {
                JsonNode release = it.next();
                String name = release.path("name").asText();
                JsonNode values = YAML.readTree(release.path("values").get(0).asText());
                // the chart's exporter and ServiceMonitor are off: ours come through extraDeploy
                assertFalse(values.path("metrics").path("enabled").asBoolean(true), name + ": metrics.enabled");
                assertFalse(values.path("metrics").path("serviceMonitor").path("enabled").asBoolean(),
                        name + ": metrics.serviceMonitor.enabled");
                List<JsonNode> monitors = new ArrayList<>();
                List<JsonNode> metricsServices = new ArrayList<>();
                for (JsonNode object : values.path("extraDeploy")) {
                    if ("ServiceMonitor".equals(object.path("kind").asText())) {
                        monitors.add(object);
                    } else if ("Service".equals(object.path("kind").asText())
                            && object.path("metadata").path("name").asText().endsWith("-metrics")) {
                        metricsServices.add(object);
                    }
                }
                assertEquals(1, monitors.size(), name + ": one ServiceMonitor in extraDeploy");
                assertEquals(1, metricsServices.size(), name + ": one -metrics Service in extraDeploy");
                JsonNode monitor = monitors.get(0);
                JsonNode service = metricsServices.get(0);
                assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText());
                assertEquals("kube-prometheus-stack", monitor.path("metadata").path("labels").path("release").asText(),
                        name + ": the label the Prometheus' serviceMonitorSelector selects");
                String namespace = release.path("namespace").asText();
                assertEquals(namespace, monitor.path("metadata").path("namespace").asText());
                assertEquals(List.of(namespace), JSON.convertValue(
                        monitor.path("spec").path("namespaceSelector").path("matchNames"), List.class));
                // the ServiceMonitor selects the metrics Service and scrapes one of its named ports
                JsonNode serviceLabels = service.path("metadata").path("labels");
                JsonNode selector = monitor.path("spec").path("selector").path("matchLabels");
                assertTrue(selector.size() > 0, name + ": a non-empty selector");
                for (Iterator<Map.Entry<String, JsonNode>> l = selector.fields(); l.hasNext(); ) {
                    Map.Entry<String, JsonNode> label = l.next();
                    assertEquals(label.getValue().asText(), serviceLabels.path(label.getKey()).asText(),
                            name + ": the metrics Service carries the selected label " + label.getKey());
                }
                Set<String> ports = new TreeSet<>();
                service.path("spec").path("ports").forEach(p -> ports.add(p.path("name").asText()));
                for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
                    assertTrue(ports.contains(endpoint.path("port").asText()),
                            name + ": endpoint port " + endpoint.path("port").asText() + " among " + ports);
                }
                seen++;
            }
            assertEquals(2, seen);
        }

        @Test
        void one_grafana_dashboard_config_map_per_store() throws Exception {
            List<String> names = new ArrayList<>();
            JsonNode maps = stack.path("resource").path("kubernetes_config_map_v1");
            for (Iterator<JsonNode> it = maps.elements(); it.hasNext(); ) {
                JsonNode configMap = it.next();
                JsonNode metadata = configMap.path("metadata");
                assertEquals("1", metadata.path("labels").path("grafana_dashboard").asText());
                names.add(metadata.path("namespace").asText() + "/" + metadata.path("name").asText());
                JsonNode dashboard = JSON.readTree(configMap.path("data").elements().next().asText());
                List<String> titles = new ArrayList<>();
                dashboard.path("panels").forEach(p -> titles.add(p.path("title").asText()));
                assertTrue(titles.containsAll(List.of("Memory used / maxmemory", "Commands per second",
                        "Evicted keys per second", "Connected clients", "Replication")), titles.toString());
                boolean cache = "redis-cache".equals(metadata.path("namespace").asText());
                assertEquals(cache, titles.contains("Hit ratio"), "hit ratio on the cache dashboard only");
                assertEquals(!cache, titles.stream().anyMatch(t -> t.startsWith("Persistence")), titles.toString());
            }
            assertEquals(List.of("redis-cache/redis-cache-dashboard", "redis-state/redis-state-dashboard"),
                    names.stream().sorted().toList());
        }

        @Test
        void report_lists_each_store_alerts_and_where_they_notify() {
            String report = ShippedSynthesis.report("kubernetes-prod");
            assertTrue(report.contains("notifying through the Alertmanager of namespace `monitoring`"), report);
            for (String alert : List.of("CacheStoreDown (page, for 1m)", "CacheStoreEvicting (info, for 15m)",
                    "WorkerStateStoreRejectingWrites (page)", "WorkerStateStoreRdbSaveFailed (page)")) {
                assertTrue(report.contains("  - " + alert), alert + " in\n" + report);
            }
        }

        private Map<String, String> alerts(String namespace) {
            Map<String, String> out = new java.util.TreeMap<>();
            rule(namespace).forEach(r -> out.put(r.path("alert").asText(), r.path("labels").path("severity").asText()));
            return out;
        }

        private String expr(String namespace, String alert) {
            for (JsonNode r : rule(namespace)) {
                if (alert.equals(r.path("alert").asText())) {
                    return r.path("expr").asText();
                }
            }
            throw new AssertionError(alert + " missing");
        }

        private JsonNode rule(String namespace) {
            for (JsonNode rule : MonitoringQueries.manifests(stack, "PrometheusRule")) {
                if (namespace.equals(rule.path("metadata").path("namespace").asText())) {
                    return rule.path("spec").path("groups").get(0).path("rules");
                }
            }
            throw new AssertionError("no PrometheusRule in " + namespace);
        }
    }

    @Test
    void development_environments_have_no_monitoring_objects_and_say_so() {
        for (String name : List.of("kubernetes-dev", "kubernetes-kvrocks-dev")) {
            JsonNode stack = ShippedSynthesis.stack(name);
            assertEquals(List.of(), MonitoringQueries.manifests(stack, "PrometheusRule"), name);
            assertEquals(List.of(), MonitoringQueries.manifests(stack, "ServiceMonitor"), name);
            assertTrue(stack.path("resource").path("kubernetes_config_map_v1").isMissingNode(), name);
            assertTrue(ShippedSynthesis.report(name).contains("alerts: none (monitoring.prometheusRules is off"),
                    name);
        }
    }
}
