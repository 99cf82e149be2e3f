package dev.kvstores.policy.rules.gcp;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV_GCP_5 / Trivy AVD-GCP-0066: the bucket's default encryption is a customer-managed key
 * ({@code encryption.default_kms_key_name} set); absent fails. Re-implements
 * checkov/terraform/checks/resource/gcp/GoogleStorageBucketEncryption.py and trivy-checks
 * checks/cloud/google/storage/bucket_encryption_customer_key.rego.
 */
public final class StorageBucketCustomerManagedKey extends StorageBucketRule {
    @Override public String id() { return "CKV_GCP_5"; }
    @Override public String source() { return "Checkov CKV_GCP_5 (checkov/terraform/checks/resource/gcp/GoogleStorageBucketEncryption.py), Trivy AVD-GCP-0066 (bucket-encryption-customer-key)"; }
    @Override public String description() { return "google_storage_bucket.encryption.default_kms_key_name is set (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String key = block(resource.body(), "encryption").path("default_kms_key_name").asText("");
        return Evaluation.check(!key.isBlank(), "encryption.default_kms_key_name is absent: objects are encrypted"
                + " with a Google-managed key, not a customer-managed one");
    }
}
