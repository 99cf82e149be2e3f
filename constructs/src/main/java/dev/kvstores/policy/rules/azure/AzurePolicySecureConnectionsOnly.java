package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * Azure Policy 22bee202-a82f-4305-9a2a-6d7f44d4dedb "Azure Cache for Redis should only allow secure connections":
 * {@code enableNonSslPort} must not be true ({@code non_ssl_port_enabled}, or the v3 {@code enable_non_ssl_port}).
 */
public final class AzurePolicySecureConnectionsOnly extends AzureRedisRule {
    @Override public String id() { return "22bee202-a82f-4305-9a2a-6d7f44d4dedb"; }
    @Override public String source() { return "Azure Policy built-in 22bee202-a82f-4305-9a2a-6d7f44d4dedb (Cache)"; }
    @Override public String description() { return "Microsoft.Cache/Redis enableNonSslPort is not true"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        boolean open = isTrue(resource.body(), "non_ssl_port_enabled") || isTrue(resource.body(), "enable_non_ssl_port");
        return Evaluation.check(!open, "the non-TLS port 6379 is enabled");
    }
}
