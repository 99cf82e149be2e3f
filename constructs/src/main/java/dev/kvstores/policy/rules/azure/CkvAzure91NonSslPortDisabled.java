package dev.kvstores.policy.rules.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * CKV_AZURE_91: the non-TLS port is off. Checkov reads only {@code enable_non_ssl_port} (absent passes); azurerm
 * v4 renamed it {@code non_ssl_port_enabled}, which Checkov never reads, so this rule fails on either set to true.
 */
public final class CkvAzure91NonSslPortDisabled extends AzureRedisRule {
    @Override public String id() { return "CKV_AZURE_91"; }
    @Override public String source() { return "Checkov CKV_AZURE_91 (azurerm_redis_cache.enable_non_ssl_port), plus the azurerm v4 name non_ssl_port_enabled"; }
    @Override public String description() { return "enable_non_ssl_port / non_ssl_port_enabled is not true (absent passes)"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        JsonNode body = resource.body();
        if (isTrue(body, "enable_non_ssl_port")) {
            return Evaluation.nonCompliant("enable_non_ssl_port is true");
        }
        return Evaluation.check(!isTrue(body, "non_ssl_port_enabled"), "non_ssl_port_enabled is true");
    }
}
