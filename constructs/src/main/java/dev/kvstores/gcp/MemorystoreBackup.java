package dev.kvstores.gcp;

import com.hashicorp.cdktf.Postcondition;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.google.cloud_scheduler_job.CloudSchedulerJob;
import com.hashicorp.cdktf.providers.google.cloud_scheduler_job.CloudSchedulerJobConfig;
import com.hashicorp.cdktf.providers.google.cloud_scheduler_job.CloudSchedulerJobHttpTarget;
import com.hashicorp.cdktf.providers.google.cloud_scheduler_job.CloudSchedulerJobHttpTargetOauthToken;
import com.hashicorp.cdktf.providers.google.cloud_scheduler_job.CloudSchedulerJobRetryConfig;
import com.hashicorp.cdktf.providers.google.data_google_storage_bucket.DataGoogleStorageBucket;
import com.hashicorp.cdktf.providers.google.data_google_storage_bucket.DataGoogleStorageBucketConfig;
import com.hashicorp.cdktf.providers.google.data_google_storage_project_service_account.DataGoogleStorageProjectServiceAccount;
import com.hashicorp.cdktf.providers.google.data_google_storage_project_service_account.DataGoogleStorageProjectServiceAccountConfig;
import com.hashicorp.cdktf.providers.google.kms_crypto_key.KmsCryptoKey;
import com.hashicorp.cdktf.providers.google.kms_crypto_key.KmsCryptoKeyConfig;
import com.hashicorp.cdktf.providers.google.kms_crypto_key_iam_member.KmsCryptoKeyIamMember;
import com.hashicorp.cdktf.providers.google.kms_crypto_key_iam_member.KmsCryptoKeyIamMemberConfig;
import com.hashicorp.cdktf.providers.google.kms_key_ring.KmsKeyRing;
import com.hashicorp.cdktf.providers.google.kms_key_ring.KmsKeyRingConfig;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicy;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyAlertStrategy;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyAlertStrategyNotificationRateLimit;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditions;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionMatchedLog;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionThreshold;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionThresholdAggregations;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConditionsConditionThresholdTrigger;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyConfig;
import com.hashicorp.cdktf.providers.google.monitoring_alert_policy.MonitoringAlertPolicyDocumentation;
import com.hashicorp.cdktf.providers.google.project_iam_custom_role.ProjectIamCustomRole;
import com.hashicorp.cdktf.providers.google.project_iam_custom_role.ProjectIamCustomRoleConfig;
import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMember;
import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMemberConfig;
import com.hashicorp.cdktf.providers.google.redis_instance.RedisInstance;
import com.hashicorp.cdktf.providers.google.service_account.ServiceAccount;
import com.hashicorp.cdktf.providers.google.service_account.ServiceAccountConfig;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucket;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketConfig;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketEncryption;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketLifecycleRule;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketLifecycleRuleAction;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketLifecycleRuleCondition;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketRetentionPolicy;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketVersioning;
import com.hashicorp.cdktf.providers.google.storage_bucket_iam_member.StorageBucketIamMember;
import com.hashicorp.cdktf.providers.google.storage_bucket_iam_member.StorageBucketIamMemberConfig;
import com.hashicorp.cdktf.providers.google.workflows_workflow.WorkflowsWorkflow;
import com.hashicorp.cdktf.providers.google.workflows_workflow.WorkflowsWorkflowConfig;
import dev.kvstores.StoreProblems;
import dev.kvstores.internal.CronSchedule;
import dev.kvstores.naming.BackupMarkers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]");
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern KMS_KEY = Pattern.compile(
            "projects/[^/]+/locations/([^/]+)/keyRings/[^/]+/cryptoKeys/[^/]+");
    private static final Pattern CHANNEL = Pattern.compile("projects/[^/]+/notificationChannels/[^/]+");

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
    private final List<dev.kvstores.exemption.PolicyExemption> policyExemptions = new java.util.ArrayList<>();

    MemorystoreBackup(Construct scope, String id, MemorystoreBackupProps props, Target target) {
        super(scope, id);
        this.props = props;
        this.target = target;
        this.schedule = validate(props, target);
        String project = target.project() != null ? target.project()
                : MemorystoreRedis.projectData(this, null).getProjectId();
        String hash = shortHash(props.environmentName() + "|" + target.instanceName());
        Map<String, String> labels = new TreeMap<>(target.labels());
        labels.put(BACKUP_OF_LABEL, target.instanceName());

        // The bucket and its key.
        String bucket;
        if (props.createBucket()) {
            this.createdKey = props.kmsKeyName() == null;
            this.keyName = createdKey ? createdKey(project, labels) : props.kmsKeyName();
            DataGoogleStorageProjectServiceAccount agent = new DataGoogleStorageProjectServiceAccount(this,
                    "StorageAgent", DataGoogleStorageProjectServiceAccountConfig.builder().project(project).build());
            KmsCryptoKeyIamMember agentGrant = new KmsCryptoKeyIamMember(this, "StorageAgentKeyGrant",
                    KmsCryptoKeyIamMemberConfig.builder().cryptoKeyId(keyName).role(KEY_ROLE)
                            .member(agent.getMember()).build());
            StorageBucket created = createBucket(project, labels, agentGrant);
            bucket = created.getName();
            policyExemptions.add(new dev.kvstores.exemption.PolicyExemption(VERSIONING_RULE, "google_storage_bucket."
                    + created.getFriendlyUniqueId(), "backup bucket " + props.bucketName() + ": a retention policy of "
                    + props.effectiveRetentionDays() + " days instead of versioning (Cloud Storage allows only one of"
                    + " them); no identity can delete or replace an export before then, which versioning alone"
                    + " does not prevent"));
        } else {
            this.createdKey = false;
            this.keyName = null;
            bucket = existingBucket(project).getName();
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
        new ProjectIamMember(this, "ExporterGrant", ProjectIamMemberConfig.builder()
                .project(project).role(exporterRole.getName()).member("serviceAccount:" + exporter.getEmail())
                .build());
        this.workflow = new WorkflowsWorkflow(this, "Workflow", WorkflowsWorkflowConfig.builder()
                .project(project).region(target.region()).name(workflowName())
                .description("kvstores: nightly export of Memorystore instance " + target.instanceName() + " to gs://"
                        + props.bucketName() + "/" + objectPrefix())
                .serviceAccount(exporter.getEmail())
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
        ProjectIamMember triggerGrant = new ProjectIamMember(this, "TriggerGrant", ProjectIamMemberConfig.builder()
                .project(project).role(INVOKER_ROLE).member("serviceAccount:" + trigger.getEmail()).build());
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
                                .serviceAccountEmail(trigger.getEmail()).scope(CLOUD_PLATFORM_SCOPE).build())
                        .build())
                .dependsOn(List.of(triggerGrant, (WorkflowsWorkflow) workflow))
                .build());

        alerts(project);
    }

    /** Body of the execution request: no argument beyond an empty object (the workflow reads its environment). */
    static final String EXECUTION_BODY = "{\"argument\":\"{}\"}";

    private String createdKey(String project, Map<String, String> labels) {
        KmsKeyRing ring = new KmsKeyRing(this, "KeyRing", KmsKeyRingConfig.builder().project(project)
                .location(target.region()).name(limit("kvstores-" + props.environmentName() + "-backups", 63))
                .build());
        KmsCryptoKeyConfig.Builder key = KmsCryptoKeyConfig.builder()
                .keyRing(ring.getId()).name(limit(target.instanceName() + "-backups", 63))
                .purpose("ENCRYPT_DECRYPT").rotationPeriod(KEY_ROTATION).labels(labels);
        if (target.preventDestroy()) {
            key.lifecycle(TerraformResourceLifecycle.builder().preventDestroy(true).build());
        }
        return new KmsCryptoKey(this, "Key", key.build()).getId();
    }

    private StorageBucket createBucket(String project, Map<String, String> labels, KmsCryptoKeyIamMember agentGrant) {
        int days = props.effectiveRetentionDays();
        StorageBucketConfig.Builder config = StorageBucketConfig.builder()
                .project(project)
                .name(props.bucketName())
                .location(target.region().toUpperCase(Locale.ROOT))
                .storageClass("STANDARD")
                .uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced")
                // A retention policy, not versioning (Cloud Storage allows only one of them): no identity can
                // delete or replace an export younger than the retention; locked only when asked (irreversible).
                .versioning(StorageBucketVersioning.builder().enabled(false).build())
                .retentionPolicy(StorageBucketRetentionPolicy.builder()
                        .retentionPeriod(days * 86400L).isLocked(props.lockRetention()).build())
                .encryption(StorageBucketEncryption.builder().defaultKmsKeyName(keyName).build())
                .lifecycleRule(List.of(
                        StorageBucketLifecycleRule.builder()
                                .action(StorageBucketLifecycleRuleAction.builder().type("Delete").build())
                                .condition(StorageBucketLifecycleRuleCondition.builder().age(days)
                                        .withState("ANY").build())
                                .build()))
                // Without prevent_destroy (development) a destroy takes the exports with the bucket.
                .forceDestroy(!target.preventDestroy())
                .labels(labels)
                // Creating a bucket with a default key fails unless the Cloud Storage agent may use the key.
                .dependsOn(List.of(agentGrant));
        if (target.preventDestroy()) {
            config.lifecycle(TerraformResourceLifecycle.builder().preventDestroy(true).build());
        }
        return new StorageBucket(this, "Bucket", config.build());
    }

    /**
     * An existing bucket, read at plan; its postconditions stop the plan unless it has a default customer-managed
     * key, a retention policy, uniform bucket-level access and public access prevention.
     */
    private DataGoogleStorageBucket existingBucket(String project) {
        String who = "backup bucket " + props.bucketName();
        return new DataGoogleStorageBucket(this, "ExistingBucket", DataGoogleStorageBucketConfig.builder()
                .project(project).name(props.bucketName())
                .lifecycle(TerraformResourceLifecycle.builder().postcondition(existingBucketChecks(who)).build())
                .build());
    }

    /** The plan-time checks of an existing bucket (Terraform conditions over {@code self}). */
    static List<Postcondition> existingBucketChecks(String who) {
        return List.of(
                Postcondition.builder().condition("${try(self.encryption[0].default_kms_key_name, \"\") != \"\"}")
                        .errorMessage(who + " has no default customer-managed key (encryption.default_kms_key_name);"
                                + " set one, or let kvstores create the bucket (workerState.backup.createBucket)")
                        .build(),
                Postcondition.builder().condition("${try(self.retention_policy[0].retention_period, 0) > 0}")
                        .errorMessage(who + " has no retention policy: anyone with storage.objects.delete can erase"
                                + " the backups; set one (gcloud storage buckets update gs://<bucket> --no-versioning"
                                + " --retention-period=14d), or let kvstores create the bucket")
                        .build(),
                Postcondition.builder().condition("${self.uniform_bucket_level_access == true}")
                        .errorMessage(who + " does not use uniform bucket-level access; enable it (gcloud storage"
                                + " buckets update gs://<bucket> --uniform-bucket-level-access)")
                        .build(),
                Postcondition.builder().condition("${self.public_access_prevention == \"enforced\"}")
                        .errorMessage(who + " does not enforce public access prevention; enforce it (gcloud storage"
                                + " buckets update gs://<bucket> --public-access-prevention)")
                        .build());
    }

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

    private void alerts(String project) {
        String store = "Worker State Store " + target.instanceName() + ": ";
        String where = "`gs://" + props.bucketName() + "/" + objectPrefix() + "`";
        new MonitoringAlertPolicy(this, "ExportFailedAlert", MonitoringAlertPolicyConfig.builder()
                .project(project)
                .displayName(store + "backup export failed")
                .combiner("OR")
                .severity("CRITICAL")
                .conditions(List.of(MonitoringAlertPolicyConditions.builder()
                        .displayName("export workflow " + workflowName() + " finished FAILED")
                        .conditionThreshold(MonitoringAlertPolicyConditionsConditionThreshold.builder()
                                .filter(exportFailedFilter())
                                .comparison("COMPARISON_GT").thresholdValue(0).duration("0s")
                                .aggregations(List.of(MonitoringAlertPolicyConditionsConditionThresholdAggregations
                                        .builder().alignmentPeriod("300s").perSeriesAligner("ALIGN_SUM").build()))
                                .trigger(MonitoringAlertPolicyConditionsConditionThresholdTrigger.builder().count(1)
                                        .build())
                                .build())
                        .build()))
                .notificationChannels(props.notificationChannelIds())
                .documentation(MonitoringAlertPolicyDocumentation.builder().mimeType("text/markdown")
                        .content("The nightly export of the Worker State Store `" + target.instanceName()
                                + "` to " + where + " failed: the newest off-store backup is older than planned."
                                + " See the execution's error: `gcloud workflows executions list " + workflowName()
                                + " --location=" + target.region() + "` and `gcloud workflows executions describe"
                                + " <id> --workflow=" + workflowName() + " --location=" + target.region() + "`."
                                + " Common causes: the instance's identity (`persistenceIamIdentity`, which can"
                                + " change) lost its role on the bucket (re-apply the stack), an admin operation or"
                                + " maintenance was running, the key is disabled. Re-run after the fix: `gcloud"
                                + " workflows run " + workflowName() + " --location=" + target.region() + "`.")
                        .build())
                .alertStrategy(MonitoringAlertPolicyAlertStrategy.builder().autoClose("86400s").build())
                .userLabels(Map.of("kvstores_role", "worker-state", "kvstores_store", target.instanceName(),
                        "kvstores_severity", "page"))
                .build());
        new MonitoringAlertPolicy(this, "TriggerFailedAlert", MonitoringAlertPolicyConfig.builder()
                .project(project)
                .displayName(store + "backup schedule could not start the export")
                .combiner("OR")
                .severity("CRITICAL")
                .conditions(List.of(MonitoringAlertPolicyConditions.builder()
                        .displayName("scheduler job " + workflowName() + " logged an error")
                        .conditionMatchedLog(MonitoringAlertPolicyConditionsConditionMatchedLog.builder()
                                .filter(triggerFailedFilter()).build())
                        .build()))
                .notificationChannels(props.notificationChannelIds())
                .documentation(MonitoringAlertPolicyDocumentation.builder().mimeType("text/markdown")
                        .content("Cloud Scheduler could not start the export workflow of the Worker State Store `"
                                + target.instanceName() + "` (no export ran). Look at the job's last attempt:"
                                + " `gcloud scheduler jobs describe " + workflowName() + " --location="
                                + target.region() + "`; usually the scheduler's service account lost"
                                + " `roles/workflows.invoker` or the Workflows API is disabled. Re-apply the stack,"
                                + " then `gcloud scheduler jobs run " + workflowName() + " --location="
                                + target.region() + "`.")
                        .build())
                .alertStrategy(MonitoringAlertPolicyAlertStrategy.builder().autoClose("86400s")
                        .notificationRateLimit(MonitoringAlertPolicyAlertStrategyNotificationRateLimit.builder()
                                .period("3600s").build())
                        .build())
                .userLabels(Map.of("kvstores_role", "worker-state", "kvstores_store", target.instanceName(),
                        "kvstores_severity", "page"))
                .build());
    }

    /** Filter of the failed-export condition: executions of this workflow that finished {@code FAILED}. */
    String exportFailedFilter() {
        return "resource.type=\"workflows.googleapis.com/Workflow\" AND resource.label.\"workflow_id\"=\""
                + workflowName() + "\" AND resource.label.\"location\"=\"" + target.region() + "\" AND"
                + " metric.type=\"workflows.googleapis.com/finished_execution_count\" AND"
                + " metric.label.\"status\"=\"FAILED\"";
    }

    /** Filter of the failed-trigger condition: error logs of this scheduler job. */
    String triggerFailedFilter() {
        return "resource.type=\"cloud_scheduler_job\" AND resource.labels.job_id=\"" + workflowName()
                + "\" AND resource.labels.location=\"" + target.region() + "\" AND severity>=ERROR";
    }

    // ---------------------------------------------------------------------------------------------------------
    // validation

    private static CronSchedule validate(MemorystoreBackupProps props, Target target) {
        String who = "worker-state store (memorystore-redis backup)";
        StoreProblems problems = new StoreProblems(who);
        CronSchedule[] cron = new CronSchedule[1];
        try {
            cron[0] = CronSchedule.parse(props.schedule());
            MaintenanceWindow w = target.maintenanceWindow();
            if (w != null && cron[0].startsWithin(w.day(), w.startHourUtc())) {
                problems.add("BackupSchedule", who + ": schedule '" + props.schedule() + "' starts exports in the"
                        + " maintenance window (" + w.terraformDay() + " " + String.format("%02d:00", w.startHourUtc())
                        + "-" + String.format("%02d:00", (w.startHourUtc() + 1) % 24) + " UTC); an export and"
                        + " maintenance block each other, so pick another hour, e.g. '"
                        + MemorystoreBackupProps.DEFAULT_SCHEDULE + "'");
            }
        } catch (IllegalArgumentException e) {
            problems.add("BackupSchedule", who + ": schedule '" + props.schedule() + "' " + e.getMessage()
                    + ", e.g. '" + MemorystoreBackupProps.DEFAULT_SCHEDULE + "'");
        }
        if (!SEGMENT.matcher(props.environmentName()).matches()) {
            problems.add("BackupEnvironment", who + ": the environment name (environmentName) '"
                    + props.environmentName() + "' must be 1-30 lowercase letters, digits or hyphens: it names the"
                    + " key ring and a path segment");
        }
        String bucket = props.bucketName();
        if (!BUCKET.matcher(bucket).matches() || bucket.startsWith("goog") || bucket.contains("google")) {
            problems.add("BackupBucket", who + ": the bucket name (bucketName) '" + bucket + "' is not one Cloud"
                    + " Storage accepts: use 3-63 lowercase letters, digits, '-' or '_', starting and ending with a"
                    + " letter or digit, without 'goog' at the start or 'google' in it");
        }
        if (!PREFIX.matcher(props.prefix()).matches()) {
            problems.add("BackupPrefix", who + ": the prefix '" + props.prefix() + "' must be path segments of"
                    + " letters, digits, '.', '_', '-' separated by '/', without a leading or trailing '/'");
        }
        if (!props.createBucket() && props.retentionDays() != 0) {
            problems.add("BackupRetention", who + ": a retention (retentionDays) applies to a bucket kvstores"
                    + " creates; with an existing bucket its own lifecycle rules keep the exports: remove it");
        } else if (props.retentionDays() < 0 || props.retentionDays() > 3650) {
            problems.add("BackupRetention", who + ": the retention (retentionDays) must be 1 to 3650 days, got "
                    + props.retentionDays());
        }
        if (!props.createBucket() && props.lockRetention()) {
            problems.add("BackupRetentionLock", who + ": lockRetention applies to a bucket kvstores creates; lock an"
                    + " existing bucket's policy yourself (gcloud storage buckets update gs://" + props.bucketName()
                    + " --lock-retention-period) and remove it");
        }
        String key = props.kmsKeyName();
        if (key != null) {
            Matcher m = KMS_KEY.matcher(key);
            if (!props.createBucket()) {
                problems.add("BackupKey", who + ": a key (kmsKeyName) applies to a bucket kvstores creates; an"
                        + " existing bucket's own default key is checked at plan: remove it");
            } else if (!m.matches()) {
                problems.add("BackupKey", who + ": the key (kmsKeyName) '" + key + "' is not a KMS key name,"
                        + " projects/<p>/locations/<region>/keyRings/<r>/cryptoKeys/<k>");
            } else if (!m.group(1).equals(target.region())) {
                problems.add("BackupKey", who + ": the key (kmsKeyName) is in " + m.group(1) + "; Cloud Storage"
                        + " needs a key in the bucket's location, " + target.region());
            }
        }
        for (String channel : props.notificationChannelIds()) {
            if (!CHANNEL.matcher(channel).matches()) {
                problems.add("NotificationChannel", who + ": notification channel must be"
                        + " projects/<project>/notificationChannels/<id>, got '" + channel + "'");
            }
        }
        problems.throwIfAny();
        return cron[0];
    }

    // ---------------------------------------------------------------------------------------------------------
    // facts

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

    /** The bucket's name. */
    /** The props. */
    public MemorystoreBackupProps props() {
        return props;
    }

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

    /** The durability report's backup part. */
    /** Written exemptions: the created bucket's retention policy instead of versioning (CKV_GCP_78). */
    public List<dev.kvstores.exemption.PolicyExemption> policyExemptions() {
        return List.copyOf(policyExemptions);
    }

    public String summary() {
        Duration gap = longestGap();
        String key = keyName == null ? "the bucket's own default CMEK (checked at plan)"
                : createdKey ? "CMEK key ring kvstores-" + props.environmentName() + "-backups, key "
                + limit(target.instanceName() + "-backups", 63) + " in " + target.region() + " (created, rotated every"
                + " 90 days)" : "CMEK " + keyName;
        String retention = props.createBucket() ? "a bucket retention policy keeps each export "
                + props.effectiveRetentionDays() + " days (no identity can delete or replace it sooner"
                + (props.lockRetention() ? "; LOCKED: not even a project owner can remove or shorten the policy)"
                : "; unlocked: a project owner could remove the policy first;"
                        + " workerState.backup.destination.lockRetention locks it, irreversibly)")
                + ", then the lifecycle rule deletes it; the instance's export identity may only create objects"
                + " (storage.objects.create)"
                : "kept as the existing bucket's retention policy and lifecycle rules say";
        return "off-store backup: Memorystore export on '" + schedule.expression() + "' (cron, UTC; Cloud Scheduler"
                + " job and Workflows workflow " + workflowName() + ") to gs://" + props.bucketName() + "/"
                + objectPrefix() + "<UTC date>T<hhmmss>Z.rdb, " + key + ", " + retention + "; recovery point: a"
                + " restore from the newest export loses at most " + CronSchedule.words(gap) + " of writes (the schedule's longest"
                + " gap)" + (target.rdbSnapshotPeriod() == null ? "" : "; while the instance exists, its own RDB"
                + " snapshots (every " + target.rdbSnapshotPeriod().words() + ") lose less")
                + "; restore: `gcloud redis instances import gs://" + props.bucketName() + "/" + objectPrefix()
                + "<stamp>.rdb <instance> --region=" + target.region() + "` (docs/platform-gcp.md, Backups and"
                + " restore)";
    }

    /**
     * A shell script restoring this store from its newest export (or from {@code $OBJECT} when set) into the
     * instance {@code $TARGET} (default: the store's own instance): it binds the import role to the target's
     * identity on the bucket, runs {@code gcloud redis instances import}, and removes the binding again.
     * Memorystore's import replaces all data and the instance is unavailable while it runs.
     */
    public String restoreScript() {
        String project = target.project() == null ? "gcloud config get-value project" : "echo " + target.project();
        String role = "projects/" + (target.project() == null ? "$PROJECT" : target.project())
                + "/roles/kvstoresRdbImportReader_" + shortHash(props.environmentName() + "|" + target.instanceName());
        return String.join("\n",
                "#!/usr/bin/env bash",
                "# Restore the Worker State Store " + target.instanceName() + " (" + props.environmentName()
                        + ") from an export in gs://" + props.bucketName() + "/" + objectPrefix(),
                "# Import replaces every key of TARGET; the instance is unavailable while it runs.",
                "set -euo pipefail",
                // printenv instead of ${VAR:-default}: the report holds this script and must not read as Terraform.
                "PROJECT=\"$(printenv PROJECT || " + project + ")\"",
                "REGION=\"$(printenv REGION || echo " + target.region() + ")\"",
                "TARGET=\"$(printenv TARGET || echo " + target.instanceName() + ")\"",
                "OBJECT=\"$(printenv OBJECT || true)\"",
                "if [[ -z \"$OBJECT\" ]]; then",
                "  OBJECT=\"$(gcloud storage ls \"gs://" + props.bucketName() + "/" + objectPrefix() + "*.rdb\""
                        + " | sort | tail -n 1)\" || OBJECT=\"\"",
                "fi",
                "[[ \"$OBJECT\" == gs://" + props.bucketName() + "/" + objectPrefix() + "*.rdb ]] || { echo \"no"
                        + " export found under gs://" + props.bucketName() + "/" + objectPrefix() + " (OBJECT='$OBJECT')\""
                        + " >&2; exit 1; }",
                "IDENTITY=\"$(gcloud redis instances describe \"$TARGET\" --region=\"$REGION\" --project=\"$PROJECT\""
                        + " --format='value(persistenceIamIdentity)')\"",
                "ROLE=\"" + role + "\"",
                "gcloud storage buckets add-iam-policy-binding \"gs://" + props.bucketName() + "\""
                        + " --member=\"$IDENTITY\" --role=\"$ROLE\" --project=\"$PROJECT\" >/dev/null",
                "trap 'gcloud storage buckets remove-iam-policy-binding \"gs://" + props.bucketName() + "\""
                        + " --member=\"$IDENTITY\" --role=\"$ROLE\" --project=\"$PROJECT\" >/dev/null' EXIT",
                "echo \"importing $OBJECT into $TARGET ($REGION)\"",
                "gcloud redis instances import \"$OBJECT\" \"$TARGET\" --region=\"$REGION\" --project=\"$PROJECT\"",
                "");
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
