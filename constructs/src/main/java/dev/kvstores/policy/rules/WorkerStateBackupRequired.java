package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.internal.CronSchedule;
import dev.kvstores.naming.BackupMarkers;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import dev.kvstores.role.StoreRole;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KVS-BACKUP-REQUIRED: in production, every in-cluster Worker State Store (a {@code helm_release} or a KVRocks
 * {@code kubernetes_stateful_set_v1} labelled {@code kvstores.dev/role: worker-state}) has a scheduled, encrypted,
 * off-store backup: a {@code kubernetes_cron_job_v1} labelled {@value BackupMarkers#KUBERNETES_BACKUP_OF_LABEL} with the
 * store's name, with a schedule, an {@code age} recipient ({@code AGE_RECIPIENT_FILE}) and an object-store
 * destination ({@code BACKUP_DEST}, {@code RCLONE_CONFIG_DEST_TYPE}). On AWS, every worker-state ElastiCache
 * replication group or MemoryDB cluster needs the export of {@link AwsBackupCheck}: a scheduled state machine that
 * exports the store's snapshot to S3 and archives it under a customer-managed KMS key. Outside production: not
 * applicable. An exemption with a reason (e.g. a store whose state can be rebuilt) covers it.
 */
public final class WorkerStateBackupRequired implements StackRule {

    /** The rule's ID. */
    public static final String ID = "KVS-BACKUP-REQUIRED";
    private static final List<String> REQUIRED_ENV = List.of("AGE_RECIPIENT_FILE", "BACKUP_DEST",
            "RCLONE_CONFIG_DEST_TYPE");

    @Override public String id() { return ID; }
    @Override public String source() { return "vendor guide, Backups (Worker State): encrypted snapshots in object storage, nightly"; }
    @Override public String description() { return "production in-cluster worker state store has a scheduled, encrypted, off-store backup"; }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("helm_release", "kubernetes_stateful_set_v1", "kubernetes_stateful_set",
                AwsBackupCheck.REPLICATION_GROUP, AwsBackupCheck.MEMORYDB_CLUSTER);
    }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context, List<SynthesizedResource> stack) {
        if (AwsBackupCheck.applies(resource)) {
            return context.production() ? AwsBackupCheck.evaluate(resource, stack) : Evaluation.notApplicable();
        }
        String store = workerStateStoreName(resource);
        if (store == null) {
            return Evaluation.notApplicable();
        }
        if (!context.production()) {
            return Evaluation.notApplicable();
        }
        for (SynthesizedResource other : stack) {
            if (!other.type().startsWith("kubernetes_cron_job")) {
                continue;
            }
            JsonNode metadata = SynthesizedResource.block(other.body(), "metadata");
            if (!store.equals(metadata.path("labels").path(BackupMarkers.KUBERNETES_BACKUP_OF_LABEL).asText(null))) {
                continue;
            }
            JsonNode spec = SynthesizedResource.block(other.body(), "spec");
            if (spec.path("schedule").asText("").isBlank()) {
                return Evaluation.nonCompliant(other.address() + " has no schedule");
            }
            if (spec.path("suspend").asBoolean(false)) {
                return Evaluation.nonCompliant(other.address() + " is suspended");
            }
            String scheduleProblem = CronSchedule.productionScheduleProblem(spec.path("schedule").asText());
            if (scheduleProblem != null) {
                return Evaluation.nonCompliant(other.address() + " " + scheduleProblem);
            }
            JsonNode pod = SynthesizedResource.block(SynthesizedResource.block(SynthesizedResource.block(
                    SynthesizedResource.block(spec, "job_template"), "spec"), "template"), "spec");
            Set<String> env = new HashSet<>();
            for (JsonNode container : KubernetesRule.blocks(pod, "container")) {
                for (JsonNode e : KubernetesRule.blocks(container, "env")) {
                    if (!e.path("value").asText("").isBlank() || !e.path("value_from").isMissingNode()) {
                        env.add(e.path("name").asText());
                    }
                }
            }
            for (String name : REQUIRED_ENV) {
                if (!env.contains(name)) {
                    return Evaluation.nonCompliant(other.address() + " sets no " + name
                            + " (encryption key and object-store destination)");
                }
            }
            return Evaluation.compliant();
        }
        return Evaluation.nonCompliant("worker state store '" + store + "' has no backup CronJob labelled "
                + BackupMarkers.KUBERNETES_BACKUP_OF_LABEL + "=" + store + "; add workerState.backup (or an exemption"
                + " with a reason, workerState.backupExemptionReason)");
    }

    /** The store's name when {@code resource} is an in-cluster Worker State Store, else {@code null}. */
    private static String workerStateStoreName(SynthesizedResource resource) {
        String worker = StoreRole.WORKER_STATE.label();
        if ("helm_release".equals(resource.type())) {
            for (Map<String, Object> values : resource.valuesDocuments()) {
                if (values.get("commonLabels") instanceof Map<?, ?> labels
                        && worker.equals(String.valueOf(labels.get(StoreRole.LABEL_KEY)))) {
                    return resource.text("name");
                }
            }
            return null;
        }
        JsonNode metadata = SynthesizedResource.block(resource.body(), "metadata");
        return worker.equals(metadata.path("labels").path(StoreRole.LABEL_KEY).asText(null))
                ? metadata.path("name").asText(null) : null;
    }
}
