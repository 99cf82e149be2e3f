package dev.kvstores.policy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.kubernetes.BackupDestination;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStore;
import dev.kvstores.kubernetes.BitnamiRedisWorkerStateStoreProps;
import dev.kvstores.kubernetes.KvrocksWorkerStateStore;
import dev.kvstores.kubernetes.KvrocksWorkerStateStoreProps;
import dev.kvstores.kubernetes.StoreAlerts;
import dev.kvstores.kubernetes.StoreMonitoringProps;
import dev.kvstores.kubernetes.WorkerStateBackupProps;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.Finding;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.SynthJson;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KVS-ALERT-BASELINE-K8S: a production in-cluster store without its PrometheusRule baseline, or unscraped, fails. */
class InClusterAlertBaselineTest {

    private static Finding evaluate(JsonNode json, boolean production) {
        List<Finding> findings = new PolicyPack(List.of(new InClusterAlertBaseline())).evaluate(json,
                new PolicyContext("t", production), List.of()).findings();
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    private static StoreMonitoringProps.Builder workerAlerts() {
        return StoreMonitoringProps.builder().role(StoreRole.WORKER_STATE).namespace("redis-state")
                .storeName("redis-state").expectedReplicas(2).cpuMillicores(2000).aofEnabled(true).rdbEnabled(true);
    }

    private static JsonNode bitnamiWorker(boolean serviceMonitor, boolean alerts) {
        TerraformStack stack = SynthJson.stack();
        new BitnamiRedisWorkerStateStore(stack, "WorkerState", BitnamiRedisWorkerStateStoreProps.builder()
                .namespace("redis-state").addAllowedNamespace("suprsend").storageClass("premium-rwo")
                .serviceMonitorEnabled(serviceMonitor).build());
        if (alerts) {
            new StoreAlerts(stack, "Alerts", workerAlerts().build());
        }
        return SynthJson.synth(stack);
    }

    /** A worker with its nightly backup CronJob, and the alerts {@code alerts} builds from the store's monitoring. */
    private static JsonNode backedUpWorker(java.util.function.UnaryOperator<StoreMonitoringProps.Builder> alerts) {
        TerraformStack stack = SynthJson.stack();
        BitnamiRedisWorkerStateStore worker = new BitnamiRedisWorkerStateStore(stack, "WorkerState",
                BitnamiRedisWorkerStateStoreProps.builder().namespace("redis-state").addAllowedNamespace("suprsend")
                        .storageClass("premium-rwo").serviceMonitorEnabled(true)
                        .backup(WorkerStateBackupProps.builder().environmentName("prod")
                                .destination(BackupDestination.s3("backups", "eu-west-1"))
                                .encryptionKeySecretName("kvstores-backup-age")
                                .image("registry.example.com/kvstores/worker-state-backup:1.0.0")
                                .credentialsSecretName("backup-s3").build())
                        .build());
        StoreAlerts.of(worker, alerts.apply(worker.monitoring()).build());
        return SynthJson.synth(stack);
    }

    @Test
    void a_production_worker_with_a_backup_and_its_backup_alerts_complies() {
        assertEquals(Compliance.COMPLIANT, evaluate(backedUpWorker(b -> b), true).evaluation().compliance());
    }

    @Test
    void a_production_worker_with_a_backup_cronjob_but_no_backup_alert_fails() {
        Finding f = evaluate(backedUpWorker(b -> b.backup(null)), true);
        assertEquals(Compliance.NON_COMPLIANT, f.evaluation().compliance());
        assertTrue(f.evaluation().detail().contains("lacks WorkerStateStoreBackupMissing"), f.evaluation().detail());
    }

    @Test
    void a_backup_alert_that_watches_another_cronjob_fails() {
        Finding f = evaluate(backedUpWorker(b -> b.backup(new StoreMonitoringProps.BackupWatch("other-backup",
                java.time.Duration.ofHours(28)))), true);
        assertEquals(Compliance.NON_COMPLIANT, f.evaluation().compliance());
        assertTrue(f.evaluation().detail().contains("does not watch the backup CronJob redis-state/redis-state-backup"),
                f.evaluation().detail());
    }

    @Test
    void a_production_redis_worker_with_its_rule_and_service_monitor_complies() {
        assertEquals(Compliance.COMPLIANT, evaluate(bitnamiWorker(true, true), true).evaluation().compliance());
    }

    @Test
    void a_production_worker_without_a_prometheus_rule_fails_naming_the_fix() {
        Finding f = evaluate(bitnamiWorker(true, false), true);
        assertEquals(Compliance.NON_COMPLIANT, f.evaluation().compliance());
        assertTrue(f.evaluation().detail().contains("no PrometheusRule redis-state-alerts; set"
                + " monitoring.prometheusRules: true"), f.evaluation().detail());
    }

    @Test
    void a_worker_whose_exporter_nothing_scrapes_fails() {
        Finding f = evaluate(bitnamiWorker(false, true), true);
        assertEquals(Compliance.NON_COMPLIANT, f.evaluation().compliance());
        assertTrue(f.evaluation().detail().contains("no ServiceMonitor"), f.evaluation().detail());
    }

    @Test
    void a_rule_without_the_rejected_writes_alert_or_a_severity_fails() {
        JsonNode json = bitnamiWorker(true, true);
        ArrayNode rules = (ArrayNode) prometheusRule(json).path("spec").path("groups").get(0).path("rules");
        for (Iterator<JsonNode> it = rules.elements(); it.hasNext(); ) {
            if (it.next().path("alert").asText().equals("WorkerStateStoreRejectingWrites")) {
                it.remove();
            }
        }
        assertTrue(evaluate(json, true).evaluation().detail().endsWith("lacks WorkerStateStoreRejectingWrites"));
        ((ObjectNode) rules.get(0).path("labels")).remove("severity");
        assertTrue(evaluate(json, true).evaluation().detail().contains("has no severity label"));
    }

    @Test
    void a_worker_memory_alert_below_the_baselines_page_or_without_its_replica_alert_fails() {
        JsonNode json = bitnamiWorker(true, true);
        ArrayNode rules = (ArrayNode) prometheusRule(json).path("spec").path("groups").get(0).path("rules");
        for (JsonNode rule : rules) {
            if (rule.path("alert").asText().equals("WorkerStateStoreMemoryHigh")) {
                ((ObjectNode) rule.path("labels")).put("severity", "warn");
            }
        }
        assertEquals("alert WorkerStateStoreMemoryHigh of redis-state-alerts has severity warn; the baseline makes"
                + " memory page for the worker-state store", evaluate(json, true).evaluation().detail());
        JsonNode standalone = bitnamiWorker(true, true);
        ArrayNode all = (ArrayNode) prometheusRule(standalone).path("spec").path("groups").get(0).path("rules");
        for (Iterator<JsonNode> it = all.elements(); it.hasNext(); ) {
            if (it.next().path("alert").asText().equals("WorkerStateStoreReplicaLinkDown")) {
                it.remove();
            }
        }
        assertTrue(evaluate(standalone, true).evaluation().detail().endsWith("lacks WorkerStateStoreReplicaLinkDown"));
    }

    @Test
    void a_kvrocks_worker_needs_no_memory_alerts_but_a_service_monitor() {
        TerraformStack stack = SynthJson.stack();
        new KvrocksWorkerStateStore(stack, "WorkerState", KvrocksWorkerStateStoreProps.builder()
                .namespace("redis-state").addAllowedNamespace("suprsend").storageClass("premium-rwo")
                .tlsSecretName("kvrocks-tls").createNamespace(false).serviceMonitorEnabled(true)
                .haExemptionReason("one node is enough for this test").build());
        new StoreAlerts(stack, "Alerts", workerAlerts().storeName("kvrocks-state").expectedReplicas(0)
                .maxmemoryEnabled(false).aofEnabled(false).rdbEnabled(false).build());
        assertEquals(Compliance.COMPLIANT, evaluate(SynthJson.synth(stack), true).evaluation().compliance());
    }

    @Test
    void development_is_not_applicable() {
        assertEquals(Compliance.NOT_APPLICABLE, evaluate(bitnamiWorker(false, false), false).evaluation()
                .compliance());
    }

    private static JsonNode prometheusRule(JsonNode json) {
        for (JsonNode m : json.path("resource").path("kubernetes_manifest")) {
            if (m.path("manifest").path("kind").asText().equals("PrometheusRule")) {
                return m.path("manifest");
            }
        }
        throw new AssertionError("no PrometheusRule");
    }
}
