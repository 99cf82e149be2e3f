package dev.kvstores.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.policy.Evaluation;
import dev.kvstores.policy.PolicyContext;
import dev.kvstores.policy.PolicyRule;
import dev.kvstores.policy.SynthesizedResource;
import java.util.Set;

/**
 * Trivy KUBE-0001: a NetworkPolicy has no {@code spec.ingress.from.ip_block.cidr} admitting all addresses
 * (trivy-checks checks/cloud/kubernetes/network/no_public_ingress.rego: a source CIDR of prefix length 0); stricter than Trivy, no ingress rule without
 * {@code from} either (Kubernetes reads a missing or empty {@code from} as every source, on the rule's ports).
 */
public final class NetworkPolicyIngressNotOpen implements PolicyRule {
    @Override public String id() { return "KUBE-0001"; }
    @Override public String source() { return "Trivy KUBE-0001 (trivy-checks checks/cloud/kubernetes/network/no_public_ingress.rego), stricter: no rule without from"; }
    @Override public String description() { return "no ingress rule without 'from', no ip_block with 0.0.0.0/0 or ::/0"; }
    @Override public Set<String> resourceTypes() { return Set.of("kubernetes_network_policy", "kubernetes_network_policy_v1"); }

    @Override
    public Evaluation evaluate(SynthesizedResource resource, PolicyContext context) {
        JsonNode spec = KubernetesRule.block(resource.body(), "spec");
        for (JsonNode rule : KubernetesRule.blocks(spec, "ingress")) {
            if (KubernetesRule.blocks(rule, "from").isEmpty()) {
                return Evaluation.nonCompliant("an ingress rule has no 'from' (ports " + rule.path("ports")
                        + "): it admits every pod and address");
            }
        }
        return check(resource, "ingress", "from");
    }

    static Evaluation check(SynthesizedResource resource, String direction, String peers) {
        JsonNode spec = KubernetesRule.block(resource.body(), "spec");
        for (JsonNode rule : KubernetesRule.blocks(spec, direction)) {
            for (JsonNode peer : KubernetesRule.blocks(rule, peers)) {
                JsonNode cidr = KubernetesRule.block(peer, "ip_block").path("cidr");
                if (isOpenCidr(cidr.isMissingNode() ? null : cidr.asText())) {
                    return Evaluation.nonCompliant(direction + " admits " + cidr.asText());
                }
            }
        }
        return Evaluation.compliant();
    }

    /** A CIDR with prefix length 0 (any spelling: 0.0.0.0/0, ::/0, 10.0.0.0/0): Trivy's cidr_allows_all_ips. */
    static boolean isOpenCidr(Object cidr) {
        return cidr != null && cidr.toString().strip().matches("[0-9A-Fa-f.:]+/0+");
    }
}
