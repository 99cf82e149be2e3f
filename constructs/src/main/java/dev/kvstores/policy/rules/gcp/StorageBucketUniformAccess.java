package dev.kvstores.policy.rules.gcp;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV_GCP_29 / Trivy AVD-GCP-0002: {@code uniform_bucket_level_access} is true (IAM only, no object ACLs); absent
 * fails. Re-implements checkov/terraform/checks/resource/gcp/GoogleStorageBucketUniformAccess.py and trivy-checks
 * enable-ubla.
 */
public final class StorageBucketUniformAccess extends StorageBucketRule {
    @Override public String id() { return "CKV_GCP_29"; }
    @Override public String source() { return "Checkov CKV_GCP_29 (checkov/terraform/checks/resource/gcp/GoogleStorageBucketUniformAccess.py), Trivy AVD-GCP-0002 (enable-ubla)"; }
    @Override public String description() { return "google_storage_bucket.uniform_bucket_level_access is true (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        return Evaluation.check(isTrue(resource.body().path("uniform_bucket_level_access")),
                "uniform_bucket_level_access is not true: object ACLs can grant access past the bucket's IAM policy");
    }
}
