package dev.kvstores.policy.rules.gcp;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * AVD-GCP-0066: the bucket's default encryption is a customer-managed key ({@code encryption.default_kms_key_name}
 * set and not empty); absent fails. Re-implements trivy-checks
 * checks/cloud/google/storage/bucket_encryption_customer_key.rego. (Checkov has no such check for
 * {@code google_storage_bucket}; the ID this rule carried before, CKV_GCP_5, does not exist in Checkov's source.)
 */
public final class StorageBucketCustomerManagedKey extends StorageBucketRule {
    @Override public String id() { return "AVD-GCP-0066"; }
    @Override public String source() { return "Trivy trivy-checks checks/cloud/google/storage/bucket_encryption_customer_key.rego (AVD-GCP-0066)"; }
    @Override public String description() { return "google_storage_bucket.encryption.default_kms_key_name is set (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String key = block(resource.body(), "encryption").path("default_kms_key_name").asText("");
        return Evaluation.check(!key.isBlank(), "encryption.default_kms_key_name is absent: objects are encrypted"
                + " with a Google-managed key, not a customer-managed one");
    }
}
