package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/** CKV_AZURE_89: {@code public_network_access_enabled} is false; absent fails (the provider default is true). */
public final class CkvAzure89PublicNetworkAccessDisabled extends AzureRedisRule {
    @Override public String id() { return "CKV_AZURE_89"; }
    @Override public String source() { return "Checkov CKV_AZURE_89 (azurerm_redis_cache.public_network_access_enabled)"; }
    @Override public String description() { return "public_network_access_enabled = false (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        return Evaluation.check(isFalse(resource.body(), "public_network_access_enabled"),
                "public_network_access_enabled is " + text(resource.body(), "public_network_access_enabled"));
    }
}
