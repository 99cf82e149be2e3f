package dev.kvstores.policy.rules.gcp;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV_GCP_78: the bucket keeps object versions ({@code versioning.enabled} true); absent fails. Re-implements
 * checkov/terraform/checks/resource/gcp/CloudStorageVersioningEnabled.py.
 */
public final class StorageBucketVersioning extends StorageBucketRule {
    @Override public String id() { return "CKV_GCP_78"; }
    @Override public String source() { return "Checkov CKV_GCP_78 (checkov/terraform/checks/resource/gcp/CloudStorageVersioningEnabled.py)"; }
    @Override public String description() { return "google_storage_bucket.versioning.enabled is true (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        return Evaluation.check(isTrue(block(resource.body(), "versioning").path("enabled")),
                "versioning.enabled is not true: a deleted or overwritten backup is gone at once");
    }
}
