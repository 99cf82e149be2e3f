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
 */
public record WorkerStateExportProps(String schedule, int retentionDays, String bucketName, String kmsKeyArn) {

    public static final String DEFAULT_SCHEDULE = "0 1 * * *";
    public static final int DEFAULT_RETENTION_DAYS = 14;

    public WorkerStateExportProps {
        schedule = Objects.requireNonNullElse(schedule, DEFAULT_SCHEDULE);
        retentionDays = retentionDays == 0 ? DEFAULT_RETENTION_DAYS : retentionDays;
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
                .kmsKeyArn(kmsKeyArn);
    }

    /** Builder of {@link WorkerStateExportProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String schedule;
        private int retentionDays;
        private String bucketName;
        private String kmsKeyArn;

        private Builder() {
        }

        public Builder schedule(String value) { this.schedule = value; return this; }
        public Builder retentionDays(int value) { this.retentionDays = value; return this; }
        public Builder bucketName(String value) { this.bucketName = value; return this; }
        public Builder kmsKeyArn(String value) { this.kmsKeyArn = value; return this; }

        public WorkerStateExportProps build() {
            return new WorkerStateExportProps(schedule, retentionDays, bucketName, kmsKeyArn);
        }
    }
}
