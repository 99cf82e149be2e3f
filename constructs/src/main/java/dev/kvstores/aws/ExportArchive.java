package dev.kvstores.aws;

import static dev.kvstores.aws.PolicyDocuments.denyInsecureTransport;
import static dev.kvstores.aws.PolicyDocuments.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.providers.aws.kms_alias.KmsAlias;
import com.hashicorp.cdktf.providers.aws.kms_alias.KmsAliasConfig;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKeyConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_object_lock_configuration.S3BucketObjectLockConfigurationA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_object_lock_configuration.S3BucketObjectLockConfigurationAConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_object_lock_configuration.S3BucketObjectLockConfigurationRuleA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_object_lock_configuration.S3BucketObjectLockConfigurationRuleDefaultRetentionA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicy;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicyConfig;
import java.util.Map;

/** Where a {@link WorkerStateExport} keeps its copies: the archive bucket and its customer-managed key. */
final class ExportArchive {

    private final String bucketName;
    private final String bucketArn;
    private final String keyArn;

    private ExportArchive(String bucketName, String bucketArn, String keyArn) {
        this.bucketName = bucketName;
        this.bucketArn = bucketArn;
        this.keyArn = keyArn;
    }

    /**
     * The archive of {@code store}'s copies, created in {@code scope}: the given key or a created one (rotation,
     * alias), the given bucket or a created one (Object Lock, SSE-KMS with a bucket key, lifecycle at the
     * retention, TLS only, public access blocked).
     */
    static ExportArchive create(WorkerStateExport scope, WorkerStateExportProps props, String store,
                                Map<String, String> tags, String accountId, String region, String arnPrefix) {
        ExportBuckets buckets = new ExportBuckets(scope);
        String keyArn;
        String bucketName;
        String bucketArn;
        if (props.kmsKeyArn() != null) {
            keyArn = props.kmsKeyArn();
        } else {
            String keyPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AccountAdministration\","
                    + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + arnPrefix + "iam::" + accountId + ":root\"},"
                    + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
            KmsKey key = new KmsKey(scope, "ArchiveKey", KmsKeyConfig.builder()
                    .description("kvstores " + store + ": worker state backups in S3")
                    .enableKeyRotation(true)
                    .deletionWindowInDays(30)
                    .policy(keyPolicy)
                    .tags(tags)
                    .build());
            new KmsAlias(scope, "ArchiveKeyAlias", KmsAliasConfig.builder()
                    .name(WorkerStateExport.keyAlias(store)).targetKeyId(key.getKeyId()).build());
            keyArn = key.getArn();
        }
        if (props.bucketName() != null) {
            bucketName = props.bucketName();
            bucketArn = arnPrefix + "s3:::" + props.bucketName();
        } else {
            ExportBuckets.Bucket archive = buckets.bucket("ArchiveBucket",
                    store + "-" + accountId + "-" + region + "-bak", tags, true);
            new S3BucketObjectLockConfigurationA(scope, "ArchiveBucketObjectLock",
                    S3BucketObjectLockConfigurationAConfig.builder()
                            .bucket(archive.id())
                            .rule(S3BucketObjectLockConfigurationRuleA.builder()
                                    .defaultRetention(S3BucketObjectLockConfigurationRuleDefaultRetentionA.builder()
                                            .mode(props.objectLockMode().name()).days(props.objectLockDays()).build())
                                    .build())
                            .build());
            buckets.ownership("ArchiveBucket", archive, "BucketOwnerEnforced");
            buckets.encryption("ArchiveBucket", archive, keyArn);
            buckets.lifecycle("ArchiveBucket", archive, "backups-expire", store + "/", props.retentionDays(),
                    props.retentionDays());
            ObjectNode archivePolicy = policy();
            denyInsecureTransport(archivePolicy, archive.arn());
            S3BucketPolicy archiveBucketPolicy = new S3BucketPolicy(scope, "ArchiveBucketPolicy",
                    S3BucketPolicyConfig.builder().bucket(archive.id()).policy(archivePolicy.toString()).build());
            archiveBucketPolicy.getNode().addDependency(buckets.publicAccessBlock("ArchiveBucket", archive));
            bucketName = archive.resource().getBucket();
            bucketArn = archive.arn();
        }
        return new ExportArchive(bucketName, bucketArn, keyArn);
    }

    /** Name of the archive bucket (a reference when created, else the given name). */
    String bucketName() {
        return bucketName;
    }

    /** ARN of the archive bucket. */
    String bucketArn() {
        return bucketArn;
    }

    /** ARN of the archive key (a reference when created, else the given ARN). */
    String keyArn() {
        return keyArn;
    }
}
