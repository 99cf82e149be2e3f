package dev.kvstores.gcp;

import dev.kvstores.internal.CronSchedule;
import java.time.Duration;

/**
 * What the synthesis report says about a {@link MemorystoreBackup}: the durability line (schedule, bucket, key,
 * retention, recovery point, restore command) and the restore script.
 */
final class MemorystoreBackupReport {

    private MemorystoreBackupReport() {
    }

    /** The durability report's backup part. */
    static String summary(MemorystoreBackup backup, MemorystoreBackupProps props, MemorystoreBackup.Target target,
                          CronSchedule schedule, String keyName, boolean createdKey) {
        Duration gap = schedule.longestGap();
        String key = keyName == null ? "the bucket's own default CMEK (checked at plan)"
                : createdKey ? "CMEK key ring kvstores-" + props.environmentName() + "-backups, key "
                + MemorystoreBackup.limit(target.instanceName() + "-backups", 63) + " in " + target.region()
                + " (created, rotated every 90 days)" : "CMEK " + keyName;
        String retention = props.createBucket() ? "a bucket retention policy keeps each export "
                + props.effectiveRetentionDays() + " days (no identity can delete or replace it sooner"
                + (props.lockRetention() ? "; LOCKED: not even a project owner can remove or shorten the policy)"
                : "; unlocked: a project owner could remove the policy first;"
                        + " workerState.backup.destination.lockRetention locks it, irreversibly)")
                + ", then the lifecycle rule deletes it; the instance's export identity may only create objects"
                + " (storage.objects.create)"
                : "kept as the existing bucket's retention policy and lifecycle rules say";
        return "off-store backup: Memorystore export on '" + schedule.expression() + "' (cron, UTC; Cloud Scheduler"
                + " job and Workflows workflow " + backup.workflowName() + ") to gs://" + props.bucketName() + "/"
                + backup.objectPrefix() + "<UTC date>T<hhmmss>Z.rdb, " + key + ", " + retention + "; recovery point: a"
                + " restore from the newest export loses at most " + CronSchedule.words(gap) + " of writes (the schedule's longest"
                + " gap)" + (target.rdbSnapshotPeriod() == null ? "" : "; while the instance exists, its own RDB"
                + " snapshots (every " + target.rdbSnapshotPeriod().words() + ") lose less")
                + "; restore: `gcloud redis instances import gs://" + props.bucketName() + "/" + backup.objectPrefix()
                + "<stamp>.rdb <instance> --region=" + target.region() + "` (docs/platform-gcp.md, Backups and"
                + " restore)";
    }

    /**
     * A shell script restoring this store from its newest export (or from {@code $OBJECT} when set) into the
     * instance {@code $TARGET} (default: the store's own instance): it binds the import role to the target's
     * identity on the bucket, runs {@code gcloud redis instances import}, and removes the binding again.
     * Memorystore's import replaces all data and the instance is unavailable while it runs.
     */
    static String restoreScript(MemorystoreBackup backup, MemorystoreBackupProps props,
                                MemorystoreBackup.Target target) {
        String objectPrefix = backup.objectPrefix();
        String project = target.project() == null ? "gcloud config get-value project" : "echo " + target.project();
        String role = "projects/" + (target.project() == null ? "$PROJECT" : target.project())
                + "/roles/kvstoresRdbImportReader_"
                + MemorystoreBackup.shortHash(props.environmentName() + "|" + target.instanceName());
        return String.join("\n",
                "#!/usr/bin/env bash",
                "# Restore the Worker State Store " + target.instanceName() + " (" + props.environmentName()
                        + ") from an export in gs://" + props.bucketName() + "/" + objectPrefix,
                "# Import replaces every key of TARGET; the instance is unavailable while it runs.",
                "set -euo pipefail",
                // printenv instead of ${VAR:-default}: the report holds this script and must not read as Terraform.
                "PROJECT=\"$(printenv PROJECT || " + project + ")\"",
                "REGION=\"$(printenv REGION || echo " + target.region() + ")\"",
                "TARGET=\"$(printenv TARGET || echo " + target.instanceName() + ")\"",
                "OBJECT=\"$(printenv OBJECT || true)\"",
                "if [[ -z \"$OBJECT\" ]]; then",
                "  OBJECT=\"$(gcloud storage ls \"gs://" + props.bucketName() + "/" + objectPrefix + "*.rdb\""
                        + " | sort | tail -n 1)\" || OBJECT=\"\"",
                "fi",
                "[[ \"$OBJECT\" == gs://" + props.bucketName() + "/" + objectPrefix + "*.rdb ]] || { echo \"no"
                        + " export found under gs://" + props.bucketName() + "/" + objectPrefix + " (OBJECT='$OBJECT')\""
                        + " >&2; exit 1; }",
                "IDENTITY=\"$(gcloud redis instances describe \"$TARGET\" --region=\"$REGION\" --project=\"$PROJECT\""
                        + " --format='value(persistenceIamIdentity)')\"",
                "ROLE=\"" + role + "\"",
                "gcloud storage buckets add-iam-policy-binding \"gs://" + props.bucketName() + "\""
                        + " --member=\"$IDENTITY\" --role=\"$ROLE\" --project=\"$PROJECT\" >/dev/null",
                "trap 'gcloud storage buckets remove-iam-policy-binding \"gs://" + props.bucketName() + "\""
                        + " --member=\"$IDENTITY\" --role=\"$ROLE\" --project=\"$PROJECT\" >/dev/null' EXIT",
                "echo \"importing $OBJECT into $TARGET ($REGION)\"",
                "gcloud redis instances import \"$OBJECT\" \"$TARGET\" --region=\"$REGION\" --project=\"$PROJECT\"",
                "");
    }
}
