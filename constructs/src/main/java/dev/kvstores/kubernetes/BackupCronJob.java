package dev.kvstores.kubernetes;

import static dev.kvstores.kubernetes.WorkerStateBackup.CLOUD_CREDENTIALS_DIR;
import static dev.kvstores.kubernetes.WorkerStateBackup.RCLONE_REMOTE;
import static dev.kvstores.kubernetes.WorkerStateBackup.SECRET_ENV_FILES;

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
import dev.kvstores.internal.CronSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * The CronJob of a {@link WorkerStateBackup}: the hardened pod (non-root, read-only root filesystem,
 * {@code RuntimeDefault} seccomp, no capabilities, requests = limits, no service-account token), the script's
 * environment (the store, the age recipient, the rclone remote configured from variables) and the Secret volumes
 * it reads.
 */
final class BackupCronJob {

    private static final int UID = 1001;

    private final WorkerStateBackupProps props;
    private final BackupSource source;
    private final String destinationPath;

    private BackupCronJob(WorkerStateBackupProps props, BackupSource source, String destinationPath) {
        this.props = props;
        this.source = source;
        this.destinationPath = destinationPath;
    }

    /**
     * The CronJob {@code Resource} of {@code backup}: runs {@link WorkerStateBackup#script()} on the schedule, with
     * the store's password, CA, the age recipient and (optionally) the object store's credentials as files.
     */
    static CronJobV1 create(WorkerStateBackup backup, String name, Map<String, String> labels,
                            String serviceAccount) {
        return new BackupCronJob(backup.props(), backup.source(), backup.destinationPath())
                .cronJob(backup, name, labels, serviceAccount);
    }

    private CronJobV1 cronJob(Construct scope, String name, Map<String, String> labels, String serviceAccount) {
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
        env.add(env("BACKUP_DEST", destinationPath));
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
                        .command(List.of("bash", "-c", WorkerStateBackup.script(), "worker-state-backup"))
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
        return new CronJobV1(scope, "Resource", CronJobV1Config.builder()
                .metadata(CronJobV1Metadata.builder().name(name).namespace(source.namespace()).labels(labels).build())
                .spec(CronJobV1Spec.builder()
                        .schedule(CronSchedule.parse(props.schedule()).kubernetesCronJob())
                        .timezone("Etc/UTC")
                        .concurrencyPolicy("Forbid")
                        .startingDeadlineSeconds(WorkerStateBackupProps.STARTING_DEADLINE_SECONDS)
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
        Map<String, String> paths = new TreeMap<>();
        keys.forEach(k -> paths.put(k, k));
        return secretVolume(name, secret, paths);
    }

    private static CronJobV1SpecJobTemplateSpecTemplateSpecVolume secretVolume(String name, String secret,
                                                                             Map<String, String> keyToPath) {
        List<CronJobV1SpecJobTemplateSpecTemplateSpecVolumeSecretItems> items = new ArrayList<>();
        new TreeMap<>(keyToPath).forEach((key, path) -> items.add(
                CronJobV1SpecJobTemplateSpecTemplateSpecVolumeSecretItems.builder().key(key).path(path).build()));
        return CronJobV1SpecJobTemplateSpecTemplateSpecVolume.builder().name(name)
                .secret(CronJobV1SpecJobTemplateSpecTemplateSpecVolumeSecret.builder()
                        .secretName(secret)
                        .defaultMode("0440")
                        .items(items)
                        .build())
                .build();
    }
}
