package dev.kvstores.policy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProvider;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProviderConfig;
import com.hashicorp.cdktf.providers.azurerm.provider.AzurermProviderFeatures;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import com.hashicorp.cdktf.providers.google.provider.GoogleProviderConfig;
import dev.kvstores.aws.AwsMonitoring;
import dev.kvstores.aws.AwsNetwork;
import dev.kvstores.aws.ElastiCacheCacheStore;
import dev.kvstores.aws.ElastiCacheCacheStoreProps;
import dev.kvstores.aws.MemoryDbWorkerStateStore;
import dev.kvstores.aws.MemoryDbWorkerStateStoreProps;
import dev.kvstores.azure.AzureCacheForRedisCacheStore;
import dev.kvstores.azure.AzureCacheForRedisCacheStoreProps;
import dev.kvstores.azure.AzureManagedRedisWorkerStateStore;
import dev.kvstores.azure.AzureManagedRedisWorkerStateStoreProps;
import dev.kvstores.azure.AzureMonitorAlerts;
import dev.kvstores.azure.AzureMonitoring;
import dev.kvstores.azure.AzurePlacement;
import dev.kvstores.gcp.GcpMonitoring;
import dev.kvstores.gcp.MemorystoreAlerts;
import dev.kvstores.gcp.MemorystoreCacheStore;
import dev.kvstores.gcp.MemorystoreCacheStoreProps;
import dev.kvstores.gcp.MemorystoreWorkerStateStore;
import dev.kvstores.gcp.MemorystoreWorkerStateStoreProps;
import dev.kvstores.gcp.RdbSnapshotPeriod;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.Finding;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.role.StoreRole;
import dev.kvstores.testing.SynthJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** KVS-ALERT-BASELINE: a production managed store without the alert baseline (or without a receiver) fails. */
class CloudAlertBaselineTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:oncall";
    private static final String CHANNEL = "projects/acme-prod/notificationChannels/42";
    private static final String GROUP = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ops"
            + "/providers/microsoft.insights/actionGroups/oncall";
    private static final String SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net"
            + "/providers/Microsoft.Network/virtualNetworks/aks/subnets/private-endpoints";
    private static final String VNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net"
            + "/providers/Microsoft.Network/virtualNetworks/aks";

    private static List<Finding> evaluate(TerraformStack stack, boolean production) {
        return evaluate(SynthJson.synth(stack), production);
    }

    private static List<Finding> evaluate(JsonNode json, boolean production) {
        return new PolicyPack(List.of(new CloudAlertBaseline())).evaluate(json,
                new PolicyContext("t", production), List.of()).findings();
    }

    /** The synthesized stack without the resources of {@code type} whose JSON matches {@code drop}. */
    private static JsonNode without(TerraformStack stack, String type, Predicate<JsonNode> drop) {
        JsonNode json = SynthJson.synth(stack);
        ObjectNode resources = (ObjectNode) json.path("resource").path(type);
        List<String> names = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if (drop.test(e.getValue())) {
                names.add(e.getKey());
            }
        });
        assertFalse(names.isEmpty(), "nothing of " + type + " to drop");
        names.forEach(resources::remove);
        return json;
    }

    private static Finding only(List<Finding> findings, String storeType) {
        return findings.stream().filter(f -> f.address().startsWith(storeType + ".")).findFirst().orElseThrow();
    }

    private static TerraformStack aws(AwsMonitoring monitoring) {
        TerraformStack stack = SynthJson.stack();
        new AwsProvider(stack, "Aws", AwsProviderConfig.builder().region("eu-west-1").build());
        AwsNetwork network = AwsNetwork.builder().vpcId("vpc-0abc").addPrivateSubnetId("subnet-b")
                .addPrivateSubnetId("subnet-a").addAllowedSecurityGroupId("sg-eks-nodes").build();
        new ElastiCacheCacheStore(stack, "Cache", ElastiCacheCacheStoreProps.builder().network(network)
                .monitoring(monitoring).build());
        new MemoryDbWorkerStateStore(stack, "WorkerState", MemoryDbWorkerStateStoreProps.builder().network(network)
                .monitoring(monitoring).build());
        return stack;
    }

    private static TerraformStack gcp(GcpMonitoring monitoring) {
        TerraformStack stack = SynthJson.stack();
        new GoogleProvider(stack, "Google", GoogleProviderConfig.builder().project("acme-prod")
                .region("us-central1").build());
        new MemorystoreCacheStore(stack, "Cache", MemorystoreCacheStoreProps.builder().name("suprsend-cache")
                .region("us-central1").authorizedNetwork("projects/acme-prod/global/networks/platform")
                .locationId("us-central1-a").alternativeLocationId("us-central1-b").build());
        if (monitoring != null) {
            new MemorystoreAlerts(stack, "CacheAlerts", StoreRole.CACHE, "suprsend-cache", true, monitoring);
        }
        return stack;
    }

    private static TerraformStack gcpWorker(GcpMonitoring monitoring) {
        TerraformStack stack = SynthJson.stack();
        new GoogleProvider(stack, "Google", GoogleProviderConfig.builder().project("acme-prod")
                .region("us-central1").build());
        new MemorystoreWorkerStateStore(stack, "WorkerState", MemorystoreWorkerStateStoreProps.builder()
                .name("suprsend-worker-state").region("us-central1")
                .authorizedNetwork("projects/acme-prod/global/networks/platform").locationId("us-central1-a")
                .alternativeLocationId("us-central1-b").build());
        new MemorystoreAlerts(stack, "WorkerAlerts", StoreRole.WORKER_STATE, "suprsend-worker-state", true,
                RdbSnapshotPeriod.ONE_HOUR, monitoring);
        return stack;
    }

    private static TerraformStack azure(AzureMonitoring monitoring) {
        TerraformStack stack = SynthJson.stack();
        new AzurermProvider(stack, "Azure", AzurermProviderConfig.builder()
                .features(List.of(AzurermProviderFeatures.builder().build())).build());
        AzurePlacement placement = new AzurePlacement("rg", "westeurope", SUBNET, VNET, null);
        AzureCacheForRedisCacheStore cache = new AzureCacheForRedisCacheStore(stack, "Cache",
                AzureCacheForRedisCacheStoreProps.builder().name("suprsend-cache").placement(placement).build());
        AzureManagedRedisWorkerStateStore worker = new AzureManagedRedisWorkerStateStore(stack, "WorkerState",
                AzureManagedRedisWorkerStateStoreProps.builder().name("suprsend-state").placement(placement).build());
        new AzureMonitorAlerts(stack, "CacheAlerts", AzureMonitorAlerts.Target.withReplicas(StoreRole.CACHE, false,
                "suprsend-cache", cache.cache().getStringAttribute("id"), "rg"), monitoring, Map.of());
        new AzureMonitorAlerts(stack, "WorkerAlerts", AzureMonitorAlerts.Target.withReplicas(StoreRole.WORKER_STATE,
                true, "suprsend-state", worker.redis().getStringAttribute("id"), "rg"), monitoring, Map.of());
        return stack;
    }

    @Nested
    class Azure {
        private final AzureMonitoring monitoring = new AzureMonitoring(GROUP, null, 7500);

        @Test
        void compliance_health_and_metric_alerts_notify_the_action_group() {
            assertAll(evaluate(azure(monitoring), true), Compliance.COMPLIANT, 2);
        }

        @Test
        void noncompliance_1_without_the_resource_health_alerts() {
            List<Finding> findings = evaluate(without(azure(monitoring), "azurerm_monitor_activity_log_alert",
                    a -> true), true);
            assertAll(findings, Compliance.NON_COMPLIANT, 2);
            findings.forEach(f -> assertTrue(f.evaluation().detail().contains("has no alert for degraded"
                    + " (ResourceHealth Degraded), down (ResourceHealth Unavailable) (AzureMonitorAlerts)"),
                    f.toString()));
        }

        @Test
        void noncompliance_2_without_the_degraded_alert_only() {
            Finding f = only(evaluate(without(azure(monitoring), "azurerm_monitor_activity_log_alert",
                    a -> a.path("name").asText().equals("suprsend-state-degraded")), true), "azurerm_managed_redis");
            assertEquals("store 'suprsend-state' has no alert for degraded (ResourceHealth Degraded)"
                    + " (AzureMonitorAlerts)", f.evaluation().detail());
        }

        @Test
        void noncompliance_3_managed_redis_without_the_replica_link_alert() {
            Finding f = only(evaluate(without(azure(monitoring), "azurerm_monitor_metric_alert",
                    a -> a.path("name").asText().equals("suprsend-state-replication")), true),
                    "azurerm_managed_redis");
            assertEquals("store 'suprsend-state' has no alert for replica link (ShardReplicationLinkUp)"
                    + " (AzureMonitorAlerts)", f.evaluation().detail());
        }

        @Test
        void noncompliance_4_classic_without_the_data_loss_alert() {
            Finding f = only(evaluate(without(azure(monitoring), "azurerm_monitor_metric_alert",
                    a -> a.path("name").asText().equals("suprsend-cache-dataloss")), true), "azurerm_redis_cache");
            assertEquals("store 'suprsend-cache' has no alert for data loss (errors[Dataloss]) (AzureMonitorAlerts)",
                    f.evaluation().detail());
        }

        @Test
        void noncompliance_5_a_health_alert_without_an_action() {
            JsonNode json = SynthJson.synth(azure(monitoring));
            json.path("resource").path("azurerm_monitor_activity_log_alert")
                    .forEach(a -> ((ObjectNode) a).remove("action"));
            List<Finding> findings = evaluate(json, true);
            assertAll(findings, Compliance.NON_COMPLIANT, 2);
            findings.forEach(f -> assertTrue(f.evaluation().detail().matches("alerts of 'suprsend-(cache|state)'"
                    + " notify nobody \\(suprsend-(cache|state)-(down|degraded) and 1 more\\); set"
                    + " monitoring.actionGroupId"), f.toString()));
        }
    }

    private static void assertAll(List<Finding> findings, Compliance expected, int count) {
        assertEquals(count, findings.size(), findings.toString());
        findings.forEach(f -> assertEquals(expected, f.evaluation().compliance(), f.toString()));
    }

    @Nested
    class Aws {
        @Test
        void compliance_alarms_on_every_node_notify_a_topic() {
            assertAll(evaluate(aws(AwsMonitoring.defaults().withAlarms(true, TOPIC)), true), Compliance.COMPLIANT, 2);
        }

        @Test
        void noncompliance_1_alarms_off() {
            List<Finding> findings = evaluate(aws(AwsMonitoring.defaults().withAlarms(false, TOPIC)), true);
            assertAll(findings, Compliance.NON_COMPLIANT, 2);
            assertTrue(findings.get(0).evaluation().detail().contains("has no CloudWatch alarm for connections"
                    + " (CurrConnections Maximum), cpu (EngineCPUUtilization Average), down (CurrConnections"
                    + " SampleCount), evictions (Evictions Sum), failover (ABS(DIFF(IsPrimary Maximum))), memory"
                    + " (DatabaseMemoryUsagePercentage Maximum), new connections (NewConnections Sum), replication lag"
                    + " (ReplicationLag Maximum)"), findings.get(0).evaluation().detail());
        }

        @Test
        void noncompliance_2_alarms_notify_nobody() {
            List<Finding> findings = evaluate(aws(AwsMonitoring.defaults()), true);
            assertAll(findings, Compliance.NON_COMPLIANT, 2);
            assertTrue(findings.get(0).evaluation().detail().contains("notify nobody"));
        }

        @Test
        void noncompliance_3_without_the_down_alarms() {
            Finding f = only(evaluate(without(aws(AwsMonitoring.defaults().withAlarms(true, TOPIC)),
                    "aws_cloudwatch_metric_alarm", a -> a.path("alarm_name").asText().endsWith("-down")), true),
                    "aws_memorydb_cluster");
            assertEquals(Compliance.NON_COMPLIANT, f.evaluation().compliance());
            assertTrue(f.evaluation().detail().startsWith("worker state store 'suprsend-worker' has no CloudWatch"
                    + " alarm for down (CurrConnections SampleCount);"), f.evaluation().detail());
        }

        @Test
        void noncompliance_4_without_the_failover_alarms() {
            List<Finding> findings = evaluate(without(aws(AwsMonitoring.defaults().withAlarms(true, TOPIC)),
                    "aws_cloudwatch_metric_alarm", a -> a.has("metric_query")), true);
            assertAll(findings, Compliance.NON_COMPLIANT, 2);
            findings.forEach(f -> assertTrue(f.evaluation().detail().contains(
                    "has no CloudWatch alarm for failover (ABS(DIFF(IsPrimary Maximum)))"), f.toString()));
        }

        @Test
        void noncompliance_6_a_worker_memory_alarm_that_only_warns_breaks_the_baselines_page() {
            JsonNode json = SynthJson.synth(aws(AwsMonitoring.defaults().withAlarms(true, TOPIC)));
            json.path("resource").path("aws_cloudwatch_metric_alarm").forEach(a -> {
                if (a.path("alarm_name").asText().startsWith("suprsend-worker") && a.path("alarm_name").asText()
                        .endsWith("-memory")) {
                    ((ObjectNode) a).put("alarm_description", a.path("alarm_description").asText()
                            .replaceFirst("^PAGE:", "WARN:"));
                }
            });
            Finding f = only(evaluate(json, true), "aws_memorydb_cluster");
            assertEquals(Compliance.NON_COMPLIANT, f.evaluation().compliance());
            assertTrue(f.evaluation().detail().matches("'suprsend-worker': alert suprsend-worker-.*-memory \\(memory\\)"
                    + " is warn, the baseline makes it page for the worker-state store \\(AwsMonitoring\\)"),
                    f.evaluation().detail());
        }

        @Test
        void noncompliance_5_store_events_go_nowhere() {
            JsonNode json = SynthJson.synth(aws(AwsMonitoring.defaults().withAlarms(true, TOPIC)));
            json.path("resource").path("aws_memorydb_cluster").forEach(c -> ((ObjectNode) c).remove("sns_topic_arn"));
            Finding f = only(evaluate(json, true), "aws_memorydb_cluster");
            assertEquals(Compliance.NON_COMPLIANT, f.evaluation().compliance());
            assertTrue(f.evaluation().detail().contains("sends its event notifications (failover, node replacement,"
                    + " snapshot failures) nowhere: set sns_topic_arn"), f.evaluation().detail());
        }

        @Test
        void not_applicable_outside_production() {
            assertAll(evaluate(aws(AwsMonitoring.defaults().withAlarms(false, null)), false),
                    Compliance.NOT_APPLICABLE, 2);
        }
    }

    @Nested
    class Gcp {
        @Test
        void compliance_policies_on_every_signal_notify_a_channel() {
            assertAll(evaluate(gcp(new GcpMonitoring(List.of(CHANNEL), null, 5, 65000)), true),
                    Compliance.COMPLIANT, 1);
        }

        @Test
        void noncompliance_1_no_alert_policies() {
            List<Finding> findings = evaluate(gcp(null), true);
            assertAll(findings, Compliance.NON_COMPLIANT, 1);
            assertTrue(findings.get(0).evaluation().detail().contains("redis.googleapis.com/stats/memory/usage_ratio"));
        }

        @Test
        void noncompliance_3_a_worker_with_rdb_snapshots_without_the_snapshot_age_policy() {
            TerraformStack stack = gcpWorker(new GcpMonitoring(List.of(CHANNEL), null, 5, 65000));
            assertAll(evaluate(stack, true), Compliance.COMPLIANT, 1);
            Finding f = evaluate(without(stack, "google_monitoring_alert_policy", p -> p.path("display_name").asText()
                    .contains("RDB snapshot")), true).get(0);
            assertEquals(Compliance.NON_COMPLIANT, f.evaluation().compliance());
            assertEquals("worker state store 'suprsend-worker-state' has no alert policy for persistence"
                    + " (redis.googleapis.com/rdb/snapshot/last_success_age) (MemorystoreAlerts)",
                    f.evaluation().detail());
        }

        @Test
        void noncompliance_4_without_the_down_policy_although_memory_uses_the_same_metric() {
            Finding f = evaluate(without(gcpWorker(new GcpMonitoring(List.of(CHANNEL), null, 5, 65000)),
                    "google_monitoring_alert_policy", p -> p.path("conditions").get(0).has("condition_absent")),
                    true).get(0);
            assertEquals(Compliance.NON_COMPLIANT, f.evaluation().compliance());
            assertTrue(f.evaluation().detail().contains("has no alert policy for down"
                    + " (redis.googleapis.com/stats/memory/usage_ratio absent)"), f.evaluation().detail());
        }

        @Test
        void noncompliance_2_policies_without_a_channel() {
            List<Finding> findings = evaluate(gcp(GcpMonitoring.defaults()), true);
            assertAll(findings, Compliance.NON_COMPLIANT, 1);
            assertTrue(findings.get(0).evaluation().detail().contains("monitoring.notificationChannelId"));
        }
    }
}
