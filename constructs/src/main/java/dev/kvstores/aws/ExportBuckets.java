package dev.kvstores.aws;

import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3BucketConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAclAccessControlPolicyGrant;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAclAccessControlPolicyGrantGrantee;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleFilter;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControls;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControlsConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControlsRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_public_access_block.S3BucketPublicAccessBlock;
import com.hashicorp.cdktf.providers.aws.s3_bucket_public_access_block.S3BucketPublicAccessBlockConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationAConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningAConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningVersioningConfiguration;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The S3 parts of a {@link WorkerStateExport}'s buckets, created in the export's scope: versioned bucket, ownership
 * controls, default encryption, lifecycle rule, public access block and ACL grants.
 */
final class ExportBuckets {

    private final Construct scope;

    ExportBuckets(Construct scope) {
        this.scope = scope;
    }

    /**
     * A bucket with the references its parts use, each read once (every read of a resource's attribute is a round
     * trip to the jsii kernel).
     *
     * @param resource the {@code aws_s3_bucket}
     * @param id       its {@code id} (the bucket name, as the parts' {@code bucket} takes it)
     * @param arn      its {@code arn}
     */
    record Bucket(S3Bucket resource, String id, String arn) {
        static Bucket of(S3Bucket resource) {
            return new Bucket(resource, resource.getId(), resource.getArn());
        }
    }

    /** A versioned bucket {@code id} ({@code objectLock}: with Object Lock enabled), never force-destroyed. */
    Bucket bucket(String id, String name, Map<String, String> tags, boolean objectLock) {
        S3BucketConfig.Builder config = S3BucketConfig.builder().bucket(name).forceDestroy(false).tags(tags);
        if (objectLock) {
            config.objectLockEnabled(true);
        }
        Bucket bucket = Bucket.of(new S3Bucket(scope, id, config.build()));
        new S3BucketVersioningA(scope, id + "Versioning", S3BucketVersioningAConfig.builder()
                .bucket(bucket.id())
                .versioningConfiguration(S3BucketVersioningVersioningConfiguration.builder().status("Enabled").build())
                .build());
        return bucket;
    }

    /** Its ownership controls ({@code <id>Ownership}). */
    void ownership(String id, Bucket bucket, String objectOwnership) {
        new S3BucketOwnershipControls(scope, id + "Ownership", S3BucketOwnershipControlsConfig.builder()
                .bucket(bucket.id())
                .rule(S3BucketOwnershipControlsRule.builder().objectOwnership(objectOwnership).build())
                .build());
    }

    /** SSE-KMS with the key and a bucket key, or SSE-S3 when {@code kmsKeyArn} is null. */
    void encryption(String id, Bucket bucket, String kmsKeyArn) {
        var byDefault = S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA.builder();
        if (kmsKeyArn == null) {
            byDefault.sseAlgorithm("AES256");
        } else {
            byDefault.sseAlgorithm("aws:kms").kmsMasterKeyId(kmsKeyArn);
        }
        new S3BucketServerSideEncryptionConfigurationA(scope, id + "Encryption",
                S3BucketServerSideEncryptionConfigurationAConfig.builder()
                        .bucket(bucket.id())
                        .rule(List.of(S3BucketServerSideEncryptionConfigurationRuleA.builder()
                                .applyServerSideEncryptionByDefault(byDefault.build())
                                .bucketKeyEnabled(kmsKeyArn != null)
                                .build()))
                        .build());
    }

    /** One lifecycle rule ({@code <id>Lifecycle}): expiry, noncurrent expiry, aborted uploads after a day. */
    void lifecycle(String id, Bucket bucket, String ruleId, String prefix, int days, int noncurrentDays) {
        new S3BucketLifecycleConfiguration(scope, id + "Lifecycle", S3BucketLifecycleConfigurationConfig.builder()
                .bucket(bucket.id())
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

    /** All four public access blocks ({@code <id>PublicAccessBlock}). */
    S3BucketPublicAccessBlock publicAccessBlock(String id, Bucket bucket) {
        return new S3BucketPublicAccessBlock(scope, id + "PublicAccessBlock", S3BucketPublicAccessBlockConfig.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true).blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true)
                .build());
    }

    /** An ACL grant of {@code permission} to a canonical user. */
    static S3BucketAclAccessControlPolicyGrant grant(String canonicalId, String permission) {
        return S3BucketAclAccessControlPolicyGrant.builder().permission(permission)
                .grantee(S3BucketAclAccessControlPolicyGrantGrantee.builder().type("CanonicalUser").id(canonicalId)
                        .build())
                .build();
    }
}
