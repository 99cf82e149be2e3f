package dev.kvstores.kubernetes;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.service_account_v1.ServiceAccountV1;
import com.hashicorp.cdktf.providers.kubernetes.service_account_v1.ServiceAccountV1Config;
import com.hashicorp.cdktf.providers.kubernetes.service_account_v1.ServiceAccountV1Metadata;
import dev.kvstores.StoreProblems;
import dev.kvstores.internal.CronSchedule;
import dev.kvstores.naming.BackupMarkers;
import dev.kvstores.naming.ObjectStoreNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * Nightly, client-side encrypted, off-store backup of an in-cluster Worker State Store: a CronJob whose script
 * ({@link #script()}) copies the store over TLS, encrypts the copy with {@code age} to a recipient (public key) from
 * a Secret (written by this construct from {@link WorkerStateBackupProps#encryptionRecipient()} when it is pinned),
 * and uploads it with {@code rclone} to S3, GCS or Azure Blob into a dated folder
 * {@code <prefix>/<environment>/<store>/<stamp>/}. The job never deletes, reads or lists: its identity needs only to
 * create objects ({@link BackupRetention#writerPermissions}), and the bucket keeps each copy for the retention
 * (lifecycle rule plus Object Lock / retention policy / immutability policy, {@link BackupRetention#commands}).
 * Every backup ends with {@code <stamp>/manifest.json}, written last: the recipient and the SHA-256 of each encrypted
 * object, which the restore checks before it decrypts. What it copies depends on the store ({@link BackupMethod}):
 * <ul>
 *   <li>Bitnami redis (Sentinel): one RDB snapshot ({@code redis-cli --rdb}, i.e. {@code SYNC}) from a replica in
 *       sync, checked by {@code redis-check-rdb}: {@code <stamp>/snapshot.rdb.age};</li>
 *   <li>Bitnami redis-cluster: {@code CLUSTER NODES}, then one RDB snapshot per primary's shard, each from a replica
 *       in sync (else the primary): {@code <stamp>/shard-<n>.rdb.age}; the manifest adds the shards' slot ranges,
 *       source nodes and key counts;</li>
 *   <li>KVRocks (no {@code SYNC} to an RDB): a logical export, every key as {@code RESTORE key ttl payload REPLACE}
 *       from {@code SCAN}, {@code DUMP} and {@code PTTL}, streamed through {@code age}:
 *       {@code <stamp>/restore-commands.age}.</li>
 * </ul>
 * The Redis stores give the job an ACL user that can run only the replication commands ({@code REPLCONF},
 * {@code SYNC}/{@code PSYNC}), {@code ROLE}, {@code PING} and (cluster) {@code CLUSTER NODES}: no key, no channel.
 * KVRocks has no ACL users: there the job holds the store's password.
 *
 * <p>The pod: non-root, read-only root filesystem, {@code RuntimeDefault} seccomp, all capabilities dropped, no
 * privilege escalation, requests = limits, no service-account token, {@code concurrencyPolicy: Forbid}, a
 * backoff limit and an active deadline. Its NetworkPolicy admits no ingress and lets it reach only the store's
 * pods on the Redis port, DNS and the object store's HTTPS port; the store admits it by its labels
 * ({@link #podLabels(String)}). The image must be pinned (a version tag or a digest).
 *
 * <p>Created by the in-cluster Worker State Stores when their props carry a backup. Children: {@code Resource}
 * (the CronJob), {@code NetworkPolicy}, {@code ServiceAccount} (with workload identity annotations),
 * {@code RecipientSecret} (when the recipient is pinned).
 */
public final class WorkerStateBackup extends Construct {

    /** Label naming the store a backup pod belongs to; the store's NetworkPolicy admits pods carrying it. */
    public static final String BACKUP_OF_LABEL = BackupMarkers.KUBERNETES_BACKUP_OF_LABEL;
    /** Where the script's resource lives in the jar. */
    static final String SCRIPT_RESOURCE = "worker-state-backup.sh";
    static final String RESTORE_SCRIPT_RESOURCE = "worker-state-restore.sh";
    /** Name of the remote the script uploads to ({@code RCLONE_CONFIG_DEST_*}). */
    static final String RCLONE_REMOTE = "DEST";
    /** Where the object store's credentials Secret is mounted (S3, Azure: exported by the script; GCS: read). */
    static final String CLOUD_CREDENTIALS_DIR = "/secrets/cloud";
    /** The script's {@code NAME=FILE ...} list of variables it exports from mounted Secret files. */
    static final String SECRET_ENV_FILES = "BACKUP_SECRET_ENV_FILES";

    private final WorkerStateBackupProps props;
    private final BackupSource source;
    private final CronJobV1 cronJob;

    WorkerStateBackup(Construct scope, String id, WorkerStateBackupProps props, BackupSource source) {
        super(scope, id);
        this.props = props;
        this.source = source;
        validate(props);
        String name = jobName(source.storeName());
        Map<String, String> labels = podLabels(source.storeName());
        String serviceAccount = null;
        if (!props.workloadIdentityAnnotations().isEmpty()) {
            serviceAccount = new ServiceAccountV1(this, "ServiceAccount", ServiceAccountV1Config.builder()
                    .metadata(ServiceAccountV1Metadata.builder().name(name).namespace(source.namespace())
                            .labels(labels).annotations(props.sortedWorkloadIdentityAnnotations()).build())
                    .automountServiceAccountToken(false)
                    .build()).getMetadata().getName();
        }
        if (props.encryptionRecipient() != null) {
            // A public key: not a secret (KVS-SEC-LITERAL accepts an age recipient as a literal value).
            new SecretV1(this, "RecipientSecret", SecretV1Config.builder()
                    .metadata(SecretV1Metadata.builder().name(props.encryptionKeySecretName())
                            .namespace(source.namespace()).labels(labels).build())
                    .data(Map.of(WorkerStateBackupProps.RECIPIENT_KEY, props.encryptionRecipient()))
                    .build());
        }
        this.cronJob = BackupCronJob.create(this, name, labels, serviceAccount);
        BackupNetworkPolicy.create(this, name, labels);
    }

    /** The pod labels of {@code storeName}'s backup job (the store's NetworkPolicy admits them). */
    public static Map<String, String> podLabels(String storeName) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "worker-state-backup");
        labels.put("app.kubernetes.io/component", "backup");
        labels.put("app.kubernetes.io/managed-by-tool", "kvstores");
        labels.put(BACKUP_OF_LABEL, storeName);
        return labels;
    }

    /** Name of the CronJob, ServiceAccount and NetworkPolicy. */
    public static String jobName(String storeName) {
        return storeName + "-backup";
    }

    /** The backup script, exactly as the CronJob runs it ({@code bash -c <script>}). */
    public static String script() {
        return resource(SCRIPT_RESOURCE);
    }

    /**
     * The restore script (download, decrypt with the age private key, {@code redis-check-rdb}, lay out the data
     * directory of a fresh primary): {@code worker-state-restore.sh SOURCE OUT_DIR}; see the README.
     */
    public static String restoreScript() {
        return resource(RESTORE_SCRIPT_RESOURCE);
    }

    private static String resource(String name) {
        try (InputStream in = WorkerStateBackup.class.getResourceAsStream(name)) {
            String script = new String(Objects.requireNonNull(in, name).readAllBytes(),
                    StandardCharsets.UTF_8);
            // Terraform would read these as interpolations or directives inside the CronJob's JSON.
            if (script.contains("${") || script.contains("%{")) {
                throw new IllegalStateException(name + " must not contain '${' or '%{'");
            }
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void validate(WorkerStateBackupProps props) {
        String who = "worker-state backup";
        StoreProblems problems = new StoreProblems(who);
        try {
            CronSchedule.parse(props.schedule());
        } catch (IllegalArgumentException e) {
            problems.add("BackupSchedule", who + ": schedule '" + props.schedule() + "' " + e.getMessage()
                    + "; give a cron expression (" + CronSchedule.FORMAT + ") such as '"
                    + WorkerStateBackupProps.DEFAULT_SCHEDULE + "' (03:17 UTC every night)");
        }
        if (props.retentionDays() > 3650) {
            problems.add("BackupRetention", who + ": retentionDays must be between 1 and 3650, got "
                    + props.retentionDays());
        }
        for (String cidr : props.objectStoreEgress().cidrs()) {
            if (!ClusterEgress.isCidr(cidr)) {
                problems.add("BackupEgressCidr", who + ": objectStoreEgress CIDR '" + cidr + "' is not a CIDR block;"
                        + " give the object store's addresses, e.g. 52.218.0.0/17 or a private endpoint's <ip>/32");
            }
        }
        if (!props.objectStoreEgress().cidrs().isEmpty() && props.objectStoreEgress().exemptionReason() != null) {
            problems.add("BackupEgress", who + ": objectStoreEgress has both CIDRs and an exemption; keep one");
        }
        String unpinned = WorkerStateBackupProps.unpinnedImageProblem(props.image());
        if (unpinned != null) {
            problems.add("BackupImage", who + ": " + unpinned);
        }
        checkDestination(who, props, problems);
        // Secret names: not echoed when they are none (a pasted age key or cloud key)
        problems.check(() -> KubernetesNames.requireObjectName(who, "BackupEncryptionKeySecret",
                "encryptionKeySecretName", props.encryptionKeySecretName(), false));
        String recipient = WorkerStateBackupProps.recipientProblem(props.encryptionRecipient());
        if (recipient != null) {
            problems.add("BackupRecipient", who + ": encryptionRecipient " + recipient);
        }
        if (props.credentialsSecretName() != null) {
            problems.check(() -> KubernetesNames.requireObjectName(who, "BackupCredentials",
                    "credentialsSecretName", props.credentialsSecretName(), false));
        }
        if (props.credentialsSecretName() == null && props.workloadIdentityAnnotations().isEmpty()) {
            problems.add("BackupCredentials", who + ": the job has no way to reach the object store; set"
                    + " credentialsSecretName or workloadIdentityAnnotations");
        }
        problems.throwIfAny();
    }

    private static final java.util.regex.Pattern SEGMENT = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final java.util.regex.Pattern GCS_BUCKET = java.util.regex.Pattern.compile(
            "[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

    /**
     * The destination's names go into the job's rclone path ({@code <bucket>/<prefix>/<environment>/<store>}), its
     * NetworkPolicy (the endpoint's port) and the report's writer policy and commands: each must be a name the object
     * store accepts, one path segment per folder (no {@code ..}, no space), and the endpoint an http(s) URL.
     */
    private static void checkDestination(String who, WorkerStateBackupProps props, StoreProblems problems) {
        BackupDestination d = props.destination();
        if (!SEGMENT.matcher(props.environmentName()).matches()) {
            problems.add("BackupEnvironment", who + ": environmentName '" + props.environmentName() + "' must be 1-63"
                    + " letters, digits, '.', '_' and '-', starting with a letter or digit: it is one folder of the"
                    + " backup path <bucket>/<prefix>/<environment>/<store> and of the writer policy; e.g."
                    + " kubernetes-prod");
        }
        boolean bucketValid = switch (d.type()) {
            case S3 -> ObjectStoreNames.isS3Bucket(d.bucket());
            case GCS -> GCS_BUCKET.matcher(d.bucket()).matches() && !d.bucket().contains("..");
            case AZURE_BLOB -> ObjectStoreNames.isAzureContainer(d.bucket());
        };
        if (!bucketValid) {
            String rule = switch (d.type()) {
                case S3 -> "an S3 bucket name (3-63 lowercase letters, digits, '.' and '-'";
                case GCS -> "a Cloud Storage bucket name (3-222 lowercase letters, digits, '.', '_' and '-'";
                case AZURE_BLOB -> "an Azure Blob container name (3-63 lowercase letters, digits and single hyphens";
            };
            problems.add("BackupBucket", who + ": destination bucket '" + d.bucket() + "' is not " + rule
                    + ", starting and ending with a letter or digit); e.g. acme-kvstores-backups");
        }
        String prefix = d.prefix().replaceAll("^/+|/+$", "");
        if (!prefix.isEmpty() && !ObjectStoreNames.isFolderPath(prefix)) {
            problems.add("BackupPrefix", who + ": destination prefix '" + d.prefix() + "' must be folders of letters,"
                    + " digits, '.', '_' and '-' (each starting with a letter or digit) separated by '/'; e.g. "
                    + BackupDestination.DEFAULT_PREFIX);
        }
        if (d.account() != null && !ObjectStoreNames.isAzureStorageAccount(d.account())) {
            problems.add("BackupAccount", who + ": destination account '" + d.account() + "' must be a storage"
                    + " account name: 3-24 lowercase letters and digits");
        }
        if (d.region() != null && !d.region().matches("[a-z0-9][a-z0-9-]{0,62}")) {
            problems.add("BackupRegion", who + ": destination region '" + d.region() + "' must be a region name of"
                    + " lowercase letters, digits and '-'; e.g. eu-west-1");
        }
        if (d.endpoint() != null && endpointHost(d.endpoint()) == null) {
            problems.add("BackupEndpoint", who + ": destination endpoint '" + d.endpoint() + "' must be an http(s)"
                    + " URL with a host, e.g. https://minio.example.com:9000; the job's NetworkPolicy opens its"
                    + " port");
        }
    }

    /**
     * The host of an http(s) endpoint URL, or {@code null} when {@code endpoint} is not one: no credentials in it
     * (the URL is printed in the report and the job's spec) and a port, if any, of 1-65535 (the NetworkPolicy's).
     */
    private static String endpointHost(String endpoint) {
        try {
            java.net.URI uri = new java.net.URI(endpoint);
            boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            boolean port = uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65535);
            return http && port && uri.getRawUserInfo() == null && uri.getHost() != null ? uri.getHost() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** {@code <bucket>/<prefix>/<environment>/<store>} */
    String destinationPath() {
        return destinationPath(props, source.storeName());
    }

    /** {@code <bucket>/<prefix>/<environment>/<store>}: the folder {@code storeName}'s backups go to. */
    public static String destinationPath(WorkerStateBackupProps props, String storeName) {
        BackupDestination d = props.destination();
        String prefix = d.prefix().replaceAll("^/+|/+$", "");
        return d.bucket() + (prefix.isEmpty() ? "" : "/" + prefix) + "/" + props.environmentName() + "/"
                + storeName;
    }

    /**
     * What the destination must be set to before the first backup (the job never deletes): the lock / retention
     * policy for {@code retentionDays}, the lifecycle rule and the job identity's create-only permission.
     */
    public static List<String> destinationSetup(WorkerStateBackupProps props, String storeName) {
        return BackupRetention.commands(props.destination(), destinationPath(props, storeName),
                props.retentionDays());
    }

    /**
     * The CronJob, as an escape hatch; typed as cdktf's {@code TerraformResource} so that this API is the same with
     * the lean and the official provider bindings.
     */
    public TerraformResource cronJob() {
        return cronJob;
    }

    /** The props. */
    public WorkerStateBackupProps props() {
        return props;
    }

    /** The store being backed up. */
    BackupSource source() {
        return source;
    }

    /** Where the restore procedure and the one-off restore Job are documented (the report points there). */
    public static final String RESTORE_DOCS = "docs/platform-kubernetes.md (Backups and restore (Kubernetes)) and the"
            + " one-off restore Job docs/worker-state-restore-job.yaml";

    /**
     * The synthesis report's backup line: the schedule, what the job copies, where it goes, the key Secret, the
     * retention, the recovery point and where the restore is described.
     */
    public String describe() {
        String what = switch (source.method()) {
            case RDB_SNAPSHOT -> "an RDB snapshot from a replica in sync";
            case CLUSTER_SHARDS -> "an RDB snapshot of every primary's shard (each from a replica in sync) with a"
                    + " manifest of slot ranges and SHA-256s";
            case LOGICAL_EXPORT -> "a logical export (every key as a RESTORE command from SCAN, DUMP and PTTL)";
        };
        String ns = source.namespace();
        String key = props.encryptionRecipient() != null
                ? "the pinned public key `" + props.encryptionRecipient() + "` (workerState.backup.encryptionRecipient;"
                        + " the stack writes Secret `" + ns + "/" + props.encryptionKeySecretName() + "` and the job"
                        + " refuses any other key)"
                : "the public key in Secret `" + ns + "/" + props.encryptionKeySecretName() + "` (key `"
                        + WorkerStateBackupProps.RECIPIENT_KEY + "`; NOT pinned: set encryptionRecipient)";
        return "backup: CronJob `" + ns + "/" + jobName(source.storeName()) + "` at `" + props.schedule()
                + "` (UTC) takes " + what + ", encrypts it with age to " + key + " (the private key stays offline)"
                + " and uploads it into a dated folder under " + location() + " with a manifest of SHA-256s checked before"
                + " decryption; the job never deletes (its identity needs only: "
                + BackupRetention.writerPermissionsSummary(props.destination().type()) + "), the bucket must keep"
                + " each copy " + props.retentionDays() + " days (see the checklist); the job "
                + props.objectStoreEgress().describe(BackupNetworkPolicy.objectStorePort(props)) + " (and DNS, the store's pods); recovery point"
                + " if the volumes are lost: the last successful run, " + interval(props.schedule()) + "; restore: "
                + RESTORE_DOCS;
    }

    /** The destination folder as a URL, e.g. {@code s3://bucket/kvstores/prod/redis-state/}. */
    String location() {
        BackupDestination d = props.destination();
        String path = destinationPath().substring(d.bucket().length());
        return switch (d.type()) {
            case S3 -> "s3://" + d.bucket() + path + "/" + (d.endpoint() == null ? " (" + d.region() + ")"
                    : " at " + d.endpoint());
            case GCS -> "gs://" + d.bucket() + path + "/";
            // rclone's azureblob endpoint is the account's whole URL (the job passes it as it is)
            case AZURE_BLOB -> (d.endpoint() == null ? "https://" + d.account() + ".blob.core.windows.net"
                    : d.endpoint().replaceAll("/+$", "")) + "/" + d.bucket() + path + "/";
        };
    }

    /** The recovery point of a backup on {@code schedule}: its longest gap between two runs, in words. */
    static String interval(String schedule) {
        return "at most " + CronSchedule.words(CronSchedule.parse(schedule).longestGap()) + " old";
    }
}
