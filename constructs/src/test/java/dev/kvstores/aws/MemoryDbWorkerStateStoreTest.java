package dev.kvstores.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.role.Durability;
import dev.kvstores.role.Topology;
import dev.kvstores.testing.SynthJson;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MemoryDbWorkerStateStoreTest {

    private static MemoryDbWorkerStateStoreProps.Builder props() {
        // Production stores notify a topic (KVS-ALERT-BASELINE).
        return MemoryDbWorkerStateStoreProps.builder().network(AwsTesting.network())
                .monitoring(AwsMonitoring.defaults().withAlarms(true, "arn:aws:sns:eu-west-1:123456789012:oncall"));
    }

    @Nested
    class Defaults {
        private final TerraformStack stack = AwsTesting.stack();
        private final MemoryDbWorkerStateStore store = new MemoryDbWorkerStateStore(stack, "WorkerState", props().build());
        private final JsonNode json = SynthJson.synth(stack);
        private final JsonNode cluster = SynthJson.single(json, "aws_memorydb_cluster");

        @Test
        void creates_one_shard_of_three_nodes_with_tls_and_a_rotating_kms_key() {
            assertEquals("suprsend-worker", cluster.path("name").asText());
            assertEquals(1, cluster.path("num_shards").asInt());
            assertEquals(2, cluster.path("num_replicas_per_shard").asInt());
            assertEquals("db.r7g.large", cluster.path("node_type").asText());
            assertTrue(cluster.path("tls_enabled").asBoolean());
            assertTrue(cluster.path("kms_key_arn").asText().startsWith("${aws_kms_key."));
            assertTrue(SynthJson.single(json, "aws_kms_key").path("enable_key_rotation").asBoolean());
            assertEquals(6380, cluster.path("port").asInt());
        }

        @Test
        void admits_only_its_acl_user_and_never_evicts() {
            JsonNode user = SynthJson.single(json, "aws_memorydb_user");
            assertEquals("suprsend-worker", user.path("user_name").asText());
            assertTrue(user.path("authentication_mode").path("passwords").get(0).asText().startsWith("${random_password."));
            JsonNode acl = SynthJson.single(json, "aws_memorydb_acl");
            assertEquals(1, acl.path("user_names").size());
            assertTrue(cluster.path("acl_name").asText().startsWith("${aws_memorydb_acl."));
            JsonNode parameters = SynthJson.single(json, "aws_memorydb_parameter_group");
            assertEquals("memorydb_redis7", parameters.path("family").asText());
            assertEquals("noeviction", parameters.path("parameter").get(0).path("value").asText());
        }

        @Test
        void keeps_snapshots_15_days_in_private_subnets() {
            assertEquals(15, cluster.path("snapshot_retention_limit").asInt());
            assertEquals("03:00-04:00", cluster.path("snapshot_window").asText());
            assertEquals("suprsend-worker-final", cluster.path("final_snapshot_name").asText());
            assertEquals(2, SynthJson.single(json, "aws_memorydb_subnet_group").path("subnet_ids").size());
            assertTrue(cluster.path("lifecycle").path("prevent_destroy").asBoolean());
        }

        @Test
        void is_a_cluster_so_the_worker_url_has_no_db_number() {
            assertTrue(store.connectionInfo().clusterMode());
            assertEquals(Topology.CLUSTER, store.topology());
            assertEquals(Durability.TRANSACTION_LOG, store.durability());
            assertEquals("suprsend-worker", store.connectionInfo().username());
        }

        @Test
        void alarms_on_every_baseline_signal_of_every_node() {
            assertEquals(store.alarms().size(), SynthJson.all(json, "aws_cloudwatch_metric_alarm").size());
            assertEquals(java.util.Set.of("down", "memory", "evictions", "failover", "replication-lag", "cpu",
                    "connections", "new-connections"), store.alarms().stream().map(AwsAlarm::signal)
                    .collect(java.util.stream.Collectors.toSet()));
        }

        @Test
        void passes_every_policy_rule_without_exemptions() {
            assertTrue(store.policyExemptions().isEmpty());
            // Without a backup, production fails only KVS-BACKUP-REQUIRED (WorkerStateExportTest covers the backup).
            assertEquals(List.of("KVS-BACKUP-REQUIRED"), PolicyPack.defaults().evaluate(json,
                    new PolicyContext("t", true), List.of()).violations().stream()
                    .map(dev.kvstores.policy.Finding::ruleId).toList());
        }
    }

    @Nested
    class Configuration {
        @Test
        void valkey_uses_the_memorydb_valkey7_family() {
            TerraformStack stack = AwsTesting.stack();
            new MemoryDbWorkerStateStore(stack, "WorkerState", props().engine(MemoryDbEngine.VALKEY_7_3).build());
            JsonNode json = SynthJson.synth(stack);
            assertEquals("valkey", SynthJson.single(json, "aws_memorydb_cluster").path("engine").asText());
            assertEquals("memorydb_valkey7", SynthJson.single(json, "aws_memorydb_parameter_group").path("family").asText());
        }

        @Test
        void allow_connections_from_admits_another_security_group() {
            TerraformStack stack = AwsTesting.stack();
            MemoryDbWorkerStateStore store = new MemoryDbWorkerStateStore(stack, "WorkerState", props().build());
            store.allowConnectionsFrom("sg-batch-jobs");
            assertEquals(2, SynthJson.all(SynthJson.synth(stack), "aws_vpc_security_group_ingress_rule").stream()
                    .filter(r -> r.path("from_port").asInt() == 6380).count());
        }

        @Test
        void a_development_cluster_without_replicas_is_exempted_from_the_ha_rule() {
            TerraformStack stack = AwsTesting.stack();
            MemoryDbWorkerStateStore store = new MemoryDbWorkerStateStore(stack, "WorkerState", props()
                    .replicasPerShard(0).haExemptionReason("dev workflows can be replayed").build());
            JsonNode json = SynthJson.synth(stack);
            assertEquals(List.of(), PolicyPack.defaults().evaluate(json, new PolicyContext("d", false),
                    store.policyExemptions()).violations());
            assertEquals(1, store.exemptions().size());
        }
    }

    @Nested
    class Validation {
        static Stream<Arguments> invalid() {
            String who = "worker-state store (memorydb): ";
            return Stream.of(
                    Arguments.of("TLS off", props().tlsEnabled(false), "TlsRequired",
                            who + "tlsEnabled must be true, got false; TLS in transit is required for both roles"),
                    Arguments.of("a wildcard key that would widen the backup role's grants", props().kmsKeyArn("*"),
                            "KmsKey", who + "kmsKeyArn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>),"
                                    + " got '*'"),
                    Arguments.of("no replicas without a reason", props().replicasPerShard(0), "HighAvailability",
                            who + "nodes must be at least 2 for automatic failover (1 primary + replicas), got 1"),
                    Arguments.of("engine and family mismatch", props().parameterGroupFamily("redis7"),
                            "ParameterGroupFamily", who + "parameterGroupFamily 'redis7' does not match engine redis"
                                    + " 7.1 (family memorydb_redis7); remove parameterGroupFamily or set it to"
                                    + " memorydb_redis7"),
                    Arguments.of("an ElastiCache node type", props().nodeType("cache.r7g.large"), "NodeType",
                            who + "nodeType must be a MemoryDB node type such as db.r7g.large, got 'cache.r7g.large'"),
                    Arguments.of("overlapping windows", props().snapshotWindow("sun:05:00-sun:06:00"), "Window",
                            who + "snapshotWindow must look like 03:00-04:00 (UTC), got 'sun:05:00-sun:06:00'"),
                    Arguments.of("reachable from the internet", props().network(AwsTesting.network().toBuilder()
                            .addAllowedCidr("0.0.0.0/0").build()), "PrivateNetworking",
                            who + "network.allowedCidrs contains 0.0.0.0/0, which admits the whole internet; list the"
                                    + " platform's VPC or subnet CIDRs instead"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalid")
        void fails_with_the_field_the_value_and_the_fix(String description, MemoryDbWorkerStateStoreProps.Builder props,
                                                       String code, String message) {
            StoreConfigException e = assertThrows(StoreConfigException.class,
                    () -> new MemoryDbWorkerStateStore(AwsTesting.stack(), "WorkerState", props.build()));
            assertEquals(message, e.getMessage());
            assertEquals(code, e.code());
        }
    }
}
