package dev.kvstores.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmConfig;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_canonical_user_id.DataAwsCanonicalUserId;
import com.hashicorp.cdktf.providers.aws.data_aws_partition.DataAwsPartition;
import com.hashicorp.cdktf.providers.aws.data_aws_region.DataAwsRegion;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRoleConfig;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicyConfig;
import com.hashicorp.cdktf.providers.aws.kms_alias.KmsAlias;
import com.hashicorp.cdktf.providers.aws.kms_alias.KmsAliasConfig;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKeyConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3BucketConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAcl;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAclAccessControlPolicy;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAclAccessControlPolicyGrant;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAclAccessControlPolicyGrantGrantee;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAclAccessControlPolicyOwner;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAclConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleFilter;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_object_lock_configuration.S3BucketObjectLockConfigurationA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_object_lock_configuration.S3BucketObjectLockConfigurationAConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_object_lock_configuration.S3BucketObjectLockConfigurationRuleA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_object_lock_configuration.S3BucketObjectLockConfigurationRuleDefaultRetentionA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControls;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControlsConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControlsRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicy;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicyConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_public_access_block.S3BucketPublicAccessBlock;
import com.hashicorp.cdktf.providers.aws.s3_bucket_public_access_block.S3BucketPublicAccessBlockConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationAConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningAConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningVersioningConfiguration;
import com.hashicorp.cdktf.providers.aws.scheduler_schedule.SchedulerSchedule;
import com.hashicorp.cdktf.providers.aws.scheduler_schedule.SchedulerScheduleConfig;
import com.hashicorp.cdktf.providers.aws.scheduler_schedule.SchedulerScheduleFlexibleTimeWindow;
import com.hashicorp.cdktf.providers.aws.scheduler_schedule.SchedulerScheduleTarget;
import com.hashicorp.cdktf.providers.aws.scheduler_schedule.SchedulerScheduleTargetRetryPolicy;
import com.hashicorp.cdktf.providers.aws.sfn_state_machine.SfnStateMachine;
import com.hashicorp.cdktf.providers.aws.sfn_state_machine.SfnStateMachineConfig;
import dev.kvstores.StoreConfigException;
import dev.kvstores.StoreProblems;
import dev.kvstores.internal.CronSchedule;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.naming.BackupMarkers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.constructs.Construct;

/**
 * The nightly, encrypted, off-store backup of an ElastiCache or MemoryDB Worker State Store, without a Lambda:
 * an EventBridge Scheduler schedule starts a Step Functions state machine ({@link ExportDefinition}) that takes a
 * snapshot, exports it to S3 ({@code CopySnapshot} with {@code TargetBucket}), copies each {@code .rdb} into an
 * archive bucket encrypted with a customer-managed KMS key and deletes the temporary snapshot. Created by the store
 * when its props carry {@code backup} ({@link WorkerStateExportProps}); child ID {@code Backup}.
 *
 * <p><b>Two buckets, and why.</b> The service writes the export itself, with the grants of the "Exporting a backup"
 * page (ElastiCache, https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-exporting.html) and the
 * "Exporting a snapshot" page (MemoryDB, https://docs.aws.amazon.com/memorydb/latest/devguide/snapshots-exporting.html):
 * ElastiCache in the Regions enabled by default needs a bucket ACL granting its canonical user READ, WRITE and
 * READ_ACP; opt-in Regions and MemoryDB need a bucket policy for {@code <region>.elasticache-snapshot.amazonaws.com}
 * / {@code <region>.memorydb-snapshot.amazonaws.com} (PutObject, GetObject, ListBucket, GetBucketAcl,
 * ListMultipartUploadParts, ListBucketMultipartUploads); MemoryDB asks for Object Ownership "ACLs enabled, bucket
 * owner preferred". Neither page says the export can write into a bucket whose default encryption is a
 * customer-managed key, and both seeding pages say a {@code .rdb} to restore from may be encrypted with SSE-S3
 * only (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-seeding-redis.html,
 * https://docs.aws.amazon.com/memorydb/latest/devguide/snapshots-seeding-redis.html). So the service exports into
 * an <em>export bucket</em> (SSE-S3, versioned, public access blocked, TLS only, objects expire after a day, the
 * run deletes each file once copied; also the staging place for a restore) and the run copies each file with a
 * server-side multipart copy into the <em>archive bucket</em> (SSE-KMS with the customer-managed key, bucket key,
 * versioned, public access blocked, TLS only, ACLs disabled, kept {@code retentionDays}). Replication cannot do
 * that copy: S3 replicas of SSE-S3 objects stay SSE-S3.
 *
 * <p><b>No identity this stack creates can delete a copy before its retention ends.</b> The archive bucket is created
 * with S3 Object Lock (it can only be enabled at creation) and a default retention of {@code objectLockDays}
 * (default {@code retentionDays}) in the {@code objectLockMode} the environment chooses: every copy is locked the
 * moment it is written; GOVERNANCE yields only to {@code s3:BypassGovernanceRetention} (no role here has it),
 * COMPLIANCE to nobody. The run's role may only create objects there ({@code s3:PutObject},
 * {@code s3:AbortMultipartUpload} under {@code <store>/}); the lifecycle rule expires a copy after
 * {@code retentionDays} and removes the noncurrent version later, after the lock ended. The grants to services carry
 * the confused-deputy conditions of {@link ServiceGrantConditions} (what can and cannot be conditioned is said
 * there). A given {@code bucketName} is yours: enable Object Lock on it yourself (the report says how).
 *
 * <p>Child IDs: {@code ExportBucket*}, {@code ArchiveBucket*}, {@code ArchiveKey}, {@code ArchiveKeyAlias},
 * {@code StateMachine}, {@code StateMachineRole*}, {@code Schedule}, {@code ScheduleRole*}, {@code FailedAlarm},
 * {@code MissingAlarm}.
 */
public final class WorkerStateExport extends Construct {

    /** Tag on the state machine naming the store it backs up (read by the policy rule KVS-BACKUP-REQUIRED). */
    public static final String BACKUP_OF_TAG = BackupMarkers.AWS_BACKUP_OF_TAG;
    /** ID of the policy rule the export bucket is exempted from (it cannot use a customer-managed key). */
    public static final String CMK_RULE = "KVS-AWS-S3-CMK";
    /** Canonical user ElastiCache exports with in the Regions enabled by default, per partition ("Exporting a backup"). */
    static final Map<String, String> ELASTICACHE_CANONICAL_IDS = Map.of(
            "aws", "540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353",
            "aws-us-gov", "40fa568277ad703bd160f66ae4f83fc9dfdfd06c2f1b5060ca22442ac3ef8be6",
            "aws-cn", "b14d6a125bdf69854ed8ef2e71d8a20b7c490f252229b806e514966e490b8d83");
    /** The service-side S3 actions the export pages list for the bucket policy. */
    static final List<String> SERVICE_EXPORT_ACTIONS = List.of("s3:PutObject", "s3:GetObject", "s3:ListBucket",
            "s3:GetBucketAcl", "s3:ListMultipartUploadParts", "s3:ListBucketMultipartUploads");

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final int LEAD_MINUTES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The store being backed up, as the export needs it (already validated by the store). */
    record Source(ExportDefinition.Service service, String storeName, int shards, String storeKmsKeyArn,
                  AwsMonitoring monitoring, Map<String, String> tags) {
    }

    private final WorkerStateExportProps props;
    private final Source source;
    private final String scheduleExpression;
    private final S3Bucket exportBucket;
    private final String archiveBucketName;
    private final String archiveKeyArn;
    private final SfnStateMachine stateMachine;
    private final String definition;
    private final List<String> alarmNames = new ArrayList<>();
    private final List<PolicyExemption> policyExemptions;

    WorkerStateExport(Construct scope, String id, WorkerStateExportProps props, Source source) {
        super(scope, id);
        this.props = props;
        this.source = source;
        this.scheduleExpression = CronSchedule.parse(props.schedule()).eventBridgeScheduler();
        String store = source.storeName();
        Map<String, String> tags = new TreeMap<>(source.tags());
        tags.put(BACKUP_OF_TAG, store);
        DataAwsCallerIdentity account = new DataAwsCallerIdentity(this, "Account");
        DataAwsPartition partitionData = new DataAwsPartition(this, "Partition");
        DataAwsRegion regionData = new DataAwsRegion(this, "Region");
        String accountId = account.getAccountId();
        String partition = partitionData.getPartition();
        String region = regionData.getRegion();
        String arnPrefix = "arn:" + partition + ":";

        // Export bucket: written by the service, SSE-S3 (see the class comment), objects gone after a day.
        this.exportBucket = bucket("ExportBucket", store + "-" + accountId + "-" + region + "-exp", tags, false);
        ownership("ExportBucket", exportBucket, "BucketOwnerPreferred");
        encryption("ExportBucket", exportBucket, null);
        lifecycle("ExportBucket", exportBucket, "export-files-expire", "", 1, 1);
        String servicePrincipal = region + "." + (source.service() == ExportDefinition.Service.ELASTICACHE
                ? "elasticache-snapshot" : "memorydb-snapshot") + ".amazonaws.com";
        ObjectNode exportPolicy = policy();
        denyInsecureTransport(exportPolicy, exportBucket.getArn());
        ObjectNode serviceWrites = statement(exportPolicy, "ServiceExportsSnapshots", "Allow");
        serviceWrites.putObject("Principal").put("Service", servicePrincipal);
        array(serviceWrites, "Action", SERVICE_EXPORT_ACTIONS);
        array(serviceWrites, "Resource", List.of(exportBucket.getArn(), exportBucket.getArn() + "/*"));
        ServiceGrantConditions.ifSent(serviceWrites, accountId, arnPrefix + source.service().prefix + ":" + region
                + ":" + accountId + ":*");
        // A local, so that the policy document holds a plain reference (a function call's quotes would break its JSON).
        String canonical = source.service() != ExportDefinition.Service.ELASTICACHE ? null
                : new com.hashicorp.cdktf.TerraformLocal(this, "ElastiCacheCanonicalUser", Fn.lookup(
                        new TreeMap<>(ELASTICACHE_CANONICAL_IDS), partition, ELASTICACHE_CANONICAL_IDS.get("aws")))
                        .getAsString();
        if (canonical != null) {
            ServiceGrantConditions.denyCanonicalUserForOtherAccounts(statement(exportPolicy,
                    "DenyElastiCacheAclGrantForOtherAccounts", "Deny"), canonical, accountId, exportBucket.getArn());
        }
        S3BucketPolicy exportBucketPolicy = new S3BucketPolicy(this, "ExportBucketPolicy", S3BucketPolicyConfig.builder()
                .bucket(exportBucket.getId()).policy(exportPolicy.toString()).build());
        S3BucketPublicAccessBlock exportBlock = publicAccessBlock("ExportBucket", exportBucket);
        exportBucketPolicy.getNode().addDependency(exportBlock);
        if (source.service() == ExportDefinition.Service.ELASTICACHE) {
            // Regions enabled by default: ElastiCache checks the bucket ACL (READ, WRITE, READ_ACP) of its
            // canonical user; the owner keeps FULL_CONTROL. Needs ACLs enabled (ownership above).
            DataAwsCanonicalUserId owner = new DataAwsCanonicalUserId(this, "Owner");
            List<S3BucketAclAccessControlPolicyGrant> grants = new ArrayList<>();
            grants.add(grant(owner.getId(), "FULL_CONTROL"));
            for (String permission : List.of("READ", "WRITE", "READ_ACP")) {
                grants.add(grant(canonical, permission));
            }
            S3BucketAcl acl = new S3BucketAcl(this, "ExportBucketAcl", S3BucketAclConfig.builder()
                    .bucket(exportBucket.getId())
                    .accessControlPolicy(S3BucketAclAccessControlPolicy.builder()
                            .owner(S3BucketAclAccessControlPolicyOwner.builder().id(owner.getId()).build())
                            .grant(grants).build())
                    .build());
            acl.getNode().addDependency(this.getNode().findChild("ExportBucketOwnership"));
        }

        // Archive: customer-managed key (created with rotation and an alias, or given), bucket created or given.
        if (props.kmsKeyArn() != null) {
            this.archiveKeyArn = props.kmsKeyArn();
        } else {
            String keyPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AccountAdministration\","
                    + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + arnPrefix + "iam::" + accountId + ":root\"},"
                    + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
            KmsKey key = new KmsKey(this, "ArchiveKey", KmsKeyConfig.builder()
                    .description("kvstores " + store + ": worker state backups in S3")
                    .enableKeyRotation(true)
                    .deletionWindowInDays(30)
                    .policy(keyPolicy)
                    .tags(tags)
                    .build());
            new KmsAlias(this, "ArchiveKeyAlias", KmsAliasConfig.builder()
                    .name(keyAlias(store)).targetKeyId(key.getKeyId()).build());
            this.archiveKeyArn = key.getArn();
        }
        String archiveArn;
        if (props.bucketName() != null) {
            this.archiveBucketName = props.bucketName();
            archiveArn = arnPrefix + "s3:::" + props.bucketName();
        } else {
            S3Bucket archive = bucket("ArchiveBucket", store + "-" + accountId + "-" + region + "-bak", tags, true);
            new S3BucketObjectLockConfigurationA(this, "ArchiveBucketObjectLock",
                    S3BucketObjectLockConfigurationAConfig.builder()
                            .bucket(archive.getId())
                            .rule(S3BucketObjectLockConfigurationRuleA.builder()
                                    .defaultRetention(S3BucketObjectLockConfigurationRuleDefaultRetentionA.builder()
                                            .mode(props.objectLockMode().name()).days(props.objectLockDays()).build())
                                    .build())
                            .build());
            ownership("ArchiveBucket", archive, "BucketOwnerEnforced");
            encryption("ArchiveBucket", archive, archiveKeyArn);
            lifecycle("ArchiveBucket", archive, "backups-expire", store + "/", props.retentionDays(),
                    props.retentionDays());
            ObjectNode archivePolicy = policy();
            denyInsecureTransport(archivePolicy, archive.getArn());
            S3BucketPolicy archiveBucketPolicy = new S3BucketPolicy(this, "ArchiveBucketPolicy",
                    S3BucketPolicyConfig.builder().bucket(archive.getId()).policy(archivePolicy.toString()).build());
            archiveBucketPolicy.getNode().addDependency(publicAccessBlock("ArchiveBucket", archive));
            this.archiveBucketName = archive.getBucket();
            archiveArn = archive.getArn();
        }

        // The state machine and its role.
        this.definition = ExportDefinition.json(source.service(), store, source.shards(), partition,
                exportBucket.getBucket(), archiveBucketName, archiveKeyArn);
        IamRole machineRole = role("StateMachineRole", store + "-backup-sfn", "states.amazonaws.com", accountId,
                arnPrefix + "states:" + region + ":" + accountId + ":stateMachine:" + store + "-backup",
                "kvstores " + store + ": runs the worker state backup state machine", tags);
        new IamRolePolicy(this, "StateMachineRolePolicy", IamRolePolicyConfig.builder()
                .name("worker-state-backup").role(machineRole.getId())
                .policy(machinePolicy(arnPrefix, region, accountId, archiveArn)).build());
        this.stateMachine = new SfnStateMachine(this, "StateMachine", SfnStateMachineConfig.builder()
                .name(store + "-backup")
                .type("STANDARD")
                .roleArn(machineRole.getArn())
                .definition(definition)
                .tags(tags)
                .build());

        IamRole scheduleRole = role("ScheduleRole", store + "-backup-scheduler", "scheduler.amazonaws.com", accountId,
                arnPrefix + "scheduler:" + region + ":" + accountId + ":schedule-group/default",
                "kvstores " + store + ": starts the nightly worker state backup", tags);
        ObjectNode start = policy();
        ObjectNode startStatement = statement(start, "StartBackup", "Allow");
        array(startStatement, "Action", List.of("states:StartExecution"));
        array(startStatement, "Resource", List.of(stateMachine.getArn()));
        new IamRolePolicy(this, "ScheduleRolePolicy", IamRolePolicyConfig.builder()
                .name("start-worker-state-backup").role(scheduleRole.getId()).policy(start.toString()).build());
        new SchedulerSchedule(this, "Schedule", SchedulerScheduleConfig.builder()
                .name(store + "-backup")
                .description("kvstores " + store + ": nightly worker state backup (" + props.schedule() + " UTC)")
                .scheduleExpression(scheduleExpression)
                .scheduleExpressionTimezone("UTC")
                .state("ENABLED")
                .flexibleTimeWindow(SchedulerScheduleFlexibleTimeWindow.builder().mode("OFF").build())
                .target(SchedulerScheduleTarget.builder()
                        .arn(stateMachine.getArn())
                        .roleArn(scheduleRole.getArn())
                        .input("{}")
                        .retryPolicy(SchedulerScheduleTargetRetryPolicy.builder()
                                .maximumRetryAttempts(3).maximumEventAgeInSeconds(3600).build())
                        .build())
                .build());
        alarms(store, tags);
        this.policyExemptions = List.of(new PolicyExemption(CMK_RULE, "aws_s3_bucket."
                + exportBucket.getFriendlyUniqueId(), "export bucket of " + store + ": the service writes the export"
                + " here and reads a restore only from SSE-S3 objects (seeding pages: 'SSE-S3 only'); files are copied"
                + " under the customer-managed key into the archive bucket and expire here after a day"));
    }

    // ---- validation ----

    /** Checks the props against the store's windows; problems are recorded under {@code who}. */
    static void validate(String who, WorkerStateExportProps props, String snapshotWindow, String maintenanceWindow,
                         StoreProblems problems) {
        CronSchedule schedule = null;
        try {
            schedule = CronSchedule.parse(props.schedule());
            schedule.eventBridgeScheduler();
        } catch (IllegalArgumentException e) {
            schedule = null;
            problems.add("BackupSchedule", who + ": backup.schedule '" + props.schedule() + "' " + e.getMessage()
                    + "; give a cron expression (" + CronSchedule.FORMAT + ") such as '"
                    + WorkerStateExportProps.DEFAULT_SCHEDULE + "' (01:00 UTC every night)");
        }
        if (schedule != null) {
            TreeSet<Integer> starts = schedule.startsInWeek();
            problems.check(() -> requireClearOfWindows(who, props.schedule(), starts, snapshotWindow,
                    maintenanceWindow));
        }
        if (props.retentionDays() < 1 || props.retentionDays() > 3650) {
            problems.add("BackupRetention", who + ": backup.retentionDays must be between 1 and 3650, got "
                    + props.retentionDays());
        }
        if (props.bucketName() != null && (!BUCKET.matcher(props.bucketName()).matches()
                || props.bucketName().contains("..") || IP.matcher(props.bucketName()).matches())) {
            problems.add("BackupBucket", who + ": backup.bucketName '" + props.bucketName() + "' is not a valid S3"
                    + " bucket name (3-63 lowercase letters, digits, dots and hyphens, starting and ending with a"
                    + " letter or digit, not an IP address)");
        }
        boolean retentionValid = props.retentionDays() >= 1 && props.retentionDays() <= 3650;
        if (retentionValid && (props.objectLockDays() < 1 || props.objectLockDays() > props.retentionDays())) {
            problems.add("BackupObjectLock", who + ": backup.objectLockDays must be 1 to retentionDays ("
                    + props.retentionDays() + "), got " + props.objectLockDays() + ": a copy locked longer than it is"
                    + " kept would outlive the retention the report states; lower objectLockDays or raise"
                    + " retentionDays");
        }
        if (props.kmsKeyArn() != null && !props.kmsKeyArn().matches("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+")) {
            problems.add("BackupKey", who + ": backup.kmsKeyArn must be a KMS key ARN"
                    + " (arn:aws:kms:<region>:<account>:key/<id>), got '" + props.kmsKeyArn() + "'");
        }
    }

    private static void requireClearOfWindows(String who, String schedule, TreeSet<Integer> starts,
                                              String snapshotWindow, String maintenanceWindow) {
        int[] snapshot = AwsResources.dailyWindow(who, "snapshotWindow", snapshotWindow);
        int[] maintenance = AwsResources.weeklyWindow(who, "maintenanceWindow", maintenanceWindow);
        int week = 7 * 1440;
        for (int start : starts) {
            int minuteOfDay = start % 1440;
            for (int day = -1; day <= 1; day++) {
                int s = day * 1440 + snapshot[0] - LEAD_MINUTES;
                int e = day * 1440 + snapshot[1];
                if (minuteOfDay >= s && minuteOfDay < e) {
                    throw new StoreConfigException("BackupSchedule", who + ": backup.schedule '" + schedule
                            + "' starts inside snapshotWindow " + snapshotWindow + " or the " + LEAD_MINUTES
                            + " minutes before it (the store takes one snapshot at a time); start it earlier or"
                            + " later");
                }
            }
            for (int shift = -week; shift <= week; shift += week) {
                if (start >= maintenance[0] - LEAD_MINUTES + shift && start < maintenance[1] + shift) {
                    throw new StoreConfigException("BackupSchedule", who + ": backup.schedule '" + schedule
                            + "' starts inside maintenanceWindow " + maintenanceWindow + " or the "
                            + LEAD_MINUTES + " minutes before it; start it at another hour");
                }
            }
        }
    }

    static String keyAlias(String store) {
        return "alias/kvstores/" + store + "-backups";
    }

    // ---- buckets ----

    private S3Bucket bucket(String id, String name, Map<String, String> tags, boolean objectLock) {
        S3BucketConfig.Builder config = S3BucketConfig.builder().bucket(name).forceDestroy(false).tags(tags);
        if (objectLock) {
            config.objectLockEnabled(true);
        }
        S3Bucket bucket = new S3Bucket(this, id, config.build());
        new S3BucketVersioningA(this, id + "Versioning", S3BucketVersioningAConfig.builder()
                .bucket(bucket.getId())
                .versioningConfiguration(S3BucketVersioningVersioningConfiguration.builder().status("Enabled").build())
                .build());
        return bucket;
    }

    private void ownership(String id, S3Bucket bucket, String objectOwnership) {
        new S3BucketOwnershipControls(this, id + "Ownership", S3BucketOwnershipControlsConfig.builder()
                .bucket(bucket.getId())
                .rule(S3BucketOwnershipControlsRule.builder().objectOwnership(objectOwnership).build())
                .build());
    }

    /** SSE-KMS with the key and a bucket key, or SSE-S3 when {@code kmsKeyArn} is null. */
    private void encryption(String id, S3Bucket bucket, String kmsKeyArn) {
        var byDefault = S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA.builder();
        if (kmsKeyArn == null) {
            byDefault.sseAlgorithm("AES256");
        } else {
            byDefault.sseAlgorithm("aws:kms").kmsMasterKeyId(kmsKeyArn);
        }
        new S3BucketServerSideEncryptionConfigurationA(this, id + "Encryption",
                S3BucketServerSideEncryptionConfigurationAConfig.builder()
                        .bucket(bucket.getId())
                        .rule(List.of(S3BucketServerSideEncryptionConfigurationRuleA.builder()
                                .applyServerSideEncryptionByDefault(byDefault.build())
                                .bucketKeyEnabled(kmsKeyArn != null)
                                .build()))
                        .build());
    }

    private void lifecycle(String id, S3Bucket bucket, String ruleId, String prefix, int days, int noncurrentDays) {
        new S3BucketLifecycleConfiguration(this, id + "Lifecycle", S3BucketLifecycleConfigurationConfig.builder()
                .bucket(bucket.getId())
                .rule(List.of(S3BucketLifecycleConfigurationRule.builder()
                        .id(ruleId)
                        .status("Enabled")
                        .filter(List.of(S3BucketLifecycleConfigurationRuleFilter.builder().prefix(prefix).build()))
                        .expiration(List.of(S3BucketLifecycleConfigurationRuleExpiration.builder().days(days).build()))
                        .noncurrentVersionExpiration(List.of(
                                S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration.builder()
                                        .noncurrentDays(noncurrentDays).build()))
                        .abortIncompleteMultipartUpload(List.of(
                                S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload.builder()
                                        .daysAfterInitiation(1).build()))
                        .build()))
                .build());
    }

    private S3BucketPublicAccessBlock publicAccessBlock(String id, S3Bucket bucket) {
        return new S3BucketPublicAccessBlock(this, id + "PublicAccessBlock", S3BucketPublicAccessBlockConfig.builder()
                .bucket(bucket.getId())
                .blockPublicAcls(true).blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true)
                .build());
    }

    private static S3BucketAclAccessControlPolicyGrant grant(String canonicalId, String permission) {
        return S3BucketAclAccessControlPolicyGrant.builder().permission(permission)
                .grantee(S3BucketAclAccessControlPolicyGrantGrantee.builder().type("CanonicalUser").id(canonicalId)
                        .build())
                .build();
    }

    // ---- IAM ----

    private IamRole role(String id, String name, String service, String accountId, String sourceArn,
                         String description, Map<String, String> tags) {
        ObjectNode trust = policy();
        ObjectNode assume = statement(trust, "TrustedService", "Allow");
        assume.putObject("Principal").put("Service", service);
        assume.put("Action", "sts:AssumeRole");
        ServiceGrantConditions.trust(assume, accountId, sourceArn);
        return new IamRole(this, id, IamRoleConfig.builder().name(name).description(description)
                .assumeRolePolicy(trust.toString()).tags(tags).build());
    }

    /** Least privilege for the run: this store's snapshots, the two buckets, the two keys. */
    private String machinePolicy(String arnPrefix, String region, String accountId, String archiveArn) {
        String store = source.storeName();
        ObjectNode doc = policy();
        ObjectNode snapshots = statement(doc, "StoreSnapshots", "Allow");
        if (source.service() == ExportDefinition.Service.ELASTICACHE) {
            String base = arnPrefix + "elasticache:" + region + ":" + accountId + ":";
            array(snapshots, "Action", List.of("elasticache:CreateSnapshot", "elasticache:DescribeSnapshots",
                    "elasticache:CopySnapshot", "elasticache:DeleteSnapshot"));
            array(snapshots, "Resource", List.of(base + "replicationgroup:" + store, base + "cluster:" + store + "-*",
                    base + "snapshot:" + store + "-kvs-*"));
        } else {
            String base = arnPrefix + "memorydb:" + region + ":" + accountId + ":";
            array(snapshots, "Action", List.of("memorydb:CreateSnapshot", "memorydb:DescribeSnapshots",
                    "memorydb:CopySnapshot", "memorydb:DeleteSnapshot"));
            array(snapshots, "Resource", List.of(base + "cluster/" + store, base + "snapshot/" + store + "-kvs-*"));
        }
        // The caller of CopySnapshot needs s3:ListAllMyBuckets, which S3 cannot scope below all buckets
        // ("Exporting a backup", step 3); every other S3 action is scoped to the two buckets.
        ObjectNode list = statement(doc, "ExportCallerListsBuckets", "Allow");
        array(list, "Action", List.of("s3:ListAllMyBuckets"));
        array(list, "Resource", List.of(arnPrefix + "s3:::*"));
        ObjectNode exportBucketAccess = statement(doc, "ExportBucket", "Allow");
        array(exportBucketAccess, "Action", List.of("s3:GetBucketLocation", "s3:ListBucket"));
        array(exportBucketAccess, "Resource", List.of(exportBucket.getArn()));
        ObjectNode exportObjects = statement(doc, "ExportFiles", "Allow");
        array(exportObjects, "Action", List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"));
        array(exportObjects, "Resource", List.of(exportBucket.getArn() + "/*"));
        ObjectNode archive = statement(doc, "ArchiveCopies", "Allow");
        array(archive, "Action", List.of("s3:PutObject", "s3:AbortMultipartUpload"));
        array(archive, "Resource", List.of(archiveArn + "/" + store + "/*"));
        ObjectNode archiveKey = statement(doc, "ArchiveKeyThroughS3", "Allow");
        array(archiveKey, "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"));
        array(archiveKey, "Resource", List.of(archiveKeyArn));
        archiveKey.putObject("Condition").putObject("StringEquals").put("kms:ViaService",
                "s3." + region + ".amazonaws.com");
        // The snapshot and its export are encrypted with the store's key; the service uses it through grants.
        String via = (source.service() == ExportDefinition.Service.ELASTICACHE ? "elasticache." : "memorydb.")
                + region + ".amazonaws.com";
        ObjectNode storeKey = statement(doc, "StoreKeyDescribe", "Allow");
        array(storeKey, "Action", List.of("kms:DescribeKey"));
        array(storeKey, "Resource", List.of(source.storeKmsKeyArn()));
        ObjectNode storeGrant = statement(doc, "StoreKeyGrantsForTheService", "Allow");
        array(storeGrant, "Action", List.of("kms:CreateGrant"));
        array(storeGrant, "Resource", List.of(source.storeKmsKeyArn()));
        ObjectNode condition = storeGrant.putObject("Condition");
        condition.putObject("Bool").put("kms:GrantIsForAWSResource", "true");
        condition.putObject("StringEquals").put("kms:ViaService", via);
        return doc.toString();
    }

    private static ObjectNode policy() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Version", "2012-10-17");
        doc.putArray("Statement");
        return doc;
    }

    private static ObjectNode statement(ObjectNode doc, String sid, String effect) {
        return ((ArrayNode) doc.get("Statement")).addObject().put("Sid", sid).put("Effect", effect);
    }

    private static void array(ObjectNode node, String field, List<String> values) {
        ArrayNode a = node.putArray(field);
        values.forEach(a::add);
    }

    private static void denyInsecureTransport(ObjectNode doc, String bucketArn) {
        ObjectNode deny = statement(doc, "DenyInsecureTransport", "Deny");
        deny.put("Principal", "*");
        deny.put("Action", "s3:*");
        array(deny, "Resource", List.of(bucketArn, bucketArn + "/*"));
        deny.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
    }

    // ---- alarms ----

    private void alarms(String store, Map<String, String> tags) {
        AwsMonitoring monitoring = source.monitoring();
        if (!monitoring.alarmsEnabled()) {
            return;
        }
        alarm("FailedAlarm", store + "-backup-failed", "ExecutionsFailed", 300, "GreaterThanThreshold", 0,
                "notBreaching", "PAGE: the nightly worker state backup of " + store + " failed: tonight's copy is"
                        + " missing from the archive bucket. Open the execution in Step Functions (" + store
                        + "-backup), read the failed state's error, fix it and start a new execution (no input"
                        + " needed); the temporary snapshot was deleted.", 1, monitoring, tags);
        // A schedule less often than daily (allowed outside production, or with a written reason) is missing
        // only after its longest gap: that many one-day periods, at most CloudWatch's seven.
        long days = Math.min(7, Math.max(1, (longestGap().toMinutes() + 1439) / 1440));
        alarm("MissingAlarm", store + "-backup-missing", "ExecutionsSucceeded", 86400, "LessThanThreshold", 1,
                "breaching", "PAGE: no worker state backup of " + store + " succeeded in the last "
                        + (days == 1 ? "day" : days + " days") + " (the schedule"
                        + " did not run, or a run timed out or was aborted). Check the EventBridge Scheduler schedule "
                        + store + "-backup and the Step Functions executions. May fire once on the first day, before"
                        + " the first run.", (int) days, monitoring, tags);
    }

    private void alarm(String id, String name, String metric, int period, String comparison, double threshold,
                       String missing, String description, int periods, AwsMonitoring monitoring,
                       Map<String, String> tags) {
        CloudwatchMetricAlarmConfig.Builder alarm = CloudwatchMetricAlarmConfig.builder()
                .alarmName(name)
                .alarmDescription(description)
                .namespace("AWS/States")
                .metricName(metric)
                .statistic("Sum")
                .dimensions(Map.of("StateMachineArn", stateMachine.getArn()))
                .comparisonOperator(comparison)
                .threshold(threshold)
                .period(period)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(missing)
                .tags(tags);
        if (monitoring.alarmTopicArn() != null) {
            alarm.alarmActions(List.of(monitoring.alarmTopicArn())).okActions(List.of(monitoring.alarmTopicArn()));
        }
        new CloudwatchMetricAlarm(this, id, alarm.build());
        alarmNames.add(name);
    }

    // ---- accessors ----

    /** The effective props. */
    public WorkerStateExportProps props() {
        return props;
    }

    /** EventBridge Scheduler expression, e.g. {@code cron(0 1 * * ? *)} (time zone UTC). */
    public String scheduleExpression() {
        return scheduleExpression;
    }

    /** The state machine's definition as synthesized (Terraform references filled in at apply). */
    public String definition() {
        return definition;
    }

    /** Name of the export bucket (a Terraform reference). */
    public String exportBucketName() {
        return exportBucket.getBucket();
    }

    /** Name of the archive bucket (a reference when created, else the given name). */
    public String archiveBucketName() {
        return archiveBucketName;
    }

    /** ARN of the archive key (a reference when created, else the given ARN). */
    public String archiveKeyArn() {
        return archiveKeyArn;
    }

    /** ARN of the state machine. */
    public String stateMachineArn() {
        return stateMachine.getArn();
    }

    /** Names of the backup's CloudWatch alarms (empty when the store's alarms are off). */
    public List<String> alarmNames() {
        return List.copyOf(alarmNames);
    }

    /** The longest time between two backups, from the schedule: the recovery point the export gives. */
    public java.time.Duration longestGap() {
        return CronSchedule.parse(props.schedule()).longestGap();
    }

    /** Written exemptions: the export bucket's SSE-S3 (see the class comment). */
    public List<PolicyExemption> policyExemptions() {
        return policyExemptions;
    }

    /**
     * One sentence for the synthesis report's durability line: schedule, buckets, key, retention, alarms and the
     * recovery point the export gives.
     */
    public String summary() {
        String store = source.storeName();
        String bucket = props.bucketName() != null ? "`" + props.bucketName() + "`"
                : "`" + store + "-<account>-<region>-bak`";
        String key = props.kmsKeyArn() != null ? "`" + props.kmsKeyArn() + "`"
                : "`" + keyAlias(store) + "` (created, yearly rotation)";
        String alarms = alarmNames.isEmpty() ? "no alarm (monitoring.alarms is off)"
                : "alarms " + String.join(", ", alarmNames) + (source.monitoring().alarmTopicArn() == null ? ""
                        : " notify the alert topic");
        String lock = props.bucketName() != null ? "Object Lock: yours to enable on that bucket (NOT managed here)"
                : "S3 Object Lock " + props.objectLockMode() + " " + props.objectLockDays() + " days: no identity"
                        + (props.objectLockMode() == WorkerStateExportProps.ObjectLockMode.COMPLIANCE
                        ? ", not even the account root," : " without s3:BypassGovernanceRetention (none created here)")
                        + " can delete or overwrite a copy before then; the backup role may only create objects";
        String when = longestGap().equals(java.time.Duration.ofHours(24)) ? "nightly at " + props.schedule()
                : "on '" + props.schedule() + "'";
        return "off-store backup " + when + " UTC (" + scheduleExpression
                + ", EventBridge Scheduler -> Step Functions " + store + "-backup): a fresh snapshot exported to S3"
                + " and copied to bucket " + bucket + " under " + store + "/, SSE-KMS with key " + key + ", each copy"
                + " kept " + props.retentionDays() + " days (a deleted or expired copy " + props.retentionDays()
                + " more as a noncurrent version); " + lock + "; " + alarms + ". Recovery point: at most "
                + CronSchedule.words(longestGap()) + " from the backup (the schedule's longest gap)";
    }
}
