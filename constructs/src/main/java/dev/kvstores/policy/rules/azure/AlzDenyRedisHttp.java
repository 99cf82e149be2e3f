package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * Azure Landing Zones custom policy "Deny-Redis-http" (Enterprise-Scale): the non-TLS port is not enabled and
 * {@code minimumTlsVersion == "1.2"} (absent fails, as the policy's {@code notEquals} does).
 */
public final class AlzDenyRedisHttp extends AzureRedisRule {
    @Override public String id() { return "Deny-Redis-http"; }
    @Override public String source() { return "Azure/Enterprise-Scale custom policy Deny-Redis-http"; }
    @Override public String description() { return "non-TLS port off and minimum_tls_version = \"1.2\""; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        if (isTrue(resource.body(), "non_ssl_port_enabled") || isTrue(resource.body(), "enable_non_ssl_port")) {
            return Evaluation.nonCompliant("the non-TLS port is enabled");
        }
        String tls = text(resource.body(), "minimum_tls_version");
        return Evaluation.check("1.2".equals(tls), "minimum_tls_version is " + tls);
    }
}
