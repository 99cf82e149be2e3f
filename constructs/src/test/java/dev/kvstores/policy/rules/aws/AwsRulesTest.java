package dev.kvstores.policy.rules.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyReport;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each AWS rule on hand-written fixtures: compliant, non-compliant, absent attribute, not applicable. */
class AwsRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyContext PROD = new PolicyContext("test", true);
    private static final String RG = "aws_elasticache_replication_group";
    private static final String CL = "aws_elasticache_cluster";
    private static final String MDB = "aws_memorydb_cluster";
    private static final Compliance OK = Compliance.COMPLIANT;
    private static final Compliance NO = Compliance.NON_COMPLIANT;
    private static final Compliance NA = Compliance.NOT_APPLICABLE;

    private static SynthesizedResource resource(String type, String json) {
        try {
            return new SynthesizedResource(type, "this", JSON.readTree(json.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Arguments row(PolicyRule rule, String type, String json, Compliance expected) {
        return Arguments.of(rule.id() + " " + expected + " on " + json, rule, resource(type, json), expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row(new ElastiCacheEncryptionAtRest(), RG, "{'at_rest_encryption_enabled':'true'}", OK),
                row(new ElastiCacheEncryptionAtRest(), RG, "{'at_rest_encryption_enabled':false}", NO),
                row(new ElastiCacheEncryptionAtRest(), RG, "{}", NO),
                row(new ElastiCacheEncryptionInTransit(), RG, "{'transit_encryption_enabled':true}", OK),
                row(new ElastiCacheEncryptionInTransit(), RG, "{}", NO),
                row(new ElastiCacheTransitEncryptionWithAuth(), RG, "{'transit_encryption_enabled':true,'user_group_ids':['${x}']}", OK),
                row(new ElastiCacheTransitEncryptionWithAuth(), RG, "{'transit_encryption_enabled':true,'auth_token':'${x}'}", OK),
                row(new ElastiCacheTransitEncryptionWithAuth(), RG, "{'transit_encryption_enabled':true}", NO),
                row(new ElastiCacheTransitEncryptionWithAuth(), RG, "{'auth_token':'${x}'}", NO),
                row(new ElastiCacheCustomerManagedKey(), RG, "{'kms_key_id':'${aws_kms_key.k.arn}'}", OK),
                row(new ElastiCacheCustomerManagedKey(), RG, "{'kms_key_id':''}", NO),
                row(new ElastiCacheAutomaticFailover(), RG, "{'automatic_failover_enabled':true}", OK),
                row(new ElastiCacheAutomaticFailover(), RG, "{}", NO),
                row(new ElastiCacheClusterBackup(), CL, "{'engine':'redis','snapshot_retention_limit':5}", OK),
                row(new ElastiCacheClusterBackup(), CL, "{'engine':'redis','snapshot_retention_limit':0}", NO),
                row(new ElastiCacheClusterBackup(), CL, "{'engine':'redis'}", NO),
                row(new ElastiCacheClusterBackup(), CL, "{'engine':'memcached'}", NA),
                row(new ElastiCacheClusterAutoMinorVersionUpgrade(), CL, "{'engine':'redis'}", OK),
                row(new ElastiCacheClusterAutoMinorVersionUpgrade(), CL, "{'auto_minor_version_upgrade':'false'}", NO),
                row(new ElastiCacheClusterAutoMinorVersionUpgrade(), CL, "{'engine':'memcached'}", NA),
                row(new ElastiCacheClusterSubnetGroup(), CL, "{'subnet_group_name':'private'}", OK),
                row(new ElastiCacheClusterSubnetGroup(), CL, "{}", NO),
                row(new NoElastiCacheSecurityGroup(), "aws_elasticache_security_group", "{'description':'x'}", NO),
                row(new TrivyElastiCacheEncryptionAtRest(), RG, "{'at_rest_encryption_enabled':true}", OK),
                row(new TrivyElastiCacheEncryptionAtRest(), RG, "{}", NO),
                row(new TrivyElastiCacheEncryptionInTransit(), RG, "{'transit_encryption_enabled':'true'}", OK),
                row(new TrivyElastiCacheEncryptionInTransit(), RG, "{}", NO),
                row(new TrivyElastiCacheBackupRetention(), CL, "{'engine':'redis','node_type':'cache.m7g.large','snapshot_retention_limit':1}", OK),
                row(new TrivyElastiCacheBackupRetention(), CL, "{'engine':'redis','node_type':'cache.m7g.large'}", NO),
                row(new TrivyElastiCacheBackupRetention(), CL, "{'engine':'redis','node_type':'cache.t1.micro'}", NA),
                row(new TrivyElastiCacheBackupRetention(), CL, "{'engine':'memcached'}", NA),
                row(new TrivyElastiCacheSecurityGroupDescription(), "aws_elasticache_security_group", "{'description':'app cache'}", OK),
                row(new TrivyElastiCacheSecurityGroupDescription(), "aws_elasticache_security_group", "{'description':'Managed by Terraform'}", NO),
                row(new TrivyElastiCacheSecurityGroupDescription(), "aws_elasticache_security_group", "{}", NO),
                row(new AwsSolutionsAec1(), RG, "{'subnet_group_name':'${x}'}", OK),
                row(new AwsSolutionsAec1(), CL, "{}", NO),
                row(new AwsSolutionsAec3(), RG, "{'at_rest_encryption_enabled':'true','transit_encryption_enabled':true}", OK),
                row(new AwsSolutionsAec3(), RG, "{'at_rest_encryption_enabled':'true'}", NO),
                row(new AwsSolutionsAec3(), RG, "{'at_rest_encryption_enabled':false,'transit_encryption_enabled':false}", NO),
                row(new AwsSolutionsAec4(), RG, "{'multi_az_enabled':true}", OK),
                row(new AwsSolutionsAec4(), RG, "{}", NO),
                row(new AwsSolutionsAec5(), RG, "{'port':6380}", OK),
                row(new AwsSolutionsAec5(), RG, "{'port':6379}", NO),
                row(new AwsSolutionsAec5(), RG, "{'engine':'valkey','port':6379}", NO),
                row(new AwsSolutionsAec5(), CL, "{'engine':'memcached','port':6379}", OK),
                row(new AwsSolutionsAec5(), CL, "{'engine':'memcached','port':11211}", NO),
                row(new AwsSolutionsAec5(), RG, "{}", NO),
                row(new AwsSolutionsAec6(), RG, "{'auth_token':'${random_password.p.result}'}", OK),
                row(new AwsSolutionsAec6(), RG, "{'user_group_ids':['${x}']}", NO),
                row(new HipaaElastiCacheAutomaticBackup(), RG, "{'snapshot_retention_limit':15}", OK),
                row(new HipaaElastiCacheAutomaticBackup(), RG, "{'snapshot_retention_limit':14}", NO),
                row(new HipaaElastiCacheAutomaticBackup(), RG, "{}", NO),
                row(new HipaaElastiCacheAutomaticBackup(), CL, "{'engine':'memcached'}", NA),
                row(new SecurityHubElastiCache1(), RG, "{'snapshot_retention_limit':1}", OK),
                row(new SecurityHubElastiCache1(), CL, "{'engine':'redis','snapshot_retention_limit':0}", NO),
                row(new SecurityHubElastiCache1(), CL, "{'engine':'memcached'}", NA),
                row(new SecurityHubElastiCache2(), CL, "{'engine':'redis'}", OK),
                row(new SecurityHubElastiCache2(), CL, "{'engine':'valkey','auto_minor_version_upgrade':false}", NO),
                row(new SecurityHubElastiCache3(), RG, "{'automatic_failover_enabled':true}", OK),
                row(new SecurityHubElastiCache3(), RG, "{'automatic_failover_enabled':false}", NO),
                row(new SecurityHubElastiCache4(), RG, "{'at_rest_encryption_enabled':'true'}", OK),
                row(new SecurityHubElastiCache4(), RG, "{}", NO),
                row(new SecurityHubElastiCache5(), RG, "{'transit_encryption_enabled':true}", OK),
                row(new SecurityHubElastiCache5(), RG, "{}", NO),
                row(new SecurityHubElastiCache6(), RG, "{'engine_version':'5.0.6','auth_token':'${x}'}", OK),
                row(new SecurityHubElastiCache6(), RG, "{'engine_version':'5.0.6'}", NO),
                row(new SecurityHubElastiCache6(), RG, "{'engine_version':'7.1'}", NA),
                row(new SecurityHubElastiCache7(), CL, "{'subnet_group_name':'private'}", OK),
                row(new SecurityHubElastiCache7(), CL, "{'subnet_group_name':'default'}", NO),
                row(new SecurityHubElastiCache7(), CL, "{}", NO),
                row(new AwsHighAvailability(), RG, "{'num_cache_clusters':2}", OK),
                row(new AwsHighAvailability(), RG, "{'num_node_groups':3,'replicas_per_node_group':1}", OK),
                row(new AwsHighAvailability(), RG, "{'num_cache_clusters':1}", NO),
                row(new AwsHighAvailability(), MDB, "{'num_replicas_per_shard':1}", OK),
                row(new AwsHighAvailability(), MDB, "{'num_replicas_per_shard':0}", NO),
                row(new AwsRolePersistence(), RG, "{'tags':{'kvstores.dev/role':'cache'},'snapshot_retention_limit':0}", OK),
                row(new AwsRolePersistence(), RG, "{'tags':{'kvstores.dev/role':'cache'},'snapshot_retention_limit':7}", NO),
                row(new AwsRolePersistence(), RG, "{'tags':{'kvstores.dev/role':'worker-state'},'snapshot_retention_limit':15}", OK),
                row(new AwsRolePersistence(), RG, "{'tags':{'kvstores.dev/role':'worker-state'},'snapshot_retention_limit':0}", NO),
                row(new AwsRolePersistence(), RG, "{'snapshot_retention_limit':0}", NA),
                row(new AwsRolePersistence(), MDB, "{}", NO),
                row(new AwsCacheNotClusterMode(), RG, "{'tags':{'kvstores.dev/role':'cache'},'cluster_mode':'disabled'}", OK),
                row(new AwsCacheNotClusterMode(), RG, "{'tags':{'kvstores.dev/role':'cache'},'cluster_mode':'enabled'}", NO),
                row(new AwsCacheNotClusterMode(), RG, "{'tags':{'kvstores.dev/role':'cache'},'num_node_groups':2}", NO),
                row(new AwsCacheNotClusterMode(), RG, "{'tags':{'kvstores.dev/role':'worker-state'},'cluster_mode':'enabled'}", NA),
                row(new AwsIngressNotOpen(), "aws_vpc_security_group_ingress_rule", "{'cidr_ipv4':'10.0.0.0/16'}", OK),
                row(new AwsIngressNotOpen(), "aws_vpc_security_group_ingress_rule", "{'cidr_ipv4':'0.0.0.0/0'}", NO),
                row(new AwsIngressNotOpen(), "aws_vpc_security_group_ingress_rule", "{'cidr_ipv6':'::/0'}", NO),
                row(new AwsIngressNotOpen(), "aws_security_group_rule", "{'type':'ingress','cidr_blocks':['0.0.0.0/0']}", NO),
                row(new AwsIngressNotOpen(), "aws_security_group_rule", "{'type':'egress','cidr_blocks':['0.0.0.0/0']}", NA),
                row(new AwsIngressNotOpen(), "aws_security_group", "{'ingress':[{'cidr_blocks':['0.0.0.0/0']}]}", NO),
                row(new AwsIngressNotOpen(), "aws_security_group", "{'vpc_id':'vpc-1'}", OK),
                row(new MemoryDbTls(), MDB, "{'tls_enabled':true}", OK),
                row(new MemoryDbTls(), MDB, "{}", NO),
                row(new MemoryDbCustomerManagedKey(), MDB, "{'kms_key_arn':'${aws_kms_key.k.arn}'}", OK),
                row(new MemoryDbCustomerManagedKey(), MDB, "{}", NO),
                row(new MemoryDbAutomaticBackup(), MDB, "{'snapshot_retention_limit':15}", OK),
                row(new MemoryDbAutomaticBackup(), MDB, "{'snapshot_retention_limit':7}", NO),
                row(new AwsTagsValid(), RG, "{'tags':{'kvstores.dev/role':'cache','kvstores.dev/environment':'aws-prod','Name':'suprsend-prod-cache'}}", OK),
                row(new AwsTagsValid(), "aws_kms_key", "{'tags':{'cost center':'a+b=c@d:e/f_g.h-i'}}", OK),
                row(new AwsTagsValid(), RG, "{'tags':{'aws:owner':'me'}}", NO),
                row(new AwsTagsValid(), MDB, "{'tags':{'owner':'AWS:me'}}", NO),
                row(new AwsTagsValid(), "aws_security_group", "{'tags':{'owner#1':'me'}}", NO),
                row(new AwsTagsValid(), "aws_cloudwatch_log_group", "{'tags':{'k':'" + "v".repeat(257) + "'}}", NO),
                row(new AwsTagsValid(), "aws_cloudwatch_metric_alarm", "{'tags':{'" + "k".repeat(129) + "':'v'}}", NO),
                row(new AwsTagsValid(), "aws_elasticache_subnet_group", "{}", NA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates_fixtures_as_the_scanner_does(String description, PolicyRule rule, SynthesizedResource resource,
                                              Compliance expected) {
        assertTrue(rule.resourceTypes().contains(resource.type()), rule.id() + " does not look at " + resource.type());
        assertEquals(expected, rule.evaluate(resource, PROD).compliance());
    }

    @Test
    void every_aws_row_of_the_scanner_table_is_in_the_default_pack() {
        Set<String> ids = PolicyPack.defaults().rules().stream().map(PolicyRule::id).collect(Collectors.toSet());
        assertTrue(ids.containsAll(List.of("CKV_AWS_29", "CKV_AWS_30", "CKV_AWS_31", "CKV_AWS_191", "CKV2_AWS_50",
                "CKV_AWS_134", "CKV_AWS_322", "CKV_AWS_323", "CKV_AWS_196", "CKV2_AWS_5", "AVD-AWS-0045",
                "AVD-AWS-0051", "AVD-AWS-0050", "AVD-AWS-0049", "AwsSolutions-AEC1", "AwsSolutions-AEC3",
                "AwsSolutions-AEC4", "AwsSolutions-AEC5", "AwsSolutions-AEC6",
                "HIPAA.Security-ElastiCacheRedisClusterAutomaticBackup", "SecurityHub-ElastiCache.1",
                "SecurityHub-ElastiCache.2", "SecurityHub-ElastiCache.3", "SecurityHub-ElastiCache.4",
                "SecurityHub-ElastiCache.5", "SecurityHub-ElastiCache.6", "SecurityHub-ElastiCache.7",
                "KVS-AWS-TAGS")), ids.toString());
        assertEquals(AwsRules.all().size(), AwsRules.all().stream().map(PolicyRule::id).distinct().count());
    }

    @Test
    void every_aws_rule_names_its_source_and_what_compliance_means() {
        for (PolicyRule rule : AwsRules.all()) {
            assertTrue(rule.source().length() > 15, rule.id());
            assertTrue(rule.description().length() > 15, rule.id());
            assertTrue(!rule.resourceTypes().isEmpty(), rule.id());
        }
    }

    @Test
    void a_security_group_counts_as_attached_only_when_a_resource_references_it() throws Exception {
        JsonNode stack = JSON.readTree("""
                {"resource": {
                  "aws_security_group": {"used": {"vpc_id": "vpc-1"}, "orphan": {"vpc_id": "vpc-1"}},
                  "aws_elasticache_replication_group": {"rg": {"security_group_ids": ["${aws_security_group.used.id}"],
                    "description": "mentions ${aws_security_group.orphan.id} outside a security group field"}},
                  "aws_vpc_security_group_ingress_rule": {"r": {"security_group_id": "${aws_security_group.orphan.id}"}}
                }}""");
        PolicyReport report = new PolicyPack(List.of(new SecurityGroupAttached())).evaluate(stack, PROD, List.of());
        assertEquals(List.of("aws_security_group.orphan"),
                report.violations().stream().map(f -> f.address()).toList());
    }
}
