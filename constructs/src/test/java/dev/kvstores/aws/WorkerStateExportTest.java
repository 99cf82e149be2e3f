package dev.kvstores.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyReport;
import dev.kvstores.testing.SynthJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The nightly backup of ElastiCache and MemoryDB worker stores, as synthesized. */
class WorkerStateExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:oncall";

    private static ElastiCacheWorkerStateStoreProps.Builder elastiCache() {
        return ElastiCacheWorkerStateStoreProps.builder().network(AwsTesting.network())
                .monitoring(AwsMonitoring.defaults().withAlarms(true, TOPIC)).backup(WorkerStateExportProps.defaults());
    }

    private static MemoryDbWorkerStateStoreProps.Builder memoryDb() {
        return MemoryDbWorkerStateStoreProps.builder().network(AwsTesting.network())
                .monitoring(AwsMonitoring.defaults().withAlarms(true, TOPIC)).backup(WorkerStateExportProps.defaults());
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The resource of {@code type} whose logical name contains {@code part}. */
    private static JsonNode named(JsonNode json, String type, String part) {
        List<String> names = SynthJson.names(json, type).stream().filter(n -> n.contains(part)).toList();
        assertEquals(1, names.size(), type + " named *" + part + "*: " + SynthJson.names(json, type));
        return json.path("resource").path(type).path(names.get(0));
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isMissingNode()) {
            out.add(node.asText());
        }
        return out;
    }

    @Nested
    class OnElastiCache {
        private final TerraformStack stack = AwsTesting.stack();
        private final ElastiCacheWorkerStateStore store = new ElastiCacheWorkerStateStore(stack, "WorkerState",
                elastiCache().build());
        private final JsonNode json = SynthJson.synth(stack);

        @Test
        void archives_into_a_versioned_private_bucket_encrypted_with_a_rotating_customer_key() {
            JsonNode bucket = named(json, "aws_s3_bucket", "ArchiveBucket");
            assertTrue(bucket.path("bucket").asText().startsWith("suprsend-worker-${data.aws_caller_identity."));
            assertTrue(bucket.path("bucket").asText().endsWith("-bak"));
            assertFalse(bucket.path("force_destroy").asBoolean());
            JsonNode sse = named(json, "aws_s3_bucket_server_side_encryption_configuration", "ArchiveBucket")
                    .path("rule").get(0);
            assertEquals("aws:kms", sse.at("/apply_server_side_encryption_by_default/sse_algorithm").asText());
            assertTrue(sse.at("/apply_server_side_encryption_by_default/kms_master_key_id").asText()
                    .startsWith("${aws_kms_key.WorkerState_Backup_ArchiveKey"));
            assertTrue(sse.path("bucket_key_enabled").asBoolean());
            JsonNode key = named(json, "aws_kms_key", "ArchiveKey");
            assertTrue(key.path("enable_key_rotation").asBoolean());
            assertEquals("alias/kvstores/suprsend-worker-backups", SynthJson.single(json, "aws_kms_alias").path("name")
                    .asText());
            assertEquals("Enabled", named(json, "aws_s3_bucket_versioning", "ArchiveBucket")
                    .at("/versioning_configuration/status").asText());
            JsonNode block = named(json, "aws_s3_bucket_public_access_block", "ArchiveBucket");
            for (String setting : List.of("block_public_acls", "block_public_policy", "ignore_public_acls",
                    "restrict_public_buckets")) {
                assertTrue(block.path(setting).asBoolean(), setting);
            }
            assertEquals("BucketOwnerEnforced", named(json, "aws_s3_bucket_ownership_controls", "ArchiveBucket")
                    .at("/rule/object_ownership").asText());
        }

        @Test
        void keeps_copies_fourteen_days_and_noncurrent_versions_as_long() {
            JsonNode rule = named(json, "aws_s3_bucket_lifecycle_configuration", "ArchiveBucket").path("rule").get(0);
            assertEquals("Enabled", rule.path("status").asText());
            assertEquals("suprsend-worker/", rule.at("/filter/0/prefix").asText());
            assertEquals(14, rule.at("/expiration/0/days").asInt());
            assertEquals(14, rule.at("/noncurrent_version_expiration/0/noncurrent_days").asInt());
            assertEquals(1, rule.at("/abort_incomplete_multipart_upload/0/days_after_initiation").asInt());
        }

        @Test
        void both_bucket_policies_deny_requests_without_tls() {
            for (String bucket : List.of("ArchiveBucket", "ExportBucket")) {
                JsonNode policy = parse(named(json, "aws_s3_bucket_policy", bucket).path("policy").asText());
                JsonNode deny = policy.path("Statement").get(0);
                assertEquals("Deny", deny.path("Effect").asText());
                assertEquals("*", deny.path("Principal").asText());
                assertEquals("s3:*", deny.path("Action").asText());
                assertEquals("false", deny.at("/Condition/Bool/aws:SecureTransport").asText());
                assertEquals(2, deny.path("Resource").size(), "the bucket and its objects");
            }
        }

        @Test
        void the_export_bucket_grants_elasticache_exactly_what_the_export_page_lists() {
            assertEquals("AES256", named(json, "aws_s3_bucket_server_side_encryption_configuration", "ExportBucket")
                    .at("/rule/0/apply_server_side_encryption_by_default/sse_algorithm").asText());
            assertEquals("BucketOwnerPreferred", named(json, "aws_s3_bucket_ownership_controls", "ExportBucket")
                    .at("/rule/object_ownership").asText());
            JsonNode rule = named(json, "aws_s3_bucket_lifecycle_configuration", "ExportBucket").path("rule").get(0);
            assertEquals(1, rule.at("/expiration/0/days").asInt());
            JsonNode policy = parse(named(json, "aws_s3_bucket_policy", "ExportBucket").path("policy").asText());
            JsonNode allow = policy.path("Statement").get(1);
            assertEquals("Allow", allow.path("Effect").asText());
            assertEquals("${data.aws_region.WorkerState_Backup_Region.region}.elasticache-snapshot.amazonaws.com",
                    allow.at("/Principal/Service").asText().replaceAll("_[0-9A-F]{8}", ""));
            assertEquals(WorkerStateExport.SERVICE_EXPORT_ACTIONS, texts(allow.path("Action")));
            JsonNode acl = SynthJson.single(json, "aws_s3_bucket_acl").path("access_control_policy");
            List<String> permissions = new ArrayList<>();
            acl.path("grant").forEach(g -> permissions.add(g.path("permission").asText()));
            assertEquals(List.of("FULL_CONTROL", "READ", "WRITE", "READ_ACP"), permissions);
            String canonical = acl.path("grant").get(1).at("/grantee/id").asText();
            assertTrue(canonical.startsWith("${local.WorkerState_Backup_ElastiCacheCanonicalUser"), canonical);
            String lookup = json.path("locals").fields().next().getValue().asText();
            assertTrue(lookup.contains("\"aws\" = \"540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353\""),
                    lookup);
            assertTrue(lookup.startsWith("${lookup({"), lookup);
            assertEquals("${data.aws_canonical_user_id.", acl.at("/owner/id").asText().substring(0, 29));
        }

        @Test
        void the_service_grants_are_conditioned_on_this_account_where_the_service_sends_the_keys() {
            JsonNode policy = parse(named(json, "aws_s3_bucket_policy", "ExportBucket").path("policy").asText());
            JsonNode allow = policy.path("Statement").get(1);
            assertTrue(allow.at("/Condition/StringEqualsIfExists/aws:SourceAccount").asText()
                    .startsWith("${data.aws_caller_identity."), allow.toString());
            assertTrue(allow.at("/Condition/ArnLikeIfExists/aws:SourceArn").asText().matches(
                    "arn:\\$\\{data\\.aws_partition\\..*\\}:elasticache:\\$\\{data\\.aws_region\\..*:\\*"),
                    allow.toString());
            // The ACL grant cannot carry a condition: an explicit Deny for the canonical user acting for another account.
            JsonNode deny = policy.path("Statement").get(2);
            assertEquals("Deny", deny.path("Effect").asText());
            assertEquals(acl().path("grant").get(1).at("/grantee/id").asText(),
                    deny.at("/Principal/CanonicalUser").asText());
            assertEquals("s3:*", deny.path("Action").asText());
            assertTrue(deny.at("/Condition/StringNotEquals/aws:SourceAccount").asText()
                    .startsWith("${data.aws_caller_identity."));
            assertEquals("false", deny.at("/Condition/Null/aws:SourceAccount").asText());
        }

        private JsonNode acl() {
            return SynthJson.single(json, "aws_s3_bucket_acl").path("access_control_policy");
        }

        @Test
        void the_archive_bucket_is_created_with_object_lock_for_the_retention_in_governance_mode_by_default() {
            assertTrue(named(json, "aws_s3_bucket", "ArchiveBucket").path("object_lock_enabled").asBoolean());
            assertFalse(named(json, "aws_s3_bucket", "ExportBucket").path("object_lock_enabled").asBoolean(),
                    "the staging bucket's files are deleted by the run");
            JsonNode lock = SynthJson.single(json, "aws_s3_bucket_object_lock_configuration");
            assertTrue(lock.path("bucket").asText().startsWith("${aws_s3_bucket.WorkerState_Backup_ArchiveBucket"));
            assertEquals("GOVERNANCE", lock.at("/rule/default_retention/mode").asText());
            assertEquals(14, lock.at("/rule/default_retention/days").asInt());
        }

        @Test
        void the_run_may_only_create_objects_in_the_archive() {
            JsonNode policy = parse(named(json, "aws_iam_role_policy", "StateMachineRolePolicy").path("policy")
                    .asText());
            for (JsonNode statement : policy.path("Statement")) {
                boolean archive = texts(statement.path("Resource")).stream().anyMatch(r -> r.contains("ArchiveBucket"));
                if (archive) {
                    assertEquals(List.of("s3:PutObject", "s3:AbortMultipartUpload"), texts(statement.path("Action")),
                            statement.toString());
                }
                for (String action : texts(statement.path("Action"))) {
                    assertFalse(action.equals("s3:PutObjectRetention") || action.equals("s3:BypassGovernanceRetention")
                            || action.equals("s3:PutBucketObjectLockConfiguration") || action.equals("s3:*"), action);
                }
            }
        }

        @Test
        void runs_nightly_from_eventbridge_scheduler_in_utc() {
            JsonNode schedule = SynthJson.single(json, "aws_scheduler_schedule");
            assertEquals("cron(0 1 * * ? *)", schedule.path("schedule_expression").asText());
            assertEquals("UTC", schedule.path("schedule_expression_timezone").asText());
            assertEquals("ENABLED", schedule.path("state").asText());
            assertEquals("OFF", schedule.at("/flexible_time_window/mode").asText());
            assertTrue(schedule.at("/target/arn").asText().startsWith("${aws_sfn_state_machine."));
            assertTrue(schedule.at("/target/role_arn").asText().contains("ScheduleRole"));
        }

        @Test
        void the_state_machine_is_standard_tagged_with_its_store_and_calls_only_sdk_integrations() {
            JsonNode machine = SynthJson.single(json, "aws_sfn_state_machine");
            assertEquals("suprsend-worker-backup", machine.path("name").asText());
            assertEquals("STANDARD", machine.path("type").asText());
            assertEquals("suprsend-worker", machine.at("/tags/kvstores.dev~1backup-of").asText());
            JsonNode definition = parse(machine.path("definition").asText());
            assertEquals("JSONata", definition.path("QueryLanguage").asText());
            Set<String> resources = new TreeSet<>();
            definition.findValues("Resource").forEach(r -> resources.add(r.asText()
                    .replaceAll("^arn:\\$\\{data\\.aws_partition\\.[A-Za-z0-9_]+\\.partition}", "arn:P")));
            assertEquals(new TreeSet<>(List.of(
                    "arn:P:states:::aws-sdk:elasticache:createSnapshot",
                    "arn:P:states:::aws-sdk:elasticache:describeSnapshots",
                    "arn:P:states:::aws-sdk:elasticache:copySnapshot",
                    "arn:P:states:::aws-sdk:elasticache:deleteSnapshot",
                    "arn:P:states:::aws-sdk:s3:listObjectsV2",
                    "arn:P:states:::aws-sdk:s3:createMultipartUpload",
                    "arn:P:states:::aws-sdk:s3:uploadPartCopy",
                    "arn:P:states:::aws-sdk:s3:completeMultipartUpload",
                    "arn:P:states:::aws-sdk:s3:abortMultipartUpload",
                    "arn:P:states:::aws-sdk:s3:deleteObject")), resources);
            assertFalse(machine.path("definition").asText().contains("lambda"));
        }

        @Test
        void iam_policies_grant_no_wildcard_action_and_scope_every_resource() {
            for (JsonNode rolePolicy : SynthJson.all(json, "aws_iam_role_policy")) {
                JsonNode doc = parse(rolePolicy.path("policy").asText());
                for (JsonNode statement : doc.path("Statement")) {
                    assertEquals("Allow", statement.path("Effect").asText());
                    for (String action : texts(statement.path("Action"))) {
                        assertFalse(action.contains("*"), "wildcard action " + action);
                    }
                    for (String resource : texts(statement.path("Resource"))) {
                        assertFalse(resource.equals("*"), "resource * in " + statement);
                        if (resource.endsWith(":s3:::*")) {
                            // S3 cannot scope ListAllMyBuckets below all buckets ("Exporting a backup", step 3).
                            assertEquals(List.of("s3:ListAllMyBuckets"), texts(statement.path("Action")));
                        }
                    }
                }
            }
            JsonNode machine = parse(named(json, "aws_iam_role_policy", "StateMachineRolePolicy").path("policy")
                    .asText());
            JsonNode snapshots = machine.path("Statement").get(0);
            assertEquals(List.of("elasticache:CreateSnapshot", "elasticache:DescribeSnapshots",
                    "elasticache:CopySnapshot", "elasticache:DeleteSnapshot"), texts(snapshots.path("Action")));
            for (String resource : texts(snapshots.path("Resource"))) {
                assertTrue(resource.matches(".*:(replicationgroup:suprsend-worker|cluster:suprsend-worker-\\*"
                        + "|snapshot:suprsend-worker-kvs-\\*)"), resource);
            }
            JsonNode archive = machine.path("Statement").get(4);
            assertEquals(List.of("s3:PutObject", "s3:AbortMultipartUpload"), texts(archive.path("Action")));
            assertTrue(texts(archive.path("Resource")).get(0).endsWith(".arn}/suprsend-worker/*"));
            JsonNode kms = machine.path("Statement").get(5);
            assertTrue(kms.at("/Condition/StringEquals/kms:ViaService").asText().startsWith("s3."));
            JsonNode schedule = parse(named(json, "aws_iam_role_policy", "ScheduleRolePolicy").path("policy").asText());
            assertEquals(List.of("states:StartExecution"), texts(schedule.at("/Statement/0/Action")));
            assertTrue(texts(schedule.at("/Statement/0/Resource")).get(0).startsWith("${aws_sfn_state_machine."));
        }

        @Test
        void each_role_is_assumable_only_by_its_service_from_this_account() {
            Map<String, String> services = Map.of("StateMachineRole", "states.amazonaws.com", "ScheduleRole",
                    "scheduler.amazonaws.com");
            services.forEach((role, service) -> {
                JsonNode trust = parse(named(json, "aws_iam_role", role + "_").path("assume_role_policy").asText());
                JsonNode statement = trust.path("Statement").get(0);
                assertEquals(service, statement.at("/Principal/Service").asText());
                assertEquals("sts:AssumeRole", statement.path("Action").asText());
                assertTrue(statement.at("/Condition/StringEquals/aws:SourceAccount").asText()
                        .startsWith("${data.aws_caller_identity."));
                String sourceArn = statement.at("/Condition/ArnLike/aws:SourceArn").asText();
                assertTrue(role.equals("StateMachineRole") ? sourceArn.endsWith(":stateMachine:suprsend-worker-backup")
                        : sourceArn.endsWith(":schedule-group/default"), sourceArn);
            });
        }

        @Test
        void failures_and_missing_runs_alarm_on_the_topic() {
            JsonNode failed = named(json, "aws_cloudwatch_metric_alarm", "FailedAlarm");
            assertEquals("suprsend-worker-backup-failed", failed.path("alarm_name").asText());
            assertEquals("AWS/States", failed.path("namespace").asText());
            assertEquals("ExecutionsFailed", failed.path("metric_name").asText());
            assertEquals("GreaterThanThreshold", failed.path("comparison_operator").asText());
            assertEquals(TOPIC, failed.path("alarm_actions").get(0).asText());
            assertTrue(failed.at("/dimensions/StateMachineArn").asText().startsWith("${aws_sfn_state_machine."));
            JsonNode missing = named(json, "aws_cloudwatch_metric_alarm", "MissingAlarm");
            assertEquals("ExecutionsSucceeded", missing.path("metric_name").asText());
            assertEquals("LessThanThreshold", missing.path("comparison_operator").asText());
            assertEquals(86400, missing.path("period").asInt());
            assertEquals("breaching", missing.path("treat_missing_data").asText());
            assertEquals(TOPIC, missing.path("alarm_actions").get(0).asText());
        }

        @Test
        void the_durability_line_names_schedule_bucket_key_retention_and_recovery_point() {
            String line = store.durabilityDescription();
            for (String part : List.of("0 1 * * * UTC", "cron(0 1 * * ? *)", "suprsend-worker-<account>-<region>-bak",
                    "alias/kvstores/suprsend-worker-backups", "kept 14 days", "at most 24 h from the backup",
                    "suprsend-worker-backup-failed", "RDB snapshots, no AOF", "S3 Object Lock GOVERNANCE 14 days",
                    "the backup role may only create objects")) {
                assertTrue(line.contains(part), part + " in " + line);
            }
        }

        @Test
        void passes_the_policy_pack_with_only_the_export_bucket_exempted_from_the_customer_key() {
            PolicyReport report = PolicyPack.defaults().evaluate(json, new PolicyContext("test", true),
                    store.policyExemptions());
            assertEquals(List.of(), report.violations().stream().filter(f -> f.ruleId().startsWith("KVS-AWS-S3")
                    || f.ruleId().equals("KVS-BACKUP-REQUIRED")).toList());
            assertTrue(report.exempted().stream().anyMatch(f -> f.ruleId().equals(WorkerStateExport.CMK_RULE)
                    && f.address().contains("ExportBucket")), "export bucket exempted");
            assertTrue(report.findings().stream().anyMatch(f -> f.ruleId().equals(WorkerStateExport.CMK_RULE)
                    && f.address().contains("ArchiveBucket") && f.evaluation().compliance() == Compliance.COMPLIANT));
            assertTrue(report.findings().stream().anyMatch(f -> f.ruleId().equals("KVS-BACKUP-REQUIRED")
                    && f.evaluation().compliance() == Compliance.COMPLIANT));
        }
    }

    @Nested
    class OnMemoryDb {
        private final TerraformStack stack = AwsTesting.stack();
        private final MemoryDbWorkerStateStore store = new MemoryDbWorkerStateStore(stack, "WorkerState",
                memoryDb().shards(2).backup(WorkerStateExportProps.builder().schedule("30 23 * * *").retentionDays(30)
                        .build()).build());
        private final JsonNode json = SynthJson.synth(stack);

        @Test
        void grants_the_memorydb_service_principal_and_no_acl() {
            assertTrue(json.path("resource").path("aws_s3_bucket_acl").isMissingNode());
            JsonNode policy = parse(named(json, "aws_s3_bucket_policy", "ExportBucket").path("policy").asText());
            assertTrue(policy.at("/Statement/1/Principal/Service").asText().endsWith(".memorydb-snapshot.amazonaws.com"));
            assertEquals("BucketOwnerPreferred", named(json, "aws_s3_bucket_ownership_controls", "ExportBucket")
                    .at("/rule/object_ownership").asText());
        }

        @Test
        void waits_for_one_file_per_shard_and_uses_memorydb_actions() {
            String definition = SynthJson.single(json, "aws_sfn_state_machine").path("definition").asText();
            JsonNode states = parse(definition).path("States");
            assertTrue(states.at("/CreateSnapshot/Resource").asText().endsWith(":states:::aws-sdk:memorydb:createSnapshot"));
            assertEquals("suprsend-worker", states.at("/CreateSnapshot/Arguments/ClusterName").asText());
            assertTrue(states.at("/ExportDone/Choices/0/Condition").asText().contains("$count($files) = 2"));
            assertTrue(states.at("/DescribeSnapshot/Assign/status").asText().contains(".Status"));
            JsonNode machine = parse(named(json, "aws_iam_role_policy", "StateMachineRolePolicy").path("policy")
                    .asText());
            assertEquals(List.of("memorydb:CreateSnapshot", "memorydb:DescribeSnapshots", "memorydb:CopySnapshot",
                    "memorydb:DeleteSnapshot"), texts(machine.at("/Statement/0/Action")));
        }

        @Test
        void schedule_and_retention_come_from_the_props() {
            assertEquals("cron(30 23 * * ? *)", SynthJson.single(json, "aws_scheduler_schedule")
                    .path("schedule_expression").asText());
            assertEquals(30, named(json, "aws_s3_bucket_lifecycle_configuration", "ArchiveBucket")
                    .at("/rule/0/expiration/0/days").asInt());
            assertTrue(store.durabilityDescription().startsWith(
                    "Multi-AZ transaction log (MemoryDB): every acknowledged write survives node and zone failures;"
                            + " off-store backup nightly at 30 23 * * * UTC"), store.durabilityDescription());
        }
    }

    @Nested
    class Configuration {
        @Test
        void a_given_bucket_and_key_are_used_and_nothing_is_created_for_them() {
            TerraformStack stack = AwsTesting.stack();
            new ElastiCacheWorkerStateStore(stack, "WorkerState", elastiCache().backup(WorkerStateExportProps.builder()
                    .bucketName("acme-kvstores-backups")
                    .kmsKeyArn("arn:aws:kms:eu-west-1:123456789012:key/1234abcd").build()).build());
            JsonNode json = SynthJson.synth(stack);
            assertEquals(1, SynthJson.all(json, "aws_s3_bucket").size(), "only the export bucket");
            assertTrue(json.path("resource").path("aws_kms_alias").isMissingNode());
            JsonNode start = parse(SynthJson.single(json, "aws_sfn_state_machine").path("definition").asText())
                    .at("/States/Archive/ItemProcessor/States/StartUpload/Arguments");
            assertEquals("acme-kvstores-backups", start.path("Bucket").asText());
            assertEquals("arn:aws:kms:eu-west-1:123456789012:key/1234abcd", start.path("SSEKMSKeyId").asText());
            assertEquals("aws:kms", start.path("ServerSideEncryption").asText());
        }

        @Test
        void without_backup_no_backup_resource_exists_and_the_report_says_so() {
            TerraformStack stack = AwsTesting.stack();
            ElastiCacheWorkerStateStore store = new ElastiCacheWorkerStateStore(stack, "WorkerState",
                    elastiCache().backup(null).build());
            JsonNode json = SynthJson.synth(stack);
            assertTrue(json.path("resource").path("aws_sfn_state_machine").isMissingNode());
            assertNull(store.backup());
            assertTrue(store.durabilityDescription().endsWith("; no off-store backup (workerState.backup)"));
        }

        @Test
        void restore_from_seeds_a_new_store_and_is_ignored_afterwards() {
            String arn = "arn:aws:s3:::suprsend-worker-123456789012-eu-west-1-exp/restore/suprsend-worker-20261128t0100-0001.rdb";
            TerraformStack stack = AwsTesting.stack();
            new ElastiCacheWorkerStateStore(stack, "WorkerState", elastiCache().name("suprsend-worker-2")
                    .restoreFrom(List.of(arn)).build());
            JsonNode group = SynthJson.single(SynthJson.synth(stack), "aws_elasticache_replication_group");
            assertEquals(arn, group.path("snapshot_arns").get(0).asText());
            assertEquals("snapshot_arns", group.at("/lifecycle/ignore_changes/0").asText());
            assertTrue(group.at("/lifecycle/prevent_destroy").asBoolean());

            TerraformStack memoryDbStack = AwsTesting.stack();
            new MemoryDbWorkerStateStore(memoryDbStack, "WorkerState", memoryDb().shards(2)
                    .restoreFrom(List.of(arn, arn.replace("-0001.rdb", "-0002.rdb"))).build());
            JsonNode cluster = SynthJson.single(SynthJson.synth(memoryDbStack), "aws_memorydb_cluster");
            assertEquals(2, cluster.path("snapshot_arns").size());
            assertEquals("snapshot_arns", cluster.at("/lifecycle/ignore_changes/0").asText());
        }
    }

    @Nested
    class Validation {
        static Stream<Arguments> invalid() {
            WorkerStateExportProps.Builder b = WorkerStateExportProps.builder();
            String who = "worker-state store (elasticache): ";
            return Stream.of(
                    Arguments.of("both day fields", elastiCache().backup(b.schedule("0 1 1 * MON").build()),
                            who + "backup.schedule '0 1 1 * MON' restricts both day-of-month and day-of-week, and"
                                    + " EventBridge Scheduler takes only one of them (the other must be '?'); keep one"
                                    + " day field '*'; give a cron expression (five fields 'minute hour day-of-month"
                                    + " month day-of-week', UTC) such as '0 1 * * *' (01:00 UTC every night)"),
                    Arguments.of("hour 24", elastiCache().backup(b.schedule("0 24 * * *").build()),
                            who + "backup.schedule '0 24 * * *' hour field has 24, outside 0-23; give a cron"
                                    + " expression (five fields 'minute hour day-of-month month day-of-week', UTC) such"
                                    + " as '0 1 * * *' (01:00 UTC every night)"),
                    Arguments.of("never runs", elastiCache().backup(b.schedule("17 3 31 2 *").build()),
                            who + "backup.schedule '17 3 31 2 *' never runs (no day 31 in month 2 exists); give a"
                                    + " cron expression (five fields 'minute hour day-of-month month day-of-week', UTC)"
                                    + " such as '0 1 * * *' (01:00 UTC every night)"),
                    Arguments.of("inside the snapshot window", elastiCache().backup(b.schedule("15 3 * * *").build()),
                            who + "backup.schedule '15 3 * * *' starts inside snapshotWindow 03:00-04:00 or the 30"
                                    + " minutes before it (the store takes one snapshot at a time); start it earlier or"
                                    + " later"),
                    Arguments.of("just before the snapshot window", elastiCache().backup(b.schedule("45 2 * * *").build()),
                            who + "backup.schedule '45 2 * * *' starts inside snapshotWindow 03:00-04:00 or the 30"
                                    + " minutes before it (the store takes one snapshot at a time); start it earlier or"
                                    + " later"),
                    Arguments.of("inside the maintenance window (sunday)", elastiCache()
                                    .backup(b.schedule("0 1,5 * * *").build()),
                            who + "backup.schedule '0 1,5 * * *' starts inside maintenanceWindow sun:05:00-sun:06:00"
                                    + " or the 30 minutes before it; start it at another hour"),
                    Arguments.of("retention 0 days", elastiCache().backup(b.schedule(null).retentionDays(-1).build()),
                            who + "backup.retentionDays must be between 1 and 3650, got -1"),
                    Arguments.of("a lock longer than the retention", elastiCache().backup(WorkerStateExportProps
                                    .builder().retentionDays(7).objectLockDays(10).build()),
                            who + "backup.objectLockDays must be 1 to retentionDays (7), got 10: a copy locked longer"
                                    + " than it is kept would outlive the retention the report states; lower"
                                    + " objectLockDays or raise retentionDays"),
                    Arguments.of("bad bucket name", elastiCache().backup(b.retentionDays(14).bucketName("Acme_Backups")
                                    .build()),
                            who + "backup.bucketName 'Acme_Backups' is not a valid S3 bucket name (3-63 lowercase"
                                    + " letters, digits, dots and hyphens, starting and ending with a letter or digit,"
                                    + " not an IP address)"),
                    Arguments.of("key alias instead of ARN", elastiCache().backup(b.bucketName(null)
                                    .kmsKeyArn("alias/mine").build()),
                            who + "backup.kmsKeyArn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>),"
                                    + " got 'alias/mine'"),
                    Arguments.of("a key wildcard that would grant on every key of the account", elastiCache().backup(
                                    b.bucketName(null).kmsKeyArn("arn:aws:kms:eu-west-1:123456789012:key/*").build()),
                            who + "backup.kmsKeyArn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>),"
                                    + " got 'arn:aws:kms:eu-west-1:123456789012:key/*'"),
                    Arguments.of("data tiering", elastiCache().dataTieringEnabled(true),
                            who + "backup is not possible with dataTieringEnabled: exporting a snapshot to S3 is not"
                                    + " supported for clusters using data tiering (ElastiCache 'Exporting a backup',"
                                    + " MemoryDB 'Exporting a snapshot'); turn data tiering off or drop backup and give"
                                    + " backupExemptionReason"),
                    Arguments.of("restore from a path that is no ARN", elastiCache()
                                    .restoreFrom(List.of("s3://bucket/dump.rdb")),
                            who + "restoreFrom entry 's3://bucket/dump.rdb' is not the S3 ARN of an .rdb file; write it"
                                    + " as arn:aws:s3:::<bucket>/<path>.rdb (the bucket in the store's region, the"
                                    + " object encrypted with SSE-S3)"),
                    Arguments.of("restore two files into one shard", elastiCache().restoreFrom(List.of(
                                    "arn:aws:s3:::b-1/x-0001.rdb", "arn:aws:s3:::b-1/x-0002.rdb")),
                            who + "restoreFrom lists 2 files; a group with cluster mode disabled is seeded from"
                                    + " exactly one .rdb"),
                    Arguments.of("restore into cluster mode", elastiCache().clusterModeEnabled(true).shards(2)
                                    .restoreFrom(List.of("arn:aws:s3:::b-1/x-0001.rdb")),
                            who + "restoreFrom with clusterModeEnabled needs a node group configuration per shard,"
                                    + " which this construct does not write; restore into a group with cluster mode"
                                    + " disabled, or seed it with the ElastiCache console or CLI"));
        }

        @ParameterizedTest(name = "fails with {0}")
        @MethodSource("invalid")
        void fails_with_a_message_naming_the_field(String description, ElastiCacheWorkerStateStoreProps.Builder props,
                                                   String message) {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new ElastiCacheWorkerStateStore(
                    AwsTesting.stack(), "WorkerState", props.build()));
            assertEquals(message, e.getMessage());
        }

        @Test
        void fails_on_memorydb_with_data_tiering_too() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new MemoryDbWorkerStateStore(
                    AwsTesting.stack(), "WorkerState", memoryDb().size(dev.kvstores.role.SizePreset.SMALL)
                            .nodeType("db.r6gd.xlarge").dataTieringEnabled(true).build()));
            assertEquals("BackupDataTiering", e.code());
        }

        @Test
        void a_schedule_clear_of_windows_that_cross_midnight_is_accepted() {
            TerraformStack stack = AwsTesting.stack();
            new ElastiCacheWorkerStateStore(stack, "WorkerState", elastiCache().snapshotWindow("23:30-00:30")
                    .maintenanceWindow("mon:01:00-mon:02:00").backup(WorkerStateExportProps.builder()
                            .schedule("0 3 * * *").build()).build());
            assertEquals("cron(0 3 * * ? *)", SynthJson.single(SynthJson.synth(stack), "aws_scheduler_schedule")
                    .path("schedule_expression").asText());
            assertThrows(StoreConfigException.class, () -> new ElastiCacheWorkerStateStore(AwsTesting.stack(),
                    "WorkerState", elastiCache().snapshotWindow("23:30-00:30").maintenanceWindow("mon:01:00-mon:02:00")
                            .backup(WorkerStateExportProps.builder().schedule("10 0 * * *").build()).build()));
        }
    }
}
