package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/** Trivy KUBE-0002: a NetworkPolicy has no {@code spec.egress.to.ip_block.cidr} admitting all addresses. */
public final class NetworkPolicyEgressNotOpen implements PolicyRule {
    @Override public String id() { return "KUBE-0002"; }
    @Override public String source() { return "Trivy KUBE-0002 (no public egress)"; }
    @Override public String description() { return "no egress ip_block with 0.0.0.0/0 or ::/0"; }
    @Override public Set<String> resourceTypes() { return Set.of("kubernetes_network_policy", "kubernetes_network_policy_v1"); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        return NetworkPolicyIngressNotOpen.check(resource, "egress", "to");
    }
}
