package dev.kvstores.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kvstores.app.Synthesizer;
import dev.kvstores.e2e.ShippedSynthesis;
import dev.kvstores.gcp.MemorystoreBackup;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import dev.kvstores.stacks.environment.Environment;
import dev.kvstores.stacks.environment.EnvironmentException;
import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Memorystore Worker State export of the shipped {@code gcp-dev} and {@code gcp-prod} stacks as synthesized:
 * bucket, key, service agent grant, roles and grants, service accounts, workflow, scheduler job, alerts; the
 * workflow's source as Terraform sends it (evaluated by the real {@code terraform console}), parsed by a YAML
 * parser and checked for what Workflows requires and what it calls; the plan-time checks of an existing bucket
 * evaluated by Terraform; KVS-BACKUP-REQUIRED failing gcp-prod without its backup.
 */
class MemorystoreExportSynthesisTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORE = "suprsend-worker-state";

    @TempDir
    Path dir;

    private static String project(String env) {
        return env.equals("gcp-prod") ? "acme-suprsend-prod" : "acme-suprsend-dev";
    }

    private static Map<String, JsonNode> all(JsonNode json, String type) {
        Map<String, JsonNode> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = json.path("resource").path(type).fields();
        it.forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static JsonNode single(JsonNode json, String type) {
        Map<String, JsonNode> all = all(json, type);
        assertEquals(1, all.size(), type);
        return all.values().iterator().next();
    }

    private static String address(JsonNode json, String type, String id) {
        for (String name : all(json, type).keySet()) {
            if (name.startsWith("WorkerState_Backup_" + id + "_")) {
                return type + "." + name;
            }
        }
        throw new AssertionError("no " + type + " " + id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcp-dev", "gcp-prod"})
    void the_bucket_key_and_agent_grant_of_the_environment(String env) {
        JsonNode json = ShippedSynthesis.stack(env);
        boolean prod = env.equals("gcp-prod");
        JsonNode bucket = single(json, "google_storage_bucket");
        assertEquals(project(env) + "-" + env + "-kvstores", bucket.path("name").asText());
        assertEquals(project(env), bucket.path("project").asText());
        assertEquals("US-CENTRAL1", bucket.path("location").asText());
        assertTrue(bucket.path("uniform_bucket_level_access").asBoolean());
        assertEquals("enforced", bucket.path("public_access_prevention").asText());
        assertFalse(bucket.path("versioning").path("enabled").asBoolean(), "a retention policy instead");
        assertEquals("${" + address(json, "google_kms_crypto_key", "Key") + ".id}",
                bucket.path("encryption").path("default_kms_key_name").asText());
        int days = prod ? 14 : 3;
        assertEquals(days, bucket.path("lifecycle_rule").get(0).path("condition").path("age").asInt());
        assertEquals(days * 86400L, bucket.at("/retention_policy/retention_period").asLong(),
                "no identity can delete or replace an export younger than the retention");
        assertEquals(env, bucket.path("labels").path("kvstores-environment").asText());
        assertEquals(prod, bucket.path("lifecycle").path("prevent_destroy").asBoolean(false));
        assertEquals(!prod, bucket.path("force_destroy").asBoolean());

        JsonNode ring = single(json, "google_kms_key_ring");
        assertEquals("kvstores-" + env + "-backups", ring.path("name").asText());
        assertEquals("us-central1", ring.path("location").asText());
        JsonNode key = single(json, "google_kms_crypto_key");
        assertEquals("7776000s", key.path("rotation_period").asText());
        assertEquals(prod, key.path("lifecycle").path("prevent_destroy").asBoolean(false));

        JsonNode agents = json.path("data").path("google_storage_project_service_account");
        assertEquals(1, agents.size());
        JsonNode grant = all(json, "google_kms_crypto_key_iam_member").entrySet().stream()
                .filter(e -> e.getKey().startsWith("WorkerState_Backup_")).findFirst().orElseThrow().getValue();
        assertEquals("roles/cloudkms.cryptoKeyEncrypterDecrypter", grant.path("role").asText());
        assertEquals("${data.google_storage_project_service_account." + agents.fieldNames().next() + ".member}",
                grant.path("member").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcp-dev", "gcp-prod"})
    void three_identities_each_with_the_least_it_needs(String env) {
        JsonNode json = ShippedSynthesis.stack(env);
        Map<String, Set<String>> roles = new TreeMap<>();
        all(json, "google_project_iam_custom_role").forEach((name, role) -> {
            Set<String> permissions = new TreeSet<>();
            role.path("permissions").forEach(p -> permissions.add(p.asText()));
            roles.put(name.replaceAll("_[0-9A-F]{8}$", ""), permissions);
        });
        assertEquals(Map.of(
                "WorkerState_Backup_ExportWriterRole", Set.of("storage.buckets.get", "storage.objects.create"),
                "WorkerState_Backup_ImportReaderRole", Set.of("storage.buckets.get", "storage.objects.get"),
                "WorkerState_Backup_ExporterRole", Set.of("redis.instances.export", "redis.operations.get")), roles);

        String instance = all(json, "google_redis_instance").entrySet().stream()
                .filter(e -> e.getValue().path("name").asText().equals(STORE)).findFirst().orElseThrow().getKey();
        List<String> grants = new ArrayList<>();
        all(json, "google_project_iam_member").values().forEach(g -> grants.add(g.path("role").asText() + " -> "
                + g.path("member").asText()));
        all(json, "google_storage_bucket_iam_member").values().forEach(g -> grants.add(g.path("role").asText()
                + " on " + g.path("bucket").asText() + " -> " + g.path("member").asText()));
        assertEquals(new TreeSet<>(List.of(
                "${" + address(json, "google_project_iam_custom_role", "ExporterRole") + ".name} -> serviceAccount:${"
                        + address(json, "google_service_account", "Exporter") + ".email}",
                "roles/workflows.invoker -> serviceAccount:${" + address(json, "google_service_account", "Trigger")
                        + ".email}",
                "${" + address(json, "google_project_iam_custom_role", "ExportWriterRole") + ".name} on ${"
                        + address(json, "google_storage_bucket", "Bucket") + ".name} -> ${google_redis_instance."
                        + instance + ".persistence_iam_identity}")), new TreeSet<>(grants));
        assertEquals(2, all(json, "google_service_account").size());
        json.path("resource").fieldNames().forEachRemaining(type -> assertFalse(
                type.endsWith("_iam_binding") || type.endsWith("_iam_policy"), type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcp-dev", "gcp-prod"})
    void the_schedule_starts_the_workflow_nightly_as_its_own_account(String env) throws IOException {
        JsonNode json = ShippedSynthesis.stack(env);
        JsonNode job = single(json, "google_cloud_scheduler_job");
        String workflowName = STORE + "-export-" + env;
        assertEquals("30 4 * * *", job.path("schedule").asText());
        assertEquals("Etc/UTC", job.path("time_zone").asText());
        assertFalse(job.path("paused").asBoolean());
        assertEquals("https://workflowexecutions.googleapis.com/v1/projects/" + project(env)
                + "/locations/us-central1/workflows/" + workflowName + "/executions",
                job.path("http_target").path("uri").asText());
        assertEquals(workflowName, single(json, "google_workflows_workflow").path("name").asText());
        assertEquals("${" + address(json, "google_service_account", "Trigger") + ".email}",
                job.path("http_target").path("oauth_token").path("service_account_email").asText());
        assertEquals("{}", JSON.readTree(Base64.getDecoder().decode(job.path("http_target").path("body").asText()))
                .path("argument").asText());
        Map<String, JsonNode> alerts = all(json, "google_monitoring_alert_policy");
        for (String id : List.of("ExportFailedAlert", "TriggerFailedAlert")) {
            JsonNode policy = alerts.get(address(json, "google_monitoring_alert_policy", id)
                    .substring("google_monitoring_alert_policy.".length()));
            assertEquals(env.equals("gcp-prod") ? List.of("projects/acme-suprsend-prod/notificationChannels/"
                    + "1234567890123456789") : List.of(), JSON.convertValue(policy.path("notification_channels"),
                    List.class), id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcp-dev", "gcp-prod"})
    void terraform_sends_the_workflow_file_unchanged_and_it_exports_this_instance_to_this_bucket(String env)
            throws IOException {
        JsonNode json = ShippedSynthesis.stack(env);
        JsonNode workflow = single(json, "google_workflows_workflow");
        String sent = TerraformExpressions.evaluate(Map.of("src", workflow.path("source_contents")), "local.src",
                dir.resolve("tf"));
        assertEquals(MemorystoreBackup.workflowSource(), sent);

        JsonNode root = new YAMLMapper().readTree(sent);
        assertEquals(List.of("main"), names(root));
        JsonNode main = root.path("main");
        assertEquals(List.of("params", "steps"), names(main));
        assertEquals(List.of("args"), JSON.convertValue(main.path("params"), List.class));
        Map<String, JsonNode> steps = new LinkedHashMap<>();
        main.path("steps").forEach(s -> steps.put(s.fieldNames().next(), s.elements().next()));
        assertEquals(List.of("init", "export", "done"), new ArrayList<>(steps.keySet()));
        List<String> calls = new ArrayList<>();
        steps.values().forEach(s -> {
            if (s.has("call")) {
                calls.add(s.path("call").asText());
            }
        });
        assertEquals(List.of(MemorystoreBackup.EXPORT_CONNECTOR), calls, "the export connector, nothing else");
        JsonNode args = steps.get("export").path("args");
        assertEquals("${instance}", args.path("name").asText());
        assertEquals("${uri}", args.path("body").path("outputConfig").path("gcsDestination").path("uri").asText());

        Map<String, String> assign = new LinkedHashMap<>();
        steps.get("init").path("assign").forEach(a -> assign.put(a.fieldNames().next(), a.elements().next().asText()));
        assertEquals("${sys.get_env(\"KVSTORES_INSTANCE\")}", assign.get("instance"));
        assertEquals("${time.format(sys.now())}", assign.get("started"));
        assertEquals("${text.replace_all(text.substring(started, 0, 19), \":\", \"\") + \"Z\"}", assign.get("stamp"));
        assertEquals("${\"gs://\" + sys.get_env(\"KVSTORES_BUCKET\") + \"/\" + sys.get_env(\"KVSTORES_OBJECT_PREFIX\")"
                + " + stamp + \".rdb\"}", assign.get("uri"));

        // The environment the expressions read: this stack's instance, bucket and path.
        JsonNode instance = all(json, "google_redis_instance").values().stream()
                .filter(i -> i.path("name").asText().equals(STORE)).findFirst().orElseThrow();
        JsonNode vars = workflow.path("user_env_vars");
        assertEquals("projects/" + instance.path("project").asText() + "/locations/" + instance.path("region")
                .asText() + "/instances/" + STORE, vars.path("KVSTORES_INSTANCE").asText());
        assertEquals(single(json, "google_storage_bucket").path("name").asText(), vars.path("KVSTORES_BUCKET")
                .asText());
        assertEquals("kvstores/" + env + "/" + STORE + "/", vars.path("KVSTORES_OBJECT_PREFIX").asText());
        assertEquals(3, vars.size());
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void the_durability_line_names_schedule_bucket_key_retention_and_recovery_point() {
        String report = ShippedSynthesis.report("gcp-prod");
        String line = report.lines().filter(l -> l.startsWith("- durability: RDB")).findFirst().orElseThrow();
        for (String part : List.of("Memorystore export on '30 4 * * *' (cron, UTC",
                "gs://acme-suprsend-prod-gcp-prod-kvstores/kvstores/gcp-prod/suprsend-worker-state/",
                "CMEK key ring kvstores-gcp-prod-backups, key suprsend-worker-state-backups in us-central1",
                "a bucket retention policy keeps each export 14 days (no identity can delete or replace it sooner",
                "a restore from the newest export loses at most 24 h of writes",
                "its own RDB snapshots (every 1 hour) lose less",
                "gcloud redis instances import gs://acme-suprsend-prod-gcp-prod-kvstores/")) {
            assertTrue(line.contains(part), part + " in " + line);
        }
    }

    /** gcp-prod.yaml with its backup section replaced by {@code backup} (YAML lines of workerState, or ""). */
    private Path prodWith(String backup) throws IOException {
        String text = Files.readString(ShippedSynthesis.PROJECT.resolve(EnvironmentLoader.DEFAULT_DIRECTORY)
                .resolve("gcp-prod.yaml"));
        int cut = text.indexOf("\n  backup:");
        assertTrue(cut > 0, "gcp-prod.yaml has a workerState.backup section");
        Path environments = Files.createDirectories(dir.resolve("environments"));
        return Files.writeString(environments.resolve("gcp-prod.yaml"), text.substring(0, cut + 1) + backup);
    }

    @Test
    void gcp_prod_without_its_backup_fails_kvs_backup_required_at_the_field_and_writes_nothing() throws IOException {
        Path file = prodWith("");
        Environment environment = EnvironmentLoader.loadFile(file, dir);
        Path out = dir.resolve("cdktf.out");
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> new Synthesizer(PolicyPack.defaults()).synthesize(List.of(environment), out));
        assertEquals(1, e.problems().size(), e.problems().toString());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("environments/gcp-prod.yaml: workerState.backup: worker state store 'suprsend-worker-state'"
                + " has no export workflow (google_workflows_workflow with KVSTORES_INSTANCE"
                + " .../instances/suprsend-worker-state); add workerState.backup (or an exemption with a reason,"
                + " workerState.backupExemptionReason) [policy " + WorkerStateBackupRequired.ID
                + " on google_redis_instance.WorkerState_"), problem);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void gcp_prod_with_a_written_exemption_passes_and_its_report_lists_the_reason() throws IOException {
        Path file = prodWith("  backupExemptionReason: worker state is rebuilt from the platform database\n");
        Synthesizer.Result result = new Synthesizer(PolicyPack.defaults()).synthesize(
                List.of(EnvironmentLoader.loadFile(file, dir)), dir.resolve("cdktf.out"));
        String report = Files.readString(result.outdir().resolve("stacks/gcp-prod").resolve(Synthesizer.REPORT_FILE));
        assertTrue(report.contains("  EXEMPT " + WorkerStateBackupRequired.ID + " google_redis_instance.WorkerState_"),
                report);
        assertTrue(report.contains("-- reason: worker state is rebuilt from the platform database"), report);
        assertTrue(report.contains("; no off-store backup (workerState.backup)"), report);
    }

    @Test
    void an_existing_bucket_is_checked_by_terraform_at_plan_and_each_check_catches_its_gap() throws IOException {
        Path file = prodWith("  backup:\n    destination: {bucket: acme-existing-backups, create: false}\n");
        Synthesizer.Result result = new Synthesizer(PolicyPack.defaults()).synthesize(
                List.of(EnvironmentLoader.loadFile(file, dir)), dir.resolve("cdktf.out"));
        JsonNode json = JSON.readTree(result.outdir().resolve("stacks/gcp-prod/cdk.tf.json").toFile());
        assertTrue(json.path("resource").path("google_storage_bucket").isMissingNode());
        JsonNode bucket = json.path("data").path("google_storage_bucket").elements().next();
        assertEquals("acme-existing-backups", bucket.path("name").asText());
        List<String> conditions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        bucket.path("lifecycle").path("postcondition").forEach(c -> {
            String condition = c.path("condition").asText();
            assertTrue(condition.startsWith("${") && condition.endsWith("}"), condition);
            conditions.add(condition.substring(2, condition.length() - 1).replace("self.", "local.bucket."));
            messages.add(c.path("error_message").asText());
        });
        assertEquals(4, conditions.size());
        assertTrue(messages.get(0).startsWith("backup bucket acme-existing-backups has no default customer-managed"
                + " key"), messages.get(0));

        ObjectNode good = JSON.createObjectNode();
        good.putArray("encryption").addObject().put("default_kms_key_name",
                "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k");
        good.putArray("retention_policy").addObject().put("retention_period", 14 * 86400);
        good.put("uniform_bucket_level_access", true);
        good.put("public_access_prevention", "enforced");
        Map<String, ObjectNode> shapes = new LinkedHashMap<>();
        shapes.put("[true,true,true,true]", good);
        ObjectNode noKey = good.deepCopy();
        noKey.putArray("encryption");
        shapes.put("[false,true,true,true]", noKey);
        ObjectNode emptyKey = good.deepCopy();
        emptyKey.putArray("encryption").addObject().put("default_kms_key_name", "");
        shapes.put("[false,true,true,true] ", emptyKey);
        ObjectNode noRetention = good.deepCopy();
        noRetention.putArray("retention_policy");
        shapes.put("[true,false,true,true]", noRetention);
        ObjectNode versioningOnly = good.deepCopy();
        versioningOnly.remove("retention_policy");
        versioningOnly.putArray("versioning").addObject().put("enabled", true);
        shapes.put("[true,false,true,true] ", versioningOnly);
        ObjectNode acls = good.deepCopy();
        acls.put("uniform_bucket_level_access", false);
        shapes.put("[true,true,false,true]", acls);
        ObjectNode inherited = good.deepCopy();
        inherited.put("public_access_prevention", "inherited");
        shapes.put("[true,true,true,false]", inherited);
        int i = 0;
        for (Map.Entry<String, ObjectNode> shape : shapes.entrySet()) {
            String verdict = TerraformExpressions.evaluate(Map.of("bucket", shape.getValue()),
                    "jsonencode([" + String.join(", ", conditions) + "])", dir.resolve("tf" + i++));
            assertEquals(shape.getKey().strip(), verdict, shape.getValue().toString());
        }
    }

    @Test
    void every_shipped_gcp_stack_passes_the_backup_rule_and_the_bucket_rules() {
        for (String env : List.of("gcp-dev", "gcp-prod")) {
            assertTrue(ShippedSynthesis.result().policyReports().get(env).violations().isEmpty(), env);
        }
        assertTrue(ShippedSynthesis.result().policyReports().get("gcp-prod").findings().stream().anyMatch(f ->
                f.ruleId().equals(WorkerStateBackupRequired.ID) && f.address().startsWith("google_redis_instance")
                        && f.evaluation().compliance() == dev.kvstores.policy.Compliance.COMPLIANT));
        // CKV_GCP_78 (versioning) is exempted with its reason: the bucket has a retention policy instead.
        assertTrue(ShippedSynthesis.result().policyReports().get("gcp-prod").exempted().stream()
                .anyMatch(f -> f.ruleId().equals("CKV_GCP_78") && f.exemptionReason().contains("retention policy")));
        for (String rule : List.of("AVD-GCP-0066", "CKV_GCP_29", "CKV_GCP_114")) {
            assertTrue(ShippedSynthesis.result().policyReports().get("gcp-prod").findings().stream().anyMatch(f ->
                    f.ruleId().equals(rule) && f.evaluation().compliance()
                            == dev.kvstores.policy.Compliance.COMPLIANT), rule);
        }
    }
}
