package dev.kvstores.policy.rules;

import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * Trivy KUBE-0002: a NetworkPolicy has no {@code spec.egress.to.ip_block.cidr} of prefix length 0 (trivy-checks
 * checks/cloud/kubernetes/network/no_public_egress.rego). An egress rule without {@code to} is not its concern (as in
 * Trivy); the rendered-object and egress rules of the charts check that.
 */
public final class NetworkPolicyEgressNotOpen implements PolicyRule {
    @Override public String id() { return "KUBE-0002"; }
    @Override public String source() { return "Trivy KUBE-0002 (trivy-checks checks/cloud/kubernetes/network/no_public_egress.rego)"; }
    @Override public String description() { return "no egress ip_block of prefix length 0 (0.0.0.0/0, ::/0)"; }
    @Override public Set<String> resourceTypes() { return Set.of("kubernetes_network_policy", "kubernetes_network_policy_v1"); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        return NetworkPolicyIngressNotOpen.check(resource, "egress", "to");
    }
}
