package dev.kvstores.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Props of {@link WorkerStateBackup}: the nightly, client-side encrypted, off-store backup of an in-cluster
 * Worker State Store.
 *
 * <pre>{@code
 * WorkerStateBackupProps.builder()
 *     .environmentName("kubernetes-prod")
 *     .destination(BackupDestination.s3("acme-kvstores-backups", "eu-west-1"))
 *     .encryptionKeySecretName("kvstores-backup-age")       // key "recipient": an age public key
 *     .image("registry.example.com/kvstores/worker-state-backup:1.0.0")
 *     .putWorkloadIdentityAnnotation("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/kvstores-backup")
 *     .build();
 * }</pre>
 *
 * @param environmentName         path segment after the prefix ({@code <prefix>/<environment>/<store>/...});
 *                                required
 * @param destination             bucket or container; required
 * @param encryptionKeySecretName Secret in the store's namespace whose key {@value #RECIPIENT_KEY} holds the
 *                                {@code age} recipient (public key, {@code age1...}); the private key never enters
 *                                the cluster; required
 * @param image                   image with {@code bash}, {@code redis-cli}, {@code redis-check-rdb}, {@code age},
 *                                {@code rclone} and {@code jq} (no public image has all of them: build
 *                                {@value #DOCKERFILE}), pinned by a version tag ({@code :1.0.0}) or a digest
 *                                ({@code @sha256:...}); no tag, or {@code latest}, fails; required
 * @param schedule                cron expression, UTC. Default: {@value #DEFAULT_SCHEDULE}
 * @param retentionDays           copies older than this are deleted by the job (set the bucket's lifecycle rule to
 *                                the same age as a second line). Default: {@value #DEFAULT_RETENTION_DAYS}; 1-3650
 * @param credentialsSecretName   Secret in the store's namespace with the object store's credentials (S3: keys
 *                                {@code access-key-id}, {@code secret-access-key}; GCS: {@code service-account.json};
 *                                Azure: {@code account-key}). Default: none, the workload identity is used
 * @param workloadIdentityAnnotations annotations of the job's ServiceAccount binding it to a cloud identity
 *                                (IRSA {@code eks.amazonaws.com/role-arn}, GKE {@code iam.gke.io/gcp-service-account},
 *                                Azure {@code azure.workload.identity/client-id}). Default: none
 * @param activeDeadlineSeconds   a run taking longer is stopped and fails. Default: {@value #DEFAULT_ACTIVE_DEADLINE_SECONDS}
 * @param backoffLimit            retries of a failed run. Default: {@value #DEFAULT_BACKOFF_LIMIT}
 * @param objectStoreEgress       the object store's CIDRs for the job's upload egress, or the reason none can be
 *                                known ({@link ObjectStoreEgress}). Default: {@link ObjectStoreEgress#unrestricted()}
 *                                (any address on the object store's port); production stacks require one of the two
 */
public record WorkerStateBackupProps(
        String environmentName,
        BackupDestination destination,
        String encryptionKeySecretName,
        String image,
        String schedule,
        int retentionDays,
        String credentialsSecretName,
        Map<String, String> workloadIdentityAnnotations,
        int activeDeadlineSeconds,
        int backoffLimit,
        ObjectStoreEgress objectStoreEgress) {

    public static final String DEFAULT_SCHEDULE = "17 3 * * *";
    public static final int DEFAULT_RETENTION_DAYS = 14;
    public static final int DEFAULT_ACTIVE_DEADLINE_SECONDS = 10800;
    public static final int DEFAULT_BACKOFF_LIMIT = 2;
    /** Where the job image's Dockerfile is, in the repository. */
    public static final String DOCKERFILE = "constructs/src/main/docker/worker-state-backup/Dockerfile";
    private static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}$");
    private static final Pattern TAG = Pattern.compile(":[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");

    /** Key of the age recipient in the encryption key Secret. */
    public static final String RECIPIENT_KEY = "recipient";

    public WorkerStateBackupProps {
        Objects.requireNonNull(environmentName, "environmentName");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(encryptionKeySecretName, "encryptionKeySecretName");
        Objects.requireNonNull(image, "image");
        schedule = Objects.requireNonNullElse(schedule, DEFAULT_SCHEDULE);
        retentionDays = retentionDays > 0 ? retentionDays : DEFAULT_RETENTION_DAYS;
        workloadIdentityAnnotations = Map.copyOf(Objects.requireNonNullElse(workloadIdentityAnnotations, Map.of()));
        activeDeadlineSeconds = activeDeadlineSeconds > 0 ? activeDeadlineSeconds : DEFAULT_ACTIVE_DEADLINE_SECONDS;
        backoffLimit = backoffLimit >= 0 ? backoffLimit : DEFAULT_BACKOFF_LIMIT;
        objectStoreEgress = Objects.requireNonNullElse(objectStoreEgress, ObjectStoreEgress.unrestricted());
    }

    /**
     * Why {@code image} is not pinned, naming the field and the fix, or {@code null} when it names a version tag or
     * a digest. No tag means {@code latest}: whatever was pushed last would run against the worker state.
     */
    public static String unpinnedImageProblem(String image) {
        String last = image.substring(image.lastIndexOf('/') + 1);
        if (DIGEST.matcher(image).find()) {
            return null;
        }
        if (last.contains("@")) {
            return "image must be pinned by a version tag or a digest, got '" + image + "': a digest is"
                    + " @sha256: and 64 lowercase hex digits";
        }
        if (TAG.matcher(last).find() && !last.toLowerCase(java.util.Locale.ROOT).endsWith(":latest")) {
            return null;
        }
        String problem = TAG.matcher(last).find() ? "its tag is 'latest'" : "it has no tag (that means 'latest')";
        String repository = last.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        return "image must be pinned by a version tag or a digest, got '" + image + "': " + problem
                + ", which moves, so the job would run whatever was pushed last; build " + DOCKERFILE
                + ", push it and set image to e.g. " + repository + ":1.0.0 or " + repository + "@sha256:<digest>";
    }

    /** The annotations in key order (stable output). */
    public Map<String, String> sortedWorkloadIdentityAnnotations() {
        return new TreeMap<>(workloadIdentityAnnotations);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.environmentName = environmentName;
        b.destination = destination;
        b.encryptionKeySecretName = encryptionKeySecretName;
        b.image = image;
        b.schedule = schedule;
        b.retentionDays = retentionDays;
        b.credentialsSecretName = credentialsSecretName;
        b.workloadIdentityAnnotations.putAll(workloadIdentityAnnotations);
        b.activeDeadlineSeconds = activeDeadlineSeconds;
        b.backoffLimit = backoffLimit;
        b.objectStoreEgress = objectStoreEgress;
        return b;
    }

    /** Builder of {@link WorkerStateBackupProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String environmentName;
        private BackupDestination destination;
        private String encryptionKeySecretName;
        private String image;
        private String schedule;
        private int retentionDays;
        private String credentialsSecretName;
        private final Map<String, String> workloadIdentityAnnotations = new LinkedHashMap<>();
        private int activeDeadlineSeconds;
        private int backoffLimit = -1;
        private ObjectStoreEgress objectStoreEgress;

        private Builder() {
        }

        public Builder environmentName(String value) { this.environmentName = value; return this; }
        public Builder destination(BackupDestination value) { this.destination = value; return this; }
        public Builder encryptionKeySecretName(String value) { this.encryptionKeySecretName = value; return this; }
        public Builder image(String value) { this.image = value; return this; }
        public Builder schedule(String value) { this.schedule = value; return this; }
        public Builder retentionDays(int value) { this.retentionDays = value; return this; }
        public Builder credentialsSecretName(String value) { this.credentialsSecretName = value; return this; }
        public Builder workloadIdentityAnnotations(Map<String, String> value) { workloadIdentityAnnotations.clear(); workloadIdentityAnnotations.putAll(value); return this; }
        public Builder putWorkloadIdentityAnnotation(String key, String value) { workloadIdentityAnnotations.put(key, value); return this; }
        public Builder activeDeadlineSeconds(int value) { this.activeDeadlineSeconds = value; return this; }
        public Builder backoffLimit(int value) { this.backoffLimit = value; return this; }
        public Builder objectStoreEgress(ObjectStoreEgress value) { this.objectStoreEgress = value; return this; }

        /** The image set so far (the environment's image check reads it before the stack is built). */
        public String image() { return image; }

        public WorkerStateBackupProps build() {
            return new WorkerStateBackupProps(environmentName, destination, encryptionKeySecretName, image, schedule,
                    retentionDays, credentialsSecretName, workloadIdentityAnnotations, activeDeadlineSeconds,
                    backoffLimit, objectStoreEgress);
        }
    }
}
