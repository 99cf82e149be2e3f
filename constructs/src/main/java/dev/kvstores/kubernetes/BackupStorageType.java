package dev.kvstores.kubernetes;

/** Object stores a Worker State backup can go to, with the rclone backend that writes to each. */
public enum BackupStorageType {
    /** Amazon S3 or an S3-compatible store (an {@code endpoint} selects the latter). */
    S3("s3"),
    /** Google Cloud Storage. */
    GCS("google cloud storage"),
    /** Azure Blob Storage (a container of a storage account). */
    AZURE_BLOB("azureblob");

    private final String rcloneType;

    BackupStorageType(String rcloneType) {
        this.rcloneType = rcloneType;
    }

    /** The rclone backend ({@code RCLONE_CONFIG_<REMOTE>_TYPE}). */
    public String rcloneType() {
        return rcloneType;
    }
}
