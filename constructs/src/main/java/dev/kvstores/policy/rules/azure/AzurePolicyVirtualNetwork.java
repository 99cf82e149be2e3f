package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * Azure Policy 7d092e0a-7acd-40d2-a975-dca21cae48c4 "... should reside within a virtual network": {@code subnetId}
 * exists (Premium VNet injection, {@code subnet_id}). kvstores uses private endpoints instead (the alternative
 * the private-link policy asks for), so stacks exempt this rule with that reason.
 */
public final class AzurePolicyVirtualNetwork extends AzureRedisRule {
    @Override public String id() { return "7d092e0a-7acd-40d2-a975-dca21cae48c4"; }
    @Override public String source() { return "Azure Policy built-in 7d092e0a-7acd-40d2-a975-dca21cae48c4 (Cache)"; }
    @Override public String description() { return "subnet_id is set (VNet injection)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        return Evaluation.check(text(resource.body(), "subnet_id") != null, "subnet_id is absent (not VNet-injected)");
    }
}
