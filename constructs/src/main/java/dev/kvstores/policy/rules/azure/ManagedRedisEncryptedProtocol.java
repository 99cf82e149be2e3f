package dev.kvstores.policy.rules.azure;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * KVS-AZURE-AMR-TLS: Managed Redis accepts TLS only ({@code default_database.client_protocol = "Encrypted"},
 * written explicitly; absent fails). The Managed Redis counterpart of CKV_AZURE_91/148, which cover classic only.
 */
public final class ManagedRedisEncryptedProtocol extends AzureRedisRule {
    @Override public String id() { return "KVS-AZURE-AMR-TLS"; }
    @Override public String source() { return "DESIGN.md (TLS in transit on both roles); Managed Redis client_protocol"; }
    @Override public String description() { return "default_database.client_protocol = \"Encrypted\""; }
    @Override public Set<String> resourceTypes() { return Set.of(MANAGED); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String protocol = text(block(resource.body(), "default_database"), "client_protocol");
        return Evaluation.check("Encrypted".equals(protocol), "default_database.client_protocol is " + protocol);
    }
}
