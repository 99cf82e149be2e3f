package dev.kvstores.kubernetes;

import java.util.List;

/**
 * What the in-cluster backup's destination must enforce, because the job itself never deletes: the least privilege
 * of the job's identity per destination type, and the commands that make the bucket keep every copy for the
 * retention and expire it afterwards (a lock / retention policy / immutability policy plus a lifecycle rule). The
 * synthesis report and docs/platform-kubernetes.md ("Backups and restore (Kubernetes)") print them.
 *
 * <p>Why create-only is enough: every object the job writes has a new name ({@code <stamp>/...}), the upload does
 * not look at the destination first ({@code rclone copyto --no-check-dest}, S3 {@code no_head}, no bucket check) and
 * the job never lists, reads or deletes. A write-only identity that is stolen can add objects but not remove or
 * replace the ones the lock protects.
 */
public final class BackupRetention {

    /** S3 actions of the job's identity: PutObject covers single and multipart uploads. */
    public static final List<String> S3_WRITER_ACTIONS = List.of("s3:PutObject", "s3:AbortMultipartUpload");
    /** The predefined GCS role with only {@code storage.objects.create} (and multipart/managed-folder create). */
    public static final String GCS_WRITER_ROLE = "roles/storage.objectCreator";
    /** Azure data actions of the job's identity on the container (a custom role; no delete, no read). */
    public static final List<String> AZURE_WRITER_DATA_ACTIONS = List.of(
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action");

    private BackupRetention() {
    }

    /** One phrase for the report: what the job's identity needs. */
    public static String writerPermissionsSummary(BackupStorageType type) {
        return switch (type) {
            case S3 -> String.join(" + ", S3_WRITER_ACTIONS) + " on the folder (plus kms:GenerateDataKey on an"
                    + " SSE-KMS bucket's key); no s3:DeleteObject, s3:GetObject or s3:ListBucket";
            case GCS -> GCS_WRITER_ROLE + " on the bucket (storage.objects.create); no delete, get or list";
            case AZURE_BLOB -> "a custom role with only the data actions " + String.join(" and ",
                    AZURE_WRITER_DATA_ACTIONS) + " on the container; no delete, read or list (and no account key)";
        };
    }

    /**
     * The job identity's policy, ready to paste: S3 an IAM policy document for the folder, GCS the binding command,
     * Azure a custom role definition (JSON) scoped to the container.
     *
     * @param destination the destination
     * @param folder      {@code <bucket>/<prefix>/<environment>/<store>}
     */
    public static String writerPermissions(BackupDestination destination, String folder) {
        String below = folder.substring(destination.bucket().length());
        return switch (destination.type()) {
            case S3 -> "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"CreateBackupObjectsOnly\","
                    + "\"Effect\":\"Allow\",\"Action\":[\"" + String.join("\",\"", S3_WRITER_ACTIONS) + "\"],"
                    + "\"Resource\":\"arn:aws:s3:::" + folder + "/*\"}]}";
            case GCS -> "gcloud storage buckets add-iam-policy-binding gs://" + destination.bucket()
                    + " --member=serviceAccount:<job service account> --role=" + GCS_WRITER_ROLE;
            case AZURE_BLOB -> "{\"Name\":\"kvstores backup writer\",\"IsCustom\":true,\"Actions\":[],"
                    + "\"DataActions\":[\"" + String.join("\",\"", AZURE_WRITER_DATA_ACTIONS) + "\"],"
                    + "\"AssignableScopes\":[\"<storage account ID>/blobServices/default/containers/"
                    + destination.bucket() + "\"]}" + (below.isEmpty() ? "" : " (assigned on the container: Azure RBAC"
                    + " cannot scope below it; the immutability policy protects the other folders' copies)");
        };
    }

    /**
     * The commands that make the destination keep each copy {@code days} days and expire it afterwards, in order;
     * placeholders in angle brackets.
     */
    public static List<String> commands(BackupDestination destination, String folder, int days) {
        String bucket = destination.bucket();
        String prefix = folder.substring(bucket.length()).replaceAll("^/+", "");
        return switch (destination.type()) {
            case S3 -> List.of(
                    "aws s3api create-bucket --bucket " + bucket + " --object-lock-enabled-for-bucket"
                            + (destination.region() == null ? "" : " --region " + destination.region()
                            + " --create-bucket-configuration LocationConstraint=" + destination.region())
                            + "   # Object Lock exists only on a bucket created with it (it turns versioning on)",
                    "aws s3api put-object-lock-configuration --bucket " + bucket + " --object-lock-configuration"
                            + " '{\"ObjectLockEnabled\":\"Enabled\",\"Rule\":{\"DefaultRetention\":{\"Mode\":"
                            + "\"COMPLIANCE\",\"Days\":" + days + "}}}'   # GOVERNANCE lets an identity with"
                            + " s3:BypassGovernanceRetention delete; COMPLIANCE lets nobody",
                    "aws s3api put-bucket-lifecycle-configuration --bucket " + bucket + " --lifecycle-configuration"
                            + " '{\"Rules\":[{\"ID\":\"kvstores-backups-expire\",\"Status\":\"Enabled\",\"Filter\":"
                            + "{\"Prefix\":\"" + prefix + "/\"},\"Expiration\":{\"Days\":" + days + "},"
                            + "\"NoncurrentVersionExpiration\":{\"NoncurrentDays\":1},"
                            + "\"AbortIncompleteMultipartUpload\":{\"DaysAfterInitiation\":1}}]}'",
                    "attach to the job's role (IRSA) or user only: " + writerPermissions(destination, folder));
            case GCS -> List.of(
                    "gcloud storage buckets update gs://" + bucket + " --no-versioning --retention-period=" + days
                            + "d   # a retention policy and Object Versioning exclude each other",
                    "gcloud storage buckets update gs://" + bucket + " --lifecycle-file=<file with {\"rule\":"
                            + "[{\"action\":{\"type\":\"Delete\"},\"condition\":{\"age\":" + days + ",\"matchesPrefix\":"
                            + "[\"" + prefix + "/\"]}}]}>",
                    "optional, IRREVERSIBLE (the bucket can then never hold copies for less, nor be deleted while"
                            + " it holds any): gcloud storage buckets update gs://" + bucket
                            + " --lock-retention-period",
                    writerPermissions(destination, folder));
            case AZURE_BLOB -> List.of(
                    "az storage container immutability-policy create --resource-group <account's group>"
                            + " --account-name " + destination.account() + " --container-name " + bucket
                            + " --period " + days + "   # time-based retention: blobs cannot be overwritten or"
                            + " deleted for " + days + " days after creation",
                    "optional, IRREVERSIBLE for the policy's life (it can then only be extended): az storage container"
                            + " immutability-policy lock --resource-group <account's group> --account-name "
                            + destination.account() + " --container-name " + bucket + " --if-match <etag>",
                    "a lifecycle management rule deleting block blobs under " + bucket + "/" + prefix + "/ "
                            + (days + 1) + " days after creation",
                    "assign only this role to the job's identity: " + writerPermissions(destination, folder));
        };
    }
}
