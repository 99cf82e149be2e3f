package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * Azure Policy 470baccb-7e51-4549-8b1a-3e5be069f663 "... should disable public network access":
 * {@code publicNetworkAccess == "Disabled"}. Classic: {@code public_network_access_enabled = false}; also applied
 * to Managed Redis's {@code public_network_access = "Disabled"} (same API property). Absent fails on both (the
 * provider defaults enable public access).
 */
public final class AzurePolicyPublicNetworkAccessDisabled extends AzureRedisRule {
    @Override public String id() { return "470baccb-7e51-4549-8b1a-3e5be069f663"; }
    @Override public String source() { return "Azure Policy built-in 470baccb-7e51-4549-8b1a-3e5be069f663 (Cache); applied to azurerm_managed_redis too"; }
    @Override public String description() { return "publicNetworkAccess is Disabled (absent fails)"; }
    @Override public Set<String> resourceTypes() { return Set.of(CLASSIC, MANAGED); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        if (MANAGED.equals(resource.type())) {
            String access = text(resource.body(), "public_network_access");
            return Evaluation.check("Disabled".equals(access), "public_network_access is " + access);
        }
        return Evaluation.check(isFalse(resource.body(), "public_network_access_enabled"),
                "public_network_access_enabled is " + text(resource.body(), "public_network_access_enabled"));
    }
}
