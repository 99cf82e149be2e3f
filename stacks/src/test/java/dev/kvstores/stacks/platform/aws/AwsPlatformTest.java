package dev.kvstores.stacks.platform.aws;

import dev.kvstores.role.AlertThresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hashicorp.cdktf.Testing;
import dev.kvstores.aws.AuthMode;
import dev.kvstores.aws.ElastiCacheEngine;
import dev.kvstores.aws.MemoryDbEngine;
import dev.kvstores.role.SizePreset;
import dev.kvstores.stacks.EnvironmentStack;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import dev.kvstores.stacks.EnvironmentLoader;
import dev.kvstores.stacks.environment.FieldShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsPlatformTest {

    private static final String MINIMAL = """
            platform: aws
            profile: production
            stateBackend: {type: s3, bucket: tf-state, key: kvstores/test.tfstate, region: eu-west-1, kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000, useLockfile: true}
            aws: {region: eu-west-1}
            kubernetes: {configContext: prod}
            connectionSecret: {namespace: suprsend}
            network:
              vpcId: vpc-0123456789abcdef0
              privateSubnetIds: [subnet-0123456a, subnet-0123456b]
              allowedSecurityGroupIds: [sg-0123456e]
            cache: {}
            workerState: {backend: elasticache}
            """;

    @TempDir
    Path dir;

    private Environment load(String yaml) throws IOException {
        return EnvironmentLoader.loadFile(Files.writeString(dir.resolve("aws-test.yaml"), yaml), dir);
    }

    private List<String> problems(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("bad-aws.yaml"), yaml);
        return assertThrows(EnvironmentException.class, () -> EnvironmentLoader.loadFile(file, dir)).problems();
    }

    @Nested
    class Defaults {
        @Test
        void a_minimal_file_gets_a_two_node_redis_cache_and_a_three_node_elasticache_worker() throws IOException {
            AwsSettings settings = load(MINIMAL).settings(AwsSettings.class);
            assertEquals("eu-west-1", settings.region());
            assertNull(settings.profile());
            assertNull(settings.kmsKeyArn());
            assertEquals("suprsend-cache", settings.cache().name());
            assertEquals(ElastiCacheEngine.REDIS_7_1, settings.cache().engine());
            assertEquals(2, settings.cache().nodes());
            assertEquals(6380, settings.cache().port());
            assertEquals(AuthMode.RBAC, settings.cache().authMode());
            assertEquals(SizePreset.SMALL, settings.cache().size());
            assertEquals("suprsend-worker", settings.workerState().name());
            assertEquals(3, settings.workerState().nodes());
            assertEquals(15, settings.workerState().snapshotRetentionDays());
            assertFalse(settings.workerState().clusterMode());
            assertTrue(settings.workerState().preventDestroy());
            assertTrue(settings.monitoring().alarmsEnabled());
            assertEquals(365, settings.monitoring().logRetentionDays());
        }

        @Test
        void memorydb_is_always_cluster_mode() throws IOException {
            AwsSettings settings = load(MINIMAL.replace("backend: elasticache", "backend: memorydb, engine: valkey-7.3"))
                    .settings(AwsSettings.class);
            assertTrue(settings.workerState().memoryDb());
            assertTrue(settings.workerState().clusterMode());
            assertEquals(MemoryDbEngine.VALKEY_7_3, settings.workerState().memoryDbEngine());
            assertNull(settings.workerState().elastiCacheEngine());
        }

        @Test
        void development_keeps_the_alert_baseline_with_default_thresholds() throws IOException {
            AwsSettings settings = load(MINIMAL.replace("profile: production", "profile: development"))
                    .settings(AwsSettings.class);
            assertTrue(settings.monitoring().alarmsEnabled());
            assertEquals(AlertThresholds.defaults(), settings.monitoring().thresholds());
            assertNull(settings.monitoring().alarmTopicArn());
        }

        @Test
        void thresholds_and_the_topic_come_from_the_environment() throws IOException {
            AwsSettings settings = load(MINIMAL.replace("profile: production", "profile: development") + """
                    monitoring:
                      notificationTopicArn: arn:aws:sns:eu-west-1:123456789012:oncall
                      thresholds: {cpuWarnPercent: 70, cpuFor: 30m, replicationLagSeconds: 9}
                    """).settings(AwsSettings.class);
            assertEquals("arn:aws:sns:eu-west-1:123456789012:oncall", settings.monitoring().alarmTopicArn());
            assertEquals(70, settings.monitoring().thresholds().cpuWarnPercent());
            assertEquals(java.time.Duration.ofMinutes(30), settings.monitoring().thresholds().cpuFor());
            assertEquals(9, settings.monitoring().replicationLagSeconds());
        }
    }

    @Nested
    class Validation {
        @Test
        void fails_listing_every_problem_with_field_value_and_fix() throws IOException {
            List<String> problems = problems("""
                    platform: aws
                    profile: production
                    stateBackend: {type: s3, bucket: tf-state, key: kvstores/test.tfstate, region: eu-west-1, kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000, useLockfile: true}
                    aws: {region: eu-west-1, zone: a}
                    kubernetes: {configContext: prod}
                    connectionSecret: {namespace: suprsend}
                    network:
                      vpcId: vpc-0123456789abcdef0
                      privateSubnetIds: [subnet-0123456a, subnet-0123456b]
                      allowedCidrs: [0.0.0.0/0]
                    encryption: {kmsKeyArn: alias/mine}
                    monitoring: {alarms: false, logRetentionDays: 10}
                    cache: {clusterMode: true, engine: redis-6.2}
                    workerState: {backend: memorydb, authMode: rbac, snapshotRetentionDays: 7, clusterMode: false}
                    """);
            assertEquals(List.of(
                    "bad-aws.yaml: aws.zone: is not a known field; known fields here: profile, region (check the spelling)",
                    "bad-aws.yaml: network.allowedCidrs: contains 0.0.0.0/0, which admits the whole internet; list the"
                            + " platform's VPC or subnet CIDRs",
                    "bad-aws.yaml: encryption.kmsKeyArn: is 'alias/mine', not " + FieldShape.ARN.description(),
                    "bad-aws.yaml: monitoring.logRetentionDays: is 10; allowed: " + dev.kvstores.aws.AwsMonitoring.RETENTION_DAYS,
                    "bad-aws.yaml: monitoring.alarms: is false; production keeps its alarms (remove the field)",
                    "bad-aws.yaml: cache.engine: is 'redis-6.2'; allowed: redis-7.0, redis-7.1, valkey-7.2, valkey-8.0,"
                            + " valkey-8.1",
                    "bad-aws.yaml: cache.clusterMode: is not allowed for the cache: services are isolated by DB number,"
                            + " which cluster mode lacks; remove it",
                    "bad-aws.yaml: workerState.clusterMode: is false, but MemoryDB always runs cluster mode; remove the"
                            + " field",
                    "bad-aws.yaml: workerState.snapshotRetentionDays: is 7; production keeps worker snapshots at least"
                            + " 15 days (HIPAA / NIST backup rule)",
                    "bad-aws.yaml: workerState.authMode: is not supported with backend memorydb (always an ACL user);"
                            + " remove it"), problems);
        }

        @Test
        void fails_when_no_client_is_admitted_or_both_stores_share_a_name() throws IOException {
            List<String> problems = problems(MINIMAL.replace("  allowedSecurityGroupIds: [sg-0123456e]\n", "")
                    .replace("cache: {}", "cache: {name: suprsend-worker}"));
            assertEquals(List.of(
                    "bad-aws.yaml: network: lists no client; add allowedSecurityGroupIds (e.g. the EKS node security"
                            + " group) or allowedCidrs",
                    "bad-aws.yaml: workerState.name: 'suprsend-worker' is also the cache's name; the two roles need"
                            + " separate stores"), problems);
        }
    }

    @Nested
    class Build {
        @Test
        void builds_both_stores_with_the_cache_exemptions() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(MINIMAL));
            assertEquals(List.of(), stack.problems());
            assertTrue(stack.policyExemptions().stream().anyMatch(e -> e.ruleId().equals("AwsSolutions-AEC6")));
            assertTrue(stack.report().contains("ElastiCache has no AOF"), stack.report());
            assertTrue(stack.report().contains("rediss://suprsend-worker:<password>@<primary endpoint address of aws_elasticache_replication_group."),
                    stack.report());
        }

        @Test
        void monitoring_thresholds_of_the_environment_reach_the_down_failover_and_memory_alarms() throws Exception {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(MINIMAL + """
                    monitoring:
                      thresholds: {downFor: 5m, failoverWindow: 30m, workerMemoryPagePercent: 70}
                    """));
            assertEquals(List.of(), stack.problems());
            com.fasterxml.jackson.databind.JsonNode alarms = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(Testing.synth(stack)).path("resource").path("aws_cloudwatch_metric_alarm");
            java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> byName = new java.util.HashMap<>();
            alarms.forEach(a -> byName.put(a.path("alarm_name").asText(), a));
            assertEquals(5, byName.get("suprsend-worker-001-down").path("evaluation_periods").asInt());
            assertEquals("CurrConnections", byName.get("suprsend-worker-001-down").path("metric_name").asText());
            assertEquals(30, byName.get("suprsend-worker-001-failover").path("evaluation_periods").asInt());
            assertEquals(1, byName.get("suprsend-worker-001-failover").path("datapoints_to_alarm").asInt());
            assertEquals(70, byName.get("suprsend-worker-001-memory").path("threshold").asInt());
            assertEquals(90, byName.get("suprsend-cache-001-memory").path("threshold").asInt(), "default kept");
            assertTrue(stack.report().contains("  - suprsend-worker-002-failover [page]: ABS(DIFF(AWS/ElastiCache"
                    + " IsPrimary Maximum)) GreaterThanThreshold 0 in 1 of the last 30 min"), stack.report());
        }

        @Test
        void records_a_store_problem_with_the_file_and_section() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(MINIMAL.replace("cache: {}",
                    "cache: {engine: valkey-8.0, parameterGroupFamily: redis7}")));
            assertEquals(List.of("aws-test.yaml: cache.parameterGroupFamily: parameterGroupFamily 'redis7' does"
                    + " not match engine valkey 8.0 (family valkey8); remove parameterGroupFamily or set it to valkey8"), stack.problems());
        }

        @Test
        void a_single_node_cache_without_a_relaxation_is_refused() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(MINIMAL.replace("cache: {}", "cache: {nodes: 1}")));
            assertEquals(List.of("aws-test.yaml: cache.nodes: topology STANDALONE has no failover;"
                    + " use a replicated topology with at least 2 nodes, or record a high-availability exemption with"
                    + " its reason (development only)"), stack.problems());
        }
    }

    @Nested
    class Backup {
        @Test
        void an_empty_backup_section_takes_every_default_and_the_report_names_it() throws IOException {
            Environment environment = load(MINIMAL.replace("workerState: {backend: elasticache}",
                    "workerState: {backend: elasticache, backup: {}}"));
            AwsSettings.WorkerState w = environment.settings(AwsSettings.class).workerState();
            assertEquals(dev.kvstores.aws.WorkerStateExportProps.defaults(), w.backup());
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), environment);
            assertEquals(List.of(), stack.problems());
            assertTrue(stack.report().contains("off-store backup nightly at 0 1 * * * UTC"), stack.report());
        }

        @Test
        void the_exemption_becomes_a_written_exemption_of_the_backup_rule() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(MINIMAL.replace(
                    "workerState: {backend: elasticache}", "workerState: {backend: elasticache,"
                            + " backupExemptionReason: worker state is rebuilt from the platform database}")));
            assertTrue(stack.policyExemptions().stream().anyMatch(e -> e.ruleId().equals("KVS-BACKUP-REQUIRED")
                    && e.reason().equals("worker state is rebuilt from the platform database")));
            assertTrue(stack.report().contains("no off-store backup (workerState.backup)"), stack.report());
        }

        @Test
        void fails_on_backup_with_an_exemption_an_unknown_field_or_a_bad_value() throws IOException {
            List<String> problems = problems(MINIMAL.replace("workerState: {backend: elasticache}", """
                    workerState:
                      backend: elasticache
                      backupExemptionReason: not needed, we think
                      backup: {schedule: 0 1 * * *, retentionDays: 0, bucket: x, kmsKeyArn: alias/x}
                    """));
            assertEquals(List.of(
                    "bad-aws.yaml: workerState.backupExemptionReason: is set together with backup; remove one of them"
                            + " (with a backup it is only for a production schedule that runs less often than daily,"
                            + " and '0 1 * * *' runs at least every 24 h)",
                    "bad-aws.yaml: workerState.backup.retentionDays: is 0; allowed: 1 to 3650",
                    "bad-aws.yaml: workerState.backup.kmsKeyArn: is 'alias/x', not " + FieldShape.ARN.description(),
                    "bad-aws.yaml: workerState.backup.bucket: is not a known field; known fields here: bucketName,"
                            + " kmsKeyArn, objectLockDays, objectLockMode, retentionDays, schedule (check the"
                            + " spelling)"), problems);
        }

        @Test
        void a_lock_longer_than_the_retention_or_an_unknown_mode_is_refused_naming_the_field_and_the_fix()
                throws IOException {
            List<String> problems = problems(MINIMAL.replace("workerState: {backend: elasticache}", """
                    workerState:
                      backend: elasticache
                      backup: {retentionDays: 7, objectLockDays: 10, objectLockMode: LEGAL}
                    """));
            assertEquals(List.of(
                    "bad-aws.yaml: workerState.backup.objectLockMode: is 'LEGAL'; allowed: GOVERNANCE, COMPLIANCE",
                    "bad-aws.yaml: workerState.backup.objectLockDays: is 10, longer than retentionDays 7: a copy"
                            + " would stay locked after the lifecycle rule should have removed it; set objectLockDays"
                            + " to at most 7 (or leave it out: it defaults to retentionDays), or raise retentionDays"),
                    problems);
        }

        @Test
        void a_schedule_inside_the_snapshot_window_is_reported_at_the_schedule_field() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(MINIMAL.replace(
                    "workerState: {backend: elasticache}",
                    "workerState: {backend: elasticache, backup: {schedule: '30 3 * * *'}}")));
            assertEquals(List.of("aws-test.yaml: workerState.backup.schedule: backup.schedule '30 3 * * *' starts"
                    + " inside snapshotWindow 03:00-04:00 or the 30 minutes before it (the store takes one snapshot at"
                    + " a time); start it earlier or later"), stack.problems());
        }

        @Test
        void restore_from_must_name_rdb_objects_in_s3() throws IOException {
            EnvironmentStack stack = new EnvironmentStack(Testing.app(), load(MINIMAL.replace(
                    "workerState: {backend: elasticache}",
                    "workerState: {backend: memorydb, restoreFrom: ['s3://backups/dump.rdb']}")));
            assertEquals(List.of("aws-test.yaml: workerState.restoreFrom: restoreFrom entry 's3://backups/dump.rdb'"
                    + " is not the S3 ARN of an .rdb file; write it as arn:aws:s3:::<bucket>/<path>.rdb (the bucket in"
                    + " the store's region, the object encrypted with SSE-S3)"), stack.problems());
        }
    }
}
