package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * Azure Policy 09aa11bb-87ec-409f-bf0b-49b7c1561a87 (Redis Enterprise / Managed Redis): at-rest encryption with a
 * customer-managed key, {@code customer_managed_key} present.
 */
public final class AzurePolicyEnterpriseCustomerManagedKey extends AzureRedisRule {
    @Override public String id() { return "09aa11bb-87ec-409f-bf0b-49b7c1561a87"; }
    @Override public String source() { return "Azure Policy built-in 09aa11bb-87ec-409f-bf0b-49b7c1561a87 (Redis Enterprise)"; }
    @Override public String description() { return "customer_managed_key is set"; }
    @Override public Set<String> resourceTypes() { return Set.of(MANAGED); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        return Evaluation.check(text(block(resource.body(), "customer_managed_key"), "key_vault_key_id") != null,
                "customer_managed_key is absent (platform-managed keys)");
    }
}
