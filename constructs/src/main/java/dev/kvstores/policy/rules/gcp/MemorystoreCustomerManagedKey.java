package dev.kvstores.policy.rules.gcp;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.regex.Pattern;

/**
 * KVS-GCP-CMEK: data at rest is encrypted with a customer-managed KMS key ({@code customer_managed_key}).
 * Production stacks must set it (the GCP equivalent of Checkov CKV_AWS_191, which has no GCP check); where a key
 * is configured, in any stack, it must be a KMS key name or a Terraform reference to one.
 */
public final class MemorystoreCustomerManagedKey extends RedisInstanceRule {
    private static final Pattern KEY = Pattern.compile(
            "projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+|.*\\$\\{.*");

    @Override public String id() { return "KVS-GCP-CMEK"; }
    @Override public String source() { return "project rule: provider schema google_redis_instance.customer_managed_key (policy-rules.md, GCP equivalents)"; }
    @Override public String description() { return "customer_managed_key is a KMS key; required in production"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String key = resource.text("customer_managed_key");
        if (key == null || key.isBlank()) {
            return context.production()
                    ? Evaluation.nonCompliant("customer_managed_key is absent (Google-managed key); production"
                            + " stores need a CMEK")
                    : Evaluation.notApplicable();
        }
        return Evaluation.check(KEY.matcher(key).matches(), "customer_managed_key '" + key
                + "' is not projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>");
    }
}
