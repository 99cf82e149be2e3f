package dev.kvstores.policy.rules.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.internal.CronSchedule;
import dev.kvstores.naming.BackupMarkers;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.policy.rules.WorkerStateBackupRequired;
import dev.kvstores.role.StoreRole;
import java.util.List;
import java.util.Set;

/**
 * KVS-BACKUP-REQUIRED on GCP: in production, every Memorystore Worker State Store ({@code google_redis_instance}
 * labelled {@code kvstores-role: worker-state}) has a scheduled, CMEK-encrypted, off-store export: a
 * {@code google_workflows_workflow} whose source calls {@value BackupMarkers#GCP_EXPORT_CONNECTOR} for that instance
 * ({@code user_env_vars.KVSTORES_INSTANCE}), a {@code google_cloud_scheduler_job} that starts it, is not paused and
 * runs at least once a day (the vendor guide: nightly), a bucket of the stack with a default customer-managed key
 * (or an existing bucket whose plan-time postcondition checks one), and a bucket grant to the instance's
 * {@code persistence_iam_identity}. Outside production: not applicable. The same rule ID as the in-cluster rule
 * ({@link WorkerStateBackupRequired}), so one exemption ({@code workerState.backupExemptionReason}) covers it.
 */
public final class MemorystoreBackupRequired implements StackRule {


    @Override public String id() { return WorkerStateBackupRequired.ID; }
    @Override public String source() { return "vendor guide, Backups (Worker State): encrypted snapshots in object storage, nightly"; }
    @Override public String description() { return "production Memorystore worker state store has a daily scheduled export to a CMEK bucket"; }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("google_redis_instance");
    }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context, List<SynthesizedResource> stack) {
        String role = resource.body().path("labels").path(RedisInstanceRule.ROLE_LABEL).asText("");
        String name = resource.text("name");
        if (!StoreRole.WORKER_STATE.label().equals(role) || name == null || !context.production()) {
            return Evaluation.notApplicable();
        }
        SynthesizedResource workflow = null;
        for (SynthesizedResource r : stack) {
            if (r.type().equals("google_workflows_workflow") && r.body().path("user_env_vars")
                    .path(BackupMarkers.GCP_ENV_INSTANCE).asText("").endsWith("/instances/" + name)) {
                workflow = r;
                break;
            }
        }
        if (workflow == null) {
            return Evaluation.nonCompliant("worker state store '" + name + "' has no export workflow"
                    + " (google_workflows_workflow with " + BackupMarkers.GCP_ENV_INSTANCE + " .../instances/" + name
                    + "); add workerState.backup (or an exemption with a reason, workerState.backupExemptionReason)");
        }
        if (!workflow.text("source_contents").contains("call: " + BackupMarkers.GCP_EXPORT_CONNECTOR)) {
            return Evaluation.nonCompliant(workflow.address() + " does not call " + BackupMarkers.GCP_EXPORT_CONNECTOR);
        }
        Evaluation schedule = schedule(workflow, stack);
        if (schedule != null) {
            return schedule;
        }
        String bucket = workflow.body().path("user_env_vars").path(BackupMarkers.GCP_ENV_BUCKET).asText("");
        Evaluation key = bucketKey(bucket, stack);
        if (key != null) {
            return key;
        }
        String identity = "${google_redis_instance." + resource.name() + ".persistence_iam_identity}";
        boolean writable = stack.stream().anyMatch(r -> r.type().equals("google_storage_bucket_iam_member")
                && identity.equals(r.text("member")));
        return Evaluation.check(writable, "no google_storage_bucket_iam_member grants the instance's identity ("
                + "persistence_iam_identity) access to bucket " + bucket + ": the export cannot write");
    }

    /** The workflow's scheduler job: present, not paused, at least daily; {@code null} when all is well. */
    private static Evaluation schedule(SynthesizedResource workflow, List<SynthesizedResource> stack) {
        String target = "/workflows/" + workflow.text("name") + "/executions";
        for (SynthesizedResource job : stack) {
            if (!job.type().equals("google_cloud_scheduler_job") || !SynthesizedResource.block(job.body(),
                    "http_target").path("uri").asText("").endsWith(target)) {
                continue;
            }
            if (RedisInstanceRule.isTrue(job.body().path("paused"))) {
                return Evaluation.nonCompliant(job.address() + " is paused: no export runs");
            }
            String problem = CronSchedule.productionScheduleProblem(job.text("schedule"));
            if (problem != null) {
                return Evaluation.nonCompliant(job.address() + " " + problem);
            }
            return null;
        }
        return Evaluation.nonCompliant(workflow.address() + " has no google_cloud_scheduler_job starting it"
                + " (http_target.uri ending in " + target + "): the export never runs");
    }

    /** The bucket's customer-managed key: {@code null} when the bucket of the stack (or its check) has one. */
    private static Evaluation bucketKey(String bucket, List<SynthesizedResource> stack) {
        for (SynthesizedResource r : stack) {
            if (r.type().equals("google_storage_bucket") && bucket.equals(r.text("name"))) {
                String key = SynthesizedResource.block(r.body(), "encryption").path("default_kms_key_name").asText("");
                return key.isBlank() ? Evaluation.nonCompliant("backup bucket " + bucket + " (" + r.address()
                        + ") has no default customer-managed key (encryption.default_kms_key_name)") : null;
            }
            if (r.type().equals("data.google_storage_bucket") && bucket.equals(r.text("name"))) {
                for (JsonNode check : r.body().path("lifecycle").path("postcondition")) {
                    if (check.path("condition").asText("").contains("default_kms_key_name")) {
                        return null;
                    }
                }
                return Evaluation.nonCompliant("existing backup bucket " + bucket + " (" + r.address() + ") is not"
                        + " checked for a default customer-managed key (no postcondition on default_kms_key_name)");
            }
        }
        return Evaluation.nonCompliant("backup bucket '" + bucket + "' is neither created nor read by this stack;"
                + " its encryption cannot be checked");
    }
}
