package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;
import java.util.Set;

/**
 * KVS-AWS-S3-PUBLIC-ACCESS-BLOCK: an S3 bucket has an {@code aws_s3_bucket_public_access_block} with all four
 * settings true ({@code block_public_acls}, {@code block_public_policy}, {@code ignore_public_acls},
 * {@code restrict_public_buckets}). Re-implemented from Checkov CKV2_AWS_6
 * ({@code checkov/terraform/checks/graph_checks/aws/S3BucketHasPublicAccessBlock.yaml}), which also asks for all
 * four.
 */
public final class S3BucketPublicAccessBlock implements StackRule {
    static final List<String> SETTINGS = List.of("block_public_acls", "block_public_policy", "ignore_public_acls",
            "restrict_public_buckets");

    @Override public String id() { return "KVS-AWS-S3-PUBLIC-ACCESS-BLOCK"; }
    @Override public String source() { return "Checkov CKV2_AWS_6 (S3BucketHasPublicAccessBlock.yaml), re-implemented"; }
    @Override public String description() { return "S3 bucket has a public access block with all four settings true"; }
    @Override public Set<String> resourceTypes() { return Set.of(S3Buckets.BUCKET); }

    @Override
    public Evaluation evaluate(SynthesizedResource bucket, PolicyContext context, List<SynthesizedResource> stack) {
        List<SynthesizedResource> blocks = S3Buckets.companions(bucket, "aws_s3_bucket_public_access_block", stack);
        if (blocks.isEmpty()) {
            return Evaluation.nonCompliant(bucket.address() + " has no aws_s3_bucket_public_access_block");
        }
        for (SynthesizedResource block : blocks) {
            List<String> off = SETTINGS.stream().filter(s -> !AwsRule.isTrue(block, s)).toList();
            if (off.isEmpty()) {
                return Evaluation.compliant();
            }
            return Evaluation.nonCompliant(block.address() + " does not set " + String.join(", ", off) + " to true");
        }
        return Evaluation.nonCompliant(bucket.address() + " has no aws_s3_bucket_public_access_block");
    }
}
