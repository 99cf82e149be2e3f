package dev.kvstores.policy.rules.gcp;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV_GCP_95: {@code google_redis_instance.auth_enabled} is true; absent fails (the provider's default is false).
 * Re-implements checkov/terraform/checks/resource/gcp/MemorystoreForRedisAuthEnabled.py.
 */
public final class MemorystoreAuthEnabled extends RedisInstanceRule {
    @Override public String id() { return "CKV_GCP_95"; }
    @Override public String source() { return "Checkov CKV_GCP_95 (checkov/terraform/checks/resource/gcp/MemorystoreForRedisAuthEnabled.py)"; }
    @Override public String description() { return "google_redis_instance.auth_enabled is true (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        if (!resource.body().has("auth_enabled")) {
            return Evaluation.nonCompliant("auth_enabled is absent (the provider's default is false)");
        }
        return Evaluation.check(isTrue(resource.body().path("auth_enabled")),
                "auth_enabled is " + resource.text("auth_enabled"));
    }
}
