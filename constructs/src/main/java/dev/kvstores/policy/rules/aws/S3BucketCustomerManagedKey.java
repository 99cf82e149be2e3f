package dev.kvstores.policy.rules.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;
import java.util.Set;

/**
 * KVS-AWS-S3-CMK: an S3 bucket's default encryption is SSE-KMS (or DSSE-KMS) with a key named in
 * {@code kms_master_key_id} (a customer-managed key). The project counterpart of Checkov CKV_AWS_145
 * ({@code checkov/terraform/checks/resource/aws/S3KMSEncryptedByDefault.py}) for the backup buckets: worker-state
 * backups are encrypted with a customer key (design brief).
 */
public final class S3BucketCustomerManagedKey implements StackRule {
    @Override public String id() { return "KVS-AWS-S3-CMK"; }
    @Override public String source() { return "design brief: worker-state backups encrypted with a customer key (counterpart of Checkov CKV_AWS_145)"; }
    @Override public String description() { return "S3 bucket encrypts by default with SSE-KMS and a customer-managed key (kms_master_key_id)"; }
    @Override public Set<String> resourceTypes() { return Set.of(S3Buckets.BUCKET); }

    @Override
    public Evaluation evaluate(SynthesizedResource bucket, PolicyContext context, List<SynthesizedResource> stack) {
        List<SynthesizedResource> configs = S3Buckets.companions(bucket,
                "aws_s3_bucket_server_side_encryption_configuration", stack);
        if (configs.isEmpty()) {
            return Evaluation.nonCompliant(bucket.address() + " has no aws_s3_bucket_server_side_encryption_configuration"
                    + " (S3 then uses SSE-S3, an AWS-owned key)");
        }
        for (SynthesizedResource config : configs) {
            for (JsonNode rule : S3Buckets.blocks(config.body(), "rule")) {
                JsonNode byDefault = SynthesizedResource.block(rule, "apply_server_side_encryption_by_default");
                String algorithm = byDefault.path("sse_algorithm").asText("");
                if (algorithm.startsWith("aws:kms") && !byDefault.path("kms_master_key_id").asText("").isBlank()) {
                    return Evaluation.compliant();
                }
            }
        }
        return Evaluation.nonCompliant(bucket.address() + " encrypts by default without a customer-managed KMS key"
                + " (sse_algorithm aws:kms with kms_master_key_id)");
    }
}
