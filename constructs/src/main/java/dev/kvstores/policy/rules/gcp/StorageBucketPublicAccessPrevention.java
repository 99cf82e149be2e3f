package dev.kvstores.policy.rules.gcp;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV_GCP_114: {@code public_access_prevention} is {@code enforced}; absent fails (the provider's default,
 * {@code inherited}, allows public grants unless the organization forbids them). Re-implements
 * checkov/terraform/checks/resource/gcp/GoogleStoragePublicAccessPrevention.py.
 */
public final class StorageBucketPublicAccessPrevention extends StorageBucketRule {
    @Override public String id() { return "CKV_GCP_114"; }
    @Override public String source() { return "Checkov CKV_GCP_114 (checkov/terraform/checks/resource/gcp/GoogleStoragePublicAccessPrevention.py)"; }
    @Override public String description() { return "google_storage_bucket.public_access_prevention is \"enforced\" (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String value = resource.text("public_access_prevention");
        return Evaluation.check("enforced".equals(value), "public_access_prevention is "
                + (value == null ? "absent (inherited from the organization)" : "'" + value + "'")
                + ", not 'enforced'");
    }
}
