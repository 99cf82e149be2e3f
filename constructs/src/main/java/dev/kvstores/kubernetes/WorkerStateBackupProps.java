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
 *     .encryptionKeySecretName("kvstores-backup-age")       // written by the stack from the recipient below
 *     .encryptionRecipient("age1...")                        // the age public key, pinned
 *     .image("registry.example.com/kvstores/worker-state-backup:1.0.0")
 *     .putWorkloadIdentityAnnotation("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/kvstores-backup")
 *     .build();
 * }</pre>
 *
 * @param environmentName         path segment after the prefix ({@code <prefix>/<environment>/<store>/...}): 1-63
 *                                letters, digits, '.', '_' and '-', starting with a letter or digit; required
 * @param destination             bucket or container; required
 * @param encryption              ({@link Encryption}) builder {@code encryptionKeySecretName}: Secret in the store's namespace whose key {@value #RECIPIENT_KEY} holds the
 *                                {@code age} recipient (public key, {@code age1...}); the private key never enters
 *                                the cluster; required. With {@code encryptionRecipient} the construct writes this
 *                                Secret; without it you create it
 *                                builder {@code encryptionRecipient}: the age recipient (public key, {@code age1} and 58 bech32 characters), pinned: the
 *                                construct writes the Secret from it (a swapped Secret is reverted by the next apply
 *                                and shows in {@code plan}), the job refuses to encrypt to any other key and each
 *                                backup's manifest names it. Default: none (the Secret is yours; nothing is pinned)
 * @param job                     ({@link Job}) builder {@code image}: image with {@code bash}, {@code redis-cli}, {@code redis-check-rdb}, {@code age},
 *                                {@code rclone} and {@code jq} (no public image has all of them: build
 *                                {@value #DOCKERFILE}), pinned by a version tag ({@code :1.0.0}) or a digest
 *                                ({@code @sha256:...}); no tag, or {@code latest}, fails; required
 * @param schedule                cron expression, UTC. Default: {@value #DEFAULT_SCHEDULE}
 * @param retentionDays           how long the destination keeps each copy: the job never deletes (its identity only
 *                                creates objects), so the bucket's lifecycle rule and lock / retention policy /
 *                                immutability policy enforce it; the report prints the commands. Default:
 *                                {@value #DEFAULT_RETENTION_DAYS}; 1-3650
 * @param access                  ({@link ObjectStoreAccess}) builder {@code credentialsSecretName}: Secret in the store's namespace with the object store's credentials (S3: keys
 *                                {@code access-key-id}, {@code secret-access-key}; GCS: {@code service-account.json};
 *                                Azure: {@code account-key}). Default: none, the workload identity is used
 *                                builder {@code workloadIdentityAnnotations}: annotations of the job's ServiceAccount binding it to a cloud identity
 *                                (IRSA {@code eks.amazonaws.com/role-arn}, GKE {@code iam.gke.io/gcp-service-account},
 *                                Azure {@code azure.workload.identity/client-id}). Default: none
 *                                builder {@code activeDeadlineSeconds} (job): a run taking longer is stopped and fails. Default: {@value #DEFAULT_ACTIVE_DEADLINE_SECONDS}
 *                                builder {@code backoffLimit} (job): retries of a failed run. Default: {@value #DEFAULT_BACKOFF_LIMIT}
 *                                builder {@code objectStoreEgress} (access): the object store's CIDRs for the job's upload egress, or the reason none can be
 *                                known ({@link ObjectStoreEgress}). Default: {@link ObjectStoreEgress#unrestricted()}
 *                                (any address on the object store's port); production stacks require one of the two
 */
public record WorkerStateBackupProps(
        String environmentName,
        BackupDestination destination,
        String schedule,
        int retentionDays,
        Encryption encryption,
        Job job,
        ObjectStoreAccess access) {

    /**
     * How the backup is encrypted: {@code encryptionKeySecretName} and {@code encryptionRecipient} above.
     *
     * @param keySecretName Secret with the age recipient; required
     * @param recipient     the pinned age recipient. Default: none
     */
    public record Encryption(String keySecretName, String recipient) {
    }

    /**
     * The backup job: {@code image}, {@code activeDeadlineSeconds} and {@code backoffLimit} above.
     *
     * @param image                 pinned image; required
     * @param activeDeadlineSeconds run time limit. Default: {@value #DEFAULT_ACTIVE_DEADLINE_SECONDS}
     * @param backoffLimit          retries of a failed run. Default: {@value #DEFAULT_BACKOFF_LIMIT}
     */
    public record Job(String image, int activeDeadlineSeconds, int backoffLimit) {
    }

    /**
     * How the job reaches the object store: {@code credentialsSecretName}, {@code workloadIdentityAnnotations} and
     * {@code objectStoreEgress} above.
     *
     * @param credentialsSecretName       Secret with the object store's credentials. Default: none
     * @param workloadIdentityAnnotations the job's ServiceAccount annotations. Default: none
     * @param objectStoreEgress           the upload egress. Default: {@link ObjectStoreEgress#unrestricted()}
     */
    public record ObjectStoreAccess(String credentialsSecretName, Map<String, String> workloadIdentityAnnotations,
                                    ObjectStoreEgress objectStoreEgress) {
    }

    public static final String DEFAULT_SCHEDULE = "17 3 * * *";
    public static final int DEFAULT_RETENTION_DAYS = 14;
    public static final int DEFAULT_ACTIVE_DEADLINE_SECONDS = 10800;
    public static final int DEFAULT_BACKOFF_LIMIT = 2;
    /**
     * The CronJob's {@code startingDeadlineSeconds}: a run that cannot start within this of its scheduled time is
     * skipped (and counted as missed).
     */
    public static final int STARTING_DEADLINE_SECONDS = 3600;
    /** Where the job image's Dockerfile is, in the repository. */
    public static final String DOCKERFILE = "constructs/src/main/docker/worker-state-backup/Dockerfile";
    private static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}$");
    private static final Pattern TAG = Pattern.compile(":[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");

    /** Key of the age recipient in the encryption key Secret. */
    public static final String RECIPIENT_KEY = "recipient";
    /** An age X25519 recipient: {@code age1} and 58 characters of the bech32 alphabet. */
    public static final Pattern RECIPIENT = Pattern.compile("age1[02-9ac-hj-np-z]{58}");

    /**
     * Why {@code recipient} is not an age public key, with the fix, or {@code null} when it is one. Never echoes an
     * {@code AGE-SECRET-KEY-} value (a private key pasted by mistake).
     */
    public static String recipientProblem(String recipient) {
        if (recipient == null || RECIPIENT.matcher(recipient).matches()) {
            return null;
        }
        String shown = recipient.toUpperCase(java.util.Locale.ROOT).startsWith("AGE-SECRET-KEY-")
                ? "an age PRIVATE key (value not shown; remove it from the file and treat it as exposed)"
                : "'" + recipient + "'";
        return "must be an age recipient (public key: age1 followed by 58 lowercase bech32 characters, as"
                + " `age-keygen -y key.txt` prints it), got " + shown;
    }

    public WorkerStateBackupProps {
        Objects.requireNonNull(environmentName, "environmentName");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(encryption.keySecretName(), "encryptionKeySecretName");
        Objects.requireNonNull(job.image(), "image");
        schedule = Objects.requireNonNullElse(schedule, DEFAULT_SCHEDULE);
        retentionDays = retentionDays > 0 ? retentionDays : DEFAULT_RETENTION_DAYS;
        job = new Job(job.image(),
                job.activeDeadlineSeconds() > 0 ? job.activeDeadlineSeconds() : DEFAULT_ACTIVE_DEADLINE_SECONDS,
                job.backoffLimit() >= 0 ? job.backoffLimit() : DEFAULT_BACKOFF_LIMIT);
        access = new ObjectStoreAccess(access.credentialsSecretName(),
                Map.copyOf(Objects.requireNonNullElse(access.workloadIdentityAnnotations(), Map.of())),
                Objects.requireNonNullElse(access.objectStoreEgress(), ObjectStoreEgress.unrestricted()));
    }

    /** @see Encryption#keySecretName() */
    public String encryptionKeySecretName() { return encryption.keySecretName(); }
    /** @see Encryption#recipient() */
    public String encryptionRecipient() { return encryption.recipient(); }
    /** @see Job#image() */
    public String image() { return job.image(); }
    /** @see Job#activeDeadlineSeconds() */
    public int activeDeadlineSeconds() { return job.activeDeadlineSeconds(); }
    /** @see Job#backoffLimit() */
    public int backoffLimit() { return job.backoffLimit(); }
    /** @see ObjectStoreAccess#credentialsSecretName() */
    public String credentialsSecretName() { return access.credentialsSecretName(); }
    /** @see ObjectStoreAccess#workloadIdentityAnnotations() */
    public Map<String, String> workloadIdentityAnnotations() { return access.workloadIdentityAnnotations(); }
    /** @see ObjectStoreAccess#objectStoreEgress() */
    public ObjectStoreEgress objectStoreEgress() { return access.objectStoreEgress(); }

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
        return new TreeMap<>(access.workloadIdentityAnnotations());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.environmentName = environmentName;
        b.destination = destination;
        b.encryptionKeySecretName = encryptionKeySecretName();
        b.encryptionRecipient = encryptionRecipient();
        b.image = image();
        b.schedule = schedule;
        b.retentionDays = retentionDays;
        b.credentialsSecretName = credentialsSecretName();
        b.workloadIdentityAnnotations.putAll(workloadIdentityAnnotations());
        b.activeDeadlineSeconds = activeDeadlineSeconds();
        b.backoffLimit = backoffLimit();
        b.objectStoreEgress = objectStoreEgress();
        return b;
    }

    /** Builder of {@link WorkerStateBackupProps}; unset fields take the documented defaults. */
    public static final class Builder {
        private String environmentName;
        private BackupDestination destination;
        private String encryptionKeySecretName;
        private String encryptionRecipient;
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
        public Builder encryptionRecipient(String value) { this.encryptionRecipient = value; return this; }
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
            return new WorkerStateBackupProps(environmentName, destination, schedule, retentionDays,
                    new Encryption(encryptionKeySecretName, encryptionRecipient),
                    new Job(image, activeDeadlineSeconds, backoffLimit),
                    new ObjectStoreAccess(credentialsSecretName, workloadIdentityAnnotations, objectStoreEgress));
        }
    }
}
