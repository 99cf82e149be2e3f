package dev.kvstores.kubernetes;

import java.util.Objects;

/**
 * Where Worker State backups go: a bucket (S3, GCS) or a container of a storage account (Azure Blob), and a
 * prefix inside it. Objects are named {@code <prefix>/<environment>/<store>/<UTC date>T<time>Z.rdb.age}.
 *
 * <pre>{@code
 * BackupDestination.s3("acme-kvstores-backups", "eu-west-1").withPrefix("kvstores")
 * BackupDestination.gcs("acme-kvstores-backups")
 * BackupDestination.azureBlob("acmebackups", "kvstores-backups")
 * }</pre>
 *
 * <p>The names are checked when the backup is built (a {@code StoreConfigException} names the field): they become
 * the job's rclone path and the report's writer policy, so each is a name the object store accepts.
 *
 * @param type     the object store
 * @param bucket   the bucket (S3: 3-63 lowercase letters, digits, '.' and '-'; GCS: 3-222 of those and '_') or
 *                 container (Azure Blob: 3-63 lowercase letters, digits and single hyphens), starting and ending with
 *                 a letter or digit
 * @param prefix   path inside the bucket: folders of letters, digits, '.', '_' and '-', each starting with a letter or
 *                 digit, separated by '/'. Default: {@value #DEFAULT_PREFIX}
 * @param region   S3 region (lowercase letters, digits, '-'); Default: none (GCS and Azure need none)
 * @param endpoint S3-compatible endpoint or Azure Blob endpoint, an http(s) URL with a host (its port is the one
 *                 the job's NetworkPolicy opens); Default: the cloud's public endpoint
 * @param account  Azure storage account (3-24 lowercase letters and digits); required for
 *                 {@link BackupStorageType#AZURE_BLOB}, else none
 */
public record BackupDestination(BackupStorageType type, String bucket, String prefix, String region,
                                String endpoint, String account) {

    public static final String DEFAULT_PREFIX = "kvstores";

    public BackupDestination {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bucket, "bucket");
        prefix = Objects.requireNonNullElse(prefix, DEFAULT_PREFIX);
        if (type == BackupStorageType.AZURE_BLOB) {
            Objects.requireNonNull(account, "account");
        }
    }

    /** An S3 bucket in {@code region}. */
    public static BackupDestination s3(String bucket, String region) {
        return new BackupDestination(BackupStorageType.S3, bucket, null, Objects.requireNonNull(region, "region"),
                null, null);
    }

    /** A GCS bucket. */
    public static BackupDestination gcs(String bucket) {
        return new BackupDestination(BackupStorageType.GCS, bucket, null, null, null, null);
    }

    /** A container of an Azure storage account. */
    public static BackupDestination azureBlob(String account, String container) {
        return new BackupDestination(BackupStorageType.AZURE_BLOB, container, null, null, null, account);
    }

    /** The same destination with another prefix. */
    public BackupDestination withPrefix(String value) {
        return new BackupDestination(type, bucket, value, region, endpoint, account);
    }

    /** The same destination with another endpoint (an S3-compatible store, a sovereign cloud). */
    public BackupDestination withEndpoint(String value) {
        return new BackupDestination(type, bucket, prefix, region, value, account);
    }
}
