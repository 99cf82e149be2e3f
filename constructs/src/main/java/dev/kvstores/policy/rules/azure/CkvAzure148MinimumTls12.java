package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/** CKV_AZURE_148: {@code minimum_tls_version} is "1.2"; absent fails. */
public final class CkvAzure148MinimumTls12 extends AzureRedisRule {
    @Override public String id() { return "CKV_AZURE_148"; }
    @Override public String source() { return "Checkov CKV_AZURE_148 (azurerm_redis_cache.minimum_tls_version)"; }
    @Override public String description() { return "minimum_tls_version = \"1.2\" (absent fails)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String tls = text(resource.body(), "minimum_tls_version");
        return Evaluation.check("1.2".equals(tls), "minimum_tls_version is " + (tls == null ? "absent" : "'" + tls + "'"));
    }
}
