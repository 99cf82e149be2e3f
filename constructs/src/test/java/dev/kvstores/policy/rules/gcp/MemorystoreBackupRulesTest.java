package dev.kvstores.policy.rules.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import com.hashicorp.cdktf.providers.google.provider.GoogleProviderConfig;
import dev.kvstores.gcp.MemorystoreBackup;
import dev.kvstores.gcp.MemorystoreBackupProps;
import dev.kvstores.gcp.MemorystoreWorkerStateStore;
import dev.kvstores.gcp.MemorystoreWorkerStateStoreProps;
import dev.kvstores.policy.Compliance;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.policy.PolicyPack;
import dev.kvstores.policy.PolicyReport;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import dev.kvstores.testing.SynthJson;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * KVS-BACKUP-REQUIRED over Memorystore worker stores and the scanner rows for the backup bucket (AVD-GCP-0066, CKV_GCP_29, 78,
 * 114): compliant as the library synthesizes them, non-compliant with each part taken away.
 */
class MemorystoreBackupRulesTest {

    /** The exemption MemorystoreBackup writes for its bucket (asserted in MemorystoreBackupTest). */
    static final PolicyExemption RETENTION_NOT_VERSIONING = new PolicyExemption(MemorystoreBackup.VERSIONING_RULE,
            "google_storage_bucket.", "a retention policy instead of versioning");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyContext PROD = new PolicyContext("gcp-prod", true);
    private static final PolicyContext DEV = new PolicyContext("gcp-dev", false);

    /** A stack with a worker store, with or without a backup, synthesized. */
    private static JsonNode stack(MemorystoreBackupProps backup) {
        TerraformStack stack = SynthJson.stack();
        new GoogleProvider(stack, "Google", GoogleProviderConfig.builder().project("acme").region("us-central1")
                .build());
        new MemorystoreWorkerStateStore(stack, "WorkerState", MemorystoreWorkerStateStoreProps.builder()
                .name("suprsend-worker-state").project("acme").region("us-central1")
                .authorizedNetwork("projects/acme/global/networks/platform").locationId("us-central1-a")
                .alternativeLocationId("us-central1-b").backup(backup).build());
        return SynthJson.synth(stack);
    }

    private static MemorystoreBackupProps.Builder backup() {
        return MemorystoreBackupProps.builder().environmentName("gcp-prod").bucketName("acme-gcp-prod-kvstores");
    }

    /** The verdict of KVS-BACKUP-REQUIRED on the worker instance, after {@code edit} of the synthesized stack. */
    private static Evaluation backupRule(JsonNode json, PolicyContext context, Consumer<JsonNode> edit) {
        edit.accept(json);
        List<SynthesizedResource> resources = PolicyPack.resources(json);
        SynthesizedResource instance = resources.stream().filter(r -> r.type().equals("google_redis_instance"))
                .findFirst().orElseThrow();
        return new MemorystoreBackupRequired().evaluate(instance, context, resources);
    }

    private static ObjectNode first(JsonNode json, String type) {
        return (ObjectNode) json.path("resource").path(type).elements().next();
    }

    private static void remove(JsonNode json, String type) {
        ((ObjectNode) json.path("resource")).remove(type);
    }

    @Nested
    class BackupRequired {
        private final JsonNode withBackup = stack(backup().build());

        @Test
        void compliance_a_daily_export_to_a_created_cmek_bucket() {
            assertEquals(Evaluation.compliant(), backupRule(withBackup, PROD, j -> { }));
        }

        @Test
        void compliance_an_existing_bucket_checked_at_plan() {
            assertEquals(Evaluation.compliant(), backupRule(stack(backup().createBucket(false).build()), PROD,
                    j -> { }));
        }

        @Test
        void not_applicable_outside_production_or_for_the_cache() {
            assertEquals(Compliance.NOT_APPLICABLE, backupRule(stack(null), DEV, j -> { }).compliance());
            SynthesizedResource cache = new SynthesizedResource("google_redis_instance", "c",
                    JSON.createObjectNode().put("name", "c").set("labels",
                            JSON.createObjectNode().put("kvstores-role", "cache")));
            assertEquals(Compliance.NOT_APPLICABLE, new MemorystoreBackupRequired().evaluate(cache, PROD, List.of(cache))
                    .compliance());
        }

        @Test
        void noncompliance_1_no_backup() {
            assertEquals(Evaluation.nonCompliant("worker state store 'suprsend-worker-state' has no export workflow"
                    + " (google_workflows_workflow with KVSTORES_INSTANCE .../instances/suprsend-worker-state); add"
                    + " workerState.backup (or an exemption with a reason, workerState.backupExemptionReason)"),
                    backupRule(stack(null), PROD, j -> { }));
        }

        @Test
        void noncompliance_2_the_workflow_calls_something_else() {
            Evaluation e = backupRule(withBackup, PROD, j -> first(j, "google_workflows_workflow")
                    .put("source_contents", "main:\n  steps:\n    - s:\n        call: http.get\n"));
            assertEquals(Compliance.NON_COMPLIANT, e.compliance());
            assertTrue(e.detail().endsWith("does not call googleapis.redis.v1.projects.locations.instances.export"),
                    e.detail());
        }

        @Test
        void noncompliance_3_no_scheduler_job() {
            Evaluation e = backupRule(withBackup, PROD, j -> remove(j, "google_cloud_scheduler_job"));
            assertTrue(e.detail().endsWith("has no google_cloud_scheduler_job starting it (http_target.uri ending in"
                    + " /workflows/suprsend-worker-state-export-gcp-prod/executions): the export never runs"),
                    e.detail());
        }

        @Test
        void noncompliance_4_the_job_is_paused() {
            Evaluation e = backupRule(withBackup, PROD, j -> first(j, "google_cloud_scheduler_job").put("paused",
                    true));
            assertTrue(e.detail().endsWith(" is paused: no export runs"), e.detail());
        }

        @Test
        void noncompliance_5_a_weekly_schedule() {
            Evaluation e = backupRule(withBackup, PROD, j -> first(j, "google_cloud_scheduler_job").put("schedule",
                    "30 4 * * 0"));
            assertTrue(e.detail().endsWith(" schedule '30 4 * * 0' leaves up to 7 days between backups; production"
                    + " needs one at least every 24 h (nightly)"), e.detail());
        }

        @Test
        void noncompliance_5b_a_schedule_that_never_runs() {
            Evaluation e = backupRule(withBackup, PROD, j -> first(j, "google_cloud_scheduler_job").put("schedule",
                    "17 3 31 2 *"));
            assertTrue(e.detail().endsWith(" schedule '17 3 31 2 *' never runs (no day 31 in month 2 exists)"),
                    e.detail());
        }

        @Test
        void noncompliance_6_the_bucket_has_no_customer_managed_key() {
            Evaluation e = backupRule(withBackup, PROD, j -> first(j, "google_storage_bucket").remove("encryption"));
            assertTrue(e.detail().startsWith("backup bucket acme-gcp-prod-kvstores (google_storage_bucket."),
                    e.detail());
            assertTrue(e.detail().endsWith(") has no default customer-managed key (encryption.default_kms_key_name)"),
                    e.detail());
        }

        @Test
        void noncompliance_7_the_bucket_is_not_in_the_stack() {
            Evaluation e = backupRule(withBackup, PROD, j -> remove(j, "google_storage_bucket"));
            assertEquals(Evaluation.nonCompliant("backup bucket 'acme-gcp-prod-kvstores' is neither created nor read"
                    + " by this stack; its encryption cannot be checked"), e);
        }

        @Test
        void noncompliance_8_an_existing_bucket_without_the_key_check() {
            JsonNode json = stack(backup().createBucket(false).build());
            Evaluation e = backupRule(json, PROD, j -> ((ObjectNode) j.path("data").path("google_storage_bucket")
                    .elements().next()).remove("lifecycle"));
            assertTrue(e.detail().endsWith("is not checked for a default customer-managed key (no postcondition on"
                    + " default_kms_key_name)"), e.detail());
        }

        @Test
        void noncompliance_9_the_instance_identity_cannot_write() {
            Evaluation e = backupRule(withBackup, PROD, j -> remove(j, "google_storage_bucket_iam_member"));
            assertEquals(Evaluation.nonCompliant("no google_storage_bucket_iam_member grants the instance's identity"
                    + " (persistence_iam_identity) access to bucket acme-gcp-prod-kvstores: the export cannot"
                    + " write"), e);
        }

        @Test
        void an_exemption_with_a_reason_covers_a_store_without_backup() {
            PolicyReport report = PolicyPack.defaults().evaluate(stack(null), PROD,
                    List.of(new PolicyExemption(WorkerStateBackupRequired.ID, "",
                            "state is rebuilt from the platform's database after a loss")));
            assertEquals(List.of(), report.violations().stream().filter(f -> f.ruleId().equals(
                    WorkerStateBackupRequired.ID)).toList());
            assertTrue(report.findings().stream().anyMatch(f -> f.ruleId().equals(WorkerStateBackupRequired.ID)
                    && f.exemptionReason() != null), "the exempted finding is kept in the report");
        }

        @Test
        void the_policy_pack_passes_a_production_store_with_backup() {
            PolicyReport report = PolicyPack.defaults().evaluate(withBackup, PROD, List.of(RETENTION_NOT_VERSIONING));
            assertEquals(List.of(), report.violations().stream().filter(f -> f.ruleId().equals(
                    WorkerStateBackupRequired.ID) || f.ruleId().startsWith("CKV_GCP_")).toList());
            assertTrue(report.exempted().stream().anyMatch(f -> f.ruleId().equals(MemorystoreBackup.VERSIONING_RULE)),
                    "versioning is exempted: the bucket has a retention policy instead");
        }
    }

    @Nested
    class Bucket {
        private final SynthesizedResource bucket = PolicyPack.resources(stack(backup().build())).stream()
                .filter(r -> r.type().equals("google_storage_bucket")).findFirst().orElseThrow();

        private Evaluation run(PolicyRule rule, Consumer<ObjectNode> edit) {
            ObjectNode body = bucket.body().deepCopy();
            edit.accept(body);
            return rule.evaluate(new SynthesizedResource("google_storage_bucket", bucket.name(), body), DEV);
        }

        @Test
        void compliance_the_library_bucket_passes_three_and_has_a_retention_policy_instead_of_versioning() {
            for (PolicyRule rule : List.of(new StorageBucketCustomerManagedKey(),
                    new StorageBucketPublicAccessPrevention(), new StorageBucketUniformAccess())) {
                assertEquals(Evaluation.compliant(), run(rule, b -> { }), rule.id());
            }
            // Cloud Storage allows a retention policy or versioning, not both: the construct exempts CKV_GCP_78.
            assertEquals(Compliance.NON_COMPLIANT, run(new StorageBucketVersioning(), b -> { }).compliance());
            assertTrue(bucket.body().at("/retention_policy/retention_period").asLong() > 0);
        }

        @Test
        void noncompliance_CKV_GCP_5_no_customer_managed_key() {
            assertEquals(Evaluation.nonCompliant("encryption.default_kms_key_name is absent: objects are encrypted"
                    + " with a Google-managed key, not a customer-managed one"),
                    run(new StorageBucketCustomerManagedKey(), b -> b.remove("encryption")));
            assertEquals(Compliance.NON_COMPLIANT, run(new StorageBucketCustomerManagedKey(),
                    b -> b.putObject("encryption").put("default_kms_key_name", "")).compliance());
        }

        @Test
        void noncompliance_CKV_GCP_78_versioning_absent_or_off() {
            assertEquals(Compliance.NON_COMPLIANT, run(new StorageBucketVersioning(), b -> b.remove("versioning"))
                    .compliance());
            assertEquals(Evaluation.nonCompliant("versioning.enabled is not true: a deleted or overwritten backup is"
                    + " gone at once"), run(new StorageBucketVersioning(),
                    b -> b.putObject("versioning").put("enabled", false)));
        }

        @Test
        void noncompliance_CKV_GCP_114_public_access_prevention_absent_or_inherited() {
            assertEquals(Evaluation.nonCompliant("public_access_prevention is absent (inherited from the"
                    + " organization), not 'enforced'"), run(new StorageBucketPublicAccessPrevention(),
                    b -> b.remove("public_access_prevention")));
            assertEquals(Evaluation.nonCompliant("public_access_prevention is 'inherited', not 'enforced'"),
                    run(new StorageBucketPublicAccessPrevention(), b -> b.put("public_access_prevention",
                            "inherited")));
        }

        @Test
        void noncompliance_CKV_GCP_29_uniform_access_absent_or_off() {
            assertEquals(Compliance.NON_COMPLIANT, run(new StorageBucketUniformAccess(),
                    b -> b.remove("uniform_bucket_level_access")).compliance());
            assertEquals(Evaluation.nonCompliant("uniform_bucket_level_access is not true: object ACLs can grant"
                    + " access past the bucket's IAM policy"), run(new StorageBucketUniformAccess(),
                    b -> b.put("uniform_bucket_level_access", false)));
        }
    }
}
