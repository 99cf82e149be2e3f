package dev.kvstores.kubernetes;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1Config;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1Spec;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplate;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateMetadata;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpec;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplate;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateMetadata;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpec;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpecContainer;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpecContainerEnv;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpecContainerResources;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpecContainerSecurityContext;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpecContainerSecurityContextCapabilities;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpecContainerVolumeMount;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpecSecurityContext;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpecSecurityContextSeccompProfile;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpecVolume;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpecVolumeEmptyDir;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpecVolumeSecret;
import com.hashicorp.cdktf.providers.kubernetes.cron_job_v1.CronJobV1SpecJobTemplateSpecTemplateSpecVolumeSecretItems;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1Config;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1Spec;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgress;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressPorts;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressTo;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressToIpBlock;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecEgressToPodSelector;
import com.hashicorp.cdktf.providers.kubernetes.network_policy_v1.NetworkPolicyV1SpecPodSelector;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Config;
import com.hashicorp.cdktf.providers.kubernetes.secret_v1.SecretV1Metadata;
import com.hashicorp.cdktf.providers.kubernetes.service_account_v1.ServiceAccountV1;
import com.hashicorp.cdktf.providers.kubernetes.service_account_v1.ServiceAccountV1Config;
import com.hashicorp.cdktf.providers.kubernetes.service_account_v1.ServiceAccountV1Metadata;
import dev.kvstores.StoreProblems;
import dev.kvstores.internal.CronSchedule;
import dev.kvstores.naming.BackupMarkers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * object, which the restore checks before it decrypts. What it copies depends on the store ({@link Method}):
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
    private static final int UID = 1001;
    /** Where the object store's credentials Secret is mounted (S3, Azure: exported by the script; GCS: read). */
    static final String CLOUD_CREDENTIALS_DIR = "/secrets/cloud";
    /** The script's {@code NAME=FILE ...} list of variables it exports from mounted Secret files. */
    static final String SECRET_ENV_FILES = "BACKUP_SECRET_ENV_FILES";

    /** How the job copies the store. */
    public enum Method {
        /** One RDB snapshot over the replication protocol ({@code redis-cli --rdb}), from a replica in sync. */
        RDB_SNAPSHOT("replica"),
        /** Redis Cluster: one RDB snapshot per primary's shard and a manifest of slot ranges and checksums. */
        CLUSTER_SHARDS("cluster"),
        /** Every key as a {@code RESTORE} command ({@code SCAN}, {@code DUMP}, {@code PTTL}): KVRocks. */
        LOGICAL_EXPORT("logical");

        private final String mode;

        Method(String mode) {
            this.mode = mode;
        }

        /** The script's {@code BACKUP_MODE}. */
        public String mode() {
            return mode;
        }
    }

    /**
     * The store being backed up, as its construct knows it.
     *
     * @param namespace          the store's namespace (the job runs there, next to the Secrets it reads)
     * @param storeName          release or StatefulSet name; the last path segment and the objects' name prefix
     * @param method             how the job copies the store
     * @param hosts              the pods' DNS names (Sentinel: every data pod, the script prefers a replica;
     *                           cluster: seeds of {@code CLUSTER NODES}; KVRocks: its pod)
     * @param port               TLS port
     * @param username           ACL user of the backup, or {@code null} to authenticate with the password only
     *                           (KVRocks)
     * @param passwordSecretName Secret holding that user's password
     * @param passwordSecretKey  its key
     * @param caSecretName       Secret with the server certificate's {@code ca.crt}
     * @param storePodSelector   labels of the store's data pods (NetworkPolicy egress)
     * @param scratchMebibytes   size limit of the scratch volume (an RDB and its encrypted copy at a time)
     * @param egress             the cluster DNS pods the job may ask
     */
    public record Source(String namespace, String storeName, Method method, List<String> hosts, int port,
                         String username, String passwordSecretName, String passwordSecretKey, String caSecretName,
                         Map<String, String> storePodSelector, int scratchMebibytes, ClusterEgress egress) {
        public Source {
            egress = Objects.requireNonNullElse(egress, ClusterEgress.defaults());
            Objects.requireNonNull(method, "method");
            hosts = List.copyOf(hosts);
            storePodSelector = Map.copyOf(storePodSelector);
        }
    }

    private final WorkerStateBackupProps props;
    private final Source source;
    private final CronJobV1 cronJob;

    public WorkerStateBackup(Construct scope, String id, WorkerStateBackupProps props, Source source) {
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
        this.cronJob = cronJob(name, labels, serviceAccount);
        networkPolicy(name, labels);
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
        problems.check(() -> KubernetesNames.requireDnsLabel(who, "encryptionKeySecretName",
                props.encryptionKeySecretName()));
        String recipient = WorkerStateBackupProps.recipientProblem(props.encryptionRecipient());
        if (recipient != null) {
            problems.add("BackupRecipient", who + ": encryptionRecipient " + recipient);
        }
        if (props.credentialsSecretName() != null) {
            problems.check(() -> KubernetesNames.requireDnsLabel(who, "credentialsSecretName",
                    props.credentialsSecretName()));
        }
        if (props.credentialsSecretName() == null && props.workloadIdentityAnnotations().isEmpty()) {
            problems.add("BackupCredentials", who + ": the job has no way to reach the object store; set"
                    + " credentialsSecretName or workloadIdentityAnnotations");
        }
        problems.throwIfAny();
    }

    private CronJobV1 cronJob(String name, Map<String, String> labels, String serviceAccount) {
        List<CronJobV1SpecJobTemplateSpecTemplateSpecContainerEnv> env = new ArrayList<>();
        env.add(env("BACKUP_MODE", source.method().mode()));
        env.add(env("BACKUP_TARGETS", String.join(" ", source.hosts())));
        env.add(env("REDIS_PORT", String.valueOf(source.port())));
        if (source.username() != null) {
            env.add(env("REDIS_USER", source.username()));
        }
        env.add(env("REDIS_PASSWORD_FILE", "/secrets/redis/password"));
        env.add(env("REDIS_CA_FILE", "/secrets/tls/ca.crt"));
        env.add(env("AGE_RECIPIENT_FILE", "/secrets/age/" + WorkerStateBackupProps.RECIPIENT_KEY));
        if (props.encryptionRecipient() != null) {
            env.add(env("AGE_RECIPIENT_PINNED", props.encryptionRecipient()));
        }
        env.add(env("BACKUP_DEST", destinationPath()));
        env.add(env("BACKUP_WORK_DIR", "/work"));
        env.add(env("HOME", "/work"));
        env.add(env("RCLONE_CONFIG", "/work/rclone.conf"));
        env.addAll(rcloneEnvironment());

        List<CronJobV1SpecJobTemplateSpecTemplateSpecContainerVolumeMount> mounts = new ArrayList<>(List.of(
                mount("work", "/work"), mount("redis-password", "/secrets/redis"), mount("tls", "/secrets/tls"),
                mount("age-recipient", "/secrets/age")));
        List<CronJobV1SpecJobTemplateSpecTemplateSpecVolume> volumes = new ArrayList<>(List.of(
                CronJobV1SpecJobTemplateSpecTemplateSpecVolume.builder().name("work")
                        .emptyDir(CronJobV1SpecJobTemplateSpecTemplateSpecVolumeEmptyDir.builder()
                                .sizeLimit(source.scratchMebibytes() + "Mi").build()).build(),
                secretVolume("redis-password", source.passwordSecretName(), source.passwordSecretKey(), "password"),
                secretVolume("tls", source.caSecretName(), "ca.crt", "ca.crt"),
                secretVolume("age-recipient", props.encryptionKeySecretName(), WorkerStateBackupProps.RECIPIENT_KEY,
                        WorkerStateBackupProps.RECIPIENT_KEY)));
        if (props.credentialsSecretName() != null) {
            // The object store's credentials are files, never environment variables (CKV_K8S_35): the script
            // exports the S3 / Azure keys from these files to rclone (BACKUP_SECRET_ENV_FILES).
            mounts.add(mount("cloud-credentials", CLOUD_CREDENTIALS_DIR));
            volumes.add(secretVolume("cloud-credentials", props.credentialsSecretName(),
                    credentialKeys(props.destination().type())));
        }
        Map<String, String> quantities = new LinkedHashMap<>();
        quantities.put("cpu", "500m");
        quantities.put("memory", "512Mi");
        CronJobV1SpecJobTemplateSpecTemplateSpecContainer container =
                CronJobV1SpecJobTemplateSpecTemplateSpecContainer.builder()
                        .name("backup")
                        .image(props.image())
                        .imagePullPolicy("IfNotPresent")
                        .command(List.of("bash", "-c", script(), "worker-state-backup"))
                        .env(env)
                        .volumeMount(mounts)
                        .resources(CronJobV1SpecJobTemplateSpecTemplateSpecContainerResources.builder()
                                .requests(quantities).limits(quantities).build())
                        .securityContext(CronJobV1SpecJobTemplateSpecTemplateSpecContainerSecurityContext.builder()
                                .runAsNonRoot(true)
                                .runAsUser(String.valueOf(UID))
                                .runAsGroup(String.valueOf(UID))
                                .readOnlyRootFilesystem(true)
                                .allowPrivilegeEscalation(false)
                                .privileged(false)
                                .capabilities(CronJobV1SpecJobTemplateSpecTemplateSpecContainerSecurityContextCapabilities
                                        .builder().drop(List.of("ALL")).build())
                                .build())
                        .build();
        CronJobV1SpecJobTemplateSpecTemplateSpec.Builder pod = CronJobV1SpecJobTemplateSpecTemplateSpec.builder()
                .restartPolicy("Never")
                .automountServiceAccountToken(false)
                .enableServiceLinks(false)
                .securityContext(CronJobV1SpecJobTemplateSpecTemplateSpecSecurityContext.builder()
                        .runAsNonRoot(true)
                        .runAsUser(String.valueOf(UID))
                        .runAsGroup(String.valueOf(UID))
                        .fsGroup(String.valueOf(UID))
                        .seccompProfile(CronJobV1SpecJobTemplateSpecTemplateSpecSecurityContextSeccompProfile.builder()
                                .type("RuntimeDefault").build())
                        .build())
                .container(List.of(container))
                .volume(volumes);
        if (serviceAccount != null) {
            pod.serviceAccountName(serviceAccount);
        }
        return new CronJobV1(this, "Resource", CronJobV1Config.builder()
                .metadata(CronJobV1Metadata.builder().name(name).namespace(source.namespace()).labels(labels).build())
                .spec(CronJobV1Spec.builder()
                        .schedule(CronSchedule.parse(props.schedule()).kubernetesCronJob())
                        .timezone("Etc/UTC")
                        .concurrencyPolicy("Forbid")
                        .startingDeadlineSeconds(3600)
                        .successfulJobsHistoryLimit(3)
                        .failedJobsHistoryLimit(3)
                        .jobTemplate(CronJobV1SpecJobTemplate.builder()
                                .metadata(CronJobV1SpecJobTemplateMetadata.builder().labels(labels).build())
                                .spec(CronJobV1SpecJobTemplateSpec.builder()
                                        .backoffLimit(props.backoffLimit())
                                        .activeDeadlineSeconds(props.activeDeadlineSeconds())
                                        .ttlSecondsAfterFinished("86400")
                                        .template(CronJobV1SpecJobTemplateSpecTemplate.builder()
                                                .metadata(CronJobV1SpecJobTemplateSpecTemplateMetadata.builder()
                                                        .labels(labels).build())
                                                .spec(pod.build())
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build());
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

    /** The rclone remote {@code dest}, configured entirely from the environment (no config file). */
    private List<CronJobV1SpecJobTemplateSpecTemplateSpecContainerEnv> rcloneEnvironment() {
        BackupDestination d = props.destination();
        String p = "RCLONE_CONFIG_" + RCLONE_REMOTE + "_";
        List<CronJobV1SpecJobTemplateSpecTemplateSpecContainerEnv> env = new ArrayList<>();
        env.add(env(p + "TYPE", d.type().rcloneType()));
        // env_auth: the cloud SDK's default chain (workload identity, or the variables set from the Secret below).
        env.add(env(p + "ENV_AUTH", "true"));
        String credentials = props.credentialsSecretName();
        switch (d.type()) {
            case S3 -> {
                env.add(env(p + "PROVIDER", d.endpoint() == null ? "AWS" : "Other"));
                if (d.region() != null) {
                    env.add(env(p + "REGION", d.region()));
                }
                if (d.endpoint() != null) {
                    env.add(env(p + "ENDPOINT", d.endpoint()));
                }
                env.add(env(p + "NO_CHECK_BUCKET", "true"));
                // No HEAD after an upload: the identity may not read objects (s3:GetObject).
                env.add(env(p + "NO_HEAD", "true"));
                if (credentials != null) {
                    env.add(env(SECRET_ENV_FILES, "AWS_ACCESS_KEY_ID=" + CLOUD_CREDENTIALS_DIR + "/access-key-id"
                            + " AWS_SECRET_ACCESS_KEY=" + CLOUD_CREDENTIALS_DIR + "/secret-access-key"));
                }
            }
            case GCS -> {
                env.add(env(p + "BUCKET_POLICY_ONLY", "true"));
                env.add(env(p + "NO_CHECK_BUCKET", "true"));
                if (credentials != null) {
                    env.add(env("GOOGLE_APPLICATION_CREDENTIALS", CLOUD_CREDENTIALS_DIR + "/service-account.json"));
                }
            }
            case AZURE_BLOB -> {
                env.add(env(p + "ACCOUNT", d.account()));
                env.add(env(p + "NO_CHECK_CONTAINER", "true"));
                if (d.endpoint() != null) {
                    env.add(env(p + "ENDPOINT", d.endpoint()));
                }
                if (credentials != null) {
                    env.add(env(SECRET_ENV_FILES, p + "KEY=" + CLOUD_CREDENTIALS_DIR + "/account-key"));
                }
            }
            default -> throw new IllegalStateException(d.type().name());
        }
        return env;
    }

    private void networkPolicy(String name, Map<String, String> labels) {
        NetworkPolicyV1SpecEgress store = NetworkPolicyV1SpecEgress.builder()
                .to(List.of(NetworkPolicyV1SpecEgressTo.builder()
                        .podSelector(NetworkPolicyV1SpecEgressToPodSelector.builder()
                                .matchLabels(new java.util.TreeMap<>(source.storePodSelector())).build())
                        .build()))
                .ports(List.of(egressPort(source.port(), "TCP")))
                .build();
        NetworkPolicyV1SpecEgress dns = source.egress().dnsRule();
        // The object store's CIDRs when given; else (an exemption, or development) the port is the only restriction.
        NetworkPolicyV1SpecEgress.Builder upload = NetworkPolicyV1SpecEgress.builder()
                .ports(List.of(egressPort(objectStorePort(), "TCP")));
        List<NetworkPolicyV1SpecEgressTo> blocks = props.objectStoreEgress().cidrs().stream()
                .map(cidr -> NetworkPolicyV1SpecEgressTo.builder().ipBlock(NetworkPolicyV1SpecEgressToIpBlock.builder()
                        .cidr(cidr).build()).build())
                .toList();
        if (!blocks.isEmpty()) {
            upload.to(blocks);
        }
        NetworkPolicyV1SpecEgress objectStore = upload.build();
        List<NetworkPolicyV1SpecEgress> egress = new ArrayList<>(List.of(store, dns, objectStore));
        if (props.destination().type() == BackupStorageType.GCS && props.credentialsSecretName() == null) {
            // GKE Workload Identity hands out tokens from the node's metadata server (80; 988 with Dataplane V2).
            egress.add(NetworkPolicyV1SpecEgress.builder()
                    .to(List.of(NetworkPolicyV1SpecEgressTo.builder().ipBlock(NetworkPolicyV1SpecEgressToIpBlock
                                    .builder().cidr("169.254.169.254/32").build()).build(),
                            NetworkPolicyV1SpecEgressTo.builder().ipBlock(NetworkPolicyV1SpecEgressToIpBlock
                                    .builder().cidr("169.254.169.252/32").build()).build()))
                    .ports(List.of(egressPort(80, "TCP"), egressPort(988, "TCP")))
                    .build());
        }
        new NetworkPolicyV1(this, "NetworkPolicy", NetworkPolicyV1Config.builder()
                .metadata(NetworkPolicyV1Metadata.builder().name(name).namespace(source.namespace()).labels(labels)
                        .build())
                .spec(NetworkPolicyV1Spec.builder()
                        .podSelector(NetworkPolicyV1SpecPodSelector.builder().matchLabels(labels).build())
                        .policyTypes(List.of("Ingress", "Egress"))
                        .egress(egress)
                        .build())
                .build());
    }

    private int objectStorePort() {
        String endpoint = props.destination().endpoint();
        if (endpoint == null) {
            return 443;
        }
        java.net.URI uri = java.net.URI.create(endpoint);
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private static NetworkPolicyV1SpecEgressPorts egressPort(int port, String protocol) {
        return NetworkPolicyV1SpecEgressPorts.builder().port(String.valueOf(port)).protocol(protocol).build();
    }

    private static CronJobV1SpecJobTemplateSpecTemplateSpecContainerEnv env(String name, String value) {
        return CronJobV1SpecJobTemplateSpecTemplateSpecContainerEnv.builder().name(name).value(value).build();
    }

    /** The keys of the credentials Secret per object store (see {@link WorkerStateBackupProps}). */
    private static List<String> credentialKeys(BackupStorageType type) {
        return switch (type) {
            case S3 -> List.of("access-key-id", "secret-access-key");
            case GCS -> List.of("service-account.json");
            case AZURE_BLOB -> List.of("account-key");
        };
    }

    private static CronJobV1SpecJobTemplateSpecTemplateSpecContainerVolumeMount mount(String name, String path) {
        return CronJobV1SpecJobTemplateSpecTemplateSpecContainerVolumeMount.builder().name(name).mountPath(path)
                .readOnly(!"work".equals(name)).build();
    }

    private static CronJobV1SpecJobTemplateSpecTemplateSpecVolume secretVolume(String name, String secret, String key,
                                                                             String path) {
        return secretVolume(name, secret, Map.of(key, path));
    }

    /** A Secret volume of the given keys, each at its file name (sorted by key). */
    private static CronJobV1SpecJobTemplateSpecTemplateSpecVolume secretVolume(String name, String secret,
                                                                             List<String> keys) {
        Map<String, String> paths = new java.util.TreeMap<>();
        keys.forEach(k -> paths.put(k, k));
        return secretVolume(name, secret, paths);
    }

    private static CronJobV1SpecJobTemplateSpecTemplateSpecVolume secretVolume(String name, String secret,
                                                                             Map<String, String> keyToPath) {
        List<CronJobV1SpecJobTemplateSpecTemplateSpecVolumeSecretItems> items = new ArrayList<>();
        new java.util.TreeMap<>(keyToPath).forEach((key, path) -> items.add(
                CronJobV1SpecJobTemplateSpecTemplateSpecVolumeSecretItems.builder().key(key).path(path).build()));
        return CronJobV1SpecJobTemplateSpecTemplateSpecVolume.builder().name(name)
                .secret(CronJobV1SpecJobTemplateSpecTemplateSpecVolumeSecret.builder()
                        .secretName(secret)
                        .defaultMode("0440")
                        .items(items)
                        .build())
                .build();
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
                + props.objectStoreEgress().describe(objectStorePort()) + " (and DNS, the store's pods); recovery point"
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
            case AZURE_BLOB -> "https://" + d.account() + "." + (d.endpoint() == null ? "blob.core.windows.net"
                    : d.endpoint()) + "/" + d.bucket() + path + "/";
        };
    }

    /** The recovery point of a backup on {@code schedule}: its longest gap between two runs, in words. */
    static String interval(String schedule) {
        return "at most " + CronSchedule.words(CronSchedule.parse(schedule).longestGap()) + " old";
    }
}
