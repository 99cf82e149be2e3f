package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** CKV_AZURE_230: {@code sku_name} is Standard or Premium (Basic has no replica). */
public final class CkvAzure230StandardOrPremiumSku extends AzureRedisRule {
    @Override public String id() { return "CKV_AZURE_230"; }
    @Override public String source() { return "Checkov CKV_AZURE_230 (azurerm_redis_cache.sku_name)"; }
    @Override public String description() { return "sku_name is Standard or Premium"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String sku = text(resource.body(), "sku_name");
        return Evaluation.check(Set.of("Standard", "Premium").contains(sku), "sku_name is " + sku);
    }
}
