package dev.kvstores.policy.rules.gcp;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.SynthesizedResource;

/**
 * KVS-GCP-NETWORK: the instance names its VPC ({@code authorized_network}; absent means the project's
 * {@code default} network) and connects through private services access ({@code connect_mode}).
 */
public final class MemorystorePrivateAccess extends RedisInstanceRule {
    @Override public String id() { return "KVS-GCP-NETWORK"; }
    @Override public String source() { return "vendor guide, Security: \"Network: allowlist only SuprSend namespaces/VMs\"; DESIGN.md private networking"; }
    @Override public String description() { return "authorized_network is set and connect_mode is PRIVATE_SERVICE_ACCESS"; }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        String network = resource.text("authorized_network");
        if (network == null || network.isBlank()) {
            return Evaluation.nonCompliant("authorized_network is absent (the project's default network)");
        }
        String mode = resource.text("connect_mode");
        return Evaluation.check("PRIVATE_SERVICE_ACCESS".equals(mode), "connect_mode is "
                + (mode == null ? "absent (DIRECT_PEERING)" : mode) + "; use PRIVATE_SERVICE_ACCESS");
    }
}
