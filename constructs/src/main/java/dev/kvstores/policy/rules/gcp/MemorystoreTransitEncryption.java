package dev.kvstores.policy.rules.gcp;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV_GCP_97: {@code google_redis_instance.transit_encryption_mode} is {@code SERVER_AUTHENTICATION}; absent
 * fails (the provider's default is DISABLED). Re-implements
 * checkov/terraform/checks/resource/gcp/MemorystoreForRedisInTransitEncryption.py.
 */
public final class MemorystoreTransitEncryption extends RedisInstanceRule {
    @Override public String id() { return "CKV_GCP_97"; }
    @Override public String source() { return "Checkov CKV_GCP_97 (checkov/terraform/checks/resource/gcp/MemorystoreForRedisInTransitEncryption.py)"; }
    @Override public String description() { return "google_redis_instance.transit_encryption_mode is SERVER_AUTHENTICATION (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String mode = resource.text("transit_encryption_mode");
        if (mode == null) {
            return Evaluation.nonCompliant("transit_encryption_mode is absent (the provider's default is DISABLED)");
        }
        return Evaluation.check("SERVER_AUTHENTICATION".equals(mode), "transit_encryption_mode is " + mode);
    }
}
