package dev.kvstores.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.naming.AwsTags;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyReport;
import dev.kvstores.role.Durability;
import dev.kvstores.role.EvictionPolicy;
import dev.kvstores.role.SizePreset;
import dev.kvstores.testing.SynthJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ElastiCacheCacheStoreTest {

    private static ElastiCacheCacheStoreProps.Builder props() {
        // Production stores notify a topic (KVS-ALERT-BASELINE).
        return ElastiCacheCacheStoreProps.builder().network(AwsTesting.network())
                .monitoring(AwsMonitoring.defaults().withAlarms(true, "arn:aws:sns:eu-west-1:123456789012:oncall"));
    }

    private static Map<String, String> parameters(JsonNode json) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        SynthJson.single(json, "aws_elasticache_parameter_group").path("parameter")
                .forEach(p -> out.put(p.path("name").asText(), p.path("value").asText()));
        return out;
    }

    @Nested
    class Defaults {
        private final TerraformStack stack = AwsTesting.stack();
        private final ElastiCacheCacheStore store = new ElastiCacheCacheStore(stack, "Cache", props().build());
        private final JsonNode json = SynthJson.synth(stack);
        private final JsonNode group = SynthJson.single(json, "aws_elasticache_replication_group");

        @Test
        void creates_a_multi_az_replication_group_with_cluster_mode_disabled_and_two_nodes() {
            assertEquals("suprsend-cache", group.path("replication_group_id").asText());
            assertEquals("disabled", group.path("cluster_mode").asText());
            assertEquals(2, group.path("num_cache_clusters").asInt());
            assertTrue(group.path("multi_az_enabled").asBoolean());
            assertTrue(group.path("automatic_failover_enabled").asBoolean());
            assertTrue(group.path("num_node_groups").isMissingNode());
        }

        @Test
        void runs_redis_7_1_on_the_small_preset_node_type_at_port_6380() {
            assertEquals("redis", group.path("engine").asText());
            assertEquals("7.1", group.path("engine_version").asText());
            assertEquals("cache.t4g.medium", group.path("node_type").asText());
            assertEquals(6380, group.path("port").asInt());
            assertEquals("true", group.path("auto_minor_version_upgrade").asText());
        }

        @Test
        void parameter_group_of_the_engine_family_evicts_lru_and_reserves_a_quarter_of_memory() {
            assertEquals("redis7", SynthJson.single(json, "aws_elasticache_parameter_group").path("family").asText());
            assertEquals(Map.of("cluster-enabled", "no", "maxmemory-policy", "allkeys-lru",
                    "reserved-memory-percent", "25", "timeout", "0"), parameters(json));
        }

        @Test
        void keeps_no_snapshots() {
            assertEquals(0, group.path("snapshot_retention_limit").asInt());
            assertTrue(group.path("snapshot_window").isMissingNode());
            assertEquals(Durability.NONE, store.durability());
        }

        @Test
        void requires_tls_and_encrypts_at_rest_with_a_new_rotating_kms_key() {
            assertTrue(group.path("transit_encryption_enabled").asBoolean());
            assertEquals("required", group.path("transit_encryption_mode").asText());
            assertEquals("true", group.path("at_rest_encryption_enabled").asText());
            JsonNode key = SynthJson.single(json, "aws_kms_key");
            assertTrue(key.path("enable_key_rotation").asBoolean());
            assertTrue(group.path("kms_key_id").asText().startsWith("${aws_kms_key."));
            assertTrue(key.path("policy").asText().contains("logs.${data.aws_region."));
        }

        @Test
        void authenticates_with_an_rbac_user_and_switches_the_default_user_off() {
            List<JsonNode> users = SynthJson.all(json, "aws_elasticache_user");
            assertEquals(2, users.size());
            JsonNode app = users.stream().filter(u -> u.path("user_name").asText().equals("suprsend-cache")).findFirst().get();
            JsonNode off = users.stream().filter(u -> u.path("user_name").asText().equals("default")).findFirst().get();
            assertEquals("on ~* &* +@all -@admin", app.path("access_string").asText());
            assertEquals("off -@all", off.path("access_string").asText());
            assertEquals("suprsend-cache-nodefault", off.path("user_id").asText());
            assertTrue(app.path("authentication_mode").path("passwords").get(0).asText().startsWith("${random_password."));
            assertEquals(2, SynthJson.single(json, "aws_elasticache_user_group").path("user_ids").size());
            assertTrue(group.path("user_group_ids").get(0).asText().startsWith("${aws_elasticache_user_group."));
            assertTrue(group.path("auth_token").isMissingNode());
        }

        @Test
        void places_the_group_in_a_subnet_group_of_the_private_subnets_behind_its_own_security_group() {
            assertEquals(List.of("subnet-a", "subnet-b"),
                    toList(SynthJson.single(json, "aws_elasticache_subnet_group").path("subnet_ids")));
            assertTrue(group.path("subnet_group_name").asText().startsWith("${aws_elasticache_subnet_group."));
            JsonNode rule = SynthJson.single(json, "aws_vpc_security_group_ingress_rule");
            assertEquals("sg-eks-nodes", rule.path("referenced_security_group_id").asText());
            assertEquals(6380, rule.path("from_port").asInt());
            assertEquals(6380, rule.path("to_port").asInt());
            assertEquals("vpc-0abc", SynthJson.single(json, "aws_security_group").path("vpc_id").asText());
            assertTrue(SynthJson.all(json, "aws_elasticache_security_group").isEmpty());
        }

        @Test
        void delivers_slow_and_engine_logs_to_encrypted_cloudwatch_log_groups() {
            List<String> types = new ArrayList<>();
            group.path("log_delivery_configuration").forEach(c -> types.add(c.path("log_type").asText()));
            assertEquals(List.of("slow-log", "engine-log"), types);
            for (JsonNode logGroup : SynthJson.all(json, "aws_cloudwatch_log_group")) {
                assertEquals(365, logGroup.path("retention_in_days").asInt());
                assertTrue(logGroup.path("kms_key_id").asText().startsWith("${aws_kms_key."));
            }
        }

        @Test
        void alarms_on_every_baseline_signal_of_every_node() {
            List<String> names = SynthJson.all(json, "aws_cloudwatch_metric_alarm").stream()
                    .map(a -> a.path("alarm_name").asText()).sorted().toList();
            List<String> expected = new ArrayList<>();
            for (String node : List.of("suprsend-cache-001", "suprsend-cache-002")) {
                for (String signal : List.of("connections", "cpu", "down", "evictions", "failover", "memory",
                        "new-connections", "replication-lag")) {
                    expected.add(node + "-" + signal);
                }
            }
            assertEquals(expected, names);
            assertEquals(names, store.alarms().stream().map(AwsAlarm::alarmName).sorted().toList());
        }

        @Test
        void connects_with_tls_as_the_acl_user_without_a_db_number() {
            assertTrue(store.connectionInfo().tlsEnabled());
            assertEquals("suprsend-cache", store.connectionInfo().username());
            assertEquals(6380, store.connectionInfo().port());
            assertFalse(store.connectionInfo().clusterMode());
            assertNull(store.connectionInfo().caCertificate());
            assertEquals(EvictionPolicy.ALLKEYS_LRU, store.evictionPolicy());
        }

        @Test
        void records_why_backups_and_the_auth_token_rule_do_not_apply() {
            assertEquals(List.of("HIPAA.Security-ElastiCacheRedisClusterAutomaticBackup", "SecurityHub-ElastiCache.1",
                    "AwsSolutions-AEC6"), store.policyExemptions().stream().map(PolicyExemption::ruleId).toList());
            assertTrue(store.exemptions().isEmpty());
        }

        @Test
        void passes_every_policy_rule_or_carries_its_exemption() {
            PolicyReport report = PolicyPack.defaults().evaluate(json, new PolicyContext("test", true),
                    store.policyExemptions());
            assertEquals(List.of(), report.violations());
        }
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Nested
    class Configuration {
        @Test
        void valkey_8_uses_the_valkey8_family_and_valkey_users() {
            TerraformStack stack = AwsTesting.stack();
            new ElastiCacheCacheStore(stack, "Cache", props().engine(ElastiCacheEngine.VALKEY_8_0).build());
            JsonNode json = SynthJson.synth(stack);
            assertEquals("valkey", SynthJson.single(json, "aws_elasticache_replication_group").path("engine").asText());
            assertEquals("8.0", SynthJson.single(json, "aws_elasticache_replication_group").path("engine_version").asText());
            assertEquals("valkey8", SynthJson.single(json, "aws_elasticache_parameter_group").path("family").asText());
            assertEquals("suprsend-cache-valkey8", SynthJson.single(json, "aws_elasticache_parameter_group").path("name").asText());
            SynthJson.all(json, "aws_elasticache_user").forEach(u -> assertEquals("valkey", u.path("engine").asText()));
        }

        @Test
        void an_explicit_family_that_matches_the_engine_is_accepted() {
            TerraformStack stack = AwsTesting.stack();
            new ElastiCacheCacheStore(stack, "Cache", props().engine(ElastiCacheEngine.VALKEY_7_2)
                    .parameterGroupFamily("valkey7").build());
            assertEquals("valkey7", SynthJson.single(SynthJson.synth(stack), "aws_elasticache_parameter_group")
                    .path("family").asText());
        }

        @Test
        void volatile_lru_and_an_explicit_node_type_override_the_defaults() {
            TerraformStack stack = AwsTesting.stack();
            new ElastiCacheCacheStore(stack, "Cache", props().size(SizePreset.LARGE).nodeType("cache.r7g.xlarge")
                    .evictionPolicy(EvictionPolicy.VOLATILE_LRU).nodes(3).build());
            JsonNode json = SynthJson.synth(stack);
            assertEquals("cache.r7g.xlarge", SynthJson.single(json, "aws_elasticache_replication_group").path("node_type").asText());
            assertEquals(3, SynthJson.single(json, "aws_elasticache_replication_group").path("num_cache_clusters").asInt());
            assertEquals("volatile-lru", parameters(json).get("maxmemory-policy"));
        }

        @Test
        void size_presets_map_to_node_types() {
            assertEquals("cache.m7g.large", props().size(SizePreset.MEDIUM).build().nodeType());
            assertEquals("cache.r7g.large", props().size(SizePreset.LARGE).build().nodeType());
        }

        @Test
        void auth_token_mode_uses_a_generated_token_with_the_set_strategy_as_the_default_users_password() {
            TerraformStack stack = AwsTesting.stack();
            ElastiCacheCacheStore store = new ElastiCacheCacheStore(stack, "Cache", props().authMode(AuthMode.AUTH_TOKEN).build());
            JsonNode json = SynthJson.synth(stack);
            JsonNode group = SynthJson.single(json, "aws_elasticache_replication_group");
            assertTrue(group.path("auth_token").asText().startsWith("${random_password."));
            assertEquals("SET", group.path("auth_token_update_strategy").asText());
            assertTrue(group.path("user_group_ids").isMissingNode());
            assertTrue(SynthJson.all(json, "aws_elasticache_user").isEmpty());
            assertEquals("default", store.connectionInfo().username());
            assertFalse(store.policyExemptions().stream().anyMatch(e -> e.ruleId().equals("AwsSolutions-AEC6")));
        }

        @Test
        void a_supplied_kms_key_is_used_and_no_key_is_created() {
            TerraformStack stack = AwsTesting.stack();
            String arn = "arn:aws:kms:eu-west-1:123456789012:key/abc";
            new ElastiCacheCacheStore(stack, "Cache", props().kmsKeyArn(arn).build());
            JsonNode json = SynthJson.synth(stack);
            assertTrue(SynthJson.all(json, "aws_kms_key").isEmpty());
            assertEquals(arn, SynthJson.single(json, "aws_elasticache_replication_group").path("kms_key_id").asText());
        }

        @Test
        void a_kms_key_arn_from_another_resource_is_taken_as_a_token() {
            TerraformStack stack = AwsTesting.stack();
            String arn = new com.hashicorp.cdktf.TerraformVariable(stack, "key_arn",
                    com.hashicorp.cdktf.TerraformVariableConfig.builder().type("string").build()).getStringValue();
            new ElastiCacheCacheStore(stack, "Cache", props().kmsKeyArn(arn).build());
            assertEquals("${var.key_arn}", SynthJson.single(SynthJson.synth(stack), "aws_elasticache_replication_group")
                    .path("kms_key_id").asText());
        }

        @Test
        void cidrs_are_admitted_by_separate_ingress_rules() {
            TerraformStack stack = AwsTesting.stack();
            new ElastiCacheCacheStore(stack, "Cache", props().network(AwsTesting.network().toBuilder()
                    .addAllowedCidr("10.0.0.0/16").addAllowedCidr("fd00::/8").build()).build());
            List<JsonNode> rules = SynthJson.all(SynthJson.synth(stack), "aws_vpc_security_group_ingress_rule");
            assertEquals(3, rules.size());
            assertTrue(rules.stream().anyMatch(r -> "10.0.0.0/16".equals(r.path("cidr_ipv4").asText())));
            assertTrue(rules.stream().anyMatch(r -> "fd00::/8".equals(r.path("cidr_ipv6").asText())));
        }

        @Test
        void allow_connections_from_admits_another_security_group_on_the_store_port() {
            TerraformStack stack = AwsTesting.stack();
            ElastiCacheCacheStore store = new ElastiCacheCacheStore(stack, "Cache", props().port(7000).build());
            store.allowConnectionsFrom("sg-batch-jobs");
            List<JsonNode> rules = SynthJson.all(SynthJson.synth(stack), "aws_vpc_security_group_ingress_rule");
            JsonNode added = rules.stream().filter(r -> r.path("referenced_security_group_id").asText()
                    .equals("sg-batch-jobs")).findFirst().orElseThrow();
            assertEquals(7000, added.path("from_port").asInt());
            assertEquals(7000, added.path("to_port").asInt());
            assertEquals(2, rules.size());
        }

        @Test
        void alarms_notify_the_topic_and_can_be_turned_off() {
            TerraformStack stack = AwsTesting.stack();
            new ElastiCacheCacheStore(stack, "Cache", props()
                    .monitoring(AwsMonitoring.defaults().withAlarms(true, "arn:aws:sns:eu-west-1:1:ops")).build());
            SynthJson.all(SynthJson.synth(stack), "aws_cloudwatch_metric_alarm").forEach(a ->
                    assertEquals("arn:aws:sns:eu-west-1:1:ops", a.path("alarm_actions").get(0).asText()));
            TerraformStack quiet = AwsTesting.stack();
            new ElastiCacheCacheStore(quiet, "Cache", props().monitoring(AwsMonitoring.defaults().withAlarms(false, null)).build());
            assertTrue(SynthJson.all(SynthJson.synth(quiet), "aws_cloudwatch_metric_alarm").isEmpty());
        }

        @Test
        void a_single_node_development_cache_is_exempted_from_the_ha_rules_with_its_reason() {
            TerraformStack stack = AwsTesting.stack();
            ElastiCacheCacheStore store = new ElastiCacheCacheStore(stack, "Cache", props().nodes(1)
                    .haExemptionReason("dev cache, warm-up only").build());
            JsonNode json = SynthJson.synth(stack);
            JsonNode group = SynthJson.single(json, "aws_elasticache_replication_group");
            assertFalse(group.path("multi_az_enabled").asBoolean());
            assertFalse(group.path("automatic_failover_enabled").asBoolean());
            assertEquals(1, store.exemptions().size());
            PolicyReport report = PolicyPack.defaults().evaluate(json, new PolicyContext("dev", false), store.policyExemptions());
            assertEquals(List.of(), report.violations());
            assertTrue(store.policyExemptions().stream().anyMatch(e -> e.ruleId().equals("CKV2_AWS_50")
                    && e.reason().endsWith("dev cache, warm-up only")));
        }
    }

    @Nested
    class Validation {
        static Stream<Arguments> invalid() {
            String who = "cache store (elasticache): ";
            return Stream.of(
                    Arguments.of("a KMS alias instead of the key's ARN", props().kmsKeyArn("alias/redis"), "KmsKey",
                            who + "kmsKeyArn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), got"
                                    + " 'alias/redis'"),
                    Arguments.of("cluster mode on the cache", props().clusterModeEnabled(true), "CacheClusterMode",
                            who.replace(": ", "") + ": topology CLUSTER is not allowed: the platform isolates services"
                                    + " by DB number and Redis Cluster has only DB 0; use a replicated (primary +"
                                    + " replicas) cache"),
                    Arguments.of("auth token without TLS", props().authMode(AuthMode.AUTH_TOKEN)
                            .transitEncryptionEnabled(false), "AuthWithoutTls",
                            who + "authMode AUTH_TOKEN requires transitEncryptionEnabled; remove"
                                    + " transitEncryptionEnabled(false)"),
                    Arguments.of("TLS off", props().transitEncryptionEnabled(false), "TlsRequired",
                            "cache store (elasticache): tlsEnabled must be true, got false; TLS in transit is required"
                                    + " for both roles"),
                    Arguments.of("one node with Multi-AZ", props().nodes(1).multiAzEnabled(true), "MultiAzNodes",
                            who + "multiAzEnabled needs at least 2 nodes (a primary and a replica in another"
                                    + " Availability Zone), got 1; set nodes to 2 or more"),
                    Arguments.of("one node without a reason", props().nodes(1), "HighAvailability",
                            "cache store (elasticache): topology STANDALONE has no failover; use a replicated topology"
                                    + " with at least 2 nodes, or record a high-availability exemption with its reason"
                                    + " (development only)"),
                    Arguments.of("Multi-AZ switched off", props().nodes(2).multiAzEnabled(false), "ZoneSpread",
                            "cache store (elasticache): nodes must be spread across zones (hard anti-affinity /"
                                    + " Multi-AZ), got zone spread off"),
                    Arguments.of("engine and family mismatch", props().engine(ElastiCacheEngine.VALKEY_8_0)
                            .parameterGroupFamily("redis7"), "ParameterGroupFamily",
                            who + "parameterGroupFamily 'redis7' does not match engine valkey 8.0 (family valkey8);"
                                    + " remove parameterGroupFamily or set it to valkey8"),
                    Arguments.of("reachable from the internet", props().network(AwsTesting.network().toBuilder()
                            .addAllowedCidr("0.0.0.0/0").build()), "PrivateNetworking",
                            who + "network.allowedCidrs contains 0.0.0.0/0, which admits the whole internet; list the"
                                    + " platform's VPC or subnet CIDRs instead"),
                    Arguments.of("reachable from every IPv6 address", props().network(AwsTesting.network().toBuilder()
                            .addAllowedCidr("::/0").build()), "PrivateNetworking",
                            who + "network.allowedCidrs contains ::/0, which admits the whole internet; list the"
                                    + " platform's VPC or subnet CIDRs instead"),
                    Arguments.of("no client admitted", props().network(AwsNetwork.builder().vpcId("vpc-1")
                            .addPrivateSubnetId("subnet-a").addPrivateSubnetId("subnet-b").build()), "PrivateNetworking",
                            who + "no client is admitted; list the platform's security groups in"
                                    + " network.allowedSecurityGroupIds or its CIDRs in network.allowedCidrs"),
                    Arguments.of("one subnet for Multi-AZ", props().network(AwsNetwork.builder().vpcId("vpc-1")
                            .addPrivateSubnetId("subnet-a").addAllowedSecurityGroupId("sg-1").build()), "Network",
                            who + "network.privateSubnetIds needs at least 2 private subnet(s) in different"
                                    + " Availability Zones for Multi-AZ, got 1"),
                    Arguments.of("a tag key AWS reserves", props().putTag("aws:owner", "platform"), "Tags",
                            who + "tags: tag key 'aws:owner' starts with 'aws:', which AWS reserves for its own tags"
                                    + " (rules: " + AwsTags.RULES_PAGE + ")"),
                    Arguments.of("a tag value with a comma", props().putTag("team", "a,b"), "Tags",
                            who + "tags: tag 'team' has the value 'a,b' with a character AWS does not allow; use ASCII"
                                    + " letters, digits, spaces and _ . : / = + - @ (rules: " + AwsTags.RULES_PAGE + ")"),
                    Arguments.of("a name with capitals", props().name("Cache"), "Name",
                            who + "name must be 1-30 lowercase letters, digits and single hyphens, starting with a"
                                    + " letter, got 'Cache'; it prefixes the replication group, user and log group names"),
                    Arguments.of("the default user as ACL user", props().aclUsername("default"), "AclUsername",
                            who + "aclUsername must start with a letter and contain only letters, digits and hyphens,"
                                    + " and must not be 'default', got 'default'; the default user is switched off"),
                    Arguments.of("a t2 node", props().nodeType("cache.t2.micro"), "NodeType",
                            who + "nodeType cache.t2.micro supports neither encryption at rest nor automatic failover;"
                                    + " use cache.t4g.medium or larger"),
                    Arguments.of("a MemoryDB node type", props().nodeType("db.r7g.large"), "NodeType",
                            who + "nodeType must be an ElastiCache node type such as cache.r7g.large, got 'db.r7g.large'"),
                    Arguments.of("seven nodes", props().nodes(7), "Nodes",
                            who + "nodes must be between 1 and 6 (a primary and up to 5 replicas), got 7"),
                    Arguments.of("a privileged port", props().port(80), "Port",
                            who + "port must be between 1024 and 65535, got 80"),
                    Arguments.of("a daily maintenance window", props().maintenanceWindow("05:00-06:00"), "Window",
                            who + "maintenanceWindow must look like sun:05:00-sun:06:00 (UTC), got '05:00-06:00'"),
                    Arguments.of("a log retention CloudWatch refuses", props().monitoring(
                            AwsMonitoring.defaults().withLogRetentionDays(10)), "LogRetention",
                            who + "monitoring.logRetentionDays must be one of " + AwsMonitoring.RETENTION_DAYS
                                    + ", got 10"),
                    Arguments.of("eviction off", props().evictionPolicy(EvictionPolicy.NOEVICTION), "CacheEviction",
                            "cache store (elasticache): evictionPolicy must be allkeys-lru or volatile-lru, got"
                                    + " noeviction; a full cache must evict, not reject writes"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalid")
        void fails_with_the_field_the_value_and_the_fix(String description, ElastiCacheCacheStoreProps.Builder props,
                                                       String code, String message) {
            StoreConfigException e = assertThrows(StoreConfigException.class,
                    () -> new ElastiCacheCacheStore(AwsTesting.stack(), "Cache", props.build()));
            assertEquals(message, e.getMessage());
            assertEquals(code, e.code());
        }

        @Test
        void names_every_backend_problem_of_the_store_in_one_exception() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new ElastiCacheCacheStore(
                    AwsTesting.stack(), "Cache", props().name("Cache").port(80).maintenanceWindow("05:00-06:00")
                            .build()));
            assertEquals("Name", e.code());
            assertEquals("cache store (elasticache): name must be 1-30 lowercase letters, digits and single hyphens,"
                    + " starting with a letter, got 'Cache'; it prefixes the replication group, user and log group"
                    + " names; and port must be between 1024 and 65535, got 80; and maintenanceWindow must look like"
                    + " sun:05:00-sun:06:00 (UTC), got '05:00-06:00'", e.getMessage());
        }

        @Test
        void does_not_add_a_multi_az_problem_to_a_node_count_out_of_range() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new ElastiCacheCacheStore(
                    AwsTesting.stack(), "Cache", props().nodes(0).multiAzEnabled(true).build()));
            assertEquals("Nodes", e.code());
            assertEquals("cache store (elasticache): nodes must be between 1 and 6 (a primary and up to 5 replicas),"
                    + " got 0", e.getMessage());
        }
    }
}
