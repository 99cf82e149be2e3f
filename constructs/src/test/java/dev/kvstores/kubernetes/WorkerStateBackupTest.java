package dev.kvstores.kubernetes;

import static dev.kvstores.testing.SynthJson.single;
import static dev.kvstores.testing.SynthJson.synth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.role.Topology;
import dev.kvstores.testing.SynthJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkerStateBackupTest {

    private static WorkerStateBackupProps.Builder backup() {
        return WorkerStateBackupProps.builder().environmentName("prod")
                .destination(BackupDestination.s3("backups", "eu-west-1"))
                .encryptionKeySecretName("kvstores-backup-age")
                .image("registry.example.com/kvstores/worker-state-backup:1.0.0")
                .credentialsSecretName("backup-s3");
    }

    private static BitnamiRedisWorkerStateStoreProps.Builder store() {
        return BitnamiRedisWorkerStateStoreProps.builder().namespace("redis-state").addAllowedNamespace("suprsend")
                .storageClass("ssd").createNamespace(false);
    }

    private static Map<String, JsonNode> env(JsonNode cronJob) {
        Map<String, JsonNode> env = new HashMap<>();
        cronJob.at("/spec/job_template/spec/template/spec/container/0/env")
                .forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    @Nested
    class Defaults {
        @Test
        void runs_at_a_quiet_hour_keeps_14_days_and_retries_twice() {
            WorkerStateBackupProps props = backup().build();
            assertEquals("17 3 * * *", props.schedule());
            assertEquals(14, props.retentionDays());
            assertEquals(2, props.backoffLimit());
            assertEquals(10800, props.activeDeadlineSeconds());
            assertEquals("kvstores", props.destination().prefix());
        }

        @Test
        void a_store_without_backup_props_has_no_job_and_no_backup_user() {
            TerraformStack stack = SynthJson.stack();
            BitnamiRedisWorkerStateStore worker = new BitnamiRedisWorkerStateStore(stack, "W", store().build());
            JsonNode json = synth(stack);
            assertNull(worker.backup());
            assertTrue(json.path("resource").path("kubernetes_cron_job_v1").isMissingNode());
            assertFalse(json.toString().contains(BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME));
        }
    }

    @Nested
    class Configuration {
        @Test
        void s3_credentials_are_files_of_the_secret_that_the_script_exports_as_the_aws_sdk_variables() {
            TerraformStack stack = SynthJson.stack();
            new BitnamiRedisWorkerStateStore(stack, "W", store().backup(backup().build()).build());
            JsonNode cronJob = single(synth(stack), "kubernetes_cron_job_v1");
            Map<String, JsonNode> env = env(cronJob);
            assertNull(env.get("AWS_ACCESS_KEY_ID"), "no Secret in the env spec (CKV_K8S_35)");
            assertEquals("AWS_ACCESS_KEY_ID=/secrets/cloud/access-key-id"
                            + " AWS_SECRET_ACCESS_KEY=/secrets/cloud/secret-access-key",
                    env.get("BACKUP_SECRET_ENV_FILES").path("value").asText());
            assertEquals("[\"access-key-id\",\"secret-access-key\"]", credentialsVolumeKeys(cronJob, "backup-s3"));
            assertFalse(cronJob.toString().contains("secret_key_ref"));
            assertEquals("AWS", env.get("RCLONE_CONFIG_DEST_PROVIDER").path("value").asText());
        }

        @Test
        void redis_cluster_backs_up_every_shard_as_its_own_acl_user_from_the_configuration_lines() {
            TerraformStack stack = SynthJson.stack();
            new BitnamiRedisWorkerStateStore(stack, "W", store().topology(Topology.CLUSTER).backup(backup().build())
                    .build());
            JsonNode json = synth(stack);
            JsonNode cronJob = single(json, "kubernetes_cron_job_v1");
            Map<String, JsonNode> env = env(cronJob);
            assertEquals("cluster", env.get("BACKUP_MODE").path("value").asText());
            assertEquals(BitnamiRedisWorkerStateStoreProps.BACKUP_USERNAME, env.get("REDIS_USER").path("value").asText());
            assertTrue(env.get("BACKUP_TARGETS").path("value").asText()
                    .startsWith("redis-state-0.redis-state-headless.redis-state.svc.cluster.local "));
            String volumes = cronJob.at("/spec/job_template/spec/template/spec/volume").toString();
            assertTrue(volumes.contains("\"secret_name\":\"redis-state-backup-password\""), volumes);
            assertFalse(volumes.contains("\"secret_name\":\"redis-state\""), "never the admin password: " + volumes);
            String values = single(json, "helm_release").path("values").path(0).asText();
            assertTrue(values.contains("backup-of"), values);
            assertTrue(values.matches("(?s).*user kvstores-backup on #\\$\\{nonsensitive\\(sha256\\(random_password\\."
                    + "[A-Za-z0-9_]+\\.result\\)\\)} resetkeys resetchannels -@all \\+replconf \\+sync \\+psync"
                    + " \\+ping \\+role \\+cluster\\|nodes\\n.*"), values);
        }

        @Test
        void kvrocks_is_exported_logically_with_its_password_in_a_secret_of_its_own() {
            TerraformStack stack = SynthJson.stack();
            KvrocksWorkerStateStore kvrocks = new KvrocksWorkerStateStore(stack, "W", KvrocksWorkerStateStoreProps
                    .builder().namespace("redis-state").addAllowedNamespace("suprsend").storageClass("ssd")
                    .tlsSecretName("kvrocks-tls").createNamespace(false).haExemptionReason("one node, development")
                    .backup(backup().build()).build());
            JsonNode json = synth(stack);
            JsonNode cronJob = single(json, "kubernetes_cron_job_v1");
            Map<String, JsonNode> env = env(cronJob);
            assertEquals("logical", env.get("BACKUP_MODE").path("value").asText());
            assertNull(env.get("REDIS_USER"), "KVRocks has no ACL users: AUTH with the password only");
            assertEquals("6666", env.get("REDIS_PORT").path("value").asText());
            assertEquals("kvrocks-state-0.kvrocks-state-headless.redis-state.svc.cluster.local",
                    env.get("BACKUP_TARGETS").path("value").asText());
            String volumes = cronJob.at("/spec/job_template/spec/template/spec/volume").toString();
            assertTrue(volumes.contains("\"secret_name\":\"kvrocks-state-backup-password\""), volumes);
            assertTrue(volumes.contains("\"secret_name\":\"kvrocks-tls\""), volumes);
            assertTrue(volumes.contains("\"size_limit\":\"1024Mi\""), "streamed: small scratch " + volumes);
            String policies = json.path("resource").path("kubernetes_network_policy_v1").toString();
            assertTrue(policies.contains(WorkerStateBackup.BACKUP_OF_LABEL), policies);
            assertTrue(kvrocks.durabilityDescription().contains("logical export"), kvrocks.durabilityDescription());
        }

        @Test
        void kvrocks_without_backup_admits_nobody_else_on_its_port() {
            TerraformStack stack = SynthJson.stack();
            new KvrocksWorkerStateStore(stack, "W", KvrocksWorkerStateStoreProps.builder().namespace("redis-state")
                    .addAllowedNamespace("suprsend").storageClass("ssd").tlsSecretName("kvrocks-tls")
                    .createNamespace(false).haExemptionReason("one node, development").build());
            JsonNode policy = single(synth(stack), "kubernetes_network_policy_v1");
            assertEquals(2, policy.at("/spec/ingress").size(), policy.toString());
            policy.at("/spec/ingress").forEach(rule -> assertTrue(rule.path("from").size() > 0, rule.toString()));
        }

        @Test
        void a_pinned_recipient_is_written_to_the_secret_passed_to_the_job_and_named_in_the_report() {
            String recipient = "age134j8t8shrs4tyyd28ffqvyl56w5y6amgjtg6hpcdacpdvy953ucs5u0kfh";
            TerraformStack stack = SynthJson.stack();
            BitnamiRedisWorkerStateStore worker = new BitnamiRedisWorkerStateStore(stack, "W",
                    store().backup(backup().encryptionRecipient(recipient).build()).build());
            JsonNode json = synth(stack);
            JsonNode secret = null;
            for (JsonNode s : (Iterable<JsonNode>) () -> json.path("resource").path("kubernetes_secret_v1").elements()) {
                if (s.at("/metadata/name").asText().equals("kvstores-backup-age")) {
                    secret = s;
                }
            }
            assertTrue(secret != null, "the stack writes the recipient Secret");
            assertEquals("redis-state", secret.at("/metadata/namespace").asText());
            assertEquals(recipient, secret.at("/data/recipient").asText());
            Map<String, JsonNode> env = env(single(json, "kubernetes_cron_job_v1"));
            assertEquals(recipient, env.get("AGE_RECIPIENT_PINNED").path("value").asText());
            assertFalse(env.containsKey("BACKUP_RETENTION_DAYS"), "the job never deletes: no retention to apply");
            assertTrue(worker.durabilityDescription().contains("the pinned public key `" + recipient + "`"));
        }

        @Test
        void a_malformed_or_private_recipient_is_refused_without_echoing_a_private_key() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new BitnamiRedisWorkerStateStore(
                    SynthJson.stack(), "W", store().backup(backup().encryptionRecipient("age1short").build()).build()));
            assertTrue(e.getMessage().contains("encryptionRecipient must be an age recipient"), e.getMessage());
            assertTrue(e.getMessage().contains("got 'age1short'"), e.getMessage());
            String secretKey = "AGE-SECRET-KEY-1" + "Q".repeat(58);
            StoreConfigException p = assertThrows(StoreConfigException.class, () -> new BitnamiRedisWorkerStateStore(
                    SynthJson.stack(), "W", store().backup(backup().encryptionRecipient(secretKey).build()).build()));
            assertTrue(p.getMessage().contains("an age PRIVATE key (value not shown"), p.getMessage());
            assertFalse(p.getMessage().contains(secretKey), p.getMessage());
        }

        @Test
        void the_destination_setup_locks_the_bucket_for_the_retention_and_grants_the_job_create_only() {
            List<String> steps = WorkerStateBackup.destinationSetup(backup().environmentName("prod").build(),
                    "redis-state");
            String all = String.join("\n", steps);
            assertTrue(all.contains("--object-lock-enabled-for-bucket"), all);
            assertTrue(all.contains("\"Mode\":\"COMPLIANCE\",\"Days\":14"), all);
            assertTrue(all.contains("\"Prefix\":\"kvstores/prod/redis-state/\""), all);
            assertTrue(all.contains("\"Action\":[\"s3:PutObject\",\"s3:AbortMultipartUpload\"],"
                    + "\"Resource\":\"arn:aws:s3:::backups/kvstores/prod/redis-state/*\""), all);
            for (BackupStorageType type : BackupStorageType.values()) {
                String summary = BackupRetention.writerPermissionsSummary(type);
                assertTrue(summary.contains("no ") && summary.toLowerCase().contains("delete"), type + ": " + summary);
            }
        }

        @Test
        void the_report_line_names_schedule_destination_key_retention_and_recovery_point() {
            TerraformStack stack = SynthJson.stack();
            BitnamiRedisWorkerStateStore worker = new BitnamiRedisWorkerStateStore(stack, "W",
                    store().backup(backup().build()).build());
            String line = worker.durabilityDescription();
            assertTrue(line.startsWith(worker.durability().description() + "; backup: CronJob"
                    + " `redis-state/redis-state-backup` at `17 3 * * *` (UTC)"), line);
            assertTrue(line.contains("s3://backups/kvstores/prod/redis-state/ (eu-west-1)"), line);
            assertTrue(line.contains("Secret `redis-state/kvstores-backup-age` (key `recipient`"), line);
            assertTrue(line.contains("the job never deletes"), line);
            assertTrue(line.contains("the bucket must keep each copy 14 days"), line);
            assertTrue(line.contains("NOT pinned: set encryptionRecipient"), line);
            assertTrue(line.contains("the last successful run, at most 24 h old"), line);
            assertTrue(line.contains("docs/worker-state-restore-job.yaml"), line);
        }

        @Test
        void the_recovery_point_follows_the_schedule() {
            assertEquals("at most 24 h old", WorkerStateBackup.interval("17 3 * * *"));
            assertEquals("at most 1 h old", WorkerStateBackup.interval("5 * * * *"));
            assertEquals("at most 7 days old", WorkerStateBackup.interval("0 2 * * 0"));
            assertEquals("at most 6 h old", WorkerStateBackup.interval("0 */6 * * *"));
            assertEquals("at most 3 days old", WorkerStateBackup.interval("0 2 * * MON-FRI"));
        }

        @Test
        void azure_blob_goes_to_the_account_and_container_with_the_key_from_the_secret() {
            TerraformStack stack = SynthJson.stack();
            BitnamiRedisWorkerStateStore worker = new BitnamiRedisWorkerStateStore(stack, "W", store().backup(
                    backup().destination(BackupDestination.azureBlob("acmebackups", "kvstores-backups"))
                            .credentialsSecretName("backup-azure").build()).build());
            Map<String, JsonNode> env = env(single(synth(stack), "kubernetes_cron_job_v1"));
            assertEquals("azureblob", env.get("RCLONE_CONFIG_DEST_TYPE").path("value").asText());
            assertEquals("acmebackups", env.get("RCLONE_CONFIG_DEST_ACCOUNT").path("value").asText());
            assertNull(env.get("RCLONE_CONFIG_DEST_KEY"), "no Secret in the env spec (CKV_K8S_35)");
            assertEquals("RCLONE_CONFIG_DEST_KEY=/secrets/cloud/account-key",
                    env.get("BACKUP_SECRET_ENV_FILES").path("value").asText());
            assertEquals("[\"account-key\"]",
                    credentialsVolumeKeys(single(synth(stack), "kubernetes_cron_job_v1"), "backup-azure"));
            assertNull(env.get("RCLONE_CONFIG_DEST_ENDPOINT"));
            assertTrue(worker.durabilityDescription().contains(
                    "https://acmebackups.blob.core.windows.net/kvstores-backups/kvstores/prod/redis-state/"));
        }

        @Test
        void azure_blob_at_an_endpoint_of_its_own_is_reported_at_that_endpoint() {
            TerraformStack stack = SynthJson.stack();
            BitnamiRedisWorkerStateStore worker = new BitnamiRedisWorkerStateStore(stack, "W", store().backup(
                    backup().destination(BackupDestination.azureBlob("acmebackups", "kvstores-backups")
                                    .withEndpoint("https://acmebackups.blob.core.usgovcloudapi.net/"))
                            .credentialsSecretName("backup-azure").build()).build());
            Map<String, JsonNode> env = env(single(synth(stack), "kubernetes_cron_job_v1"));
            assertEquals("https://acmebackups.blob.core.usgovcloudapi.net/",
                    env.get("RCLONE_CONFIG_DEST_ENDPOINT").path("value").asText());
            assertTrue(worker.durabilityDescription().contains(
                    "https://acmebackups.blob.core.usgovcloudapi.net/kvstores-backups/kvstores/prod/redis-state/"),
                    worker.durabilityDescription());
        }

        @Test
        void gcs_with_workload_identity_may_reach_the_metadata_server() {
            TerraformStack stack = SynthJson.stack();
            new BitnamiRedisWorkerStateStore(stack, "W", store().backup(backup().credentialsSecretName(null)
                    .destination(BackupDestination.gcs("backups"))
                    .putWorkloadIdentityAnnotation("iam.gke.io/gcp-service-account", "b@p.iam.gserviceaccount.com")
                    .build()).build());
            JsonNode json = synth(stack);
            assertTrue(json.path("resource").path("kubernetes_network_policy_v1").toString()
                    .contains("169.254.169.254/32"));
            assertEquals("google cloud storage",
                    env(single(json, "kubernetes_cron_job_v1")).get("RCLONE_CONFIG_DEST_TYPE").path("value").asText());
        }
    }

    @Nested
    class Validation {
        static Stream<Arguments> invalid() {
            return Stream.of(
                    Arguments.of("latest image", backup().image("repo/backup:latest"),
                            "image must be pinned by a version tag or a digest, got 'repo/backup:latest': its tag is"
                                    + " 'latest', which moves, so the job would run whatever was pushed last; build "
                                    + WorkerStateBackupProps.DOCKERFILE + ", push it and set image to e.g."
                                    + " repo/backup:1.0.0 or repo/backup@sha256:<digest>"),
                    Arguments.of("untagged image", backup().image("registry:5000/backup"),
                            "image must be pinned by a version tag or a digest, got 'registry:5000/backup': it has no"
                                    + " tag (that means 'latest')"),
                    Arguments.of("schedule", backup().schedule("nightly"),
                            "schedule 'nightly' has 1 fields; a cron expression has five fields"),
                    Arguments.of("schedule out of range", backup().schedule("61 25 * * *"),
                            "schedule '61 25 * * *' minute field has 61, outside 0-59"),
                    Arguments.of("schedule that never runs", backup().schedule("17 3 31 2 *"),
                            "schedule '17 3 31 2 *' never runs (no day 31 in month 2 exists)"),
                    Arguments.of("retention", backup().retentionDays(4000),
                            "retentionDays must be between 1 and 3650, got 4000"),
                    Arguments.of("no identity", backup().credentialsSecretName(null),
                            "the job has no way to reach the object store; set credentialsSecretName or"
                                    + " workloadIdentityAnnotations"),
                    Arguments.of("environment climbing out of its folder", backup().environmentName("../prod"),
                            "environmentName '../prod' must be 1-63 letters, digits, '.', '_' and '-', starting"
                                    + " with a letter or digit"),
                    Arguments.of("environment widening the writer policy", backup().environmentName("*"),
                            "environmentName '*' must be 1-63"),
                    Arguments.of("S3 bucket named by an IP address", backup().destination(
                                    BackupDestination.s3("192.168.10.20", "eu-west-1")),
                            "destination bucket '192.168.10.20' is not an S3 bucket name"),
                    Arguments.of("endpoint with credentials", backup().destination(BackupDestination.s3("b",
                                    "eu-west-1").withEndpoint("https://KEY:SECRET@minio.example.com")),
                            "must be an http(s) URL with a host"),
                    Arguments.of("endpoint with a port out of range", backup().destination(BackupDestination.s3("b",
                                    "eu-west-1").withEndpoint("https://minio.example.com:99999")),
                            "must be an http(s) URL with a host"),
                    Arguments.of("environment with a space", backup().environmentName("kubernetes prod"),
                            "environmentName 'kubernetes prod' must be 1-63"),
                    Arguments.of("bucket with a quote", backup().destination(
                                    BackupDestination.s3("acme\"backups", "eu-west-1")),
                            "destination bucket 'acme\"backups' is not an S3 bucket name"),
                    Arguments.of("container with capitals", backup().destination(
                                    BackupDestination.azureBlob("acmebackups", "KvStores")),
                            "destination bucket 'KvStores' is not an Azure Blob container name"),
                    Arguments.of("prefix climbing out of its folder", backup().destination(
                                    BackupDestination.s3("backups", "eu-west-1").withPrefix("kvstores/../other")),
                            "destination prefix 'kvstores/../other' must be folders of letters, digits, '.', '_'"
                                    + " and '-' (each starting with a letter or digit) separated by '/'"),
                    Arguments.of("endpoint without scheme", backup().destination(
                                    BackupDestination.s3("backups", "eu-west-1").withEndpoint("minio.local:9000")),
                            "destination endpoint 'minio.local:9000' must be an http(s) URL with a host"),
                    Arguments.of("endpoint with a space", backup().destination(
                                    BackupDestination.s3("backups", "eu-west-1").withEndpoint("https://minio .local")),
                            "destination endpoint 'https://minio .local' must be an http(s) URL with a host"),
                    Arguments.of("storage account with a space", backup().destination(
                                    BackupDestination.azureBlob("Acme Backups", "kvstores-backups")),
                            "destination account 'Acme Backups' must be a storage account name: 3-24 lowercase"
                                    + " letters and digits"),
                    Arguments.of("region with spaces", backup().destination(BackupDestination.s3("backups", "eu west 1")),
                            "destination region 'eu west 1' must be a region name of lowercase letters, digits and"
                                    + " '-'; e.g. eu-west-1"));
        }

        @Test
        void fails_with_exact_message_when_the_environment_would_climb_out_of_its_folder() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new BitnamiRedisWorkerStateStore(
                    SynthJson.stack(), "W", store().backup(backup().environmentName("../prod").build()).build()));
            assertEquals("worker-state backup: environmentName '../prod' must be 1-63 letters, digits, '.', '_' and"
                    + " '-', starting with a letter or digit: it is one folder of the backup path"
                    + " <bucket>/<prefix>/<environment>/<store> and of the writer policy; e.g. kubernetes-prod",
                    e.getMessage());
            assertEquals("BackupEnvironment", e.code());
        }

        @Test
        void accepts_an_s3_compatible_endpoint_and_opens_its_port() {
            TerraformStack stack = SynthJson.stack();
            new BitnamiRedisWorkerStateStore(stack, "W", store().backup(backup().destination(
                    BackupDestination.s3("backups", "us-east-1").withEndpoint("https://minio.example.com:9000")
                            .withPrefix("/kvstores/nightly/")).build()).build());
            JsonNode json = synth(stack);
            assertEquals("backups/kvstores/nightly/prod/redis-state",
                    env(single(json, "kubernetes_cron_job_v1")).get("BACKUP_DEST").path("value").asText());
            assertTrue(json.path("resource").path("kubernetes_network_policy_v1").toString()
                    .contains("\"port\":\"9000\""), json.path("resource").path("kubernetes_network_policy_v1").toString());
        }

        @ParameterizedTest(name = "fails_when_{0}_is_invalid")
        @MethodSource("invalid")
        void fails_when_invalid(String description, WorkerStateBackupProps.Builder props, String message) {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> new BitnamiRedisWorkerStateStore(
                    SynthJson.stack(), "W", store().backup(props.build()).build()));
            assertTrue(e.getMessage().contains(message), e.getMessage());
        }

        @Test
        void a_key_pasted_into_a_secret_name_field_is_refused_without_being_shown() {
            for (WorkerStateBackupProps.Builder props : List.of(
                    backup().encryptionKeySecretName("AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGP"),
                    backup().credentialsSecretName("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))) {
                StoreConfigException e = assertThrows(StoreConfigException.class,
                        () -> new BitnamiRedisWorkerStateStore(SynthJson.stack(), "W", store().backup(props.build())
                                .build()));
                assertTrue(e.getMessage().contains("must be the name of a Kubernetes object"), e.getMessage());
                assertFalse(e.getMessage().contains("AGE-SECRET-KEY") || e.getMessage().contains("EXAMPLEKEY"),
                        e.getMessage());
            }
        }

        @Test
        void a_version_tag_or_a_digest_is_pinned() {
            assertNull(WorkerStateBackupProps.unpinnedImageProblem("registry:5000/kvstores/backup:1.0.0"));
            assertNull(WorkerStateBackupProps.unpinnedImageProblem("registry.example.com/backup@sha256:"
                    + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
            assertNull(WorkerStateBackupProps.unpinnedImageProblem("backup:1.0.0@sha256:"
                    + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
            assertTrue(WorkerStateBackupProps.unpinnedImageProblem("backup:LATEST") != null);
            assertTrue(WorkerStateBackupProps.unpinnedImageProblem("backup@sha256:short") != null);
        }

        @Test
        void fails_when_the_script_would_hold_a_terraform_interpolation() {
            assertFalse(WorkerStateBackup.script().contains("${"));
            assertFalse(WorkerStateBackup.restoreScript().contains("${"));
        }
    }

    @Nested
    class BackupRequiredRule {
        private dev.kvstores.policy.Evaluation evaluate(String schedule) {
            TerraformStack stack = SynthJson.stack();
            new BitnamiRedisWorkerStateStore(stack, "W", store().backup(backup().build()).build());
            JsonNode json = synth(stack);
            com.fasterxml.jackson.databind.node.ObjectNode spec = (com.fasterxml.jackson.databind.node.ObjectNode)
                    single(json, "kubernetes_cron_job_v1").path("spec");
            JsonNode target = spec.isArray() ? spec.get(0) : spec;
            ((com.fasterxml.jackson.databind.node.ObjectNode) target).put("schedule", schedule);
            java.util.List<dev.kvstores.policy.SynthesizedResource> resources = dev.kvstores.policy.PolicyPack
                    .resources(json);
            dev.kvstores.policy.SynthesizedResource release = resources.stream()
                    .filter(r -> r.type().equals("helm_release")).findFirst().orElseThrow();
            return new dev.kvstores.policy.rules.WorkerStateBackupRequired().evaluate(release,
                    new dev.kvstores.policy.PolicyContext("prod", true), resources);
        }

        @Test
        void a_nightly_cronjob_is_compliant_and_a_weekly_or_never_running_one_is_not() {
            assertEquals(dev.kvstores.policy.Evaluation.compliant(), evaluate("17 3 * * *"));
            dev.kvstores.policy.Evaluation weekly = evaluate("17 3 * * 0");
            assertTrue(weekly.detail().endsWith("schedule '17 3 * * 0' leaves up to 7 days between backups;"
                    + " production needs one at least every 24 h (nightly)"), weekly.detail());
            dev.kvstores.policy.Evaluation never = evaluate("17 3 31 2 *");
            assertTrue(never.detail().endsWith("schedule '17 3 31 2 *' never runs (no day 31 in month 2 exists)"),
                    never.detail());
            dev.kvstores.policy.Evaluation outOfRange = evaluate("61 25 * * *");
            assertTrue(outOfRange.detail().endsWith("schedule '61 25 * * *' minute field has 61, outside 0-59"),
                    outOfRange.detail());
        }
    }

    /** The keys of the credentials Secret volume mounted at /secrets/cloud, as a JSON array. */
    private static String credentialsVolumeKeys(JsonNode cronJob, String secretName) {
        JsonNode pod = cronJob.at("/spec/job_template/spec/template/spec");
        boolean mounted = false;
        for (JsonNode m : pod.at("/container/0/volume_mount")) {
            mounted |= "cloud-credentials".equals(m.path("name").asText())
                    && "/secrets/cloud".equals(m.path("mount_path").asText());
        }
        assertTrue(mounted, "cloud-credentials mounted at /secrets/cloud");
        for (JsonNode v : pod.path("volume")) {
            if ("cloud-credentials".equals(v.path("name").asText())) {
                assertEquals(secretName, v.at("/secret/secret_name").asText());
                List<String> keys = new java.util.ArrayList<>();
                v.at("/secret/items").forEach(i -> keys.add("\"" + i.path("key").asText() + "\""));
                return keys.toString().replace(" ", "");
            }
        }
        throw new AssertionError("no cloud-credentials volume");
    }
}
