package dev.kvstores.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.role.Durability;
import dev.kvstores.role.SizePreset;
import dev.kvstores.role.Topology;
import dev.kvstores.testing.SynthJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ElastiCacheWorkerStateStoreTest {

    private static ElastiCacheWorkerStateStoreProps.Builder props() {
        // Production stores notify a topic (KVS-ALERT-BASELINE).
        return ElastiCacheWorkerStateStoreProps.builder().network(AwsTesting.network())
                .monitoring(AwsMonitoring.defaults().withAlarms(true, "arn:aws:sns:eu-west-1:123456789012:oncall"));
    }

    private static Map<String, String> parameters(JsonNode json) {
        Map<String, String> out = new LinkedHashMap<>();
        SynthJson.single(json, "aws_elasticache_parameter_group").path("parameter")
                .forEach(p -> out.put(p.path("name").asText(), p.path("value").asText()));
        return out;
    }

    @Nested
    class Defaults {
        private final TerraformStack stack = AwsTesting.stack();
        private final ElastiCacheWorkerStateStore store = new ElastiCacheWorkerStateStore(stack, "WorkerState",
                props().build());
        private final JsonNode json = SynthJson.synth(stack);
        private final JsonNode group = SynthJson.single(json, "aws_elasticache_replication_group");

        @Test
        void creates_three_nodes_with_multi_az_failover_and_cluster_mode_disabled() {
            assertEquals("suprsend-worker", group.path("replication_group_id").asText());
            assertEquals(3, group.path("num_cache_clusters").asInt());
            assertEquals("disabled", group.path("cluster_mode").asText());
            assertTrue(group.path("multi_az_enabled").asBoolean());
            assertTrue(group.path("automatic_failover_enabled").asBoolean());
            assertEquals("cache.r7g.large", group.path("node_type").asText());
        }

        @Test
        void never_evicts() {
            assertEquals(Map.of("cluster-enabled", "no", "maxmemory-policy", "noeviction",
                    "reserved-memory-percent", "25", "timeout", "0"), parameters(json));
        }

        @Test
        void keeps_daily_snapshots_for_15_days_outside_the_maintenance_window_and_a_final_one() {
            assertEquals(15, group.path("snapshot_retention_limit").asInt());
            assertEquals("03:00-04:00", group.path("snapshot_window").asText());
            assertEquals("sun:05:00-sun:06:00", group.path("maintenance_window").asText());
            assertEquals("suprsend-worker-final", group.path("final_snapshot_identifier").asText());
            assertTrue(group.path("lifecycle").path("prevent_destroy").asBoolean());
        }

        @Test
        void says_that_elasticache_has_no_aof() {
            assertEquals(Durability.RDB_SNAPSHOTS, store.durability());
            assertTrue(store.description().contains("ElastiCache has no AOF"), store.description());
            assertTrue(store.durability().description().contains("no AOF"));
        }

        @Test
        void connects_as_its_own_user_with_db_numbers() {
            assertEquals("suprsend-worker", store.connectionInfo().username());
            assertFalse(store.connectionInfo().clusterMode());
            assertEquals(Topology.REPLICATED, store.topology());
        }

        @Test
        void alarms_on_every_baseline_signal_of_every_node() {
            List<String> names = SynthJson.all(json, "aws_cloudwatch_metric_alarm").stream()
                    .map(a -> a.path("alarm_name").asText()).sorted().toList();
            assertEquals(24, names.size(), "3 nodes x 8 signals");
            assertTrue(names.containsAll(List.of("suprsend-worker-001-cpu", "suprsend-worker-001-memory",
                    "suprsend-worker-001-evictions", "suprsend-worker-001-replication-lag",
                    "suprsend-worker-002-failover", "suprsend-worker-003-down")), names.toString());
        }

        @Test
        void passes_every_policy_rule_but_the_auth_token_one_which_carries_its_exemption() {
            assertEquals(List.of("AwsSolutions-AEC6"),
                    store.policyExemptions().stream().map(PolicyExemption::ruleId).toList());
            // Without a backup, production fails only KVS-BACKUP-REQUIRED (WorkerStateExportTest covers the backup).
            assertEquals(List.of("KVS-BACKUP-REQUIRED"), PolicyPack.defaults().evaluate(json,
                    new PolicyContext("t", true), store.policyExemptions()).violations().stream()
                    .map(dev.kvstores.policy.Finding::ruleId).toList());
        }
    }

    @Nested
    class Configuration {
        @Test
        void cluster_mode_shards_the_store_and_drops_the_db_number() {
            TerraformStack stack = AwsTesting.stack();
            ElastiCacheWorkerStateStore store = new ElastiCacheWorkerStateStore(stack, "WorkerState", props()
                    .clusterModeEnabled(true).shards(2).nodes(2).build());
            JsonNode json = SynthJson.synth(stack);
            JsonNode group = SynthJson.single(json, "aws_elasticache_replication_group");
            assertEquals("enabled", group.path("cluster_mode").asText());
            assertEquals(2, group.path("num_node_groups").asInt());
            assertEquals(1, group.path("replicas_per_node_group").asInt());
            assertTrue(group.path("num_cache_clusters").isMissingNode());
            assertEquals("yes", parameters(json).get("cluster-enabled"));
            assertTrue(store.connectionInfo().clusterMode());
            assertEquals(Topology.CLUSTER, store.topology());
            assertTrue(SynthJson.all(json, "aws_cloudwatch_metric_alarm").stream()
                    .anyMatch(a -> a.path("alarm_name").asText().equals("suprsend-worker-0002-002-replication-lag")));
        }

        @Test
        void data_tiering_runs_on_r6gd_nodes() {
            TerraformStack stack = AwsTesting.stack();
            new ElastiCacheWorkerStateStore(stack, "WorkerState", props().dataTieringEnabled(true).size(SizePreset.MEDIUM).build());
            JsonNode group = SynthJson.single(SynthJson.synth(stack), "aws_elasticache_replication_group");
            assertTrue(group.path("data_tiering_enabled").asBoolean());
            assertEquals("cache.r6gd.2xlarge", group.path("node_type").asText());
        }

        @Test
        void windows_may_cross_midnight_when_they_do_not_overlap() {
            TerraformStack stack = AwsTesting.stack();
            new ElastiCacheWorkerStateStore(stack, "WorkerState", props().snapshotWindow("23:30-00:30")
                    .maintenanceWindow("mon:01:00-mon:02:00").preventDestroy(false).build());
            JsonNode group = SynthJson.single(SynthJson.synth(stack), "aws_elasticache_replication_group");
            assertEquals("23:30-00:30", group.path("snapshot_window").asText());
            assertTrue(group.path("lifecycle").path("prevent_destroy").isMissingNode());
            assertEquals("snapshot_arns", group.path("lifecycle").path("ignore_changes").get(0).asText());
        }
    }

    @Nested
    class Validation {
        static Stream<Arguments> invalid() {
            String who = "worker-state store (elasticache): ";
            return Stream.of(
                    Arguments.of("overlapping windows", props().snapshotWindow("05:30-06:30"), "WindowOverlap",
                            who + "snapshotWindow 05:30-06:30 overlaps maintenanceWindow sun:05:00-sun:06:00; move"
                                    + " one of them so they do not share any minute"),
                    Arguments.of("windows overlapping across midnight", props().snapshotWindow("23:30-00:30")
                            .maintenanceWindow("mon:00:00-mon:01:00"), "WindowOverlap",
                            who + "snapshotWindow 23:30-00:30 overlaps maintenanceWindow mon:00:00-mon:01:00; move"
                                    + " one of them so they do not share any minute"),
                    Arguments.of("a short snapshot window", props().snapshotWindow("03:00-03:30"), "Window",
                            who + "snapshotWindow must be at least 60 minutes long, got '03:00-03:30' (30 minutes)"),
                    Arguments.of("no snapshots", props().snapshotRetentionLimit(0), "SnapshotRetention",
                            who + "snapshotRetentionLimit must be between 1 and 35 days, got 0"),
                    Arguments.of("shards without cluster mode", props().shards(2), "Shards",
                            who + "shards 2 needs clusterModeEnabled(true); without cluster mode a replication group"
                                    + " has one shard"),
                    Arguments.of("data tiering on r7g", props().dataTieringEnabled(true).nodeType("cache.r7g.large"),
                            "DataTiering", who + "dataTieringEnabled needs an r6gd node type (SSD), got"
                                    + " cache.r7g.large; remove nodeType to use the preset's r6gd type"),
                    Arguments.of("one node with Multi-AZ", props().nodes(1).multiAzEnabled(true), "MultiAzNodes",
                            who + "multiAzEnabled needs at least 2 nodes (a primary and a replica in another"
                                    + " Availability Zone), got 1; set nodes to 2 or more"),
                    Arguments.of("auth token without TLS", props().authMode(AuthMode.AUTH_TOKEN)
                            .transitEncryptionEnabled(false), "AuthWithoutTls",
                            who + "authMode AUTH_TOKEN requires transitEncryptionEnabled; remove"
                                    + " transitEncryptionEnabled(false)"),
                    Arguments.of("engine and family mismatch", props().parameterGroupFamily("valkey7"),
                            "ParameterGroupFamily", who + "parameterGroupFamily 'valkey7' does not match engine"
                                    + " redis 7.1 (family redis7); remove parameterGroupFamily or set it to redis7"),
                    Arguments.of("reachable from the internet", props().network(AwsTesting.network().toBuilder()
                            .addAllowedCidr("0.0.0.0/0").build()), "PrivateNetworking",
                            who + "network.allowedCidrs contains 0.0.0.0/0, which admits the whole internet; list the"
                                    + " platform's VPC or subnet CIDRs instead"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalid")
        void fails_with_the_field_the_value_and_the_fix(String description,
                                                       ElastiCacheWorkerStateStoreProps.Builder props, String code,
                                                       String message) {
            StoreConfigException e = assertThrows(StoreConfigException.class,
                    () -> new ElastiCacheWorkerStateStore(AwsTesting.stack(), "WorkerState", props.build()));
            assertEquals(message, e.getMessage());
            assertEquals(code, e.code());
        }
    }
}
