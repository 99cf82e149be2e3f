package dev.kvstores.aws;

import java.util.Objects;

/**
 * Props of {@link WorkerStateExport}: the nightly, encrypted, off-store backup of an ElastiCache or MemoryDB
 * Worker State Store (a fresh snapshot exported to S3 and archived under a customer-managed KMS key).
 *
 * <pre>{@code
 * WorkerStateExportProps.builder()
 *     .schedule("0 1 * * *")          // 01:00 UTC every night
 *     .retentionDays(14)
 *     .objectLockMode(WorkerStateExportProps.ObjectLockMode.COMPLIANCE)   // locked 14 days (= retentionDays)
 *     .build();
 * }</pre>
 *
 * @param schedule      when the backup starts: a cron expression of five fields, UTC, running every day:
 *                      {@code <minute> <hour> * * *} with a minute of 0-59 and an hour of 0-23 (or hours separated by
 *                      commas, e.g. {@code 0 1,13 * * *}). It must not start inside the store's snapshot or
 *                      maintenance window nor in the 30 minutes before them. Default: {@value #DEFAULT_SCHEDULE}
 * @param retentionDays days each copy is kept in the archive bucket (1-3650); a deleted or overwritten copy stays
 *                      recoverable as a noncurrent version for as many days again. Default:
 *                      {@value #DEFAULT_RETENTION_DAYS}
 * @param bucketName    an existing S3 bucket to archive into (same region; you manage its encryption, versioning,
 *                      public access block and policy). Default: none, a bucket {@code <store>-<account>-<region>-bak}
 *                      is created
 * @param kmsKeyArn     customer-managed KMS key the archived copies are encrypted with. Default: none, a key with
 *                      yearly rotation and alias {@code alias/kvstores/<store>-backups} is created
 * @param objectLockMode how the created archive bucket's Object Lock protects each copy:
 *                      {@link ObjectLockMode#GOVERNANCE} (an identity with {@code s3:BypassGovernanceRetention} can
 *                      still delete; none this stack creates has it) or {@link ObjectLockMode#COMPLIANCE} (nobody,
 *                      not even the account root, can delete or shorten it before it ends). Default:
 *                      {@link ObjectLockMode#GOVERNANCE}; production files should choose COMPLIANCE
 * @param objectLockDays days each copy is locked (the bucket's default retention), 1 to {@code retentionDays}: a
 *                      lock longer than the retention would keep copies the report says are gone. Default (0):
 *                      {@code retentionDays}
 */
public record WorkerStateExportProps(String schedule, int retentionDays, String bucketName, String kmsKeyArn,
                                     ObjectLockMode objectLockMode, int objectLockDays) {

    public static final String DEFAULT_SCHEDULE = "0 1 * * *";
    public static final int DEFAULT_RETENTION_DAYS = 14;

    public WorkerStateExportProps {
        schedule = Objects.requireNonNullElse(schedule, DEFAULT_SCHEDULE);
        retentionDays = retentionDays == 0 ? DEFAULT_RETENTION_DAYS : retentionDays;
        objectLockMode = Objects.requireNonNullElse(objectLockMode, ObjectLockMode.GOVERNANCE);
        objectLockDays = objectLockDays == 0 ? retentionDays : objectLockDays;
    }

    /** S3 Object Lock retention modes ({@code ObjectLockRule.DefaultRetention.Mode}). */
    public enum ObjectLockMode {
        /** Protected against every identity without {@code s3:BypassGovernanceRetention}. */
        GOVERNANCE,
        /** Protected against every identity, the root user included, until the retention ends. */
        COMPLIANCE
    }

    /** Nightly at {@value #DEFAULT_SCHEDULE}, kept {@value #DEFAULT_RETENTION_DAYS} days, new bucket and key. */
    public static WorkerStateExportProps defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().schedule(schedule).retentionDays(retentionDays).bucketName(bucketName)
                .kmsKeyArn(kmsKeyArn).objectLockMode(objectLockMode).objectLockDays(objectLockDays);
    }

    /** Builder of {@link WorkerStateExportProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String schedule;
        private int retentionDays;
        private String bucketName;
        private String kmsKeyArn;
        private ObjectLockMode objectLockMode;
        private int objectLockDays;

        private Builder() {
        }

        public Builder schedule(String value) { this.schedule = value; return this; }
        public Builder retentionDays(int value) { this.retentionDays = value; return this; }
        public Builder bucketName(String value) { this.bucketName = value; return this; }
        public Builder kmsKeyArn(String value) { this.kmsKeyArn = value; return this; }
        public Builder objectLockMode(ObjectLockMode value) { this.objectLockMode = value; return this; }
        public Builder objectLockDays(int value) { this.objectLockDays = value; return this; }

        public WorkerStateExportProps build() {
            return new WorkerStateExportProps(schedule, retentionDays, bucketName, kmsKeyArn, objectLockMode,
                    objectLockDays);
        }
    }
}
