package dev.kvstores.gcp;

import java.util.List;
import java.util.Objects;

/**
 * Props of {@link MemorystoreBackup}: the scheduled, CMEK-encrypted export of a Memorystore for Redis Worker
 * State Store to Cloud Storage. Set on {@link MemorystoreWorkerStateStoreProps#backup()}.
 *
 * <pre>{@code
 * MemorystoreBackupProps.builder()
 *     .environmentName("gcp-prod")
 *     .bucketName("acme-suprsend-prod-gcp-prod-kvstores")   // created, with a key ring and key of its own
 *     .putNotificationChannelId("projects/acme-suprsend-prod/notificationChannels/123")
 *     .build();
 * }</pre>
 *
 * @param environmentName        path segment after the prefix: objects are
 *                               {@code gs://<bucket>/<prefix>/<environment>/<store>/<UTC stamp>.rdb}; required
 * @param bucketName             the Cloud Storage bucket; required. 3-63 lowercase letters, digits, {@code -},
 *                               {@code _}, starting and ending with a letter or digit (Cloud Storage's rules)
 * @param createBucket           create the bucket (uniform access, public access prevention, a retention policy,
 *                               CMEK, lifecycle). {@code false}: use an existing bucket; Terraform then checks at plan
 *                               that it has CMEK, a retention policy, uniform access and public access prevention.
 *                               Default: true
 * @param prefix                 first path segment of the objects. Default: {@value #DEFAULT_PREFIX}
 * @param schedule               cron expression (five fields, UTC) of the export. Default:
 *                               {@value #DEFAULT_SCHEDULE}, after the default maintenance window (Sunday 03:00 UTC)
 * @param retentionDays          a created bucket's retention policy: no identity can delete or replace an export
 *                               younger than this; the lifecycle rule deletes it at this age; 1-3650. Default:
 *                               {@value #DEFAULT_RETENTION_DAYS}. Not allowed with an existing bucket (its owner's
 *                               retention policy and lifecycle rules apply)
 * @param lockRetention          lock the created bucket's retention policy: a deliberate, IRREVERSIBLE step (the
 *                               policy can then never be removed or shortened, and the bucket cannot be deleted
 *                               while it holds an export younger than the retention; Terraform cannot undo it).
 *                               Unlocked, a project owner (roles/storage.admin) can still remove the policy and then
 *                               delete. Default: false
 * @param kmsKeyName             KMS key of a created bucket, {@code projects/<p>/locations/<region>/keyRings/<r>/cryptoKeys/<k>},
 *                               in the store's region. Default: a key ring {@code kvstores-<environment>-backups} and
 *                               key {@code <store>-backups} (rotated every 90 days) are created. Not allowed with an
 *                               existing bucket (its default key is checked instead)
 * @param notificationChannelIds Cloud Monitoring channels told about a failed export or a failed trigger. Default:
 *                               none (incidents only in the console)
 */
public record MemorystoreBackupProps(
        String environmentName,
        String bucketName,
        boolean createBucket,
        String prefix,
        String schedule,
        int retentionDays,
        boolean lockRetention,
        String kmsKeyName,
        List<String> notificationChannelIds) {

    /** Nightly at 04:30 UTC: after the default maintenance window (Sunday 03:00-04:00 UTC). */
    public static final String DEFAULT_SCHEDULE = "30 4 * * *";
    public static final int DEFAULT_RETENTION_DAYS = 14;
    public static final String DEFAULT_PREFIX = "kvstores";

    public MemorystoreBackupProps {
        Objects.requireNonNull(environmentName, "environmentName");
        Objects.requireNonNull(bucketName, "bucketName");
        prefix = Objects.requireNonNullElse(prefix, DEFAULT_PREFIX);
        schedule = Objects.requireNonNullElse(schedule, DEFAULT_SCHEDULE);
        notificationChannelIds = List.copyOf(Objects.requireNonNullElse(notificationChannelIds, List.of()));
    }

    /** The retention a created bucket keeps (the default when unset). */
    public int effectiveRetentionDays() {
        return retentionDays == 0 ? DEFAULT_RETENTION_DAYS : retentionDays;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().environmentName(environmentName).bucketName(bucketName).createBucket(createBucket)
                .prefix(prefix).schedule(schedule).retentionDays(retentionDays).lockRetention(lockRetention)
                .kmsKeyName(kmsKeyName);
        notificationChannelIds.forEach(b::putNotificationChannelId);
        return b;
    }

    /** Builder of {@link MemorystoreBackupProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String environmentName;
        private String bucketName;
        private boolean createBucket = true;
        private String prefix;
        private String schedule;
        private int retentionDays;
        private boolean lockRetention;
        private String kmsKeyName;
        private final java.util.ArrayList<String> notificationChannelIds = new java.util.ArrayList<>();

        private Builder() {
        }

        public Builder environmentName(String value) { this.environmentName = value; return this; }
        public Builder bucketName(String value) { this.bucketName = value; return this; }
        public Builder createBucket(boolean value) { this.createBucket = value; return this; }
        public Builder prefix(String value) { this.prefix = value; return this; }
        public Builder schedule(String value) { this.schedule = value; return this; }
        public Builder retentionDays(int value) { this.retentionDays = value; return this; }
        public Builder lockRetention(boolean value) { this.lockRetention = value; return this; }
        public Builder kmsKeyName(String value) { this.kmsKeyName = value; return this; }
        public Builder putNotificationChannelId(String value) { notificationChannelIds.add(value); return this; }

        public MemorystoreBackupProps build() {
            return new MemorystoreBackupProps(environmentName, bucketName, createBucket, prefix, schedule,
                    retentionDays, lockRetention, kmsKeyName, notificationChannelIds);
        }
    }
}
