package dev.kvstores.aws;

import static dev.kvstores.aws.PolicyDocuments.array;
import static dev.kvstores.aws.PolicyDocuments.denyInsecureTransport;
import static dev.kvstores.aws.PolicyDocuments.policy;
import static dev.kvstores.aws.PolicyDocuments.statement;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.TerraformLocal;
import com.hashicorp.cdktf.providers.aws.data_aws_canonical_user_id.DataAwsCanonicalUserId;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAcl;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAclAccessControlPolicy;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAclAccessControlPolicyGrant;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAclAccessControlPolicyOwner;
import com.hashicorp.cdktf.providers.aws.s3_bucket_acl.S3BucketAclConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicy;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicyConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_public_access_block.S3BucketPublicAccessBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The bucket the service exports a {@link WorkerStateExport}'s snapshot into, before the copy to the archive. */
final class ExportBucket {

    private static final Map<String, String> CANONICAL_IDS = WorkerStateExport.ELASTICACHE_CANONICAL_IDS;

    private ExportBucket() {
    }

    /**
     * The export bucket of {@code source}'s store, created in {@code scope}: the service writes the export here
     * (SSE-S3: a restore reads only SSE-S3 objects), objects expire after a day, TLS only, the service principal
     * limited to this account's store; for ElastiCache also the bucket ACL of its canonical user.
     */
    static ExportBuckets.Bucket create(WorkerStateExport scope, WorkerStateExport.Source source,
                                       Map<String, String> tags,
                           String accountId, String partition, String region) {
        ExportBuckets buckets = new ExportBuckets(scope);
        String store = source.storeName();
        String arnPrefix = "arn:" + partition + ":";
        // Export bucket: written by the service, SSE-S3 (see the class comment), objects gone after a day.
        ExportBuckets.Bucket exportBucket = buckets.bucket("ExportBucket",
                store + "-" + accountId + "-" + region + "-exp", tags, false);
        buckets.ownership("ExportBucket", exportBucket, "BucketOwnerPreferred");
        buckets.encryption("ExportBucket", exportBucket, null);
        buckets.lifecycle("ExportBucket", exportBucket, "export-files-expire", "", 1, 1);
        String servicePrincipal = region + "." + (source.service() == ExportDefinition.Service.ELASTICACHE
                ? "elasticache-snapshot" : "memorydb-snapshot") + ".amazonaws.com";
        ObjectNode exportPolicy = policy();
        denyInsecureTransport(exportPolicy, exportBucket.arn());
        ObjectNode serviceWrites = statement(exportPolicy, "ServiceExportsSnapshots", "Allow");
        serviceWrites.putObject("Principal").put("Service", servicePrincipal);
        array(serviceWrites, "Action", WorkerStateExport.SERVICE_EXPORT_ACTIONS);
        array(serviceWrites, "Resource", List.of(exportBucket.arn(), exportBucket.arn() + "/*"));
        ServiceGrantConditions.ifSent(serviceWrites, accountId, arnPrefix + source.service().prefix + ":" + region
                + ":" + accountId + ":*");
        // A local, so that the policy document holds a plain reference (a function call's quotes would break its JSON).
        String canonical = source.service() != ExportDefinition.Service.ELASTICACHE ? null
                : new TerraformLocal(scope, "ElastiCacheCanonicalUser", Fn.lookup(new TreeMap<>(CANONICAL_IDS),
                        partition, CANONICAL_IDS.get("aws"))).getAsString();
        if (canonical != null) {
            ServiceGrantConditions.denyCanonicalUserForOtherAccounts(statement(exportPolicy,
                    "DenyElastiCacheAclGrantForOtherAccounts", "Deny"), canonical, accountId, exportBucket.arn());
        }
        S3BucketPolicy exportBucketPolicy = new S3BucketPolicy(scope, "ExportBucketPolicy",
                S3BucketPolicyConfig.builder().bucket(exportBucket.id()).policy(exportPolicy.toString()).build());
        S3BucketPublicAccessBlock exportBlock = buckets.publicAccessBlock("ExportBucket", exportBucket);
        exportBucketPolicy.getNode().addDependency(exportBlock);
        if (source.service() == ExportDefinition.Service.ELASTICACHE) {
            // Regions enabled by default: ElastiCache checks the bucket ACL (READ, WRITE, READ_ACP) of its
            // canonical user; the owner keeps FULL_CONTROL. Needs ACLs enabled (ownership above).
            String ownerId = new DataAwsCanonicalUserId(scope, "Owner").getId();
            List<S3BucketAclAccessControlPolicyGrant> grants = new ArrayList<>();
            grants.add(ExportBuckets.grant(ownerId, "FULL_CONTROL"));
            for (String permission : List.of("READ", "WRITE", "READ_ACP")) {
                grants.add(ExportBuckets.grant(canonical, permission));
            }
            S3BucketAcl acl = new S3BucketAcl(scope, "ExportBucketAcl", S3BucketAclConfig.builder()
                    .bucket(exportBucket.id())
                    .accessControlPolicy(S3BucketAclAccessControlPolicy.builder()
                            .owner(S3BucketAclAccessControlPolicyOwner.builder().id(ownerId).build())
                            .grant(grants).build())
                    .build());
            acl.getNode().addDependency(scope.getNode().findChild("ExportBucketOwnership"));
        }
        return exportBucket;
    }
}
