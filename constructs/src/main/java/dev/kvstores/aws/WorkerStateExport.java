package dev.kvstores.aws;

import static dev.kvstores.aws.PolicyDocuments.array;
import static dev.kvstores.aws.PolicyDocuments.policy;
import static dev.kvstores.aws.PolicyDocuments.statement;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_partition.DataAwsPartition;
import com.hashicorp.cdktf.providers.aws.data_aws_region.DataAwsRegion;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicyConfig;
import com.hashicorp.cdktf.providers.aws.scheduler_schedule.SchedulerSchedule;
import com.hashicorp.cdktf.providers.aws.scheduler_schedule.SchedulerScheduleConfig;
import com.hashicorp.cdktf.providers.aws.scheduler_schedule.SchedulerScheduleFlexibleTimeWindow;
import com.hashicorp.cdktf.providers.aws.scheduler_schedule.SchedulerScheduleTarget;
import com.hashicorp.cdktf.providers.aws.scheduler_schedule.SchedulerScheduleTargetRetryPolicy;
import com.hashicorp.cdktf.providers.aws.sfn_state_machine.SfnStateMachine;
import com.hashicorp.cdktf.providers.aws.sfn_state_machine.SfnStateMachineConfig;
import dev.kvstores.StoreProblems;
import dev.kvstores.exemption.PolicyExemption;
import dev.kvstores.internal.CronSchedule;
import dev.kvstores.naming.BackupMarkers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** The store being backed up, as the export needs it (already validated by the store). */
    record Source(ExportDefinition.Service service, String storeName, int shards, String storeKmsKeyArn,
                  AwsMonitoring monitoring, Map<String, String> tags) {
    }

    private final WorkerStateExportProps props;
    private final Source source;
    private final String scheduleExpression;
    private final String exportBucketName;
    private final String archiveBucketName;
    private final String archiveKeyArn;
    private final String stateMachineArn;
    private final String definition;
    private final List<String> alarmNames;
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
        ExportBuckets.Bucket exportBucket = ExportBucket.create(this, source, tags, accountId, partition, region);
        this.exportBucketName = exportBucket.resource().getBucket();

        // Archive: customer-managed key (created with rotation and an alias, or given), bucket created or given.
        ExportArchive archive = ExportArchive.create(this, props, store, tags, accountId, region, arnPrefix);
        this.archiveKeyArn = archive.keyArn();
        this.archiveBucketName = archive.bucketName();
        String archiveArn = archive.bucketArn();

        // The state machine and its role.
        this.definition = ExportDefinition.json(source.service(), store, source.shards(), partition,
                exportBucketName, archiveBucketName, archiveKeyArn);
        IamRole machineRole = ExportIam.role(this, "StateMachineRole", store + "-backup-sfn", "states.amazonaws.com",
                accountId, arnPrefix + "states:" + region + ":" + accountId + ":stateMachine:" + store + "-backup",
                "kvstores " + store + ": runs the worker state backup state machine", tags);
        new IamRolePolicy(this, "StateMachineRolePolicy", IamRolePolicyConfig.builder()
                .name("worker-state-backup").role(machineRole.getId())
                .policy(ExportIam.machinePolicy(source, exportBucket.arn(), arnPrefix, region, accountId,
                        archiveArn, archiveKeyArn)).build());
        SfnStateMachine stateMachine = new SfnStateMachine(this, "StateMachine", SfnStateMachineConfig.builder()
                .name(store + "-backup")
                .type("STANDARD")
                .roleArn(machineRole.getArn())
                .definition(definition)
                .tags(tags)
                .build());

        this.stateMachineArn = stateMachine.getArn(); // read once: each read is a round trip to the jsii kernel
        IamRole scheduleRole = ExportIam.role(this, "ScheduleRole", store + "-backup-scheduler",
                "scheduler.amazonaws.com", accountId,
                arnPrefix + "scheduler:" + region + ":" + accountId + ":schedule-group/default",
                "kvstores " + store + ": starts the nightly worker state backup", tags);
        ObjectNode start = policy();
        ObjectNode startStatement = statement(start, "StartBackup", "Allow");
        array(startStatement, "Action", List.of("states:StartExecution"));
        array(startStatement, "Resource", List.of(stateMachineArn));
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
                        .arn(stateMachineArn)
                        .roleArn(scheduleRole.getArn())
                        .input("{}")
                        .retryPolicy(SchedulerScheduleTargetRetryPolicy.builder()
                                .maximumRetryAttempts(3).maximumEventAgeInSeconds(3600).build())
                        .build())
                .build());
        this.alarmNames = ExportAlarms.create(this, source, stateMachineArn, tags);
        this.policyExemptions = List.of(new PolicyExemption(CMK_RULE, "aws_s3_bucket."
                + exportBucket.resource().getFriendlyUniqueId(), "export bucket of " + store + ": the service writes"
                + " the export here and reads a restore only from SSE-S3 objects (seeding pages: 'SSE-S3 only'); files"
                + " are copied under the customer-managed key into the archive bucket and expire here after a day"));
    }

    /** Checks the props against the store's windows; problems are recorded under {@code who}. */
    static void validate(String who, WorkerStateExportProps props, String snapshotWindow, String maintenanceWindow,
                         StoreProblems problems) {
        ExportChecks.validate(who, props, snapshotWindow, maintenanceWindow, problems);
    }

    static String keyAlias(String store) {
        return "alias/kvstores/" + store + "-backups";
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
        return exportBucketName;
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
        return stateMachineArn;
    }

    /** Names of the backup's CloudWatch alarms (empty when the store's alarms are off). */
    public List<String> alarmNames() {
        return List.copyOf(alarmNames);
    }

    /** The longest time between two backups, from the schedule: the recovery point the export gives. */
    public Duration longestGap() {
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
        String when = longestGap().equals(Duration.ofHours(24)) ? "nightly at " + props.schedule()
                : "on '" + props.schedule() + "'";
        return "off-store backup " + when + " UTC (" + scheduleExpression
                + ", EventBridge Scheduler -> Step Functions " + store + "-backup): a fresh snapshot exported to S3"
                + " and copied to bucket " + bucket + " under " + store + "/, SSE-KMS with key " + key + ", each copy"
                + " kept " + props.retentionDays() + " days (a deleted or expired copy " + props.retentionDays()
                + " more as a noncurrent version); " + lock + "; " + alarms + ". Recovery point: at most "
                + CronSchedule.words(longestGap()) + " from the backup (the schedule's longest gap)";
    }
}
