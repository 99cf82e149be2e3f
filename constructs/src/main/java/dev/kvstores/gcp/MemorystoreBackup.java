package dev.kvstores.gcp;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.providers.google.cloud_scheduler_job.CloudSchedulerJob;
import com.hashicorp.cdktf.providers.google.cloud_scheduler_job.CloudSchedulerJobConfig;
import com.hashicorp.cdktf.providers.google.cloud_scheduler_job.CloudSchedulerJobHttpTarget;
import com.hashicorp.cdktf.providers.google.cloud_scheduler_job.CloudSchedulerJobHttpTargetOauthToken;
import com.hashicorp.cdktf.providers.google.cloud_scheduler_job.CloudSchedulerJobRetryConfig;
import com.hashicorp.cdktf.providers.google.project_iam_custom_role.ProjectIamCustomRole;
import com.hashicorp.cdktf.providers.google.project_iam_custom_role.ProjectIamCustomRoleConfig;
import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMember;
import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMemberConfig;
import com.hashicorp.cdktf.providers.google.redis_instance.RedisInstance;
import com.hashicorp.cdktf.providers.google.service_account.ServiceAccount;
import com.hashicorp.cdktf.providers.google.service_account.ServiceAccountConfig;
import com.hashicorp.cdktf.providers.google.storage_bucket_iam_member.StorageBucketIamMember;
import com.hashicorp.cdktf.providers.google.storage_bucket_iam_member.StorageBucketIamMemberConfig;
import com.hashicorp.cdktf.providers.google.workflows_workflow.WorkflowsWorkflow;
import com.hashicorp.cdktf.providers.google.workflows_workflow.WorkflowsWorkflowConfig;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.internal.CronSchedule;
import dev.kvstores.naming.BackupMarkers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * Scheduled, CMEK-encrypted, off-store backup of a Memorystore for Redis Worker State Store: Cloud Scheduler
 * starts a Workflows workflow on {@link MemorystoreBackupProps#schedule()} (UTC); the workflow calls the Memorystore
 * export ({@code googleapis.redis.v1.projects.locations.instances.export}, which waits for the long-running
 * operation) into {@code gs://<bucket>/<prefix>/<environment>/<store>/<UTC date>T<hhmmss>Z.rdb}.
 *
 * <p>The bucket (created, or an existing one checked at plan): region of the store, uniform bucket-level access,
 * public access prevention enforced, a <b>retention policy</b> of {@code retentionDays} (no identity, this stack's or
 * a project owner's, can delete or replace an export younger than that; versioning is off because Cloud Storage does
 * not allow both; {@code lockRetention} locks the policy, a deliberate and irreversible step, after which not even a
 * project owner can remove or shorten it), default encryption with a customer-managed key (created key ring
 * and key rotated every 90 days, or a given key; the project's Cloud Storage service agent gets
 * {@code roles/cloudkms.cryptoKeyEncrypterDecrypter} on it), lifecycle: exports deleted at {@code retentionDays}.
 *
 * <p>Identities, least privilege: the instance's own identity ({@code persistence_iam_identity}) gets a custom role
 * with {@code storage.buckets.get} and {@code storage.objects.create} on the bucket only (what Memorystore needs to
 * export, <a href="https://cloud.google.com/memorystore/docs/redis/import-export-restricted-permissions">Granting
 * restricted permissions for import and export</a>; no delete: every export has a new name); the workflow runs as
 * its own service account with a custom role holding {@code redis.instances.export} and {@code redis.operations.get}
 * (project-wide: Memorystore for Redis has no per-instance IAM policy); the scheduler's service account gets
 * {@code roles/workflows.invoker} (Workflows has no per-workflow IAM resource in the provider). A second custom role,
 * {@code storage.buckets.get} + {@code storage.objects.get}, is created unbound for a restore ({@link #restoreScript()}).
 *
 * <p>Failures notify {@link MemorystoreBackupProps#notificationChannelIds()}: an alert policy on executions of the
 * workflow that finished {@code FAILED} ({@code workflows.googleapis.com/finished_execution_count}) and one on
 * error logs of the scheduler job (the workflow could not be started).
 *
 * <p>Created by {@link MemorystoreWorkerStateStore} when its props carry a backup. Children: {@code Bucket}
 * ({@code google_storage_bucket}) or {@code ExistingBucket} (data source), {@code KeyRing}, {@code Key},
 * {@code StorageAgent}, {@code StorageAgentKeyGrant}, {@code ExportWriterRole}, {@code ExportWriterGrant},
 * {@code ImportReaderRole}, {@code ExporterRole}, {@code Exporter}, {@code ExporterGrant}, {@code Trigger},
 * {@code TriggerGrant}, {@code Workflow}, {@code Schedule}, {@code ExportFailedAlert}, {@code TriggerFailedAlert}.
 */
public final class MemorystoreBackup extends Construct {

    /** The versioning rule the created bucket is exempted from (its retention policy excludes versioning). */
    public static final String VERSIONING_RULE = "CKV_GCP_78";
    /** Where the workflow's source lives in the jar. */
    static final String WORKFLOW_RESOURCE = "memorystore-export-workflow.yaml";
    /** The Workflows connector the workflow calls. */
    public static final String EXPORT_CONNECTOR = BackupMarkers.GCP_EXPORT_CONNECTOR;
    /** Environment variables of the workflow (its source reads them with {@code sys.get_env}). */
    public static final String ENV_INSTANCE = BackupMarkers.GCP_ENV_INSTANCE;
    public static final String ENV_BUCKET = BackupMarkers.GCP_ENV_BUCKET;
    public static final String ENV_OBJECT_PREFIX = "KVSTORES_OBJECT_PREFIX";
    /** Label on the workflow naming the instance it exports (the policy rule finds the backup by it). */
    public static final String BACKUP_OF_LABEL = "kvstores-backup-of";
    /** Key rotation of a created key: 90 days. */
    static final String KEY_ROTATION = "7776000s";
    /** Permissions of the instance identity's role on the bucket (export). */
    static final List<String> EXPORT_WRITER_PERMISSIONS = List.of("storage.buckets.get", "storage.objects.create");
    /** Permissions of the unbound role a restore binds to the target instance's identity (import). */
    static final List<String> IMPORT_READER_PERMISSIONS = List.of("storage.buckets.get", "storage.objects.get");
    /** Permissions of the workflow's service account (project). */
    static final List<String> EXPORTER_PERMISSIONS = List.of("redis.instances.export", "redis.operations.get");
    static final String INVOKER_ROLE = "roles/workflows.invoker";
    static final String KEY_ROLE = MemorystoreRedis.KEY_ROLE;
    static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    /**
     * The store being backed up, as its construct knows it.
     *
     * @param project           project of the instance, or {@code null} for the provider's
     * @param region            region of the instance (and of the bucket and key)
     * @param instanceName      the instance ID
     * @param instance          the {@code google_redis_instance} (its {@code persistence_iam_identity})
     * @param maintenanceWindow its weekly maintenance window (an export must not start in it)
     * @param rdbSnapshotPeriod its own RDB snapshots (for the durability line)
     * @param labels            labels of the store (role, managed-by, environment, the user's)
     * @param preventDestroy    bucket, key and workflow refuse Terraform destroy
     */
    record Target(String project, String region, String instanceName, RedisInstance instance,
                  MaintenanceWindow maintenanceWindow, RdbSnapshotPeriod rdbSnapshotPeriod,
                  Map<String, String> labels, boolean preventDestroy) {
    }

    private final MemorystoreBackupProps props;
    private final Target target;
    private final CronSchedule schedule;
    private final String keyName;
    private final boolean createdKey;
    private final TerraformResource workflow;
    private final TerraformResource job;
    private final List<PolicyExemption> policyExemptions = new ArrayList<>();

    MemorystoreBackup(Construct scope, String id, MemorystoreBackupProps props, Target target) {
        super(scope, id);
        this.props = props;
        this.target = target;
        this.schedule = MemorystoreBackupChecks.validate(props, target);
        String project = target.project() != null ? target.project()
                : MemorystoreRedis.projectData(this, null).getProjectId();
        String hash = shortHash(props.environmentName() + "|" + target.instanceName());
        Map<String, String> labels = new TreeMap<>(target.labels());
        labels.put(BACKUP_OF_LABEL, target.instanceName());

        // The bucket and its key.
        MemorystoreBackupBucket storage = MemorystoreBackupBucket.create(this, props, target, project, labels);
        this.createdKey = storage.createdKey();
        this.keyName = storage.keyName();
        String bucket = storage.bucketName();
        if (storage.exemption() != null) {
            policyExemptions.add(storage.exemption());
        }

        // The instance writes the export with its own identity.
        ProjectIamCustomRole writer = customRole("ExportWriterRole", project, "kvstoresRdbExportWriter_" + hash,
                "kvstores: Memorystore export writer", "Lets a Memorystore instance identity write an RDB export"
                        + " into the kvstores backup bucket of " + props.environmentName(),
                EXPORT_WRITER_PERMISSIONS);
        new StorageBucketIamMember(this, "ExportWriterGrant", StorageBucketIamMemberConfig.builder()
                .bucket(bucket).role(writer.getName()).member(target.instance().getPersistenceIamIdentity())
                .build());
        customRole("ImportReaderRole", project, "kvstoresRdbImportReader_" + hash,
                "kvstores: Memorystore import reader", "Bind to a Memorystore instance identity on the kvstores"
                        + " backup bucket of " + props.environmentName() + " for a restore (import); unbound"
                        + " otherwise", IMPORT_READER_PERMISSIONS);

        // The workflow and its identity.
        ProjectIamCustomRole exporterRole = customRole("ExporterRole", project, "kvstoresRedisExporter_" + hash,
                "kvstores: Memorystore exporter", "Lets the kvstores backup workflow of " + props.environmentName()
                        + " start a Memorystore export and follow its operation", EXPORTER_PERMISSIONS);
        ServiceAccount exporter = new ServiceAccount(this, "Exporter", ServiceAccountConfig.builder()
                .project(project).accountId("kvs-export-" + hash.toLowerCase(Locale.ROOT))
                .displayName("kvstores backup workflow of " + target.instanceName() + " (" + props.environmentName()
                        + ")")
                .description("Runs the Memorystore export workflow " + workflowName() + "; holds only "
                        + String.join(", ", EXPORTER_PERMISSIONS))
                .build());
        String exporterEmail = exporter.getEmail(); // read once: each read is a round trip to the jsii kernel
        new ProjectIamMember(this, "ExporterGrant", ProjectIamMemberConfig.builder()
                .project(project).role(exporterRole.getName()).member("serviceAccount:" + exporterEmail)
                .build());
        this.workflow = new WorkflowsWorkflow(this, "Workflow", WorkflowsWorkflowConfig.builder()
                .project(project).region(target.region()).name(workflowName())
                .description("kvstores: nightly export of Memorystore instance " + target.instanceName() + " to gs://"
                        + props.bucketName() + "/" + objectPrefix())
                .serviceAccount(exporterEmail)
                .sourceContents(terraformLiteral(workflowSource()))
                .userEnvVars(userEnvVars(project))
                .callLogLevel("LOG_ERRORS_ONLY")
                .labels(labels)
                .deletionProtection(target.preventDestroy())
                .dependsOn(List.of(target.instance()))
                .build());

        // The schedule and its identity.
        ServiceAccount trigger = new ServiceAccount(this, "Trigger", ServiceAccountConfig.builder()
                .project(project).accountId("kvs-trigger-" + hash.toLowerCase(Locale.ROOT))
                .displayName("kvstores backup schedule of " + target.instanceName() + " (" + props.environmentName()
                        + ")")
                .description("Cloud Scheduler starts the export workflow " + workflowName() + " as this account;"
                        + " holds only " + INVOKER_ROLE)
                .build());
        String triggerEmail = trigger.getEmail();
        ProjectIamMember triggerGrant = new ProjectIamMember(this, "TriggerGrant", ProjectIamMemberConfig.builder()
                .project(project).role(INVOKER_ROLE).member("serviceAccount:" + triggerEmail).build());
        this.job = new CloudSchedulerJob(this, "Schedule", CloudSchedulerJobConfig.builder()
                .project(project).region(target.region()).name(workflowName())
                .description("kvstores: starts the export workflow of " + target.instanceName() + " ("
                        + props.environmentName() + ")")
                .schedule(schedule.cloudScheduler())
                .timeZone("Etc/UTC")
                .paused(false)
                .attemptDeadline("180s")
                .retryConfig(CloudSchedulerJobRetryConfig.builder().retryCount(2).minBackoffDuration("60s")
                        .build())
                .httpTarget(CloudSchedulerJobHttpTarget.builder()
                        .httpMethod("POST")
                        .uri("https://workflowexecutions.googleapis.com/v1/projects/" + project + "/locations/"
                                + target.region() + "/workflows/" + workflowName() + "/executions")
                        .headers(Map.of("Content-Type", "application/json"))
                        .body(Base64.getEncoder().encodeToString(EXECUTION_BODY.getBytes(StandardCharsets.UTF_8)))
                        .oauthToken(CloudSchedulerJobHttpTargetOauthToken.builder()
                                .serviceAccountEmail(triggerEmail).scope(CLOUD_PLATFORM_SCOPE).build())
                        .build())
                .dependsOn(List.of(triggerGrant, (WorkflowsWorkflow) workflow))
                .build());

        MemorystoreBackupAlerts.create(this, props, target, project);
    }

    /** Body of the execution request: no argument beyond an empty object (the workflow reads its environment). */
    static final String EXECUTION_BODY = "{\"argument\":\"{}\"}";
    private ProjectIamCustomRole customRole(String id, String project, String roleId, String title,
                                            String description, List<String> permissions) {
        return new ProjectIamCustomRole(this, id, ProjectIamCustomRoleConfig.builder()
                .project(project).roleId(roleId).title(title).description(description).permissions(permissions)
                .stage("GA").build());
    }

    private Map<String, String> userEnvVars(String project) {
        Map<String, String> env = new TreeMap<>();
        env.put(ENV_INSTANCE, "projects/" + project + "/locations/" + target.region() + "/instances/"
                + target.instanceName());
        env.put(ENV_BUCKET, props.bucketName());
        env.put(ENV_OBJECT_PREFIX, objectPrefix());
        return env;
    }
    /** The workflow's source, exactly as Workflows runs it (before Terraform escaping). */
    public static String workflowSource() {
        try (InputStream in = MemorystoreBackup.class.getResourceAsStream(WORKFLOW_RESOURCE)) {
            return new String(Objects.requireNonNull(in, WORKFLOW_RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code text} as a Terraform string literal: {@code ${} and {@code %{} become {@code $${} and {@code %%{},
     * so Terraform sends the text unchanged instead of reading Workflows expressions as its own.
     */
    static String terraformLiteral(String text) {
        return text.replace("${", "$${").replace("%{", "%%{");
    }

    /** Name of the workflow and of the scheduler job: {@code <store>-export-<environment>}. */
    public String workflowName() {
        return limit(target.instanceName() + "-export-" + props.environmentName(), 63);
    }

    /** The props. */
    public MemorystoreBackupProps props() {
        return props;
    }

    /** The bucket's name. */
    public String bucketName() {
        return props.bucketName();
    }

    /** Path of this store's exports inside the bucket, {@code <prefix>/<environment>/<store>/}. */
    public String objectPrefix() {
        return props.prefix() + "/" + props.environmentName() + "/" + target.instanceName() + "/";
    }

    /** The schedule (cron, UTC). */
    public String schedule() {
        return schedule.expression();
    }

    /** The bucket's default key: the created or given one; {@code null} for an existing bucket (its own key). */
    public String keyName() {
        return keyName;
    }

    /** The export workflow ({@code google_workflows_workflow}). */
    public TerraformResource workflow() {
        return workflow;
    }

    /** The scheduler job ({@code google_cloud_scheduler_job}). */
    public TerraformResource job() {
        return job;
    }

    /** The longest time between two exports, from the schedule. */
    public Duration longestGap() {
        return schedule.longestGap();
    }

    /** Written exemptions: the created bucket's retention policy instead of versioning (CKV_GCP_78). */
    public List<PolicyExemption> policyExemptions() {
        return List.copyOf(policyExemptions);
    }

    /** The durability report's backup part. */
    public String summary() {
        return MemorystoreBackupReport.summary(this, props, target, schedule, keyName, createdKey);
    }

    /**
     * A shell script restoring this store from its newest export (or from {@code $OBJECT} when set) into the
     * instance {@code $TARGET} (default: the store's own instance): it binds the import role to the target's
     * identity on the bucket, runs {@code gcloud redis instances import}, and removes the binding again.
     * Memorystore's import replaces all data and the instance is unavailable while it runs.
     */
    public String restoreScript() {
        return MemorystoreBackupReport.restoreScript(this, props, target);
    }

    /** {@code text}, cut to {@code max} characters with a hash of the whole when longer. */
    static String limit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String cut = text.substring(0, max - 9);
        while (cut.endsWith("-")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "-" + shortHash(text).toLowerCase(Locale.ROOT);
    }

    /** First 8 hex digits of the SHA-256 of {@code text}. */
    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
