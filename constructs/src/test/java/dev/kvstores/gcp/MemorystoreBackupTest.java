package dev.kvstores.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.hashicorp.cdktf.TerraformStack;
import dev.kvstores.StoreConfigException;
import dev.kvstores.testing.SynthJson;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MemorystoreBackupTest {

    private static final String CHANNEL = "projects/acme-prod/notificationChannels/42";
    private static final String WORKFLOW = "suprsend-worker-state-export-gcp-prod";
    private static final ObjectMapper JSON = new ObjectMapper();

    static MemorystoreBackupProps.Builder backup() {
        return MemorystoreBackupProps.builder().environmentName("gcp-prod").bucketName("acme-prod-gcp-prod-kvstores")
                .putNotificationChannelId(CHANNEL);
    }

    private static MemorystoreWorkerStateStore store(TerraformStack stack,
                                                     UnaryOperator<MemorystoreWorkerStateStoreProps.Builder> store,
                                                     MemorystoreBackupProps backup) {
        return new MemorystoreWorkerStateStore(stack, "WorkerState",
                store.apply(GcpTesting.worker().project("acme-prod")).backup(backup).build());
    }

    private static JsonNode synth(UnaryOperator<MemorystoreWorkerStateStoreProps.Builder> store,
                                  MemorystoreBackupProps backup) {
        TerraformStack stack = GcpTesting.stack();
        store(stack, store, backup);
        return SynthJson.synth(stack);
    }

    /** Name of the single resource of {@code type}. */
    private static String name(JsonNode json, String type) {
        List<String> names = SynthJson.names(json, type);
        assertEquals(1, names.size(), type);
        return names.get(0);
    }

    /** Resources of {@code type} by the construct ID in their name ({@code WorkerState_Backup_<id>_<hash>}). */
    private static JsonNode child(JsonNode json, String type, String id) {
        Iterator<Map.Entry<String, JsonNode>> it = json.path("resource").path(type).fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("WorkerState_Backup_" + id + "_")) {
                return e.getValue();
            }
        }
        throw new AssertionError("no " + type + " " + id);
    }

    private static String ref(JsonNode json, String type, String id, String attribute) {
        Iterator<String> names = json.path("resource").path(type).fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.startsWith("WorkerState_Backup_" + id + "_")) {
                return "${" + type + "." + n + "." + attribute + "}";
            }
        }
        throw new AssertionError("no " + type + " " + id);
    }

    @Nested
    class Defaults {
        private final JsonNode json = synth(b -> b, backup().build());

        @Test
        void the_bucket_is_regional_uniform_private_cmek_encrypted_and_retains_every_export_14_days() {
            JsonNode bucket = SynthJson.single(json, "google_storage_bucket");
            assertEquals("acme-prod-gcp-prod-kvstores", bucket.path("name").asText());
            assertEquals("US-CENTRAL1", bucket.path("location").asText());
            assertTrue(bucket.path("uniform_bucket_level_access").asBoolean());
            assertEquals("enforced", bucket.path("public_access_prevention").asText());
            // A retention policy instead of versioning (Cloud Storage allows one of them), unlocked by default.
            assertFalse(bucket.path("versioning").path("enabled").asBoolean());
            assertEquals(14 * 86400, bucket.at("/retention_policy/retention_period").asLong());
            assertFalse(bucket.at("/retention_policy/is_locked").asBoolean());
            assertEquals(ref(json, "google_kms_crypto_key", "Key", "id"),
                    bucket.path("encryption").path("default_kms_key_name").asText());
            assertEquals(JSON.createArrayNode()
                    .add(JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("action",
                                    JSON.createObjectNode().put("type", "Delete"))
                            .set("condition", JSON.createObjectNode().put("age", 14).put("with_state", "ANY"))),
                    bucket.path("lifecycle_rule"));
            assertFalse(bucket.path("force_destroy").asBoolean());
            assertTrue(bucket.path("lifecycle").path("prevent_destroy").asBoolean());
            assertEquals("worker-state", bucket.path("labels").path("kvstores-role").asText());
            assertEquals("google_kms_crypto_key_iam_member." + name(json, "google_kms_crypto_key_iam_member"),
                    bucket.path("depends_on").get(0).asText(), "the bucket waits for the agent's key grant");
        }

        @Test
        void a_key_ring_and_a_key_rotated_every_90_days_are_created_in_the_region() {
            JsonNode ring = SynthJson.single(json, "google_kms_key_ring");
            assertEquals("kvstores-gcp-prod-backups", ring.path("name").asText());
            assertEquals("us-central1", ring.path("location").asText());
            assertEquals("acme-prod", ring.path("project").asText());
            JsonNode key = SynthJson.single(json, "google_kms_crypto_key");
            assertEquals("suprsend-worker-state-backups", key.path("name").asText());
            assertEquals(ref(json, "google_kms_key_ring", "KeyRing", "id"), key.path("key_ring").asText());
            assertEquals("7776000s", key.path("rotation_period").asText());
            assertEquals("ENCRYPT_DECRYPT", key.path("purpose").asText());
            assertTrue(key.path("lifecycle").path("prevent_destroy").asBoolean());
        }

        @Test
        void the_cloud_storage_agent_from_its_data_source_may_use_the_key() {
            JsonNode grant = SynthJson.single(json, "google_kms_crypto_key_iam_member");
            assertEquals(ref(json, "google_kms_crypto_key", "Key", "id"), grant.path("crypto_key_id").asText());
            assertEquals("roles/cloudkms.cryptoKeyEncrypterDecrypter", grant.path("role").asText());
            JsonNode agents = json.path("data").path("google_storage_project_service_account");
            assertEquals(1, agents.size());
            String agent = agents.fieldNames().next();
            assertEquals("${data.google_storage_project_service_account." + agent + ".member}",
                    grant.path("member").asText());
            assertEquals("acme-prod", agents.path(agent).path("project").asText());
        }

        @Test
        void every_grant_is_the_least_the_export_needs() {
            // Custom roles: exactly these permissions.
            Map<String, Set<String>> roles = new TreeMap<>();
            for (JsonNode role : SynthJson.all(json, "google_project_iam_custom_role")) {
                Set<String> permissions = new TreeSet<>();
                role.path("permissions").forEach(p -> permissions.add(p.asText()));
                roles.put(role.path("role_id").asText().replaceAll("_[0-9A-F]{8}$", ""), permissions);
            }
            assertEquals(Map.of(
                    "kvstoresRdbExportWriter", Set.of("storage.buckets.get", "storage.objects.create"),
                    "kvstoresRdbImportReader", Set.of("storage.buckets.get", "storage.objects.get"),
                    "kvstoresRedisExporter", Set.of("redis.instances.export", "redis.operations.get")), roles);

            // Every IAM resource of the stack, by (role, member); nothing else grants anything.
            List<String> grants = new ArrayList<>();
            for (String type : List.of("google_project_iam_member", "google_storage_bucket_iam_member",
                    "google_kms_crypto_key_iam_member")) {
                SynthJson.all(json, type).forEach(g -> grants.add(type + " " + g.path("role").asText() + " -> "
                        + g.path("member").asText()));
            }
            String instance = SynthJson.names(json, "google_redis_instance").get(0);
            assertEquals(new TreeSet<>(List.of(
                    "google_project_iam_member " + ref(json, "google_project_iam_custom_role", "ExporterRole", "name")
                            + " -> serviceAccount:" + ref(json, "google_service_account", "Exporter", "email"),
                    "google_project_iam_member roles/workflows.invoker -> serviceAccount:"
                            + ref(json, "google_service_account", "Trigger", "email"),
                    "google_storage_bucket_iam_member " + ref(json, "google_project_iam_custom_role",
                            "ExportWriterRole", "name") + " -> ${google_redis_instance." + instance
                            + ".persistence_iam_identity}",
                    "google_kms_crypto_key_iam_member roles/cloudkms.cryptoKeyEncrypterDecrypter -> ${data."
                            + "google_storage_project_service_account."
                            + json.path("data").path("google_storage_project_service_account").fieldNames().next()
                            + ".member}")), new TreeSet<>(grants));
            assertEquals(ref(json, "google_storage_bucket", "Bucket", "name"),
                    child(json, "google_storage_bucket_iam_member", "ExportWriterGrant").path("bucket").asText(),
                    "the instance identity's grant is on the backup bucket only");
            json.path("resource").fieldNames().forEachRemaining(type -> assertFalse(
                    type.endsWith("_iam_binding") || type.endsWith("_iam_policy"),
                    type + ": authoritative IAM would remove other members"));
        }

        @Test
        void two_service_accounts_one_for_the_workflow_one_for_the_schedule() {
            List<JsonNode> accounts = SynthJson.all(json, "google_service_account");
            assertEquals(2, accounts.size());
            for (JsonNode account : accounts) {
                assertTrue(account.path("account_id").asText().matches("kvs-(export|trigger)-[0-9a-f]{8}"),
                        account.toString());
                assertTrue(account.path("account_id").asText().length() <= 30);
                assertEquals("acme-prod", account.path("project").asText());
            }
        }

        @Test
        void the_workflow_runs_as_its_account_with_the_instance_bucket_and_prefix_in_its_environment() {
            JsonNode workflow = SynthJson.single(json, "google_workflows_workflow");
            assertEquals(WORKFLOW, workflow.path("name").asText());
            assertEquals("us-central1", workflow.path("region").asText());
            assertEquals(ref(json, "google_service_account", "Exporter", "email"),
                    workflow.path("service_account").asText());
            assertEquals(Map.of(
                    "KVSTORES_INSTANCE", "projects/acme-prod/locations/us-central1/instances/suprsend-worker-state",
                    "KVSTORES_BUCKET", "acme-prod-gcp-prod-kvstores",
                    "KVSTORES_OBJECT_PREFIX", "kvstores/gcp-prod/suprsend-worker-state/"),
                    SynthJson.textMap(workflow.path("user_env_vars")));
            assertEquals("LOG_ERRORS_ONLY", workflow.path("call_log_level").asText());
            assertTrue(workflow.path("deletion_protection").asBoolean());
            assertEquals("suprsend-worker-state", workflow.path("labels").path("kvstores-backup-of").asText());
            assertEquals("google_redis_instance." + SynthJson.names(json, "google_redis_instance").get(0),
                    workflow.path("depends_on").get(0).asText());
        }

        @Test
        void the_source_is_the_workflow_file_with_every_workflows_expression_escaped_for_terraform() {
            String source = SynthJson.single(json, "google_workflows_workflow").path("source_contents").asText();
            assertEquals(MemorystoreBackup.workflowSource().replace("${", "$${"), source);
            assertFalse(Pattern.compile("(?<!\\$)\\$\\{").matcher(source).find(), "an unescaped ${ in " + source);
            assertFalse(source.contains("%{"), "no Terraform directive");
        }

        @Test
        void the_schedule_posts_an_execution_with_an_oauth_token_of_its_account() throws Exception {
            JsonNode job = SynthJson.single(json, "google_cloud_scheduler_job");
            assertEquals(WORKFLOW, job.path("name").asText());
            assertEquals("30 4 * * *", job.path("schedule").asText());
            assertEquals("Etc/UTC", job.path("time_zone").asText());
            assertFalse(job.path("paused").asBoolean());
            assertEquals("us-central1", job.path("region").asText());
            JsonNode target = job.path("http_target");
            assertEquals("POST", target.path("http_method").asText());
            assertEquals("https://workflowexecutions.googleapis.com/v1/projects/acme-prod/locations/us-central1"
                    + "/workflows/" + WORKFLOW + "/executions", target.path("uri").asText());
            assertEquals(ref(json, "google_service_account", "Trigger", "email"),
                    target.path("oauth_token").path("service_account_email").asText());
            assertEquals("https://www.googleapis.com/auth/cloud-platform",
                    target.path("oauth_token").path("scope").asText());
            assertTrue(target.path("oidc_token").isMissingNode(), "Google APIs take OAuth access tokens");
            JsonNode body = JSON.readTree(Base64.getDecoder().decode(target.path("body").asText()));
            assertEquals(JSON.createObjectNode(), JSON.readTree(body.path("argument").asText()),
                    "the execution's argument is a JSON string of an empty object");
            assertEquals("application/json", target.path("headers").path("Content-Type").asText());
            assertEquals(2, job.path("retry_config").path("retry_count").asInt());
        }

        @Test
        void failed_exports_and_failed_triggers_notify_the_channels() {
            JsonNode failed = child(json, "google_monitoring_alert_policy", "ExportFailedAlert");
            assertEquals(CHANNEL, failed.path("notification_channels").get(0).asText());
            assertEquals("resource.type=\"workflows.googleapis.com/Workflow\" AND resource.label.\"workflow_id\"=\""
                    + WORKFLOW + "\" AND resource.label.\"location\"=\"us-central1\" AND metric.type=\"workflows"
                    + ".googleapis.com/finished_execution_count\" AND metric.label.\"status\"=\"FAILED\"",
                    failed.path("conditions").get(0).path("condition_threshold").path("filter").asText());
            JsonNode trigger = child(json, "google_monitoring_alert_policy", "TriggerFailedAlert");
            assertEquals(CHANNEL, trigger.path("notification_channels").get(0).asText());
            assertEquals("resource.type=\"cloud_scheduler_job\" AND resource.labels.job_id=\"" + WORKFLOW
                    + "\" AND resource.labels.location=\"us-central1\" AND severity>=ERROR",
                    trigger.path("conditions").get(0).path("condition_matched_log").path("filter").asText());
            assertEquals("3600s", trigger.path("alert_strategy").path("notification_rate_limit").path("period")
                    .asText(), "log-match policies need a notification rate limit");
        }

        @Test
        void the_durability_line_names_schedule_bucket_key_retention_recovery_point_and_restore() {
            MemorystoreWorkerStateStore store = store(GcpTesting.stack(), b -> b, backup().build());
            assertEquals("RDB snapshots, no AOF: a failover keeps what the replica received; losing every node loses"
                    + " the writes since the last snapshot; off-store backup: Memorystore export on '30 4 * * *'"
                    + " (cron, UTC; Cloud Scheduler job and Workflows workflow " + WORKFLOW + ") to"
                    + " gs://acme-prod-gcp-prod-kvstores/kvstores/gcp-prod/suprsend-worker-state/<UTC date>T<hhmmss>Z"
                    + ".rdb, CMEK key ring kvstores-gcp-prod-backups, key suprsend-worker-state-backups in us-central1"
                    + " (created, rotated every 90 days), a bucket retention policy keeps each export 14 days (no"
                    + " identity can delete or replace it sooner; unlocked: a project owner could remove the policy"
                    + " first; workerState.backup.destination.lockRetention locks it, irreversibly), then the lifecycle rule"
                    + " deletes it; the instance's export identity may only create objects (storage.objects.create);"
                    + " recovery point: a restore from the newest export loses at most 24 h of writes (the schedule's"
                    + " longest gap); while the instance exists, its own RDB snapshots (every 1 hour) lose less;"
                    + " restore: `gcloud redis instances import gs://acme-prod-gcp-prod-kvstores/kvstores/gcp-prod"
                    + "/suprsend-worker-state/<stamp>.rdb <instance> --region=us-central1` (docs/platform-gcp.md,"
                    + " Backups and restore)", store.durabilityDescription());
            assertEquals("Backup", store.backup().getNode().getId());
        }

        @Test
        void without_a_backup_the_durability_line_says_so_and_nothing_is_exported() {
            TerraformStack stack = GcpTesting.stack();
            MemorystoreWorkerStateStore store = new MemorystoreWorkerStateStore(stack, "WorkerState",
                    GcpTesting.worker().build());
            assertTrue(store.durabilityDescription().endsWith("; no off-store backup (workerState.backup)"));
            assertEquals(null, store.backup());
            JsonNode json = SynthJson.synth(stack);
            assertTrue(json.path("resource").path("google_workflows_workflow").isMissingNode());
            assertTrue(json.path("resource").path("google_storage_bucket").isMissingNode());
        }
    }

    @Nested
    class WorkflowSource {
        private final JsonNode main = parse().path("main");

        private static JsonNode parse() {
            try {
                return new YAMLMapper().readTree(MemorystoreBackup.workflowSource());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private Map<String, JsonNode> steps() {
            Map<String, JsonNode> steps = new java.util.LinkedHashMap<>();
            for (JsonNode step : main.path("steps")) {
                assertEquals(1, step.size(), "a step is a one-key map: " + step);
                String name = step.fieldNames().next();
                steps.put(name, step.path(name));
            }
            return steps;
        }

        @Test
        void has_a_main_workflow_with_params_and_steps() {
            assertEquals(1, parse().size(), "only main");
            assertEquals(JSON.createArrayNode().add("args"), main.path("params"));
            assertEquals(List.of("init", "export", "done"), new ArrayList<>(steps().keySet()));
        }

        @Test
        void calls_exactly_the_export_connector_with_the_instance_and_the_dated_uri() {
            JsonNode export = steps().get("export");
            assertEquals(MemorystoreBackup.EXPORT_CONNECTOR, export.path("call").asText());
            assertEquals("${instance}", export.path("args").path("name").asText());
            assertEquals("${uri}", export.path("args").path("body").path("outputConfig").path("gcsDestination")
                    .path("uri").asText());
            assertEquals(10800, export.path("args").path("connector_params").path("timeout").asInt());
            assertEquals(1, MemorystoreBackup.workflowSource().split("\n\\s*call:", -1).length - 1,
                    "one call in the whole source");
        }

        @Test
        void builds_the_dated_object_name_from_the_environment_with_the_standard_library() {
            Map<String, String> assigned = new java.util.LinkedHashMap<>();
            for (JsonNode a : steps().get("init").path("assign")) {
                String key = a.fieldNames().next();
                assigned.put(key, a.path(key).asText());
            }
            assertEquals(Map.of(
                    "instance", "${sys.get_env(\"KVSTORES_INSTANCE\")}",
                    "started", "${time.format(sys.now())}",
                    "stamp", "${text.replace_all(text.substring(started, 0, 19), \":\", \"\") + \"Z\"}",
                    "uri", "${\"gs://\" + sys.get_env(\"KVSTORES_BUCKET\") + \"/\""
                            + " + sys.get_env(\"KVSTORES_OBJECT_PREFIX\") + stamp + \".rdb\"}"), assigned);
            assertEquals(List.of("instance", "started", "stamp", "uri"), new ArrayList<>(assigned.keySet()),
                    "each value uses only what was assigned before it");
        }

        @Test
        void returns_what_it_exported() {
            assertEquals(Set.of("instance", "uri", "started"), toSet(steps().get("done").path("return")
                    .fieldNames()));
        }

        private static Set<String> toSet(Iterator<String> names) {
            Set<String> out = new TreeSet<>();
            names.forEachRemaining(out::add);
            return out;
        }
    }

    @Nested
    class Configuration {
        @Test
        void an_existing_bucket_is_read_and_checked_at_plan_and_nothing_is_created_for_it() {
            JsonNode json = synth(b -> b, backup().createBucket(false).build());
            for (String type : List.of("google_storage_bucket", "google_kms_key_ring", "google_kms_crypto_key",
                    "google_kms_crypto_key_iam_member")) {
                assertTrue(json.path("resource").path(type).isMissingNode(), type);
            }
            JsonNode buckets = json.path("data").path("google_storage_bucket");
            assertEquals(1, buckets.size());
            String data = buckets.fieldNames().next();
            JsonNode bucket = buckets.path(data);
            assertEquals("acme-prod-gcp-prod-kvstores", bucket.path("name").asText());
            List<String> conditions = new ArrayList<>();
            bucket.path("lifecycle").path("postcondition").forEach(c -> conditions.add(c.path("condition").asText()));
            assertEquals(List.of("${try(self.encryption[0].default_kms_key_name, \"\") != \"\"}",
                    "${try(self.retention_policy[0].retention_period, 0) > 0}",
                    "${self.uniform_bucket_level_access == true}",
                    "${self.public_access_prevention == \"enforced\"}"), conditions);
            assertEquals("${data.google_storage_bucket." + data + ".name}",
                    SynthJson.single(json, "google_storage_bucket_iam_member").path("bucket").asText());
            MemorystoreWorkerStateStore store = store(GcpTesting.stack(), b -> b,
                    backup().createBucket(false).build());
            assertTrue(store.durabilityDescription().contains("the bucket's own default CMEK (checked at plan), kept as"
                    + " the existing bucket's retention policy and lifecycle rules say"), store.durabilityDescription());
        }

        @Test
        void a_locked_retention_policy_is_a_deliberate_choice_and_the_bucket_is_exempted_from_versioning() {
            TerraformStack stack = GcpTesting.stack();
            MemorystoreWorkerStateStore store = store(stack, b -> b, backup().lockRetention(true).build());
            JsonNode json = SynthJson.synth(stack);
            assertTrue(SynthJson.single(json, "google_storage_bucket").at("/retention_policy/is_locked").asBoolean());
            assertTrue(store.backup().summary().contains("LOCKED: not even a project owner"), store.backup().summary());
            List<dev.kvstores.exemption.PolicyExemption> exemptions = store.backup().policyExemptions();
            assertEquals(1, exemptions.size());
            assertEquals(MemorystoreBackup.VERSIONING_RULE, exemptions.get(0).ruleId());
            assertTrue(exemptions.get(0).addressContains().startsWith("google_storage_bucket."));
            dev.kvstores.policy.PolicyReport report = dev.kvstores.policy.PolicyPack.defaults().evaluate(json,
                    new dev.kvstores.policy.PolicyContext("test", true), exemptions);
            assertTrue(report.exempted().stream().anyMatch(f -> f.ruleId().equals("CKV_GCP_78")), "exempted");
            assertTrue(report.violations().stream().noneMatch(f -> f.ruleId().equals("CKV_GCP_78")));
        }

        @Test
        void a_given_key_encrypts_the_bucket_and_no_key_ring_is_created() {
            String key = "projects/acme-prod/locations/us-central1/keyRings/backups/cryptoKeys/kvstores";
            JsonNode json = synth(b -> b, backup().kmsKeyName(key).retentionDays(35).build());
            assertTrue(json.path("resource").path("google_kms_key_ring").isMissingNode());
            JsonNode bucket = SynthJson.single(json, "google_storage_bucket");
            assertEquals(key, bucket.path("encryption").path("default_kms_key_name").asText());
            assertEquals(35, bucket.path("lifecycle_rule").get(0).path("condition").path("age").asInt());
            assertEquals(35 * 86400, bucket.at("/retention_policy/retention_period").asLong());
            assertEquals(key, SynthJson.single(json, "google_kms_crypto_key_iam_member").path("crypto_key_id")
                    .asText());
        }

        @Test
        void without_prevent_destroy_the_bucket_its_objects_and_the_workflow_may_be_destroyed() {
            JsonNode json = synth(b -> b.preventDestroy(false), backup().build());
            JsonNode bucket = SynthJson.single(json, "google_storage_bucket");
            assertTrue(bucket.path("force_destroy").asBoolean());
            assertTrue(bucket.path("lifecycle").path("prevent_destroy").isMissingNode());
            assertTrue(SynthJson.single(json, "google_kms_crypto_key").path("lifecycle").isMissingNode());
            assertFalse(SynthJson.single(json, "google_workflows_workflow").path("deletion_protection").asBoolean());
        }

        @Test
        void without_a_project_the_providers_project_is_read_from_its_data_source() {
            TerraformStack stack = GcpTesting.stack();
            new MemorystoreWorkerStateStore(stack, "WorkerState", GcpTesting.worker().backup(backup().build())
                    .build());
            JsonNode json = SynthJson.synth(stack);
            JsonNode projects = json.path("data").path("google_project");
            assertEquals(1, projects.size());
            String project = "${data.google_project." + projects.fieldNames().next() + ".project_id}";
            assertEquals("projects/" + project + "/locations/us-central1/instances/suprsend-worker-state",
                    SynthJson.single(json, "google_workflows_workflow").path("user_env_vars")
                            .path("KVSTORES_INSTANCE").asText());
            assertEquals(project, SynthJson.single(json, "google_storage_bucket").path("project").asText());
        }

        @Test
        void long_names_are_cut_with_a_hash_to_the_limits_of_workflows_and_key_rings() {
            JsonNode json = synth(b -> b.name("w" + "x".repeat(38)), backup().environmentName("e"
                    + "y".repeat(29)).build());
            String workflow = SynthJson.single(json, "google_workflows_workflow").path("name").asText();
            assertTrue(workflow.length() <= 63 && workflow.matches("[a-z]([a-z0-9-]*[a-z0-9])?"), workflow);
            assertEquals(workflow, SynthJson.single(json, "google_cloud_scheduler_job").path("name").asText());
            String ring = SynthJson.single(json, "google_kms_key_ring").path("name").asText();
            assertTrue(ring.length() <= 63, ring);
        }
    }

    @Nested
    class Restore {
        @Test
        void the_script_imports_the_newest_export_with_the_import_role_bound_only_while_it_runs() {
            MemorystoreBackup backup = store(GcpTesting.stack(), b -> b, backup().build()).backup();
            String script = backup.restoreScript();
            assertTrue(script.contains("gcloud storage ls \"gs://acme-prod-gcp-prod-kvstores/kvstores/gcp-prod/"
                    + "suprsend-worker-state/*.rdb\" | sort | tail -n 1"), script);
            assertTrue(script.contains("gcloud redis instances import \"$OBJECT\" \"$TARGET\" --region=\"$REGION\""
                    + " --project=\"$PROJECT\""), script);
            assertTrue(script.matches("(?s).*ROLE=\"projects/acme-prod/roles/kvstoresRdbImportReader_[0-9A-F]{8}\".*"),
                    script);
            assertTrue(script.contains("trap 'gcloud storage buckets remove-iam-policy-binding"), script);
            assertFalse(script.contains("${"), "the report prints it; nothing may read as a Terraform interpolation");
        }

        @Test
        void without_a_project_the_script_asks_gcloud_for_it() {
            MemorystoreBackup backup = new MemorystoreWorkerStateStore(GcpTesting.stack(), "WorkerState",
                    GcpTesting.worker().backup(backup().build()).build()).backup();
            assertTrue(backup.restoreScript().contains("PROJECT=\"$(printenv PROJECT || gcloud config get-value"
                    + " project)\""), backup.restoreScript());
            assertTrue(backup.restoreScript().contains("ROLE=\"projects/$PROJECT/roles/kvstoresRdbImportReader_"),
                    backup.restoreScript());
        }
    }

    @Nested
    class Validation {
        private static final String WHO = "worker-state store (memorystore-redis backup): ";

        static Stream<Arguments> invalid() {
            return Stream.of(
                    Arguments.of("schedule with six fields", backup().schedule("0 30 4 * * *"),
                            WHO + "schedule '0 30 4 * * *' has 6 fields; a cron expression has five fields 'minute"
                                    + " hour day-of-month month day-of-week', UTC, e.g. '30 4 * * *'"),
                    Arguments.of("schedule hour out of range", backup().schedule("0 25 * * *"),
                            WHO + "schedule '0 25 * * *' hour field has 25, outside 0-23, e.g. '30 4 * * *'"),
                    Arguments.of("schedule in the maintenance window", backup().schedule("15 3 * * *"),
                            WHO + "schedule '15 3 * * *' starts exports in the maintenance window (SUNDAY"
                                    + " 03:00-04:00 UTC); an export and maintenance block each other, so pick another"
                                    + " hour, e.g. '30 4 * * *'"),
                    Arguments.of("schedule that never repeats", backup().schedule("0 4 31 2 *"),
                            WHO + "schedule '0 4 31 2 *' never runs (no day 31 in month 2 exists), e.g."
                                    + " '30 4 * * *'"),
                    Arguments.of("bucket name with capitals", backup().bucketName("Acme-Backups"),
                            WHO + "the bucket name (bucketName) 'Acme-Backups' is not one Cloud Storage accepts:"
                                    + " use 3-63 lowercase letters, digits, '-' or '_', starting and ending with a"
                                    + " letter or digit, without 'goog' at the start or 'google' in it"),
                    Arguments.of("bucket name with google", backup().bucketName("my-google-backups"),
                            WHO + "the bucket name (bucketName) 'my-google-backups' is not one Cloud Storage"
                                    + " accepts: use 3-63 lowercase letters, digits, '-' or '_', starting and ending"
                                    + " with a letter or digit, without 'goog' at the start or 'google' in it"),
                    Arguments.of("prefix with a leading slash", backup().prefix("/kvstores"),
                            WHO + "the prefix '/kvstores' must be path segments of letters, digits, '.', '_', '-'"
                                    + " separated by '/', without a leading or trailing '/'; each starts with a"
                                    + " letter or digit"),
                    Arguments.of("prefix that leaves its folder", backup().prefix("kvstores/../prod"),
                            WHO + "the prefix 'kvstores/../prod' must be path segments of letters, digits, '.',"
                                    + " '_', '-' separated by '/', without a leading or trailing '/'; each starts"
                                    + " with a letter or digit"),
                    Arguments.of("retention too long", backup().retentionDays(4000),
                            WHO + "the retention (retentionDays) must be 1 to 3650 days, got 4000"),
                    Arguments.of("retention with an existing bucket", backup().createBucket(false).retentionDays(7),
                            WHO + "a retention (retentionDays) applies to a bucket kvstores creates; with an"
                                    + " existing bucket its own lifecycle rules keep the exports: remove it"),
                    Arguments.of("lock with an existing bucket", backup().createBucket(false).lockRetention(true),
                            WHO + "lockRetention applies to a bucket kvstores creates; lock an existing bucket's policy"
                                    + " yourself (gcloud storage buckets update gs://acme-prod-gcp-prod-kvstores"
                                    + " --lock-retention-period) and remove it"),
                    Arguments.of("key with an existing bucket", backup().createBucket(false)
                                    .kmsKeyName("projects/p/locations/us-central1/keyRings/r/cryptoKeys/k"),
                            WHO + "a key (kmsKeyName) applies to a bucket kvstores creates; an existing bucket's"
                                    + " own default key is checked at plan: remove it"),
                    Arguments.of("key that is not a key name", backup().kmsKeyName("kvstores-key"),
                            WHO + "the key (kmsKeyName) 'kvstores-key' is not a KMS key name,"
                                    + " projects/<p>/locations/<region>/keyRings/<r>/cryptoKeys/<k>"),
                    Arguments.of("key in another region", backup()
                                    .kmsKeyName("projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k"),
                            WHO + "the key (kmsKeyName) is in europe-west1; Cloud Storage needs a key in the"
                                    + " bucket's location, us-central1"),
                    Arguments.of("environment name with capitals", backup().environmentName("Prod"),
                            WHO + "the environment name (environmentName) 'Prod' must be 1-30 lowercase letters,"
                                    + " digits or hyphens: it names the key ring and a path segment"),
                    Arguments.of("notification channel not a full name", backup().putNotificationChannelId("42"),
                            WHO + "notification channel must be projects/<project>/notificationChannels/<id>, got"
                                    + " '42'"));
        }

        @ParameterizedTest(name = "fails_for {0}")
        @MethodSource("invalid")
        void fails_with_a_message_naming_the_field_the_value_and_the_fix(String description,
                                                                          MemorystoreBackupProps.Builder props,
                                                                          String message) {
            StoreConfigException e = assertThrows(StoreConfigException.class,
                    () -> store(GcpTesting.stack(), b -> b, props.build()));
            assertEquals(message, e.getMessage());
        }

        @Test
        void a_schedule_in_another_maintenance_window_hour_is_fine() {
            store(GcpTesting.stack(), b -> b.maintenanceWindow(new MaintenanceWindow(DayOfWeek.TUESDAY, 22)),
                    backup().schedule("15 3 * * *").build());
        }

        @Test
        void fails_with_every_problem_at_once() {
            StoreConfigException e = assertThrows(StoreConfigException.class, () -> store(GcpTesting.stack(),
                    b -> b, backup().schedule("nightly").bucketName("X").build()));
            assertEquals(2, e.parts().size(), e.getMessage());
        }
    }
}
