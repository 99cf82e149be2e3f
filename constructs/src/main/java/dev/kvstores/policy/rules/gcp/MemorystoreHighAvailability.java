package dev.kvstores.policy.rules.gcp;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * KVS-GCP-HA: in production, tier {@code STANDARD_HA} (absent means the provider's default BASIC: fails), and
 * when both zones are given, {@code alternative_location_id} differs from {@code location_id}. Not applicable
 * to development stacks, which may relax high availability with a written reason.
 */
public final class MemorystoreHighAvailability extends RedisInstanceRule {
    @Override public String id() { return "KVS-GCP-HA"; }
    @Override public String source() { return "vendor guide, High Availability: \"Managed: choose Multi-AZ, automatic failover\""; }
    @Override public String description() { return "production instances use tier STANDARD_HA with the replica in another zone"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        if (!context.production()) {
            return Evaluation.notApplicable();
        }
        String tier = resource.text("tier");
        if (!"STANDARD_HA".equals(tier)) {
            return Evaluation.nonCompliant("tier is " + (tier == null ? "absent (BASIC)" : tier)
                    + "; production needs STANDARD_HA");
        }
        String primary = resource.text("location_id");
        String alternative = resource.text("alternative_location_id");
        return Evaluation.check(primary == null || !primary.equals(alternative),
                "alternative_location_id equals location_id (" + primary + ")");
    }
}
