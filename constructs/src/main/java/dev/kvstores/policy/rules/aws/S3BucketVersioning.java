package dev.kvstores.policy.rules.aws;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.StackRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.List;
import java.util.Set;

/**
 * KVS-AWS-S3-VERSIONING: an S3 bucket has an {@code aws_s3_bucket_versioning} with status {@code Enabled}, so an
 * overwritten or deleted backup stays recoverable. Re-implemented from Checkov CKV_AWS_21
 * ({@code checkov/terraform/checks/resource/aws/S3Versioning.py}), for the split versioning resource.
 */
public final class S3BucketVersioning implements StackRule {
    @Override public String id() { return "KVS-AWS-S3-VERSIONING"; }
    @Override public String source() { return "Checkov CKV_AWS_21 (S3Versioning.py), re-implemented for aws_s3_bucket_versioning"; }
    @Override public String description() { return "S3 bucket has versioning Enabled"; }
    @Override public Set<String> resourceTypes() { return Set.of(S3Buckets.BUCKET); }

    @Override
    public Evaluation evaluate(SynthesizedResource bucket, PolicyContext context, List<SynthesizedResource> stack) {
        for (SynthesizedResource v : S3Buckets.companions(bucket, "aws_s3_bucket_versioning", stack)) {
            if ("Enabled".equals(SynthesizedResource.block(v.body(), "versioning_configuration").path("status")
                    .asText())) {
                return Evaluation.compliant();
            }
        }
        return Evaluation.nonCompliant(bucket.address() + " has no aws_s3_bucket_versioning with status Enabled");
    }
}
