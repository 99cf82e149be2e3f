package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstores.naming.AwsTags;
import dev.kvstores.naming.BackupMarkers;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.role.StoreRole;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWS half of KVS-BACKUP-REQUIRED: a worker-state ElastiCache replication group or MemoryDB cluster (tag
 * {@code kvstores.dev/role: worker-state}) has an {@code aws_sfn_state_machine} tagged
 * {@value BackupMarkers#AWS_BACKUP_OF_TAG} with the store's name whose definition snapshots the store
 * ({@code createSnapshot}), exports it to S3 ({@code copySnapshot} with {@code TargetBucket}) and writes the copies
 * with {@code aws:kms} and a key ({@code createMultipartUpload} with {@code ServerSideEncryption} and
 * {@code SSEKMSKeyId}), started by an enabled {@code aws_scheduler_schedule} with a schedule expression.
 */
final class AwsBackupCheck {

    static final String REPLICATION_GROUP = "aws_elasticache_replication_group";
    static final String MEMORYDB_CLUSTER = "aws_memorydb_cluster";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsBackupCheck() {
    }

    static boolean applies(SynthesizedResource resource) {
        return REPLICATION_GROUP.equals(resource.type()) || MEMORYDB_CLUSTER.equals(resource.type());
    }

    static Evaluation evaluate(SynthesizedResource resource, List<SynthesizedResource> stack) {
        if (!StoreRole.WORKER_STATE.label().equals(resource.body().path("tags").path(AwsTags.ROLE).asText(null))) {
            return Evaluation.notApplicable();
        }
        String store = resource.text(REPLICATION_GROUP.equals(resource.type()) ? "replication_group_id" : "name");
        String service = REPLICATION_GROUP.equals(resource.type()) ? "elasticache" : "memorydb";
        List<String> problems = new ArrayList<>();
        for (SynthesizedResource machine : stack) {
            if (!"aws_sfn_state_machine".equals(machine.type())
                    || !String.valueOf(store).equals(machine.body().path("tags")
                            .path(BackupMarkers.AWS_BACKUP_OF_TAG).asText(null))) {
                continue;
            }
            String problem = definitionProblem(machine, service);
            if (problem == null) {
                problem = scheduleProblem(machine, stack);
            }
            if (problem == null) {
                return Evaluation.compliant();
            }
            problems.add(problem);
        }
        if (!problems.isEmpty()) {
            return Evaluation.nonCompliant(String.join("; ", problems));
        }
        return Evaluation.nonCompliant("worker state store '" + store + "' has no backup state machine tagged "
                + BackupMarkers.AWS_BACKUP_OF_TAG + "=" + store + "; add workerState.backup (or an exemption with a"
                + " reason, workerState.backupExemptionReason)");
    }

    /** What the definition lacks, or {@code null}. */
    private static String definitionProblem(SynthesizedResource machine, String service) {
        JsonNode definition;
        try {
            definition = JSON.readTree(machine.text("definition"));
        } catch (Exception e) {
            return machine.address() + " has no readable definition";
        }
        boolean snapshot = false;
        boolean export = false;
        boolean encrypted = false;
        for (JsonNode task : definition.findParents("Resource")) {
            String resource = task.path("Resource").asText("");
            JsonNode arguments = task.path("Arguments").isMissingNode() ? task.path("Parameters")
                    : task.path("Arguments");
            snapshot |= resource.endsWith(":aws-sdk:" + service + ":createSnapshot");
            export |= resource.endsWith(":aws-sdk:" + service + ":copySnapshot")
                    && !arguments.path("TargetBucket").asText("").isBlank();
            encrypted |= resource.endsWith(":aws-sdk:s3:createMultipartUpload")
                    && "aws:kms".equals(arguments.path("ServerSideEncryption").asText())
                    && !arguments.path("SSEKMSKeyId").asText("").isBlank();
        }
        if (!snapshot || !export) {
            return machine.address() + " does not snapshot the store and export it to S3 (" + service
                    + ":createSnapshot, " + service + ":copySnapshot with TargetBucket)";
        }
        if (!encrypted) {
            return machine.address() + " does not write its copies encrypted with a KMS key"
                    + " (s3:createMultipartUpload with ServerSideEncryption aws:kms and SSEKMSKeyId)";
        }
        return null;
    }

    /** What the schedule of {@code machine} lacks, or {@code null}. */
    private static String scheduleProblem(SynthesizedResource machine, List<SynthesizedResource> stack) {
        String reference = "${" + machine.address() + ".arn}";
        for (SynthesizedResource schedule : stack) {
            if (!"aws_scheduler_schedule".equals(schedule.type())
                    || !reference.equals(SynthesizedResource.block(schedule.body(), "target").path("arn").asText())) {
                continue;
            }
            if ("DISABLED".equals(schedule.text("state"))) {
                return schedule.address() + " is DISABLED";
            }
            if (schedule.text("schedule_expression") == null || schedule.text("schedule_expression").isBlank()) {
                return schedule.address() + " has no schedule_expression";
            }
            return null;
        }
        return machine.address() + " is started by no aws_scheduler_schedule";
    }
}
